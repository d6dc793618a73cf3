"""The `equality-map` command line (see README: CLI)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from equality_map import __version__
from equality_map.load import load_facilities

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _cmd_validate(args: argparse.Namespace) -> int:
    result = load_facilities(args.file)
    if args.format == "json":
        json.dump(
            [i.to_dict(args.lang) for i in result.issues], sys.stdout, ensure_ascii=False, indent=1
        )
        sys.stdout.write("\n")
    else:
        ordered = sorted(result.issues, key=lambda i: (i.row or 0, i.severity != "error"))
        for issue in ordered:
            print(issue.format(args.lang))
        n_err, n_warn = len(result.errors), len(result.warnings)
        summary = (
            f"{args.file}: {len(result.frame)} valid rows, {n_err} errors, {n_warn} warnings"
            if args.lang != "de"
            else f"{args.file}: {len(result.frame)} gültige Zeilen, {n_err} Fehler, "
            f"{n_warn} Warnungen"
        )
        print(summary, file=sys.stderr)
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if result.errors else EXIT_OK


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from equality_map.demo import make_demo_frame
    from equality_map.store import save_facilities

    if args.rows < 0:
        print("--rows must be 0 or more", file=sys.stderr)
        return EXIT_UNREADABLE
    frame = make_demo_frame(args.rows, seed=args.seed)
    save_facilities(frame, args.output)
    print(f"wrote {len(frame)} synthetic demo entries to {args.output}", file=sys.stderr)
    return EXIT_OK


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
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = sub.add_parser(
        "validate",
        help="check a CSV/XLSX data file; exit 0 valid, 1 errors, 2 unreadable",
        description="Check a data file. Prints one line per issue as FILE:ROW: column COLUMN: "
        "message. Exit status: 0 valid (warnings allowed), 1 errors, 2 unreadable.",
    )
    validate.add_argument("file", type=Path, help="CSV or XLSX file")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    validate.set_defaults(func=_cmd_validate)

    demo = sub.add_parser(
        "demo-data",
        help="write clearly synthetic demo entries (for benchmarks and tests)",
        description="Write N synthetic entries (names start with 'Demo') spread over real "
        "German municipalities in proportion to population; deterministic per seed.",
    )
    demo.add_argument("--rows", type=int, required=True, help="number of entries")
    demo.add_argument("--output", type=Path, required=True, help="CSV file to write")
    demo.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    demo.set_defaults(func=_cmd_demo_data)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
