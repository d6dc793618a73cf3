"""A small HTML table reader for tests (stdlib only): caption, headers, cell texts and links."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    #: (cell text, href) for every <a> in the body.
    links: list[tuple[str, str]] = field(default_factory=list)
    #: Row header cells (<th scope="row">) in body order.
    row_headers: list[str] = field(default_factory=list)

    def column(self, header: str) -> list[str]:
        index = self.headers.index(header)
        return [row[index] for row in self.rows]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._where = ""
        self._cell: list[str] | None = None
        self._href: str | None = None
        self._link_text: list[str] = []
        self._in_caption = False
        self._row: list[str] | None = None
        self._row_header = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append(Table())
        elif tag in ("thead", "tbody"):
            self._where = tag
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td"):
            self._cell = []
            self._row_header = tag == "th" and a.get("scope") == "row"
        elif tag == "a":
            self._href = a.get("href") or ""
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        table = self.tables[-1] if self.tables else None
        if tag == "caption":
            self._in_caption = False
        elif tag in ("th", "td") and self._cell is not None and table is not None:
            text = "".join(self._cell).strip()
            if self._where == "thead":
                table.headers.append(text)
            elif self._row is not None:
                self._row.append(text)
                if self._row_header:
                    table.row_headers.append(text)
            self._cell = None
        elif tag == "tr" and table is not None and self._row is not None:
            if self._where == "tbody":
                table.rows.append(self._row)
            self._row = None
        elif tag == "a" and table is not None and self._href is not None:
            table.links.append(("".join(self._link_text).strip(), self._href))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._in_caption and self.tables:
            self.tables[-1].caption += data
        if self._cell is not None:
            self._cell.append(data)
        if self._href is not None:
            self._link_text.append(data)


def read_tables(html: str) -> list[Table]:
    """All tables in `html`."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.tables
