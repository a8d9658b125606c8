"""The map builder: layers present, every string escaped, nothing from a CDN, honest precision.

The browser tests at the end render `build_map` output in headless Chromium (served by a
local http.server with the vendor files) and skip when Chromium or Playwright is missing.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import sys
import threading
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from dashboard.layers import (
    EVENT_COLOURS,
    LEGEND_GROUPS,
    POINT_TYPES,
    SLEEPER_SCALE,
    attack_payload,
    base_map,
    build_map,
    count_unplaced,
    data_layers,
    escape_text,
    event_at,
    fatality_radius,
    focus_view,
    label_min_zoom,
    legend_html,
    legend_items,
    place_points,
    safe_url,
    script_json,
    selected_event,
    selection_layer,
    sites_payload,
    sleeper_bins,
    sleeper_counts,
)
from dashboard.schema import coerce_dtypes, empty_events
from dashboard.static_assets import VENDOR_URL, ensure_vendor_assets
from dashboard.view import LAYERS, View, filter_events

sys.path.insert(0, str(Path(__file__).parent / "e2e"))  # the browser recipe shared with the e2e tests
from e2e_driver import chromium_available, launch_chromium  # noqa: E402

XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "`${alert(2)}`",
    "${alert(3)}",
    "</script><script>alert(4)</script>",
    "line\u2028break\u2029here",
]
# Raw fragments that must never appear in the page (their escaped forms are fine).
FORBIDDEN = ["<script>alert", "<img src=x", "${alert", "`${", "</script><script>", "javascript:alert"]


# ---- fixtures -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def toy_governorates() -> gpd.GeoDataFrame:
    """Four box-shaped governorates where the real ones roughly are (enough to test the layers)."""
    return gpd.GeoDataFrame(
        {
            "admin1_code": ["SY-DY", "SY-HI", "IQ-AN", "IQ-NI"],
            "name": ["Deir ez-Zor", "Homs", "Anbar", "Nineveh"],
            "country": ["SY", "SY", "IQ", "IQ"],
            "aliases": ["", "", "", ""],
        },
        geometry=[box(39.5, 34.3, 41.3, 36.0), box(36.5, 33.8, 39.5, 35.3), box(39.0, 31.5, 43.5, 34.3),
                  box(41.3, 35.2, 43.5, 37.0)],
        crs="EPSG:4326",
    )


@pytest.fixture(scope="module")
def toy_sites() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["Omar oil field", "Al-Shaer gas field", "Baiji refinery"],
        "aliases": ["", "", ""],
        "site_type": ["oil_field", "gas_field", "refinery"],
        "country": ["SY", "SY", "IQ"],
        "admin1_code": ["SY-DY", "SY-HI", "IQ-SD"],
        "latitude": [35.05, 34.9, 34.93],
        "longitude": [40.55, 37.69, 43.49],
        "source": ["test", "test", "test"],
    })


def make_events(rows: list[dict]) -> pd.DataFrame:
    base = {"event_date": "2024-01-10", "event_type": "attack", "country": "SY", "admin1_code": "SY-DY",
            "geo_precision": "town", "claim_status": "reported", "date_precision": "day"}
    out = [{**base, "event_id": f"ev{i}", **r} for i, r in enumerate(rows)]
    return coerce_dtypes(pd.DataFrame(out))


@pytest.fixture(scope="module")
def mixed_events() -> pd.DataFrame:
    return make_events([
        {"event_type": "attack", "latitude": 35.33, "longitude": 40.14, "location": "Deir ez-Zor city",
         "fatalities": 4, "actor1": "ISIS", "actor2": "SDF", "evidence": "Gunmen attacked a checkpoint."},
        {"event_type": "airstrike", "latitude": 34.45, "longitude": 40.92, "location": "Al-Qaim",
         "country": "IQ", "admin1_code": "IQ-AN", "fatalities": 0, "event_date": "2024-02-01"},
        {"event_type": "sleeper_cell", "admin1_code": "SY-DY", "geo_precision": "governorate",
         "event_date": "2024-01-05", "evidence": "Cells are active in the countryside."},
        {"event_type": "sleeper_cell", "admin1_code": "SY-DY", "geo_precision": "governorate",
         "event_date": "2024-03-05", "evidence": "Later report of cells."},
        {"event_type": "sleeper_cell", "admin1_code": "IQ-AN", "country": "IQ", "geo_precision": "governorate",
         "event_date": "2024-02-05"},
        {"event_type": "armed_clash", "admin1_code": "SY-HI", "geo_precision": "governorate",
         "latitude": 34.73, "longitude": 38.5, "event_date": "2024-03-01"},
    ])


def xss_events() -> pd.DataFrame:
    rows = []
    for i, payload in enumerate(XSS):
        rows.append({
            "event_type": "attack" if i % 2 else "sleeper_cell",
            "latitude": 35.0 + i * 0.01, "longitude": 40.0, "geo_precision": "town",
            "location": payload, "actor1": payload, "actor2": payload, "sub_event_type": payload,
            "source": payload, "source_url": "javascript:alert(5)", "evidence": payload,
            "fatalities": i,
        })
    rows.append({"event_type": "airstrike", "latitude": 35.2, "longitude": 40.3, "location": "ok",
                 "source": "s", "source_url": "https://example.org/a?b=1&c=<x>"})
    return make_events(rows)


def xss_governorates(toy_governorates: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    gov = toy_governorates.copy()
    gov["name"] = [XSS[k % len(XSS)] for k in range(len(gov))]
    return gov


def xss_sites(toy_sites: pd.DataFrame) -> pd.DataFrame:
    s = toy_sites.copy()
    s["name"] = XSS[: len(s)]
    return s


def render(m) -> str:
    return m.get_root().render()


# ---- escaping -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ('a "q" \'s\'', "a &quot;q&quot; &#x27;s&#x27;"),
        ("`tick`", "&#96;tick&#96;"),
        ("${alert(1)}", "&#36;&#123;alert(1)&#125;"),
        ("{{ 7*7 }}", "&#123;&#123; 7*7 &#125;&#125;"),
        ("A & B", "A &amp; B"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        (12, "12"),
    ],
)
def test_escape_text(raw, expected: str) -> None:
    assert escape_text(raw) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x?a=1&b=2", "https://example.org/x?a=1&amp;b=2"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("JAVASCRIPT:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("//example.org/x", ""),
        ("https://", ""),
        ("https://ex.org/\"onmouseover=\"alert(1)", "https://ex.org/&quot;onmouseover=&quot;alert(1)"),
        ("java\nscript:alert(1)", ""),
        (None, ""),
    ],
)
def test_safe_url(url, expected: str) -> None:
    assert safe_url(url) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_escape_text_property(text: str) -> None:
    out = escape_text(text)
    assert not set(out) & set("<>\"'`${}")
    assert html.unescape(out) == text


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12))
def test_script_json_property(obj) -> None:
    text = script_json(obj)
    assert json.loads(text) == obj
    for bad in ("<", ">", "&", "\u2028", "\u2029", "{{", "{%", "{#"):
        assert bad not in text


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"a": "</script><!--", "b": "\u2028\u2029", "c": "&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><!--", "b": "\u2028\u2029", "c": "&"}


JINJA = ["{{ 'jinja-' ~ 'ran2' }}", "{% if true %}{{ 'jinja-' ~ 'ran3' }}{% endif %}", "{# c #}",
         "{{ ''.__class__.__mro__ }}", "{{{%"]


@pytest.mark.parametrize("payload", JINJA)
def test_script_json_has_no_jinja_openers(payload: str) -> None:
    text = script_json({"k": payload, "nested": [{"a": payload}]})
    assert "{{" not in text and "{%" not in text and "{#" not in text
    assert json.loads(text) == {"k": payload, "nested": [{"a": payload}]}


@pytest.mark.parametrize("layers", [LAYERS, ("attacks",), ("sleeper",), ("sites",), ("outlines",)])
def test_data_is_never_run_as_a_jinja_template(toy_governorates, toy_sites, layers) -> None:
    """folium compiles rendered scripts as Jinja again: `{{ }}` from a CSV must stay text."""
    rows = [{"event_type": t, "latitude": 35.0, "longitude": 40.0, "location": p, "actor1": p, "source": p,
             "evidence": p, "admin1_code": "SY-DY"} for p in JINJA for t in ("attack", "sleeper_cell")]
    gov = toy_governorates.assign(name=JINJA[: len(toy_governorates)])
    sites = toy_sites.assign(name=JINJA[: len(toy_sites)])
    html = render(build_map(make_events(rows), View(layers=layers), gov, sites))
    assert "jinja-ran" not in html and "class 'object'" not in html
    for opener in ("{{", "{%", "{#"):
        assert opener not in html


@pytest.mark.parametrize("layers", [LAYERS, ("attacks",), ("sleeper",), ("sites",), ("outlines",)])
def test_no_unescaped_payload_reaches_the_html(toy_governorates, toy_sites, layers) -> None:
    html = render(build_map(xss_events(), View(layers=layers), xss_governorates(toy_governorates),
                            xss_sites(toy_sites)))
    for bad in FORBIDDEN:
        assert bad not in html, bad
    assert "\u2028" not in html and "\u2029" not in html
    # The whole page has exactly the scripts we put there: folium's, ours, none from data.
    assert not re.search(r"<img\b", html)


def test_payload_strings_are_escaped_and_links_only_http(toy_governorates) -> None:
    payload = attack_payload(xss_events(), toy_governorates)
    joined = "\n".join(payload["strings"])
    assert "<script>" not in joined and "<img" not in joined and "${" not in joined and "`" not in joined
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in joined
    hrefs = re.findall(r'href="([^"]*)"', joined)
    assert hrefs == ["https://example.org/a?b=1&amp;c=&lt;x&gt;"]


# ---- offline: every asset local -------------------------------------------------------------------
@pytest.mark.parametrize("which", ["build_map", "base_map"])
def test_every_script_and_stylesheet_is_local(toy_governorates, toy_sites, mixed_events, which) -> None:
    m = build_map(mixed_events, View(), toy_governorates, toy_sites) if which == "build_map" else base_map(View())
    html = render(m)
    links = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)=["\']([^"\']+)', html)
    assert links
    assert all(link.startswith(VENDOR_URL + "/") for link in links), links
    assert "cdn" not in html.lower() and "https://" not in html.replace("https://example", "")


def test_base_map_has_no_tiles_and_a_max_zoom() -> None:
    html = render(base_map(View()))
    assert "tileLayer" not in html
    assert '"maxZoom": 18' in html


def test_optional_tiles_are_a_layer_not_a_script() -> None:
    html = render(base_map(View(), tiles_url="http://localhost:8080/tiles/{z}/{x}/{y}.png"))
    assert "L.tileLayer(" in html and "localhost:8080/tiles" in html
    links = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)=["\']([^"\']+)', html)
    assert all(link.startswith(VENDOR_URL + "/") for link in links)


def test_base_map_script_does_not_depend_on_the_view() -> None:
    """st_folium remounts when the map script changes; position goes via center=/zoom=."""
    a = render(base_map(View()))
    b = render(base_map(View(lat=33.3, lon=44.4, zoom=9, event_types=("attack",))))
    strip = functools.partial(re.sub, r"_[0-9a-f]{32}", "")
    assert strip(a) == strip(b)


# ---- layers present / absent --------------------------------------------------------------------
MARKERS = {
    "outlines": ["siq-country-border", "siq-gov-border", "Nineveh"],
    "sleeper": ["siq-sleeper", "Sleeper-cell reports", "Latest evidence", "Later report of cells."],
    "sites": ['"sites"', "Omar oil field"],
    "attacks": ['"attacks"', "Gunmen attacked a checkpoint."],
}


@pytest.mark.parametrize("layers", [LAYERS, ("attacks",), ("sleeper", "sites"), ("outlines",), ()])
def test_the_html_holds_exactly_the_chosen_layers(toy_governorates, toy_sites, mixed_events, layers) -> None:
    html = render(build_map(mixed_events, View(layers=layers), toy_governorates, toy_sites))
    for layer, needles in MARKERS.items():
        for needle in needles:
            assert (needle in html) == (layer in layers), (layer, needle)


@pytest.mark.parametrize("case", ["empty", "only_sleeper", "only_unplaceable", "window_without_events"])
def test_maps_with_nothing_to_draw_still_render(toy_governorates, toy_sites, mixed_events, case: str) -> None:
    view = View()
    if case == "empty":
        events = empty_events()
    elif case == "only_sleeper":
        events = mixed_events.loc[mixed_events["event_type"] == "sleeper_cell"]
    elif case == "only_unplaceable":
        events = make_events([{"admin1_code": "", "country": "SY", "geo_precision": "country"}])
    else:
        events, view = mixed_events, View(start=date(2030, 1, 1))
    payload = attack_payload(filter_events(events, view), toy_governorates)
    assert payload["n"] == 0 and payload["lat"] == [] and all(v == [] for v in payload["fields"].values())
    html = render(build_map(events, view, toy_governorates, toy_sites))
    assert '"attacks"' in html and "siq-country-border" in html


def test_data_layers_are_feature_groups_in_drawing_order(toy_governorates, toy_sites, mixed_events) -> None:
    import folium

    fgs = data_layers(mixed_events, View(), toy_governorates, toy_sites)
    assert all(isinstance(fg, folium.FeatureGroup) for fg in fgs)
    assert [fg.layer_name for fg in fgs] == ["Governorate outlines", "Sleeper-cell regions",
                                             "Sites: oil, gas, dams, crossings, airbases", "Attack sites"]


def test_time_window_changes_the_layers(toy_governorates, toy_sites, mixed_events) -> None:
    jan = View(start=date(2024, 1, 1), end=date(2024, 1, 31))
    html = render(build_map(mixed_events, jan, toy_governorates, toy_sites))
    assert "Gunmen attacked a checkpoint." in html and "Al-Qaim" not in html
    assert "Cells are active in the countryside." in html and "Later report of cells." not in html
    feb = View(start=date(2024, 2, 1), end=date(2024, 2, 29))
    html = render(build_map(mixed_events, feb, toy_governorates, toy_sites))
    assert "Gunmen attacked" not in html and "Al-Qaim" in html


# ---- sleeper-cell counts and shading ----------------------------------------------------------------
def test_sleeper_counts(mixed_events) -> None:
    counts = sleeper_counts(mixed_events)
    assert counts.to_dict("records") == [
        {"admin1_code": "SY-DY", "count": 2, "latest": "2024-03-05", "latest_evidence": "Later report of cells."},
        {"admin1_code": "IQ-AN", "count": 1, "latest": "2024-02-05", "latest_evidence": ""},
    ]
    assert sleeper_counts(mixed_events.iloc[0:0]).empty
    assert list(sleeper_counts(mixed_events.iloc[0:0]).columns) == ["admin1_code", "count", "latest",
                                                                   "latest_evidence"]


@pytest.mark.parametrize("max_count", [0, 1, 2, 3, 5, 7, 10, 99, 1000])
def test_sleeper_bins_cover_every_count_once(max_count: int) -> None:
    bins = sleeper_bins(max_count)
    covered = [c for low, high, _ in bins for c in range(low, high + 1)]
    assert covered == list(range(1, max_count + 1))
    colours = [c for _, _, c in bins]
    assert len(set(colours)) == len(colours)
    assert all(c in SLEEPER_SCALE for c in colours)
    if bins:
        assert colours[-1] == SLEEPER_SCALE[-1]  # the top class is always the darkest


def test_sleeper_shading_is_darker_for_more_reports(toy_governorates) -> None:
    events = make_events([{"event_type": "sleeper_cell", "admin1_code": "SY-DY", "geo_precision": "governorate"}] * 5
                         + [{"event_type": "sleeper_cell", "admin1_code": "IQ-AN", "country": "IQ",
                             "geo_precision": "governorate"}])
    html = render(build_map(events, View(layers=("sleeper",)), toy_governorates, pd.DataFrame()))
    data = json.loads(re.search(r"_add\((\{.*?\})\);", html, re.S).group(1))
    fills = {f["properties"]["admin1_code"]: f["properties"]["fill"] for f in data["features"]}
    assert SLEEPER_SCALE.index(fills["SY-DY"]) > SLEEPER_SCALE.index(fills["IQ-AN"])


# ---- points: precision, size, colour -------------------------------------------------------------------
def test_governorate_only_events_are_approximate_at_the_label_point(toy_governorates, mixed_events) -> None:
    gov = toy_governorates.copy()
    gov["label_lat"], gov["label_lon"] = 34.5, 38.0
    placed = place_points(mixed_events, gov.assign(label_lat=34.5, label_lon=38.0))
    clash = mixed_events.index[mixed_events["event_type"] == "armed_clash"][0]
    attack = mixed_events.index[mixed_events["event_type"] == "attack"][0]
    assert bool(placed.loc[clash, "approx"]) is True
    assert (placed.loc[clash, "lat"], placed.loc[clash, "lon"]) == (34.5, 38.0)  # not the row's centroid point
    assert bool(placed.loc[attack, "approx"]) is False
    assert (placed.loc[attack, "lat"], placed.loc[attack, "lon"]) == (35.33, 40.14)


def test_unplaceable_events_are_counted_not_drawn(toy_governorates) -> None:
    events = make_events([{"admin1_code": "SY-RA", "geo_precision": "governorate"},  # no polygon in the toy set
                          {"latitude": 35.0, "longitude": 40.0}])
    payload = attack_payload(events, toy_governorates)
    assert payload["n"] == 1 and payload["unplaced"] == 1


def test_count_unplaced(toy_governorates) -> None:
    events = make_events([{"admin1_code": "SY-RA", "geo_precision": "governorate"},
                          {"admin1_code": "SY-DY", "geo_precision": "governorate"},
                          {"event_type": "sleeper_cell", "admin1_code": "SY-RA", "geo_precision": "governorate"},
                          {"latitude": 35.0, "longitude": 40.0}])
    assert count_unplaced(events, toy_governorates) == 1  # sleeper cells are shading, not points
    assert count_unplaced(events.iloc[0:0], toy_governorates) == 0


@pytest.mark.parametrize(("area", "zoom"), [(0.01, 8), (0.05, 7), (0.07, 3), (5.0, 3)])
def test_small_governorates_are_labelled_only_when_zoomed_in(area: float, zoom: int) -> None:
    assert label_min_zoom(np.array([area])).tolist() == [zoom]


def test_approximate_points_use_the_hollow_dashed_style(toy_governorates, mixed_events) -> None:
    payload = attack_payload(mixed_events, toy_governorates)
    for i in range(payload["n"]):
        style = payload["styles"][payload["s"][i]]
        place_note = payload["strings"][payload["fields"]["approx"][i]]
        assert style["hollow"] == style["dash"] == bool(place_note)
    assert sum(1 for s in payload["s"] if payload["styles"][s]["hollow"]) == 1  # the armed clash


def test_points_coloured_by_type(toy_governorates, mixed_events) -> None:
    payload = attack_payload(mixed_events, toy_governorates)
    types = [payload["strings"][k] for k in payload["fields"]["type"]]
    for i, label in enumerate(types):
        t = POINT_TYPES[payload["s"][i] // 2]
        assert label.lower().startswith(t.replace("_", " "))
        assert payload["styles"][payload["s"][i]]["fill"] == EVENT_COLOURS[t]
    assert "sleeper" not in " ".join(types).lower()  # sleeper cells are area shading, not points


@pytest.mark.parametrize(("fatalities", "radius"), [(None, 4), (0, 4), (1, 6), (4, 7), (25, 12), (10_000, 16)])
def test_fatality_radius(fatalities, radius: int) -> None:
    assert fatality_radius(pd.Series([fatalities], dtype="Int64")).tolist() == [radius]


def test_radius_grows_with_fatalities() -> None:
    r = fatality_radius(pd.Series(range(0, 200), dtype="Int64"))
    assert (np.diff(r) >= 0).all() and r[0] < r[-1]


def test_sites_payload_shapes_by_type(toy_sites) -> None:
    payload = sites_payload(toy_sites)
    shapes = [payload["styles"][s]["shape"] for s in payload["s"]]
    assert payload["n"] == 3
    assert shapes == ["square", "diamond", "triangle"]


def test_sites_layer_draws_dams_crossings_and_airbases_too(toy_sites) -> None:
    # It used to draw only energy sites: dams, border crossings and airbases in sites.csv were dropped.
    more = pd.DataFrame({
        "name": ["Mosul Dam", "Al-Qaim crossing", "Ain al-Asad airbase", "Khunayfis mines", "Odd <b>site</b>"],
        "aliases": [""] * 5, "site_type": ["dam", "border_crossing", "airbase", "other", "unheard_of"],
        "country": ["IQ", "IQ", "IQ", "SY", "SY"], "admin1_code": ["IQ-NI", "IQ-AN", "IQ-AN", "SY-HI", "SY-HI"],
        "latitude": [36.63, 34.38, 33.8, 34.2, 34.0], "longitude": [42.82, 41.01, 42.44, 37.8, 38.0],
        "source": ["test"] * 5,
    })
    payload = sites_payload(pd.concat([toy_sites, more], ignore_index=True))
    assert payload["n"] == 8
    shapes = [payload["styles"][s]["shape"] for s in payload["s"]]
    assert shapes == ["square", "diamond", "triangle", "bar", "plus", "star", "square", "square"]
    kinds = [payload["strings"][i] for i in payload["fields"]["type"]]
    assert kinds[3:6] == ["Dam", "Border crossing", "Airbase"]
    assert "Odd &lt;b&gt;site&lt;/b&gt;" in payload["strings"]
    # Sites are the background: fainter and no bigger than the smallest event markers' cap.
    assert all(st["alpha"] < 0.7 for st in payload["styles"]) and max(payload["r"]) <= 7
    # The built-in gazetteer: every site is drawn.
    from dashboard import geo

    assert sites_payload(geo.sites())["n"] == len(geo.sites().dropna(subset=["latitude", "longitude"]))


def test_legend_shows_every_kind_of_site() -> None:
    labels = [i["label"] for i in legend_items(View(layers=("sites",)))]
    for label in ("Gas field", "Oil field", "Refinery", "Plant", "Dam", "Border crossing", "Airbase"):
        assert label in labels
    shapes = {i["shape"] for i in legend_items(View(layers=("sites",)))}
    assert {"bar", "plus", "star"} <= shapes
    html = legend_html(legend_items(View(layers=("sites",))))
    assert html.count("<svg") == len(labels)


def test_evidence_left_out_of_huge_maps(toy_governorates) -> None:
    events = make_events([{"latitude": 35.0, "longitude": 40.0, "evidence": f"sentence {i}"} for i in range(30)])
    small = attack_payload(events, toy_governorates, evidence_limit=100)
    big = attack_payload(events, toy_governorates, evidence_limit=10)
    assert "sentence 7" in small["strings"] and small["note"] == ""
    assert "sentence 7" not in big["strings"] and "table" in big["note"]


# ---- selection ----------------------------------------------------------------------------------
def test_selected_event_and_focus(toy_governorates, mixed_events) -> None:
    assert selected_event(mixed_events, "nope") is None
    row = selected_event(mixed_events, "ev1")
    assert row["location"] == "Al-Qaim" and row["latitude"] == 34.45
    v = focus_view(View(), mixed_events, "ev1", governorates=toy_governorates)
    assert (v.selected, v.lat, v.lon, v.zoom) == ("ev1", 34.45, 40.92, 9)
    payload = attack_payload(mixed_events, toy_governorates, selected="ev1")
    sel = payload["selected"]
    assert sel >= 0 and (payload["lat"][sel], payload["lon"][sel]) == (344500, 409200)  # degrees × 10⁴
    assert attack_payload(mixed_events, toy_governorates, selected="nope")["selected"] == -1


def test_selection_is_its_own_small_layer(toy_governorates, toy_sites, mixed_events) -> None:
    plain = data_layers(mixed_events, View(), toy_governorates, toy_sites)
    chosen = data_layers(mixed_events, View(selected="ev1"), toy_governorates, toy_sites)
    assert len(chosen) == len(plain) + 1
    html = render(build_map(mixed_events, View(selected="ev1"), toy_governorates, toy_sites))
    payloads = [json.loads(json.loads(m)) for m in re.findall(r"JSON\.parse\((\"(?:[^\"\\]|\\.)*\")\)", html)]
    by_layer = dict(zip(re.findall(r"\), \"(\w+)\"\)\.addTo", html), payloads, strict=True))
    assert by_layer["attacks"]["selected"] == -1 and by_layer["attacks"]["n"] == 3  # unchanged by selecting
    assert by_layer["selected"]["n"] == 1 and by_layer["selected"]["selected"] == 0
    assert by_layer["selected"]["interactive"] is False
    # Nothing to show: no selection, a sleeper-cell report (shading), outside the window, attacks hidden.
    sleeper = mixed_events.loc[mixed_events["event_type"] == "sleeper_cell", "event_id"].iloc[0]
    for view in (View(), View(selected=sleeper), View(selected="ev1", end=date(2024, 1, 1)),
                 View(selected="ev1", layers=("sleeper",)), View(selected="nope")):
        assert selection_layer(mixed_events, view, toy_governorates) is None


@pytest.mark.parametrize(
    ("lat", "lon", "zoom", "expected"),
    [(34.45, 40.92, 8, "ev1"), (34.46, 40.93, 8, "ev1"), (34.6, 41.2, 8, None), (34.6, 41.2, 3, "ev1")],
)
def test_event_at_click(toy_governorates, mixed_events, lat, lon, zoom, expected) -> None:
    assert event_at(mixed_events.iloc[:2], lat, lon, zoom, governorates=toy_governorates) == expected


def test_click_on_an_approximate_ring_and_focus_use_the_drawn_place(toy_governorates, mixed_events) -> None:
    gov = toy_governorates.assign(label_lat=34.55, label_lon=38.0)
    clash = mixed_events.loc[mixed_events["event_type"] == "armed_clash", "event_id"].iloc[0]
    # The row says 34.73, 38.5 (a centroid); the map draws it as a ring at the governorate's label point.
    assert event_at(mixed_events, 34.55, 38.0, 8, governorates=gov) == clash
    assert event_at(mixed_events, 34.73, 38.5, 8, governorates=gov) is None
    v = focus_view(View(), mixed_events, clash, governorates=gov)
    assert (v.selected, v.lat, v.lon, v.zoom) == (clash, 34.55, 38.0, 9)
    sleeper = mixed_events.loc[mixed_events["event_type"] == "sleeper_cell", "event_id"].iloc[0]
    assert focus_view(View(), mixed_events, sleeper, governorates=gov) == View(selected=sleeper)  # shading only
    assert focus_view(View(), mixed_events, "nope", governorates=gov) == View()


@pytest.mark.parametrize(("fatalities", "offset_px", "expected"), [(100, 13, True), (100, 25, False), (0, 13, False)])
def test_click_inside_a_big_marker_hits_it(toy_governorates, fatalities, offset_px, expected) -> None:
    events = make_events([{"latitude": 35.0, "longitude": 40.0, "fatalities": fatalities}])
    zoom = 10
    dlon = offset_px * 360 / (256 * 2 ** zoom)
    hit = event_at(events, 35.0, 40.0 + dlon, zoom, max_pixels=5, governorates=toy_governorates)
    assert (hit == "ev0") is expected


def test_legend(mixed_events) -> None:
    items = legend_items(View(event_types=("attack", "airstrike")), mixed_events)
    labels = [i["label"] for i in items]
    assert "Attack" in labels and "Airstrike" in labels and "Armed clash" not in labels
    assert any("sleeper-cell reports" in label for label in labels)
    assert any(i["shape"] == "ring" for i in items)
    assert legend_items(View(layers=())) == []
    html = legend_html([{"label": "<script>x</script>", "colour": "javascript:1", "shape": "circle"}])
    assert "<script>" not in html and "javascript" not in html


# ---- in a real browser ----------------------------------------------------------------------------
def _chromium_available() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return chromium_available()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def map_server(tmp_path_factory):
    """A local static server: /app/static/vendor/ as in the app, and maps written as pages."""
    if not _chromium_available():
        pytest.skip("Chromium or Playwright not available")
    root = tmp_path_factory.mktemp("mapsite")
    ensure_vendor_assets(root / "app" / "static")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    if not _chromium_available():
        pytest.skip("Chromium or Playwright not available")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


def _open(browser, map_server, html: str, name: str):
    root, base = map_server
    (root / name).write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    outside: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith(base):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/{name}")
    page.wait_for_selector("canvas.siq-points[data-drawn]", state="attached", timeout=15_000)
    return page, outside, dialogs, errors


@pytest.mark.e2e
def test_map_draws_offline_in_chromium(browser, map_server, toy_governorates, toy_sites, mixed_events) -> None:
    html = render(build_map(mixed_events, View(), toy_governorates, toy_sites))
    page, outside, dialogs, errors = _open(browser, map_server, html, "mixed.html")
    try:
        drawn = page.eval_on_selector_all("canvas.siq-points", "els => els.map(e => [e.dataset.layer, "
                                          "+e.dataset.drawn])")
        assert dict(drawn) == {"sites": 3, "attacks": 3}
        assert page.locator(".leaflet-overlay-pane path").count() >= 4  # outlines and shading
        assert page.locator(".siq-label").count() == 4
        # Hovering a point previews it; moving away hides the preview.
        map_name = re.search(r"var (map_[0-9a-f]+) = L\.map", html).group(1)
        p = page.evaluate(f"() => window['{map_name}'].latLngToContainerPoint([35.33, 40.14])")
        page.mouse.move(p["x"], p["y"])
        page.wait_for_selector(".leaflet-tooltip.siq-tip", timeout=5_000)
        assert page.inner_text(".leaflet-tooltip.siq-tip") == "Attack · 2024-01-10 · Deir ez-Zor city"
        page.mouse.move(5, 600)
        page.wait_for_selector(".leaflet-tooltip.siq-tip", state="detached", timeout=5_000)
        assert outside == [] and errors == [] and dialogs == []
    finally:
        page.close()


@pytest.mark.e2e
def test_hostile_text_runs_nothing_in_chromium(browser, map_server, toy_governorates, toy_sites) -> None:
    events = xss_events()
    html = render(build_map(events, View(), xss_governorates(toy_governorates), xss_sites(toy_sites)))
    page, outside, dialogs, errors = _open(browser, map_server, html, "xss.html")
    try:
        # Open every popup of the attack layer and hover every shaded governorate.
        assert page.locator("canvas.siq-points").count() == 2
        map_name = re.search(r"var (map_[0-9a-f]+) = L\.map", html).group(1)
        payload = attack_payload(events, xss_governorates(toy_governorates))
        texts: list[str] = []
        for i in range(payload["n"]):
            p = page.evaluate(f"""() => {{
                const m = window["{map_name}"];
                const p = m.latLngToContainerPoint([{payload['lat'][i] / 1e4}, {payload['lon'][i] / 1e4}]);
                m.fire('click', {{containerPoint: p, latlng: m.containerPointToLatLng(p)}});
                return p;
            }}""")
            page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
            texts.append(page.inner_text(".leaflet-popup-content"))
            page.mouse.move(p["x"], p["y"])  # the hover preview too
            page.wait_for_selector(".leaflet-tooltip.siq-tip", timeout=5_000)
            texts.append(page.inner_text(".leaflet-tooltip.siq-tip"))
        for path in page.locator(".leaflet-overlay-pane path.leaflet-interactive").all():
            path.hover(force=True)
        page.wait_for_timeout(300)
        assert dialogs == [] and errors == [] and outside == []
        assert page.locator("img").count() == 0
        assert page.evaluate("() => document.querySelectorAll('script:not([src])').length") == len(
            re.findall(r"<script>", html))
        # Shown as literal text, not run.
        assert any("<img src=x onerror=\"alert(1)\">" in t for t in texts)
        assert any("${alert(3)}" in t for t in texts)
    finally:
        page.close()


def _streamlit_folium_script(events: pd.DataFrame, view: View, governorates, sites) -> str:
    """The JavaScript streamlit-folium builds for `feature_group_to_add` (its own code path)."""
    from streamlit_folium import _get_feature_group_string

    m = base_map(view)
    fgs = data_layers(events, view, governorates, sites)
    return "".join(_get_feature_group_string(fg, m, idx) for idx, fg in enumerate(fgs))


def test_feature_groups_keep_the_names_streamlit_folium_expects(toy_governorates, toy_sites, mixed_events) -> None:
    script = _streamlit_folium_script(mixed_events, View(), toy_governorates, toy_sites)
    for idx in range(4):
        # streamlit-folium adds `feature_group_feature_group_{idx}` to the map by that exact name.
        assert f"var feature_group_feature_group_{idx} = L.featureGroup(" in script
        assert f"map_div.addLayer(feature_group_feature_group_{idx});" in script


@pytest.mark.e2e
def test_layers_swap_in_the_browser_like_streamlit_folium(browser, map_server, toy_governorates, toy_sites,
                                                          mixed_events) -> None:
    """Base map once, then layer scripts swapped in as the component does after each rerun."""
    html = render(base_map(View()))
    map_var = re.search(r"var (map_[0-9a-f]+) = L\.map", html).group(1)
    html = html.replace("</html>", f"<script>window.map_div = {map_var};</script></html>")
    root, _base = map_server
    (root / "base.html").write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{_base}/base.html")
        page.wait_for_function("() => window.map_div !== undefined")
        swap = """(script) => {
            (window.feature_group || []).forEach(l => window.map_div.removeLayer(l));
            window.feature_group = [];
            eval(script);
            const c = document.querySelector('canvas[data-layer="attacks"]');
            return [document.querySelectorAll('canvas.siq-points').length, c ? +c.dataset.drawn : null];
        }"""
        all_time = _streamlit_folium_script(mixed_events, View(), toy_governorates, toy_sites)
        january = _streamlit_folium_script(mixed_events, View(start=date(2024, 1, 1), end=date(2024, 1, 31)),
                                           toy_governorates, toy_sites)
        assert page.evaluate(swap, all_time) == [2, 3]
        assert page.evaluate(swap, january) == [2, 1]  # old canvases removed, new window drawn
        assert page.evaluate(swap, all_time) == [2, 3]
        assert errors == []
    finally:
        page.close()


@pytest.mark.e2e
def test_popup_never_covers_the_zoom_buttons(browser, map_server, toy_governorates) -> None:
    # An event near the map's top-left corner opened its popup over the + / − buttons.
    events = make_events([{"latitude": 35.9, "longitude": 38.6, "evidence": "A long evidence sentence. " * 8}])
    html = render(build_map(events, View(lat=35.0, lon=40.0, zoom=8), toy_governorates, None))
    page, outside, dialogs, errors = _open(browser, map_server, html, "popup_corner.html")
    try:
        map_name = re.search(r"var (map_[0-9a-f]+) = L\.map", html).group(1)
        corner = page.evaluate(f"""() => {{
            const m = window["{map_name}"];
            m.panBy(m.latLngToContainerPoint([35.9, 38.6]).subtract([30, 40]), {{animate: false}});
            return m.latLngToContainerPoint([35.9, 38.6]);
        }}""")
        assert corner["x"] < 60 and corner["y"] < 60, corner  # the event sits under the zoom buttons' corner
        page.evaluate(f"""() => {{
            const m = window["{map_name}"], p = m.latLngToContainerPoint([35.9, 38.6]);
            m.fire('click', {{containerPoint: p, latlng: m.containerPointToLatLng(p)}});
        }}""")
        page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
        page.wait_for_timeout(600)  # the pan that brings the popup into view
        zoom = page.locator(".leaflet-control-zoom").bounding_box()
        popup = page.locator(".leaflet-popup-content-wrapper").bounding_box()
        overlap_x = min(zoom["x"] + zoom["width"], popup["x"] + popup["width"]) - max(zoom["x"], popup["x"])
        overlap_y = min(zoom["y"] + zoom["height"], popup["y"] + popup["height"]) - max(zoom["y"], popup["y"])
        assert overlap_x <= 0 or overlap_y <= 0, (zoom, popup)
        assert errors == [] and outside == []
    finally:
        page.close()


@pytest.mark.e2e
def test_selected_events_popup_fits_above_it_without_panning(browser, map_server, toy_governorates) -> None:
    # A link with a selected event centres the map on it and opens its popup; a long evidence
    # sentence made the popup taller than the half map above the point, so it ran off the top
    # under the zoom buttons (st_folium then sets the link's centre, undoing any auto-pan).
    events = make_events([{"latitude": 35.3, "longitude": 40.1, "evidence": "A very long evidence sentence. " * 30,
                           "actor1": "Syrian army", "actor2": "ISIS", "fatalities": 13, "source": "UCDP GED: SOHR"}])
    view = View(lat=35.3, lon=40.1, zoom=9, selected="ev0")
    html = render(build_map(events, view, toy_governorates, None))
    assert html.count("height: 100.0%;") == 1
    html = html.replace("height: 100.0%;", "height: 530.0px;")  # as tall as the app's map
    page, outside, dialogs, errors = _open(browser, map_server, html, "popup_selected.html")
    try:
        map_name = re.search(r"var (map_[0-9a-f]+) = L\.map", html).group(1)
        page.wait_for_selector(".leaflet-popup-content", timeout=5_000)
        page.wait_for_timeout(600)
        container = page.locator(".leaflet-container").bounding_box()
        popup = page.locator(".leaflet-popup-content-wrapper").bounding_box()
        zoom = page.locator(".leaflet-control-zoom").bounding_box()
        assert container["height"] < 600, container  # the test's map is as tall as the app's
        assert popup["y"] >= container["y"], (popup, container)
        assert popup["y"] >= zoom["y"] + zoom["height"] or popup["x"] >= zoom["x"] + zoom["width"], (popup, zoom)
        centre = page.evaluate(f"() => window['{map_name}'].getCenter()")
        assert abs(centre["lat"] - 35.3) < 1e-3 and abs(centre["lng"] - 40.1) < 1e-3  # the link's view, exactly
        assert errors == [] and outside == []
    finally:
        page.close()


def test_legend_groups_events_shading_and_sites(mixed_events) -> None:
    # One undivided list mixed event colours, shading classes and site shapes.
    html = legend_html(legend_items(View(), mixed_events))
    heads = [LEGEND_GROUPS[k] for k in ("attacks", "sleeper", "sites")]
    positions = [html.index(h) for h in heads]
    assert positions == sorted(positions)
    assert html.index("Attack") > positions[0] and html.index("Gas field") > positions[2]


@pytest.mark.e2e
def test_a_points_preview_hides_the_shading_tooltip_under_it(browser, map_server, toy_governorates, toy_sites,
                                                            mixed_events) -> None:
    # Over a point in a shaded governorate both tooltips opened at once and overprinted each other.
    html = render(build_map(mixed_events, View(), toy_governorates, toy_sites))
    page, outside, dialogs, errors = _open(browser, map_server, html, "two_tips.html")
    try:
        map_name = re.search(r"var (map_[0-9a-f]+) = L\.map", html).group(1)

        def move_to(lat: float, lon: float) -> None:
            p = page.evaluate(f"() => window['{map_name}'].latLngToContainerPoint([{lat}, {lon}])")
            page.mouse.move(p["x"] + 0.5, p["y"] + 0.5, steps=4)
            page.wait_for_timeout(300)

        def shading_tip_visible() -> bool:
            return page.evaluate("() => [...document.querySelectorAll('.leaflet-tooltip:not(.siq-tip)')]"
                                 ".some(t => getComputedStyle(t).display !== 'none' && t.offsetWidth > 0)")

        move_to(35.6, 41.0)  # in shaded Deir ez-Zor, away from any point
        assert shading_tip_visible()
        move_to(35.33, 40.14)  # on the Deir ez-Zor city attack
        page.wait_for_selector(".leaflet-tooltip.siq-tip", timeout=5_000)
        assert not shading_tip_visible()
        move_to(35.6, 41.0)
        page.wait_for_selector(".leaflet-tooltip.siq-tip", state="detached", timeout=5_000)
        assert shading_tip_visible()
        assert errors == [] and outside == []
    finally:
        page.close()
