"""Messages of the `equality-map` command line."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "cli.validate_summary": (
        "{file}: {rows} gültige Zeilen, {errors} Fehler, {warnings} Warnungen",
        "{file}: {rows} valid rows, {errors} errors, {warnings} warnings",
    ),
    "cli.rows_negative": (
        "--rows muss 0 oder mehr sein",
        "--rows must be 0 or more",
    ),
    "cli.demo_written": (
        (
            "{n} synthetischer Demo-Eintrag nach {output} geschrieben",
            "{n} synthetische Demo-Einträge nach {output} geschrieben",
        ),
        (
            "wrote {n} synthetic demo entry to {output}",
            "wrote {n} synthetic demo entries to {output}",
        ),
    ),
    "cli.not_written_errors": (
        "{file}: {n} Fehler; nichts geschrieben, weil Zeilen mit Fehlern verloren gingen. Bitte "
        "korrigieren (`equality-map validate`) und erneut ausführen.",
        "{file}: {n} errors; nothing written, because rows with errors would be lost. Fix them "
        "(see `equality-map validate`) and run again.",
    ),
    "cli.geocode_summary": (
        "{file}: {rows} Zeilen -> {target}; nach Quelle: {by_source}; ohne Koordinaten: "
        "{missing}{which}",
        "{file}: {rows} rows -> {target}; by source: {by_source}; without coordinates: "
        "{missing}{which}",
    ),
    "cli.backup": (
        "{file} (Sicherung: {backup})",
        "{file} (backup: {backup})",
    ),
    "cli.min_population_negative": (
        "--min-population muss 0 oder mehr sein",
        "--min-population must be 0 or more",
    ),
    "cli.coverage_written_municipality": (
        (
            "Abdeckung von {n} Kommune nach {output} geschrieben",
            "Abdeckung von {n} Kommunen nach {output} geschrieben",
        ),
        (
            "wrote coverage of {n} municipality to {output}",
            "wrote coverage of {n} municipalities to {output}",
        ),
    ),
    "cli.coverage_written_kreis": (
        (
            "Abdeckung von {n} Kreis nach {output} geschrieben",
            "Abdeckung von {n} Kreisen nach {output} geschrieben",
        ),
        ("wrote coverage of {n} Kreis to {output}", "wrote coverage of {n} Kreise to {output}"),
    ),
    "cli.coverage_written_land": (
        (
            "Abdeckung von {n} Land nach {output} geschrieben",
            "Abdeckung von {n} Ländern nach {output} geschrieben",
        ),
        ("wrote coverage of {n} Land to {output}", "wrote coverage of {n} Länder to {output}"),
    ),
    "cli.bad_thresholds": (
        "--thresholds '{value}': bitte ganze Kilometer mit Komma trennen, z. B. 30,50",
        "--thresholds '{value}': give whole kilometres separated by commas, e.g. 30,50",
    ),
    "cli.export_bad_suffix": (
        "--output {output}: der Dateiname muss auf .html, .csv oder .geojson enden (die Endung "
        "wählt das Format)",
        "--output {output}: the file name must end in .html, .csv or .geojson (the ending "
        "chooses the format)",
    ),
    "cli.unknown_category": (
        "unbekannte Kategorie '{value}'; bitte einen Schlüssel oder eine deutsche Bezeichnung "
        "angeben, z. B. {examples} (alle: siehe data/README.md)",
        "unknown category '{value}'; use a key or German label, e.g. {examples} (all: see "
        "data/README.md)",
    ),
    "cli.unknown_group": (
        "unbekannter Bereich '{value}'; erlaubt: {valid}",
        "unknown group '{value}'; use one of {valid}",
    ),
    "cli.unknown_city": (
        "kein Eintrag in {file} liegt in '{value}'{hint}",
        "no entry in {file} has the city '{value}'{hint}",
    ),
    "cli.did_you_mean": (
        "; meinten Sie {names}?",
        "; did you mean {names}?",
    ),
    "cli.export_written": (
        (
            "{n} Eintrag nach {output} geschrieben",
            "{n} Einträge nach {output} geschrieben",
        ),
        (
            "wrote {n} entry to {output}",
            "wrote {n} entries to {output}",
        ),
    ),
    "cli.interrupted": (
        "abgebrochen",
        "interrupted",
    ),
    "cli.publish_no_output": (
        "publish: kein Zielordner: --output DIR angeben oder EQUALITY_MAP_PUBLISH_DIR setzen",
        "publish: no target folder: give --output DIR or set EQUALITY_MAP_PUBLISH_DIR",
    ),
    "cli.publish_bad_base_url": (
        "publish: --base-url '{value}' ist keine http(s)-Adresse (https://karte.stadt.de/)",
        "publish: --base-url '{value}' is no http(s) address (https://karte.stadt.de/)",
    ),
    "cli.published": (
        (
            "{n} Seite mit {entries} Einträgen nach {output} veröffentlicht ({seconds} s)",
            "{n} Seiten mit {entries} Einträgen nach {output} veröffentlicht ({seconds} s)",
        ),
        (
            "published {n} page with {entries} entries to {output} ({seconds} s)",
            "published {n} pages with {entries} entries to {output} ({seconds} s)",
        ),
    ),
    "cli.publish_no_sitemap": (
        "Ohne --base-url (oder EQUALITY_MAP_STATIC_URL) wurde keine sitemap.xml geschrieben.",
        "Without --base-url (or EQUALITY_MAP_STATIC_URL) no sitemap.xml was written.",
    ),
    "cli.publish_not_a_site": (
        "publish: {path} gibt es schon, und es ist keine von equality-map veröffentlichte "
        "Seite (ein symbolischer Link); bitte einen neuen oder leeren Ordner wählen, auf den "
        "der Webserver dann zeigt",
        "publish: {path} exists and is not a site published by equality-map (a symbolic "
        "link); choose a new or empty folder, the web server's root then points at it",
    ),
    "cli.report_written": (
        "Bestandsbericht (Stichtag {stichtag}) nach {output} geschrieben",
        "stock report (reference date {stichtag}) written to {output}",
    ),
}
