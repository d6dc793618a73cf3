"""The loader: dialects German Excel writes, normalisation, and one test per validation rule."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from equality_map import schema as s
from equality_map.load import detect_delimiter, load_facilities, parse_number

TODAY = date(2026, 11, 23)
HEADER = "id;name;category;street;postcode;city;state;lat;lon;website;email;capacity;last_verified"
GOOD = "a1;Frauenbüro Göttingen;equality_office;Hiroshimaplatz 1;37083;Göttingen;NI;51,53;9,93;https://goettingen.de;info@goettingen.de;;01.02.2026"


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load(tmp_path: Path, *rows: str, header: str = HEADER, encoding: str = "utf-8"):
    return load_facilities(
        write(tmp_path, "\n".join([header, *rows]) + "\n", encoding), today=TODAY
    )


# --- dialects ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("cp1252", b""),
        ("latin-1", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
    ],
)
@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_excel_dialects_keep_umlauts(tmp_path: Path, encoding: str, prefix: bytes, sep: str):
    text = (
        sep.join(["Name", "Kategorie", "Straße", "PLZ", "Stadt", "Bundesland", "Breitengrad"])
        + sep
        + "Längengrad\r\n"
        + sep.join(
            [
                "Gleichstellungsbüro Göttingen",
                "Gleichstellungsstelle",
                "Hiroshimaplatz 1-4",
                "37083",
                "Göttingen",
                "Niedersachsen",
                '"51,5328"' if sep == "," else "51,5328",
            ]
        )
        + sep
        + ('"9,9352"' if sep == "," else "9,9352")
        + "\r\n\r\n"
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(prefix + text.encode(encoding))
    result = load_facilities(path, today=TODAY)
    assert result.errors == []
    row = result.frame.iloc[0]
    assert row[s.NAME] == "Gleichstellungsbüro Göttingen"
    assert row[s.STREET] == "Hiroshimaplatz 1-4"
    assert row[s.CITY] == "Göttingen"
    assert row[s.CATEGORY] == "equality_office"
    assert row[s.STATE] == "NI"
    assert row[s.LAT] == pytest.approx(51.5328)
    assert row[s.LON] == pytest.approx(9.9352)
    assert result.frame.index[0] == 2


def test_windows_1252_only_characters_come_out_right(tmp_path: Path):
    # „“ and – exist in cp1252 but not in latin-1: a wrong guess would garble them.
    result = load(
        tmp_path,
        "x;„Straße“ – Frauenhaus Köln;Frauenhaus;;;Köln;;;;;;;",
        encoding="cp1252",
    )
    assert result.frame.iloc[0][s.NAME] == "„Straße“ – Frauenhaus Köln"


def test_xlsx_first_sheet(tmp_path: Path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Name",
            "Kategorie",
            "PLZ",
            "Stadt",
            "zuletzt geprüft",
            "Plätze",
            "Breitengrad",
            "Längengrad",
        ]
    )
    sheet.append(
        ["Frauenhaus Dresden", "Frauenhaus", 1067, "Dresden", date(2026, 3, 1), 12, 51.05, 13.74]
    )
    sheet.append([None, None, None, None, None, None, None, None])
    sheet.append(["Mädchentreff Leipzig", "Mädchentreff", "04109", "Leipzig", "15.06.2026", None])
    workbook.create_sheet("ignored").append(["junk"])
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    result = load_facilities(path, today=TODAY)
    frame = result.frame
    assert list(frame.index) == [2, 4]
    assert frame.loc[2, s.POSTCODE] == "01067"
    assert frame.loc[2, s.CAPACITY] == 12
    assert frame.loc[2, s.LAST_VERIFIED] == pd.Timestamp("2026-03-01")
    assert frame.loc[2, s.LAT] == pytest.approx(51.05)
    assert frame.loc[4, s.CATEGORY] == "girls_facility"
    assert result.errors == []


def test_header_aliases_case_and_whitespace_insensitive(tmp_path: Path):
    result = load(
        tmp_path,
        "Frauenhaus Kassel ; FRAUENHAUS ;  Kassel ; hessen",
        header="  NAME ;Art;  ORT  ; BUNDESLAND ",
    )
    row = result.frame.iloc[0]
    assert (row[s.NAME], row[s.CATEGORY], row[s.CITY], row[s.STATE]) == (
        "Frauenhaus Kassel",
        "womens_shelter",
        "Kassel",
        "HE",
    )


def test_title_lines_above_the_header_are_skipped(tmp_path: Path):
    result = load(tmp_path, "Liste 2026;;", HEADER, GOOD, header="Einrichtungen;;")
    assert len(result.frame) == 1
    assert result.frame.index[0] == 4


def test_extra_columns_are_kept_in_order(tmp_path: Path):
    result = load(
        tmp_path, "A;equality_office;Kassel;x1;y1", header="name;category;city;Zeta;Alpha"
    )
    assert list(result.frame.columns[-2:]) == ["Zeta", "Alpha"]
    assert result.frame.iloc[0]["Zeta"] == "x1"


@pytest.mark.parametrize(
    ("column", "raw", "expected"),
    [
        ("category", "Frauenbüro", "equality_office"),
        ("category", "Gleichstellungsbeauftragte", "equality_office"),
        ("category", "Frauennotruf", "counselling_centre"),
        ("category", "Bündnispartner*in", "alliance_partner"),
        ("category", "Initiative", "initiative"),
        ("category", "Antidiskriminierungsstelle", "antidiscrimination_office"),
        ("category", "womens_shelter", "womens_shelter"),
        ("category", "Women's shelter", "womens_shelter"),
        ("state", "NRW", "NW"),
        ("state", "nordrhein-westfalen", "NW"),
        ("state", "Thüringen", "TH"),
        ("state", "Thueringen", "TH"),
        ("state", "by", "BY"),
        ("state", "Bavaria", "BY"),
        ("postcode", "01067", "01067"),
        ("postcode", "1067", "01067"),
        ("postcode", "37083.0", "37083"),
        ("address_confidential", "ja", True),
        ("address_confidential", "X", True),
        ("address_confidential", "nein", False),
        ("address_confidential", "0", False),
        ("address_confidential", "TRUE", True),
        ("wheelchair_accessible", "teilweise", "partial"),
        ("wheelchair_accessible", "Ja", "yes"),
        ("target_groups", "Frauen; Mädchen ;; women", ["women", "girls"]),
        ("website", "www.herten.de", "https://www.herten.de"),
        ("email", "mailto:info@herten.de", "info@herten.de"),
        ("phone", "0581 – 77999", "0581 - 77999"),
        ("phone", "0581—77999", "0581 - 77999"),
        ("places_women", "12,0", 12),
        ("lat", "51,3127", 51.3127),
    ],
)
def test_normalisation(tmp_path: Path, column: str, raw: str, expected: object):
    header = f"name,category,city,{column}" + (",lon" if column == "lat" else "")
    values = ["Eintrag", "equality_office", "Kassel", f'"{raw}"'] + (
        ['"9,5"'] if column == "lat" else []
    )
    if column == "category":
        values[1] = f'"{raw}"'
        values[3] = "x"
        header = "name,category,city,notes"
    result = load_facilities(write(tmp_path, header + "\n" + ",".join(values) + "\n"), today=TODAY)
    assert result.errors == []
    value = result.frame.iloc[0][column]
    assert (
        value == expected if not isinstance(expected, float) else value == pytest.approx(expected)
    )


def test_shelter_is_confidential_by_default(tmp_path: Path):
    result = load(tmp_path, "s1;Frauenhaus X;womens_shelter;;;Kassel;;;;;;;")
    assert bool(result.frame.iloc[0][s.ADDRESS_CONFIDENTIAL]) is True
    result = load(tmp_path, "o1;Büro X;equality_office;;;Kassel;;;;;;;")
    assert bool(result.frame.iloc[0][s.ADDRESS_CONFIDENTIAL]) is False


# --- one row per rule: (row cells, expected severity, column, message fragment) ----------------

RULES = [
    # errors
    ("x;;equality_office;;;Kassel;;;;;;;", "error", "name", "name is empty"),
    ("x;A;equality_office;;;;;;;;;;", "error", "city", "city is empty"),
    ("x;A;Frauenhaos;;;Kassel;;;;;;;", "error", "category", "unknown category 'Frauenhaos'"),
    ("x;A;Gleichstelungsstelle;;;Kassel;;;;;;;", "error", "category", "(equality_office)"),
    ("x;A;;;;Kassel;;;;;;;", "error", "category", "category is empty"),
    ("x;A;equality_office;;;Kassel;;abc;9,5;;;;", "error", "lat", "not a number"),
    ("x;A;equality_office;;;Kassel;;91;9,5;;;;", "error", "lat", "outside -90..90"),
    ("x;A;equality_office;;;Kassel;;51;181;;;;", "error", "lon", "outside -180..180"),
    ("x;A;equality_office;;;Kassel;;51;;;;;", "error", "lon", "together"),
    ("x;A;equality_office;;;Kassel;;;;javascript:alert(1);;;", "error", "website", "http://"),
    ("x;A;equality_office;;;Kassel;;;;ftp://x.de;;;", "error", "website", "http://"),
    ("x;A;equality_office;;;Kassel;;;;https://;;;", "error", "website", "not a web address"),
    ("x;A;equality_office;;;Kassel;;;;;info@;;", "error", "email", "malformed"),
    ("x;A;equality_office;;;Kassel;;;;;a b@c.de;;", "error", "email", "malformed"),
    ("x;A;equality_office;;123456;Kassel;;;;;;;", "error", "postcode", "five digits"),
    ("x;A;equality_office;;D-3708;Kassel;;;;;;;", "error", "postcode", "five digits"),
    ("x;A;womens_shelter;;;Kassel;;;;;;-3;", "error", "places_women", "whole number"),
    ("x;A;womens_shelter;;;Kassel;;;;;;2,5;", "error", "places_women", "whole number"),
    ("x;A;womens_shelter;;;Kassel;;;;;;viele;", "error", "places_women", "whole number"),
    ("x;A;equality_office;;;Kassel;;;;;;;31.02.2025", "error", "last_verified", "not readable"),
    ("x;A;equality_office;;;Kassel;;;;;;;gestern", "error", "last_verified", "not readable"),
    ("x;A;equality_office;;;Kassel;;;;;;;;extra", "error", "#14", "14 fields"),
    # warnings
    ("x;A;equality_office;;;Kassel;;48,1;11,5;;;;", None, None, None),
    ("x;A;equality_office;;;Kassel;;40,4;-3,7;;;;", "warning", "lat", "outside Germany"),
    ("x;A;equality_office;;;Kassel;;9,5;51,3;;;;", "warning", "lat", "lat 51.3, lon 9.5"),
    (";A;equality_office;;;Kassel;;;;;;;", "warning", "id", "derived 'kassel-a'"),
    ("x;A;equality_office;;;Kassel;;;;;;;01.01.2020", "warning", "last_verified", "two years"),
    ("x;A;equality_office;;;Kassel;Niedersacshen;;;;;;", "warning", "state", "Niedersachsen"),
]


@pytest.mark.parametrize(("cells", "severity", "column", "fragment"), RULES)
def test_rule(tmp_path: Path, cells: str, severity: str | None, column: str | None, fragment):
    result = load(tmp_path, cells)
    found = [i for i in result.issues if i.code != "stale" or severity == "warning"]
    if severity is None:
        assert found == []
        assert len(result.frame) == 1
        return
    matching = [i for i in found if i.severity == severity and i.column == column]
    assert matching, f"expected a {severity} on {column}, got {[i.format() for i in found]}"
    issue = matching[0]
    assert issue.row == 2
    assert fragment in issue.message("en")
    assert issue.message("de")
    assert issue.message("de") != issue.message("en")
    assert issue.file.endswith("data.csv")
    # the column as the file names it ("capacity" is read as places_women)
    assert issue.format().startswith(f"{issue.file}:2: column {issue.where}: {severity}: ")
    assert len(result.frame) == (0 if severity == "error" else 1)


def test_shelter_with_public_street_warns(tmp_path: Path):
    header = "name;category;street;city;address_confidential"
    result = load(tmp_path, "Frauenhaus A;Frauenhaus;Weg 1;Kassel;nein", header=header)
    assert [i.code for i in result.warnings] == ["shelter_address_public", "derived_id"]
    assert len(result.frame) == 1


def test_duplicate_id_is_an_error_naming_the_first_row(tmp_path: Path):
    result = load(tmp_path, GOOD, GOOD.replace("Frauenbüro", "Frauenbuero"))
    (issue,) = result.errors
    assert (issue.row, issue.column, issue.code) == (3, "id", "duplicate_id")
    assert "row 2" in issue.message("en")
    assert "Zeile 2" in issue.message("de")
    assert list(result.frame.index) == [2]


def test_duplicate_name_and_city_is_flagged(tmp_path: Path):
    result = load(tmp_path, GOOD, GOOD.replace("a1;", "a2;"))
    assert [(i.row, i.code) for i in result.warnings] == [(3, "duplicate_entry")]


def test_derived_ids_are_stable_and_unique_per_name_and_city(tmp_path: Path):
    first = load(
        tmp_path, ";A;equality_office;;;Kassel;;;;;;;", ";B;equality_office;;;Kassel;;;;;;;"
    )
    second = load(
        tmp_path, ";A;equality_office;;;Kassel;;;;;;;", ";B;equality_office;;;Kassel;;;;;;;"
    )
    assert list(first.frame[s.ID]) == list(second.frame[s.ID]) == ["kassel-a", "kassel-b"]


def test_missing_required_column_is_one_file_level_error_with_hints(tmp_path: Path):
    result = load(tmp_path, "A;Frauenhaus", header="Name;Kategorie")
    (issue,) = result.errors
    assert (issue.row, issue.column, issue.code) == (1, "city", "missing_column")
    assert "Found columns: Name, Kategorie" in issue.message("en")
    assert "stadt" in issue.message("en")
    assert "ort" in issue.message("en")
    assert result.frame.empty


def test_valid_rows_survive_next_to_invalid_ones(tmp_path: Path):
    result = load(tmp_path, GOOD, "b;;equality_office;;;Kassel;;;;;;;", GOOD.replace("a1", "c"))
    assert list(result.frame.index) == [2, 4]


def test_multiline_quoted_cell_keeps_line_numbers(tmp_path: Path):
    text = 'name,category,city,notes\nA,equality_office,Kassel,"line1\nline2"\nB,,Kassel,\n'
    result = load_facilities(write(tmp_path, text), today=TODAY)
    assert result.frame.iloc[0][s.NOTES] == "line1\nline2"
    assert [(i.row, i.column) for i in result.errors] == [(4, "category")]


def test_decomposed_umlauts_from_macos_are_normalised(tmp_path: Path):
    decomposed = "Go\u0308ttingen"
    result = load(tmp_path, f"x;A;equality_office;;;{decomposed};;;;;;;")
    assert result.frame.iloc[0][s.CITY] == "Göttingen"


# --- unreadable input: one clear error, never a traceback ---------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"name;category;city\n", "no data rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "binary"),
        (b"just some words\nand more words\n" * 1000, "not a table"),
        (b"x" * 5_000_000, "not a table"),
        (b'name,category,city\n"A,equality_office,Kassel\n' + b"y" * 200_000, "cannot parse"),
        (b"PK\x03\x04broken zip", "Excel workbook"),
    ],
)
def test_unreadable_input(tmp_path: Path, content: bytes, fragment: str):
    result = load_facilities(write_bytes(tmp_path, content), today=TODAY)
    assert result.unreadable
    (issue,) = result.issues
    assert fragment in issue.message("en")
    assert issue.row is None
    assert result.frame.empty
    assert list(result.frame.columns) == list(s.COLUMNS)


def write_bytes(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    return path


def test_missing_file_and_directory(tmp_path: Path):
    assert "not found" in load_facilities(tmp_path / "nope.csv").issues[0].message("en")
    assert "directory" in load_facilities(tmp_path).issues[0].message("en")


def test_loader_never_modifies_the_file(tmp_path: Path):
    path = write(tmp_path, HEADER + "\n" + GOOD + "\n;;;\n", "cp1252")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_facilities(path, today=TODAY)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b;c\n1;2;3\n", ";"),
        ("a,b,c\n1,2,3\n", ","),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ('name;notes\nA;"x, y, z"\nB;"1,2"\n', ";"),
    ],
)
def test_detect_delimiter(text: str, expected: str):
    assert detect_delimiter(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("51,3", 51.3),
        ("51.3", 51.3),
        ("-7,25", -7.25),
        ("\u22127,25", -7.25),
        ("1.234,5", 1234.5),
        ("x", None),
        ("nan", None),
        ("inf", None),
        ("", None),
    ],
)
def test_parse_number(raw: str, expected: float | None):
    assert parse_number(raw) == expected


def test_empty_trailing_columns_from_excel_are_dropped(tmp_path: Path):
    result = load(tmp_path, "A;equality_office;Kassel;;;", header="name;category;city;;;")
    assert list(result.frame.columns) == list(s.COLUMNS)
    assert result.issues == [i for i in result.issues if i.code == "derived_id"]


def test_unnamed_column_with_content_is_kept(tmp_path: Path):
    result = load(tmp_path, "A;equality_office;Kassel;wichtig", header="name;category;city;")
    assert result.frame.iloc[0]["column_4"] == "wichtig"


def test_same_name_and_city_without_ids_keeps_both_rows(tmp_path: Path):
    result = load(
        tmp_path,
        "A;equality_office;Kassel",
        "A;equality_office;Kassel",
        header="name;category;city",
    )
    assert list(result.frame[s.ID]) == ["kassel-a", "kassel-a-2"]
    assert [i.code for i in result.errors] == []
    assert "duplicate_entry" in [i.code for i in result.warnings]


def test_mac_roman_export_with_cr_line_ends(tmp_path: Path):
    text = "Name;Kategorie;Stadt\rFrauenbüro Göttingen;Frauenbüro;Göttingen\r"
    path = tmp_path / "mac.csv"
    path.write_bytes(text.encode("mac_roman"))
    result = load_facilities(path, today=TODAY)
    assert result.frame.iloc[0][s.CITY] == "Göttingen"


# --- official keys, partial dates, vocabularies -------------------------------------------------


@pytest.mark.parametrize(
    ("column", "raw", "expected"),
    [
        ("ags", "03159016", "03159016"),
        ("ags", "3159016", "03159016"),  # Excel dropped the leading zero
        ("ags", "03 159 016", "03159016"),
        ("area_ags", "03159", "03159"),
        ("area_ags", "3159", "03159"),
        ("area_ags", "03159016", "03159016"),
        ("area_ags", "03", "03"),
        ("area_ags", "Niedersachsen", "03"),
        ("area_ags", "NRW", "05"),
        ("partner_since", "2019", "2019"),
        ("partner_since", "05/2019", "2019-05"),
        ("source_date", "14.01.2021", "2021-01-14"),
        ("source_date", "2021-01-14", "2021-01-14"),
    ],
)
def test_keys_and_partial_dates_are_normalised(
    tmp_path: Path, column: str, raw: str, expected: str
):
    result = load(tmp_path, f"x;Büro;equality_office;Göttingen;NI;{raw}",
                  header=f"id;name;category;city;state;{column}")  # fmt: skip
    assert result.errors == []
    assert result.frame.iloc[0][column] == expected


@pytest.mark.parametrize(
    ("column", "raw", "code"),
    [
        ("ags", "031590", "bad_ags"),
        ("ags", "0315901", "unknown_ags"),  # read as 00315901
        ("ags", "99999999", "unknown_ags"),
        ("ags", "Göttingen", "bad_ags"),
        ("area_ags", "99", "bad_area"),
        ("area_ags", "99999", "bad_area"),
        ("area_ags", "Atlantis", "bad_area"),
        ("partner_since", "bald", "bad_partial_date"),
        ("source_date", "31.02.2021", "bad_partial_date"),
    ],
)
def test_bad_keys_and_dates_name_row_and_column(tmp_path: Path, column: str, raw: str, code: str):
    result = load(tmp_path, f"x;Büro;equality_office;Göttingen;NI;{raw}",
                  header=f"id;name;category;city;state;{column}")  # fmt: skip
    (error,) = result.errors
    assert (error.code, error.row, error.column) == (code, 2, column)
    assert raw in error.message("de")
    assert result.frame.empty


def test_a_value_in_no_vocabulary_is_kept_with_a_warning(tmp_path: Path):
    result = load(tmp_path, "x;Büro;equality_office;Göttingen;NI;\"Frauen; Seniorinnen-Yoga\"",
                  header="id;name;category;city;state;target_groups")  # fmt: skip
    assert result.frame.iloc[0][s.TARGET_GROUPS] == ["women", "Seniorinnen-Yoga"]
    (warning,) = [i for i in result.issues if i.code == "unknown_vocab_value"]
    assert (warning.row, warning.column) == (2, s.TARGET_GROUPS)
    assert "Seniorinnen-Yoga" in warning.message("de")
