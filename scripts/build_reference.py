"""Build the official geography the app ships in data/ from the raw reference files.

Reads (../shared/reference/, see its README):
- Destatis GV100AD (territory 30.11.2023, population 31.12.2022: total and male, so female =
  total - male), the newest population with a female count in the reference files;
- Destatis GV-ISys Auszug (territory 31.03.2023): the centre coordinates of municipalities;
- BKG VG5000 (01.01.2021, Gauss-Krüger zone 3): Länder, Kreise and municipality polygons;
- data/gazetteer.csv (GeoNames, CC BY 4.0): place names and alternate names as aliases.

Writes, deterministically (a rebuild gives byte-identical files):
- data/municipalities.csv   every municipality (gemeindefreie Gebiete left out), by AGS
- data/kreise.csv           the 400 Kreise and kreisfreie Städte
- data/laender.csv          the 16 Länder
- data/place_aliases.csv    other names of municipalities (GeoNames places inside them,
                            alternate names), for the place matcher
- data/boundaries/laender.geojson, kreise.geojson   simplified for the browser (shared borders
                            kept consistent by topojson's topology-preserving simplification)
- data/boundaries/gemeinden.geojson   municipality polygons (current AGS) for point lookup

Usage: python scripts/build_reference.py [--reference DIR] [--out DIR]
Needs the `build` extra: pip install -e '.[build]' (pyshp, pyproj, shapely, topojson).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
LAND_CODES = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip
#: Gemeindefreie Gebiete (Textkennzeichen 65 inhabited, 66 uninhabited) are no municipality.
NOT_MUNICIPALITY = {"65", "66"}
#: Kreis merged after the BKG boundaries' date (Thüringer Gesetz, in force 01.07.2021).
KREIS_MERGED = {"16056": "16063"}  # Eisenach -> Wartburgkreis
POPULATION_DATE = "2022-12-31"
#: Browser layers: simplification tolerance in metres (Gauss-Krüger) and decimals of degrees.
SIMPLIFY_M = {"laender": 1500.0, "kreise": 700.0, "gemeinden": 120.0}
DECIMALS = {"laender": 3, "kreise": 3, "gemeinden": 4}


@dataclass
class Municipality:
    ags: str
    name: str
    status: str
    verband: str
    area_ha: int
    population: int
    male: int
    postcode: str
    lat: float = math.nan
    lon: float = math.nan
    coordinate_source: str = ""

    @property
    def kreis(self) -> str:
        return self.ags[:5]

    @property
    def land(self) -> str:
        return LAND_CODES[self.ags[:2]]


@dataclass
class Directory:
    laender: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (name, seat)
    regbez: dict[str, str] = field(default_factory=dict)  # 3-digit -> name
    kreise: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # ags -> name, type, seat
    verbaende: dict[str, tuple[str, str]] = field(default_factory=dict)  # 9-digit -> name, type
    municipalities: dict[str, Municipality] = field(default_factory=dict)


def display_name(official: str) -> str:
    """'Flensburg, Stadt' -> 'Flensburg': the name without the status after the comma."""
    return official.split(",", 1)[0].strip()


def read_gv100(path: Path) -> Directory:
    """The GV100AD fixed-width records (UTF-8): Länder, RB, Kreise, Verbände, Gemeinden."""
    out = Directory()
    for line in path.read_text("utf-8").splitlines():
        kind = line[:2]
        name = line[22:72].strip()
        seat = line[72:122].strip()
        code = line[122:124].strip()
        if kind == "10":
            out.laender[line[10:12]] = (name, seat)
        elif kind == "20":
            out.regbez[line[10:13]] = name
        elif kind == "40":
            out.kreise[line[10:15]] = (name, code, seat)
        elif kind == "50":
            out.verbaende[line[10:15] + line[18:22]] = (name, code)
        elif kind == "60":
            ags = line[10:18]
            out.municipalities[ags] = Municipality(
                ags=ags,
                name=name,
                status=code,
                verband=line[10:15] + line[18:22],
                area_ha=int(line[128:139] or 0),
                population=int(line[139:150] or 0),
                male=int(line[150:161] or 0),
                postcode=line[165:170].strip(),
            )
    return out


def read_centres(path: Path) -> dict[str, tuple[float, float]]:
    """AGS -> (lat, lon) of the municipality's centre from the GV-ISys Auszug workbook."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    sheet = workbook["Onlineprodukt_Gemeinden31032023"]
    out: dict[str, tuple[float, float]] = {}
    for row in sheet.iter_rows(min_row=7, values_only=True):
        if row[0] != "60" or row[14] in (None, ""):
            continue
        ags = f"{row[2]}{row[3]}{row[4]}{row[6]}"
        out[ags] = (float(str(row[15]).replace(",", ".")), float(str(row[14]).replace(",", ".")))
    workbook.close()
    return out


# --- geometry -----------------------------------------------------------------------------------


def simplified_geojson(
    features: list[tuple[dict[str, str], object]], tolerance: float, decimals: int
) -> dict:
    """A FeatureCollection simplified with shared borders kept (topojson), in WGS84."""
    import topojson
    from pyproj import Transformer
    from shapely.geometry import mapping, shape
    from shapely.ops import transform

    gk3 = "EPSG:31467"
    to_wgs84 = Transformer.from_crs(gk3, "EPSG:4326", always_xy=True).transform
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": mapping(geom)}
            for props, geom in features
        ],
    }
    topo = topojson.Topology(collection, prequantize=False, toposimplify=tolerance)
    simple = json.loads(topo.to_geojson())
    out = []
    for feature in simple["features"]:
        geom = transform(to_wgs84, shape(feature["geometry"]))
        out.append(
            {
                "type": "Feature",
                "properties": {k: feature["properties"][k] for k in sorted(feature["properties"])
                               if k != "id"},
                "geometry": _rounded(mapping(geom), decimals),
            }
        )  # fmt: skip
    out.sort(key=lambda f: f["properties"]["ags"])
    return {"type": "FeatureCollection", "features": out}


def _rounded(geometry: dict, decimals: int) -> dict:
    def walk(coords: object) -> object:
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            return [round(float(c), decimals) for c in coords]
        return [walk(c) for c in coords]  # type: ignore[union-attr]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def gk3_layers(reference: Path) -> dict[str, list[tuple[dict, object]]]:
    """The three VG5000 layers in Gauss-Krüger (as in the files), geofactor 9 only."""
    import shapefile
    from shapely.geometry import shape

    layers = {}
    for name in ("LAN", "KRS", "GEM"):
        reader = shapefile.Reader(str(reference / "bkg-vg5000" / f"VG5000_{name}"),
                                  encoding="utf-8")  # fmt: skip
        layers[name] = [
            (rec.as_dict(), shape(shp.__geo_interface__))
            for rec, shp in zip(reader.records(), reader.shapes(), strict=True)
            if rec.as_dict().get("GF") == 9
        ]
    return layers


def current_polygons(
    gem: list[tuple[dict, object]], directory: Directory, centres_gk3: dict[str, object]
) -> tuple[dict[str, object], dict[str, str]]:
    """Municipality polygons of 01.01.2021 regrouped to today's AGS.

    A 2021 polygon whose AGS still exists keeps it. One whose AGS is gone (a merger since
    2021) goes to the current municipality whose centre lies inside it, else to the nearest
    current centre in the same (today's) Kreis: mergers join neighbours. Returns today's AGS
    -> polygon (union) and the 2021 AGS -> today's AGS for the changed ones.
    """
    from shapely import STRtree
    from shapely.ops import unary_union

    current = directory.municipalities
    names = sorted(centres_gk3)
    points = [centres_gk3[a] for a in names]
    tree = STRtree(points)
    parts: dict[str, list[object]] = defaultdict(list)
    moved: dict[str, str] = {}
    for record, polygon in gem:
        old = record["AGS"]
        if old in current and current[old].status not in NOT_MUNICIPALITY:
            parts[old].append(polygon)
            continue
        inside = [names[i] for i in tree.query(polygon, predicate="contains")]
        inside = [a for a in inside if not _polygon_has_own(a, gem)]
        if not inside:
            kreis = KREIS_MERGED.get(old[:5], old[:5])
            candidates = [a for a in names if a.startswith(kreis)]
            if not candidates:
                continue  # a gemeindefreies Gebiet: no municipality
            centre = polygon.representative_point()  # type: ignore[attr-defined]
            inside = [min(candidates, key=lambda a: centres_gk3[a].distance(centre))]
        moved[old] = sorted(inside)[0]
        parts[moved[old]].append(polygon)
    return {ags: unary_union(polys) for ags, polys in sorted(parts.items())}, moved


_OWN: dict[str, bool] = {}


def _polygon_has_own(ags: str, gem: list[tuple[dict, object]]) -> bool:
    """True when today's municipality `ags` already has a 2021 polygon of its own AGS."""
    if not _OWN:
        for record, _polygon in gem:
            _OWN[record["AGS"]] = True
    return _OWN.get(ags, False)


# --- writing ------------------------------------------------------------------------------------


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue()


def fmt(value: float, decimals: int) -> str:
    return "" if value is None or math.isnan(value) else f"{value:.{decimals}f}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8", newline="\n")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
          f"({len(text.encode()):,} bytes)", file=sys.stderr)  # fmt: skip


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def build(reference: Path, out: Path) -> None:
    from pyproj import Transformer
    from shapely.geometry import Point
    from shapely.ops import unary_union

    directory = read_gv100(reference / "destatis" / "GV100AD_2023-11-30.txt")
    centres = read_centres(reference / "destatis" / "AuszugGV1QAktuell_2023-03-31.xlsx")
    municipalities = {
        a: m for a, m in directory.municipalities.items() if m.status not in NOT_MUNICIPALITY
    }
    layers = gk3_layers(reference)
    to_gk3 = Transformer.from_crs("EPSG:4326", "EPSG:31467", always_xy=True).transform
    to_wgs84 = Transformer.from_crs("EPSG:31467", "EPSG:4326", always_xy=True).transform
    centres_gk3 = {}
    for ags, m in municipalities.items():
        if ags in centres:
            m.lat, m.lon = centres[ags]
            m.coordinate_source = "destatis"
            centres_gk3[ags] = Point(*to_gk3(m.lon, m.lat))
    polygons, moved = current_polygons(layers["GEM"], directory, centres_gk3)
    for ags, m in municipalities.items():
        if ags not in centres and ags in polygons:
            point = polygons[ags].representative_point()  # type: ignore[attr-defined]
            lon, lat = to_wgs84(point.x, point.y)
            m.lat, m.lon, m.coordinate_source = lat, lon, "bkg"

    # municipalities.csv
    rows = []
    for ags in sorted(municipalities):
        m = municipalities[ags]
        verband_name, verband_type = directory.verbaende.get(m.verband, ("", ""))
        regbez = ags[:3] if ags[:3] in directory.regbez else ""
        rows.append([ags, m.name, display_name(m.name), m.status, m.land, regbez, m.kreis,
                     m.verband, display_name(verband_name), verband_type, m.population,
                     m.population - m.male, fmt(m.area_ha / 100, 2), m.postcode,
                     fmt(m.lat, 5), fmt(m.lon, 5), m.coordinate_source])  # fmt: skip
    write(out / "municipalities.csv", csv_text(
        ["ags", "name", "display_name", "status", "land", "regbez", "kreis_ags", "verband_ags",
         "verband_name", "verband_type", "population", "population_female", "area_km2",
         "postcode", "lat", "lon", "coordinate_source"], rows))  # fmt: skip

    # kreise.csv (population etc. summed over all records, gemeindefreie bewohnt included)
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for m in directory.municipalities.values():
        total = sums[m.kreis]
        total[0] += m.population
        total[1] += m.population - m.male
        total[2] += m.area_ha
    kreis_rows = []
    for ags in sorted(directory.kreise):
        name, kind, seat = directory.kreise[ags]
        members = [m for m in municipalities.values() if m.kreis == ags and m.population]
        weight = sum(m.population for m in members) or 1
        lat = sum(m.lat * m.population for m in members) / weight
        lon = sum(m.lon * m.population for m in members) / weight
        pop, female, area = sums[ags]
        kreis_rows.append([ags, name, display_name(name), kind, LAND_CODES[ags[:2]],
                           ags[:3] if ags[:3] in directory.regbez else "", display_name(seat),
                           pop, female, fmt(area / 100, 2), fmt(lat, 5), fmt(lon, 5)])  # fmt: skip
    write(out / "kreise.csv", csv_text(
        ["kreis_ags", "name", "display_name", "type", "land", "regbez", "seat", "population",
         "population_female", "area_km2", "lat", "lon"], kreis_rows))  # fmt: skip

    land_rows = []
    for code in sorted(directory.laender):
        name, seat = directory.laender[code]
        members = [r for r in kreis_rows if r[0][:2] == code]
        land_rows.append([LAND_CODES[code], code, name, display_name(seat),
                          sum(int(r[7]) for r in members), sum(int(r[8]) for r in members),
                          fmt(sum(float(r[9]) for r in members), 2)])  # fmt: skip
    write(out / "laender.csv", csv_text(
        ["land", "ags", "name", "seat", "population", "population_female", "area_km2"],
        land_rows))  # fmt: skip

    # boundaries
    lan = [({"ags": r["AGS"][:2], "land": LAND_CODES[r["AGS"][:2]], "name": r["GEN"]}, g)
           for r, g in layers["LAN"]]  # fmt: skip
    krs_parts: dict[str, list[object]] = defaultdict(list)
    for record, geom in layers["KRS"]:
        krs_parts[KREIS_MERGED.get(record["AGS"], record["AGS"])].append(geom)
    krs = [({"ags": a, "name": display_name(directory.kreise[a][0]),
             "type": directory.kreise[a][1]}, unary_union(parts))
           for a, parts in sorted(krs_parts.items())]  # fmt: skip
    gem = [({"ags": a, "name": display_name(municipalities[a].name)}, g)
           for a, g in polygons.items()]  # fmt: skip
    for name, features in (("laender", lan), ("kreise", krs), ("gemeinden", gem)):
        layer = simplified_geojson(features, SIMPLIFY_M[name], DECIMALS[name])
        text = json.dumps(layer, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        write(out / "boundaries" / f"{name}.geojson", text + "\n")

    # place aliases: GeoNames places inside a municipality, and alternate names
    alias_rows = aliases(ROOT / "data" / "gazetteer.csv", polygons, municipalities, to_gk3)
    alias_rows += [[old, "", a, "former_ags"] for old, a in sorted(moved.items())]
    write(out / "place_aliases.csv", csv_text(["alias", "land", "ags", "kind"], alias_rows))


def aliases(
    gazetteer: Path,
    polygons: dict[str, object],
    municipalities: dict[str, Municipality],
    to_gk3: object,
) -> list[list[str]]:
    """GeoNames names of places inside each municipality (not its own official names)."""
    from shapely import STRtree
    from shapely.geometry import Point

    keys = sorted(polygons)
    tree = STRtree([polygons[a] for a in keys])
    own = {(fold(display_name(m.name)), m.land) for m in municipalities.values()}
    rows: set[tuple[str, str, str, str]] = set()
    with gazetteer.open(encoding="utf-8", newline="") as handle:
        for place in csv.DictReader(handle):
            x, y = to_gk3(float(place["lon"]), float(place["lat"]))  # type: ignore[operator]
            hits = tree.query(Point(x, y), predicate="within")
            if len(hits) != 1:
                continue
            ags = keys[int(hits[0])]
            land = municipalities[ags].land
            names = [place["name"], *[n for n in place["alternatenames"].split("|") if n]]
            for i, name in enumerate(names):
                name = " ".join(name.split())
                if (
                    not name
                    or (fold(name), land) in own
                    and fold(name) != fold(display_name(municipalities[ags].name))
                ):
                    continue  # another municipality's own name: never an alias
                if fold(name) == fold(display_name(municipalities[ags].name)):
                    continue  # the official name itself
                if not any(ch.isalpha() for ch in name) or not _latin(name):
                    continue
                rows.add((name, land, ags, "geonames_place" if i == 0 else "geonames_alternate"))
    return [list(r) for r in sorted(rows)]


def _latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith(("LATIN", "SPACE", "HYPHEN", "DIGIT",
                                                      "FULL STOP", "APOSTROPHE", "LEFT", "RIGHT",
                                                      "SOLIDUS", "COMMA"))
               or ch in "-'’." for ch in text)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    build(args.reference, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
