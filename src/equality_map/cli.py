"""The `equality-map` command line (see README: CLI).

Settings (environment + equality-map.toml) are read once in `main` and passed to the
commands; messages come from the text catalogue in the language of `--lang` (accepted before
and after the command).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from equality_map import __version__, i18n
from equality_map.cli_commands import (
    EXIT_OK,
    EXIT_UNREADABLE,
    cmd_coverage,
    cmd_demo_data,
    cmd_export,
    cmd_geocode,
    cmd_publish,
    cmd_report,
    cmd_validate,
    date_arg,
)
from equality_map.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands."""
    parser = argparse.ArgumentParser(
        prog="equality-map",
        description="Equality infrastructure of German municipalities: validate, geocode, "
        "measure coverage and export the data source.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang", choices=("de", "en"), default="en", help="language of messages (default: en)"
    )
    # The same option after the command ("equality-map validate FILE --lang de"); SUPPRESS
    # keeps the value given before the command when it is not repeated.
    lang_after = argparse.ArgumentParser(add_help=False)
    lang_after.add_argument(
        "--lang", choices=("de", "en"), default=argparse.SUPPRESS, help="language of messages"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser(
        "validate",
        parents=[lang_after],
        help="check a CSV/XLSX data file; exit 0 valid, 1 errors, 2 unreadable",
        description="Check a data file. Prints one line per issue as FILE:ROW: column COLUMN: "
        "message. Exit status: 0 valid (warnings allowed), 1 errors, 2 unreadable.",
    )
    validate.add_argument("file", type=Path, help="CSV or XLSX file")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(func=cmd_validate)

    demo = sub.add_parser(
        "demo-data",
        parents=[lang_after],
        help="write clearly synthetic demo entries (for benchmarks and tests)",
        description="Write N synthetic entries (names start with 'Demo') spread over real "
        "German municipalities in proportion to population; deterministic per seed.",
    )
    demo.add_argument("--rows", type=int, required=True, help="number of entries")
    demo.add_argument("--output", type=Path, required=True, help="CSV file to write")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.set_defaults(func=cmd_demo_data)

    geocode = sub.add_parser(
        "geocode",
        parents=[lang_after],
        help="fill ags and lat/lon from the official directory, cache and (--online) Nominatim",
        description="Fill lat, lon, geocode_precision and geocode_source for rows without "
        "coordinates: cache, then (only with --online or EQUALITY_MAP_GEOCODE_ONLINE=1) "
        "Nominatim at 1 request/s, then the municipality's centre (Destatis). Every row gets "
        "its municipality key (ags) from the official directory. Confidential "
        "addresses are never sent and stay at city level. Writes the canonical CSV to OUT, "
        "back to FILE (--in-place, keeps FILE.bak) or to stdout; atomically. Refuses to write "
        "when the file has errors (rows would be lost).",
    )
    geocode.add_argument("file", type=Path, help="CSV or XLSX file")
    geocode.add_argument("--online", action="store_true", help="ask the online geocoder too")
    target = geocode.add_mutually_exclusive_group()
    target.add_argument("--output", type=Path, help="write the result here")
    target.add_argument("--in-place", action="store_true", help="overwrite FILE, keep FILE.bak")
    geocode.add_argument(
        "--cache",
        type=Path,
        help="cache file (default $EQUALITY_MAP_GEOCODE_CACHE or "
        "~/.cache/equality-map/geocode.sqlite)",
    )
    geocode.add_argument("--quiet", action="store_true", help="no progress bar")
    geocode.set_defaults(func=cmd_geocode)
    coverage = sub.add_parser(
        "coverage",
        parents=[lang_after],
        help="coverage indicators per municipality, Kreis or Land (CSV or JSON)",
        description="One row per area of --level: municipalities with at least "
        "--min-population inhabitants plus every municipality with entries, all 400 Kreise, "
        "or the 16 Länder. Counts, places, targets and gaps per yardstick, equality office "
        "duty, distances, coverage score; empty cells where an area was not surveyed (see "
        "README: Coverage indicators).",
    )
    coverage.add_argument("file", type=Path, help="CSV or XLSX data file")
    coverage.add_argument("--output", type=Path, help="file to write (default: standard output)")
    coverage.add_argument("--format", choices=("csv", "json"), default="csv")
    coverage.add_argument(
        "--min-population", type=int, default=10_000, help="include municipalities from this size"
    )
    coverage.add_argument(
        "--level", choices=("municipality", "kreis", "land"), default="municipality"
    )
    coverage.add_argument(
        "--yardstick",
        default="coe_family_place_10k",
        help="id of a yardstick in data/yardsticks.csv (default coe_family_place_10k)",
    )
    coverage.add_argument(
        "--surveys", type=Path, help="surveys table (default EQUALITY_MAP_SURVEYS or bundled)"
    )
    coverage.add_argument(
        "--thresholds", default="30,50", help="distance thresholds in km (default 30,50)"
    )
    coverage.set_defaults(func=cmd_coverage)
    export = sub.add_parser(
        "export",
        help="write a selection as one static HTML page (map + list), CSV or GeoJSON",
        description="Write the entries of FILE, optionally restricted to cities, categories "
        "and groups, to OUTPUT. The ending of OUTPUT chooses the format: .html is one "
        "self-contained page (map, accessible list, legend, attribution) that works from any "
        "web server, a CDN or file:// and requests only map tiles "
        "(EQUALITY_MAP_TILES_URL); .csv and .geojson export the same selection as data. "
        "Confidential addresses are never written.",
    )
    export.add_argument("file", type=Path, help="CSV or XLSX data file")
    export.add_argument("--output", type=Path, required=True, help="OUT.html|OUT.csv|OUT.geojson")
    export.add_argument(
        "--city", action="append", metavar="CITY", help="only this city (repeatable)"
    )
    export.add_argument(
        "--category",
        action="append",
        metavar="K",
        help="only this category: key or German label (repeatable)",
    )
    export.add_argument(
        "--group", action="append", metavar="G", help="only this group (repeatable)"
    )
    export.add_argument(
        "--lang",
        dest="page_lang",
        choices=("de", "en"),
        default=None,
        help="language of the HTML page and the messages (default: de for the page)",
    )
    export.set_defaults(func=cmd_export)
    report = sub.add_parser(
        "report",
        help="the stock report for the Gewalthilfegesetz as one XLSX workbook",
        description="Stock per Kreis and Land (from --level up), need and gaps per yardstick, "
        "reachability and a method sheet (formulas, yardstick sources, data dates, survey "
        "status, source notes), as of --stichtag. Unknown (not surveyed) cells stay empty. "
        "Headers in the language of --lang (default German for the workbook).",
    )
    report.add_argument("file", type=Path, help="CSV or XLSX data file")
    report.add_argument("--output", type=Path, required=True, help="report.xlsx")
    report.add_argument(
        "--stichtag", type=date_arg, default=date.today(), help="reference date (default today)"
    )
    report.add_argument("--level", choices=("municipality", "kreis", "land"), default="kreis")
    report.add_argument("--yardstick", default="coe_family_place_10k", help="default yardstick")
    report.add_argument("--surveys", type=Path, help="surveys table (default bundled)")
    report.add_argument(
        "--lang",
        dest="page_lang",
        choices=("de", "en"),
        default=None,
        help="language of the workbook and the messages (default: de for the workbook)",
    )
    report.set_defaults(func=cmd_report)
    publish = sub.add_parser(
        "publish",
        help="build the static site (index, one page per municipality and Kreis, data, sitemap)",
        description="Build the public static site of FILE in a new folder and switch OUTPUT (a "
        "symbolic link; default EQUALITY_MAP_PUBLISH_DIR) to it in one step: index.html with "
        "all entries, gemeinde/<AGS>.html and kreis/<AGS>.html for iframes, daten/ with CSV "
        "and GeoJSON (public fields), hashed assets, sitemap.xml with --base-url. Pages load "
        "nothing but map tiles from other hosts; confidential addresses are never written.",
    )
    publish.add_argument("file", type=Path, help="CSV or XLSX data file")
    publish.add_argument(
        "--output", type=Path, help="site folder (default EQUALITY_MAP_PUBLISH_DIR)"
    )
    publish.add_argument(
        "--base-url",
        default=None,
        help="public address of the site, for the sitemap (default EQUALITY_MAP_STATIC_URL)",
    )
    publish.add_argument(
        "--lang",
        dest="page_lang",
        choices=("de", "en"),
        default=None,
        help="language of the pages and the messages (default: EQUALITY_MAP_PUBLISH_LANG, de)",
    )
    publish.set_defaults(func=cmd_publish)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from equality_map.config import ConfigError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        args.settings = Settings.from_env()
    except ConfigError as exc:
        print(f"equality-map: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.command in ("export", "publish", "report"):
        if args.page_lang:  # "export ... --lang en": the page and the messages
            args.lang = args.page_lang
        else:  # the site keeps its language (EQUALITY_MAP_PUBLISH_LANG); pages default German
            args.page_lang = args.settings.publish_lang if args.command == "publish" else "de"
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print(i18n.t("cli.interrupted", args.lang), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
