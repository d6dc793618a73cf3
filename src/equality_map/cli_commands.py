"""What each `equality-map` command does; `cli` holds the parser and `main`.

Every command takes the parsed arguments (with `args.settings` and `args.lang`) and returns
the exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from equality_map import i18n
from equality_map.load import load_facilities
from equality_map.settings import Settings

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _say(args: argparse.Namespace, key: str, **params: object) -> None:
    """Print a catalogue message to stderr in the chosen language."""
    print(i18n.t(key, args.lang, **params), file=sys.stderr)


def _say_count(args: argparse.Namespace, key: str, n: int, **params: object) -> None:
    print(i18n.count(key, n, args.lang, **params), file=sys.stderr)


def _readable(args: argparse.Namespace, limit: int | None = None) -> Any:
    """The loaded data file, or EXIT_UNREADABLE after printing why (the first `limit` errors).

    Rows with errors are left out of the frame by the loader; commands that output data work
    on the readable rest, as the app does.
    """
    result = load_facilities(args.file)
    if result.unreadable:
        for issue in result.errors[:limit]:
            print(issue.format(args.lang), file=sys.stderr)
        return EXIT_UNREADABLE
    return result


def cmd_validate(args: argparse.Namespace) -> int:
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
        _say(args, "cli.validate_summary", file=args.file, rows=len(result.frame),
             errors=len(result.errors), warnings=len(result.warnings))  # fmt: skip
    if result.unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if result.errors else EXIT_OK


def cmd_demo_data(args: argparse.Namespace) -> int:
    from equality_map.demo import make_demo_frame
    from equality_map.store import save_facilities

    if args.rows < 0:
        _say(args, "cli.rows_negative")
        return EXIT_UNREADABLE
    frame = make_demo_frame(args.rows, seed=args.seed)
    save_facilities(frame, args.output)
    _say_count(args, "cli.demo_written", len(frame), output=args.output)
    return EXIT_OK


def cmd_geocode(args: argparse.Namespace) -> int:
    """Fill lat/lon/precision/source; refuse to write when rows would be lost."""
    from equality_map import geocode as g
    from equality_map import nominatim
    from equality_map.geocode_cache import GeocodeCache
    from equality_map.store import atomic_write_bytes, save_facilities, to_csv_bytes

    settings: Settings = args.settings
    result = load_facilities(args.file)
    if result.unreadable or result.errors:
        for issue in result.errors:
            print(issue.format(args.lang), file=sys.stderr)
        if result.unreadable:
            return EXIT_UNREADABLE
        _say(args, "cli.not_written_errors", file=args.file, n=len(result.errors))
        return EXIT_ERRORS
    online = None
    if args.online or settings.geocode_online:
        try:
            online = nominatim.nominatim_client(settings)
        except nominatim.GeocodeConfigError as error:
            print(f"geocode: {error}", file=sys.stderr)
            return EXIT_UNREADABLE
    cache = GeocodeCache(args.cache or settings.geocode_cache)
    progress = None
    if online is not None and not args.quiet:
        from functools import partial

        from tqdm import tqdm

        progress = partial(tqdm, unit="address", file=sys.stderr, desc="geocoding")
    try:
        frame, issues = g.geocode_frame(
            result.frame, cache=cache, online=online, progress=progress, file=str(args.file)
        )
    finally:
        cache.close()
    for issue in issues:
        print(issue.format(args.lang), file=sys.stderr)
    data = to_csv_bytes(frame)
    if args.in_place:
        backup = args.file.with_name(args.file.name + ".bak")
        atomic_write_bytes(backup, args.file.read_bytes())
        save_facilities(frame, args.file)
        target = i18n.t("cli.backup", args.lang, file=args.file, backup=backup)
    elif args.output is not None:
        atomic_write_bytes(args.output, data)
        target = str(args.output)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        target = "stdout"
    counts = g.source_counts(frame)
    missing = [int(r) for r, src in zip(frame.index, frame["geocode_source"], strict=True)
               if not src]  # fmt: skip
    by_source = ", ".join(f"{k} {counts.get(k, 0)}" for k in ("csv", "cache", "nominatim",
                                                               "municipality"))  # fmt: skip
    which = (
        f" ({', '.join(map(str, missing[:20]))}{' ...' if len(missing) > 20 else ''})"
        if missing
        else ""
    )
    _say(args, "cli.geocode_summary", file=args.file, rows=len(frame), target=target,
         by_source=by_source, missing=len(missing), which=which)  # fmt: skip
    return EXIT_OK


def _coverage_options(args: argparse.Namespace) -> Any:
    """Coverage options from --yardstick, --min-population, --thresholds (or an error text)."""
    from equality_map import coverage as cov
    from equality_map.yardsticks import YardstickError, get_yardstick

    if args.min_population < 0:
        return i18n.t("cli.min_population_negative", args.lang)
    try:
        stick = get_yardstick(args.yardstick)
        thresholds = tuple(int(x) for x in args.thresholds.split(",") if x.strip())
    except YardstickError as exc:
        return str(exc)
    except ValueError:
        return i18n.t("cli.bad_thresholds", args.lang, value=args.thresholds)
    return cov.Options(stick, min_population=args.min_population, thresholds_km=thresholds)


def _located(args: argparse.Namespace) -> Any:
    """The data file loaded and placed offline, or an exit status after printing why."""
    from equality_map.geocode import geocode_offline

    result = _readable(args)
    if isinstance(result, int):
        return result
    located, _ = geocode_offline(
        result.frame, cache=args.settings.geocode_cache, file=str(args.file)
    )
    return located


def cmd_coverage(args: argparse.Namespace) -> int:
    from equality_map import coverage as cov
    from equality_map.exports import safe_csv_bytes
    from equality_map.store import atomic_write_bytes
    from equality_map.surveys import SurveysError

    options = _coverage_options(args)
    if isinstance(options, str):
        print(f"equality-map coverage: {options}", file=sys.stderr)
        return EXIT_UNREADABLE
    located = _located(args)
    if isinstance(located, int):
        return located
    try:
        coverage = cov.compute_with_files(located, options, args.surveys or args.settings.surveys)
    except SurveysError as exc:
        print(f"equality-map coverage: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    table = coverage.table(args.level)
    if args.format == "json":
        text = table.to_json(orient="records", force_ascii=False, indent=1, double_precision=6)
        data = (text + "\n").encode("utf-8")
    else:
        data = safe_csv_bytes(table)
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        atomic_write_bytes(args.output, data)
        _say_count(args, f"cli.coverage_written_{args.level}", len(table), output=args.output)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the selection as a static HTML page, CSV or GeoJSON (issue 7)."""
    from datetime import date

    from equality_map import embed, exports
    from equality_map import export_html as xh
    from equality_map import schema as s
    from equality_map.filters import Filter
    from equality_map.places import load_places
    from equality_map.prepare import city_lookup, prepare_entries
    from equality_map.store import atomic_write_bytes

    settings: Settings = args.settings
    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".csv", ".geojson", ".json"):
        _say(args, "cli.export_bad_suffix", output=args.output)
        return EXIT_ERRORS
    result = _readable(args, 5)
    if isinstance(result, int):
        return result
    places = load_places()
    frame = prepare_entries(result.frame, cache=settings.geocode_cache, places=places)
    categories, bad_categories = embed.resolve_categories(args.category or [])
    groups, bad_groups = embed.resolve_groups(args.group or [])
    lookup = city_lookup(frame, places)
    cities = [label for label in dict.fromkeys(lookup(c) for c in args.city or []) if label]
    bad_cities = [places.resolve(c) for c in args.city or [] if lookup(c) is None]
    lang = args.lang
    problems = [
        i18n.t("cli.unknown_category", lang, value=c, examples=", ".join(list(s.CATEGORIES)[:4]))
        for c in bad_categories
    ]
    problems += [
        i18n.t("cli.unknown_group", lang, value=g, valid=", ".join(s.GROUPS)) for g in bad_groups
    ]
    for missing in bad_cities:
        hint = (
            i18n.t("cli.did_you_mean", lang, names=", ".join(missing.suggestions))
            if missing.suggestions
            else ""
        )
        problems.append(i18n.t("cli.unknown_city", lang, file=args.file, value=missing.query,
                               hint=hint))  # fmt: skip
    if problems:
        for text in problems:
            print(f"equality-map export: {text}", file=sys.stderr)
        return EXIT_ERRORS
    flt = Filter(
        groups=tuple(sorted(groups)), categories=tuple(sorted(categories)), cities=tuple(cities)
    )
    selected = flt.apply(frame)
    if suffix in (".csv",):
        data = exports.to_safe_csv_bytes(selected)
    elif suffix in (".geojson", ".json"):
        data = exports.to_geojson_bytes(selected)
    else:
        page = xh.render_html(
            selected,
            lang=args.page_lang,
            cities=list(cities),
            tiles_url=settings.tiles_url,
            tiles_attribution=settings.tiles_attribution,
            contact=settings.contact,
            generated=date.today(),
        )
        data = page.encode("utf-8")
    atomic_write_bytes(args.output, data)
    _say_count(args, "cli.export_written", len(selected), output=args.output)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """The stock report (Gewalthilfegesetz § 8) as one XLSX workbook."""
    from equality_map import coverage as cov
    from equality_map.geocode import geocode_offline
    from equality_map.report import build_report, data_dates
    from equality_map.store import atomic_write_bytes
    from equality_map.surveys import SurveysError
    from equality_map.yardsticks import YardstickError, get_yardstick, load_yardsticks

    settings: Settings = args.settings
    result = _readable(args, 5)
    if isinstance(result, int):
        return result
    try:
        sticks = load_yardsticks()
        stick = get_yardstick(args.yardstick)
        located, _ = geocode_offline(result.frame, cache=settings.geocode_cache)
        coverage = cov.compute_with_files(
            located, cov.Options(stick, today=args.stichtag), args.surveys or settings.surveys
        )
    except (SurveysError, YardstickError) as exc:
        print(f"equality-map report: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    data = build_report(
        coverage,
        sticks,
        stichtag=args.stichtag,
        lang=args.page_lang,
        data_dates=data_dates(located, args.page_lang),
        source_notes=[i18n.t("cov.source_notes", args.page_lang)],
        level=args.level,
    )
    atomic_write_bytes(args.output, data)
    _say(args, "cli.report_written", output=args.output, stichtag=args.stichtag.isoformat())
    return EXIT_OK


def date_arg(text: str) -> date:
    from equality_map.fields import parse_date

    parsed = parse_date(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (2026-12-31 or 31.12.2026)")
    return parsed


def cmd_publish(args: argparse.Namespace) -> int:
    """Build the static site of FILE into --output (or EQUALITY_MAP_PUBLISH_DIR), atomically."""
    from equality_map.embed import normalise_base_url
    from equality_map.places import load_places
    from equality_map.prepare import prepare_entries
    from equality_map.publish import PublishError, SiteOptions, publish

    settings: Settings = args.settings
    out = args.output or settings.publish_dir
    if out is None:
        _say(args, "cli.publish_no_output")
        return EXIT_ERRORS
    result = _readable(args, 5)
    if isinstance(result, int):
        return result
    base = args.base_url if args.base_url is not None else settings.static_url
    base_url = normalise_base_url(base) or "" if base else ""
    if base and not base_url:
        _say(args, "cli.publish_bad_base_url", value=base)
        return EXIT_ERRORS
    frame = prepare_entries(result.frame, cache=settings.geocode_cache, places=load_places())
    opts = SiteOptions.from_settings(settings, args.page_lang, base_url)
    try:
        done = publish(frame, out, opts)
    except PublishError as exc:
        _say(args, "cli.publish_not_a_site", path=exc.path)
        return EXIT_ERRORS
    _say_count(args, "cli.published", done.pages, output=out,
               entries=i18n.format_number(done.entries, args.lang),
               seconds=i18n.format_number(done.seconds, args.lang, decimals=1))  # fmt: skip
    if not base_url:
        _say(args, "cli.publish_no_sitemap")
    return EXIT_OK
