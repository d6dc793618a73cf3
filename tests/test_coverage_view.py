"""Coverage for people: labels, per-language numbers, "not surveyed", sentences, maps."""

from __future__ import annotations

import pandas as pd
import pytest

from equality_map import coverage_map as cmap
from equality_map import coverage_view as cv
from tests.test_coverage import OFFICE_B, SHELTER_A, STICKS, compute


@pytest.fixture(scope="module")
def result():
    return compute(SHELTER_A, OFFICE_B)


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [(133731, "de", 0, "133.731"), (133731, "en", 0, "133,731"), (81.2, "de", 1, "81,2"),
     (81.2, "en", 1, "81.2"), (None, "de", 0, "–")],
)  # fmt: skip
def test_numbers_per_language(value, lang, decimals, text):
    assert cv.fmt_number(value, lang, decimals) == text


def test_shares_are_percent():
    assert cv.fmt_percent(0.25, "de") == "25 %"
    assert cv.fmt_percent(0.25, "en") == "25%"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_display_labels_and_not_surveyed(result, lang):
    shown, unknown = cv.display(result.municipalities, "municipality", lang)
    assert "city" not in shown.columns
    assert "state" not in shown.columns
    assert cv.label("city", lang) in shown.columns
    text = cv.t("not_surveyed", lang)
    c = shown[result.municipalities["ags"].to_numpy() == "03002001"].iloc[0]
    assert c[cv.label("n_cat_womens_shelter", lang)] == text
    assert unknown.to_numpy().any()
    assert "None" not in shown.to_string()
    assert "nan" not in shown.to_string()
    land = shown[cv.label("state", lang)].iloc[0]
    assert land == "Niedersachsen" if lang == "de" else land == "Lower Saxony"


def test_lower_bound_and_upper_bound_read_as_such(result):
    shown, _ = cv.display(result.municipalities, "municipality", "de")
    c = shown[result.municipalities["ags"].to_numpy() == "03002001"].iloc[0]
    assert c[cv.label("nearest_womens_shelter_km", "de")].startswith("höchstens ")


def test_unknown_legal_duty_reads_unknown_not_not_surveyed():
    assert cv.unknown_text("equality_office_required", "de") == "unbekannt"
    assert cv.unknown_text("n_cat_womens_shelter", "de") == "nicht erhoben"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_profile_sentences_say_unknown_never_zero(result, lang):
    c = result.municipalities.set_index("ags").loc["03002001"]
    text = " ".join(cv.profile_sentences(c, "municipality", STICKS["coe_family_place_10k"], lang))
    assert cv.t("not_surveyed", lang) in text
    assert " 0 " not in text
    a = result.municipalities.set_index("ags").loc["03001001"]
    sentences = cv.profile_sentences(a, "municipality", STICKS["coe_family_place_10k"], lang)
    assert any("150" in x and ("76" in x) for x in sentences)  # population and women


def test_kreis_profile(result):
    eins = result.kreise.set_index("kreis_ags").loc["03001"]
    text = " ".join(cv.profile_sentences(eins, "kreis", STICKS["coe_family_place_10k"], "de"))
    assert "Gemeinden mit Pflicht zur Gleichstellungsstelle: 2" in text
    assert "Frauen wohnen mehr als 50 km" in text


def test_gap_lists_hold_known_gaps_only(result):
    lists = cv.gap_lists(result, "municipality")
    assert set(lists["office"]["city"]) == {"A"}  # surveyed, required, none; C is unsurveyed
    assert "C" not in set(lists["shelter"]["city"])
    kreis = cv.gap_lists(result, "kreis")
    assert "Kreis Zwei" not in set(kreis["no_shelter"]["kreis"])


def test_choropleth_escapes_names_and_marks_unknown(result):
    table = result.kreise.copy()
    table.loc[0, "kreis"] = "<script>alert(1)</script>"
    table["kreis_ags"] = ["03159", "03241"]  # real Kreise so the boundaries match
    html = cmap.choropleth(table, "kreis", "shelter_places_gap", "de").get_root().render()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html or "\\u0026lt;script" in html
    assert "nicht erhoben" in html
    assert "GeoBasis-DE / BKG" in html
    assert "cdn" not in html.lower()


def test_circles_map(result):
    html = cmap.circles(result.municipalities, "coverage_score", "en").get_root().render()
    assert "not surveyed" in html


def test_unknown_indicator_is_refused(result):
    with pytest.raises(ValueError, match="choose one of"):
        cmap.choropleth(result.kreise, "kreis", "population", "de")


def test_class_breaks_and_colours():
    breaks = cmap.class_breaks(pd.Series([1, 2, 3, 4, 5, None]))
    assert breaks[0] == 1
    assert breaks[-1] == 5
    assert cmap.colour_for(None, breaks, True) == cmap.NO_DATA
    assert cmap.colour_for(5, breaks, True) == cmap.PALETTE[-1]
    assert cmap.colour_for(5, breaks, False) == cmap.PALETTE[0]


def test_completeness_summary_groups_laender_and_counts_open_areas():
    table = pd.DataFrame(
        {
            "state": ["NI", "NI", "HE", "HE", "BY"],
            "category": ["womens_shelter", "equality_office"] * 2 + ["womens_shelter"],
            "survey": ["complete"] * 4 + ["not_surveyed"],
            "open_areas": ["", "Verden; Melle", "", "Fulda", ""],
        }
    )
    text = cv.completeness_summary(table, "de")
    assert text.startswith("Vollständig erhoben: Hessen, Niedersachsen (Gleichstellungsstelle")
    assert "Bayern" not in text
    assert "3 Kreise und Gemeinden offen" in text
    one = table.assign(open_areas=["", "Verden", "", "", ""])
    assert "1 Kreis oder Gemeinde offen" in cv.completeness_summary(one, "de")
    assert cv.completeness_summary(table.assign(survey="not_surveyed"), "en") is None
