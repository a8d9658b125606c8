"""The Streamlit app's widgets and URL handling (streamlit.testing AppTest, real store in a temp file).

AppTest cannot run the map component (it sees `st_folium` as an unknown element), so the
map itself is covered by the layer tests and the browser tests in tests/e2e.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")

# Our fixture dataset: 8 events over three months, several types, places, actors and claims.
ROWS: list[dict[str, str]] = [
    {"event_date": "2024-01-03", "event_type": "attack", "admin1_code": "SY-DY", "location": "Al-Mayadin",
     "latitude": "35.02", "longitude": "40.45", "actor1": "ISIS", "actor2": "SDF", "claim_status": "claimed",
     "fatalities": "3", "evidence": "Gunmen attacked an SDF checkpoint near Al-Mayadin."},
    {"event_date": "2024-01-10", "event_type": "sleeper_cell", "admin1_code": "SY-HI", "location": "",
     "latitude": "", "longitude": "", "actor1": "ISIS", "claim_status": "reported",
     "evidence": "Cells remain active in the desert of Homs."},
    {"event_date": "2024-01-20", "event_type": "airstrike", "admin1_code": "IQ-AN", "location": "Rutba",
     "latitude": "33.04", "longitude": "40.28", "actor1": "Iraqi security forces", "actor2": "ISIS",
     "claim_status": "reported", "fatalities": "5", "evidence": "Jets struck a hideout near Rutba."},
    {"event_date": "2024-02-02", "event_type": "attack", "admin1_code": "SY-HI", "location": "Palmyra",
     "latitude": "34.56", "longitude": "38.28", "actor1": "ISIS", "actor2": "Syrian army",
     "claim_status": "disputed", "fatalities": "7", "evidence": "A bus was ambushed east of Palmyra."},
    {"event_date": "2024-02-15", "event_type": "security_operation", "admin1_code": "IQ-NI", "location": "Mosul",
     "latitude": "36.34", "longitude": "43.13", "actor1": "Iraqi security forces", "claim_status": "reported",
     "evidence": "Police arrested two suspects in Mosul."},
    {"event_date": "2024-02-28", "event_type": "armed_clash", "admin1_code": "SY-DY", "location": "Hajin",
     "latitude": "34.69", "longitude": "40.83", "actor1": "SDF", "actor2": "ISIS", "claim_status": "reported",
     "fatalities": "2", "evidence": "Fighters clashed for hours outside Hajin."},
    {"event_date": "2024-03-05", "event_type": "sleeper_cell", "admin1_code": "SY-DY", "location": "",
     "latitude": "", "longitude": "", "actor1": "ISIS", "claim_status": "reported",
     "evidence": "Officials warned of cells in Deir ez-Zor."},
    {"event_date": "2024-03-30", "event_type": "attack", "admin1_code": "IQ-KI", "location": "Hawija",
     "latitude": "35.32", "longitude": "43.77", "actor1": "ISIS", "actor2": "Iraqi security forces",
     "claim_status": "claimed", "fatalities": "1", "evidence": "An IED hit a patrol near Hawija."},
]
BAD_ROW = {"event_date": "someday", "event_type": "attack", "admin1_code": "SY-HI", "latitude": "34.5",
           "longitude": "38.2", "evidence": "unreadable date"}
FIELDS = ("event_date", "event_type", "country", "admin1_code", "location", "latitude", "longitude", "actor1",
          "actor2", "claim_status", "fatalities", "source", "evidence")


def _csv(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(FIELDS))
    w.writeheader()
    for r in rows:
        w.writerow({**{f: "" for f in FIELDS}, **r, "country": r["admin1_code"][:2], "source": "app-test"})
    return buf.getvalue().encode("utf-8")


@pytest.fixture()
def store(tmp_db):
    from dashboard.store import Store

    s = Store(tmp_db)
    yield s
    s.close()


@pytest.fixture()
def dataset_id(store) -> str:
    result = store.add_dataset(_csv(ROWS + [BAD_ROW]), "fixture_events.csv", name="Fixture events")
    assert result.dataset_id and result.rows_kept == len(ROWS)
    return result.dataset_id


def run_app(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def warnings_text(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def params_of(at: AppTest) -> dict[str, str]:
    return {k: at.query_params[k] for k in at.query_params}


def _count(pred) -> int:
    return sum(1 for r in ROWS if pred(r))


def test_opens_a_dataset_from_the_url(dataset_id):
    at = run_app({"ds": dataset_id})
    assert at.multiselect(key="w_datasets").value == [dataset_id]
    assert metric(at, "Visible events") == str(len(ROWS))
    assert metric(at, "Governorates") == str(len({r["admin1_code"] for r in ROWS}))
    assert metric(at, "Reported fatalities") == str(sum(int(r.get("fatalities") or 0) for r in ROWS))
    assert at.slider(key="w_window").value == (date(2024, 1, 3), date(2024, 3, 30))
    assert params_of(at) == {"ds": dataset_id}
    assert not at.warning and not at.error
    # The share box holds the link of exactly this view.
    assert any(f"ds={dataset_id}" in c.value for c in at.code)


@pytest.mark.parametrize(
    ("params", "widgets", "expected"),
    [
        ({"types": "attack"}, {"w_types": ["attack"]}, lambda r: r["event_type"] == "attack"),
        ({"gov": "SY-DY,SY-HI"}, {"w_admin1": ["SY-HI", "SY-DY"]},
         lambda r: r["admin1_code"] in ("SY-DY", "SY-HI")),
        ({"claim": "claimed,disputed"}, {"w_claims": ["claimed", "disputed"]},
         lambda r: r["claim_status"] in ("claimed", "disputed")),
        ({"actors": "SDF"}, {"w_actors": ["SDF"]}, lambda r: "SDF" in (r.get("actor1"), r.get("actor2"))),
        ({"start": "2024-02-01", "end": "2024-02-29"}, {"w_window": (date(2024, 2, 1), date(2024, 2, 29))},
         lambda r: "2024-02-01" <= r["event_date"] <= "2024-02-29"),
        ({"types": "attack,sleeper_cell", "start": "2024-01-03", "end": "2024-01-31", "step": "week"},
         {"w_types": ["attack", "sleeper_cell"], "w_step": "week"},
         lambda r: r["event_type"] in ("attack", "sleeper_cell") and r["event_date"] < "2024-02-01"),
    ],
)
def test_url_sets_widgets_and_filters(dataset_id, params, widgets, expected):
    at = run_app({"ds": dataset_id, **params})
    for key, value in widgets.items():
        widget = at.slider(key=key) if key == "w_window" else (
            at.radio(key=key) if key == "w_step" else at.multiselect(key=key))
        assert widget.value == value, key
    assert metric(at, "Visible events") == str(_count(expected))
    # The URL the app writes back is the canonical form of the one it was given.
    assert params_of(at) == {"ds": dataset_id, **params} | ({"gov": "SY-HI,SY-DY"} if "gov" in params else {})
    assert not at.warning


@pytest.mark.parametrize(
    ("params", "mentions"),
    [
        ({"types": "bogus"}, ["bogus"]),
        ({"gov": "XX-YY"}, ["XX-YY"]),
        ({"zoom": "99"}, ["zoom"]),
        ({"start": "2024-13-45"}, ["2024-13-45"]),
        ({"ds": "0123456789abcdef"}, ["0123456789abcdef"]),
        ({"page": "admin", "layers": "lasers"}, ["admin", "lasers"]),
        ({"nonsense": "1"}, ["nonsense"]),
    ],
)
def test_bad_or_stale_params_fall_back_with_a_notice(store, params, mentions):
    at = run_app(params)
    text = warnings_text(at)
    for m in mentions:
        assert m in text.replace("\\", "")
    assert not at.error
    # The page still works: the built-in data (or nothing) is shown with default filters.
    assert at.multiselect(key="w_types").value == []


def test_window_outside_the_data_is_clamped_with_a_notice(dataset_id):
    at = run_app({"ds": dataset_id, "start": "2023-06-01", "end": "2024-02-10"})
    assert at.slider(key="w_window").value == (date(2024, 1, 3), date(2024, 2, 10))
    assert "2023-06-01" in warnings_text(at).replace("\\", "")
    assert params_of(at)["start"] == "2024-01-03"


def test_notice_stays_until_dismissed(dataset_id):
    at = run_app({"ds": dataset_id, "types": "bogus"})
    assert "bogus" in warnings_text(at)
    at.multiselect(key="w_types").set_value(["attack"]).run()
    assert "bogus" in warnings_text(at)
    at.button(key="w_dismiss_notices").click().run()
    assert "bogus" not in warnings_text(at)


def test_changing_a_filter_updates_the_url(dataset_id):
    at = run_app({"ds": dataset_id})
    at.multiselect(key="w_types").set_value(["attack", "armed_clash"]).run()
    assert params_of(at)["types"] == "attack,armed_clash"
    assert metric(at, "Visible events") == str(_count(lambda r: r["event_type"] in ("attack", "armed_clash")))
    at.toggle(key="w_layer_sites").set_value(False).run()
    assert params_of(at)["layers"] == "sleeper,attacks,outlines"
    at.multiselect(key="w_types").set_value([]).run()
    assert "types" not in params_of(at)


def test_step_buttons_move_the_window_by_month_and_week(dataset_id):
    at = run_app({"ds": dataset_id})
    at.button(key="w_fwd").click().run()  # whole range → its first month
    assert at.slider(key="w_window").value == (date(2024, 1, 3), date(2024, 2, 2))
    assert (params_of(at)["start"], params_of(at)["end"]) == ("2024-01-03", "2024-02-02")
    assert metric(at, "Visible events") == str(_count(lambda r: r["event_date"] <= "2024-02-02"))
    at.button(key="w_fwd").click().run()
    assert at.slider(key="w_window").value == (date(2024, 2, 3), date(2024, 3, 4))
    at.button(key="w_back").click().run()
    assert at.slider(key="w_window").value == (date(2024, 1, 3), date(2024, 2, 2))
    at.radio(key="w_step").set_value("week").run()
    at.button(key="w_fwd").click().run()
    assert at.slider(key="w_window").value == (date(2024, 1, 10), date(2024, 2, 9))
    assert params_of(at)["step"] == "week"


def test_play_steps_to_the_end_and_stops(dataset_id, monkeypatch):
    monkeypatch.setenv("DASHBOARD_PLAY_DELAY", "0")
    at = run_app({"ds": dataset_id, "start": "2024-02-15", "end": "2024-03-01"})
    at.toggle(key="w_play").set_value(True).run()
    assert at.toggle(key="w_play").value is False
    start, end = at.slider(key="w_window").value
    assert end == date(2024, 3, 30) and (end - start).days == (date(2024, 3, 1) - date(2024, 2, 15)).days


def test_selected_event_from_the_url_shows_its_evidence(dataset_id, store):
    events = store.events([dataset_id])
    hawija = events.loc[events["location"] == "Hawija"].iloc[0]
    at = run_app({"ds": dataset_id, "sel": hawija["event_id"]})
    assert any(t.value == "An IED hit a patrol near Hawija." for t in at.text)
    assert params_of(at)["sel"] == hawija["event_id"]


def test_stale_selected_event_is_dropped_with_a_notice(dataset_id):
    at = run_app({"ds": dataset_id, "sel": "0000000000deadbeef00"})
    assert "0000000000deadbeef00" in warnings_text(at).replace("\\", "")
    assert "sel" not in params_of(at)


def test_table_and_timeline_are_drawn(dataset_id):
    at = run_app({"ds": dataset_id, "types": "attack"})
    table = next(df.value for df in at.dataframe if "evidence" in df.value.columns)
    assert len(table) == _count(lambda r: r["event_type"] == "attack")
    assert table["event_date"].tolist() == sorted(table["event_date"], reverse=True)
    assert at.get("vega_lite_chart")


def test_datasets_page_lists_datasets_and_problems(dataset_id):
    at = run_app({"ds": dataset_id, "page": "datasets"})
    listing = at.dataframe[0].value
    assert dataset_id in listing["id"].tolist()
    at.selectbox(key="w_inspect").set_value(dataset_id).run()
    problems = next(df.value for df in at.dataframe if "expected" in df.value.columns)
    assert problems["value"].tolist() == ["someday"] and problems["column"].tolist() == ["event_date"]
    at.button(key="w_show_ds").click().run()
    assert at.radio(key="w_page").value == "map"
    assert at.multiselect(key="w_datasets").value == [dataset_id]


ARTICLE = (
    "Published: 2024-05-06\n\n"
    "Islamic State gunmen ambushed a Syrian army bus near Palmyra in Homs province on Sunday, "
    "killing four soldiers, a war monitor said.\n\n"
    "Separately, Iraqi security forces arrested three suspects in Mosul on Saturday."
)


def test_article_page_extracts_reviews_and_saves(store):
    at = run_app({"page": "article"})
    at.text_area(key="w_art_text").set_value(ARTICLE)
    at.date_input(key="w_art_published").set_value(date(2024, 5, 6))
    at.button(key="w_art_extract").click().run()
    assert not at.exception
    review = next(df.value for df in at.dataframe if "keep" in df.value.columns)
    assert len(review) >= 1 and review["keep"].all()
    assert review["evidence"].str.contains("Palmyra").any()
    at.text_input(key="w_art_name").set_value("Palmyra article").run()
    at.button(key="w_art_save").click().run()
    assert not at.exception
    saved = [d for d in store.list_datasets() if d.name == "Palmyra article"]
    assert len(saved) == 1 and saved[0].kind == "article" and saved[0].rows >= 1
    assert at.radio(key="w_page").value == "map"
    assert params_of(at).get("ds") == saved[0].id
    assert store.raw_upload(saved[0].id).decode("utf-8") == ARTICLE


def test_article_page_shows_set_aside_events_unticked_and_saves_only_ticked(store, repo_root):
    """The learned filter pre-unticks what it doubts; the reviewer sees it, with its
    doubt and evidence, and nothing unticked is saved (a real corpus article in which
    the shipped model flags one event of five)."""
    from dashboard.extract import extract_events_for_review, split_header

    text = (repo_root / "tests" / "articles_holdout28" / "2812_hama_kafr_nabudah.txt").read_text(encoding="utf-8")
    published, body = split_header(text)
    _events, doubts, set_aside = extract_events_for_review(body, published)
    flagged = sum(set_aside)
    assert 0 < flagged < len(doubts)
    at = run_app({"page": "article"})
    at.text_area(key="w_art_text").set_value(body)
    at.date_input(key="w_art_published").set_value(date.fromisoformat(published))
    at.button(key="w_art_extract").click().run()
    assert not at.exception
    review = next(df.value for df in at.dataframe if "keep" in df.value.columns)
    assert len(review) == len(doubts)
    assert list(review["keep"]) == [not f for f in set_aside]
    assert list(review["doubt"]) == [round(d * 100) for d in doubts]
    assert any("starts unticked" in c.value for c in at.caption)
    at.text_input(key="w_art_name").set_value("Reviewed article").run()
    at.button(key="w_art_save").click().run()
    assert not at.exception
    saved = next(d for d in store.list_datasets() if d.name == "Reviewed article")
    assert saved.rows == len(doubts) - flagged


def test_article_page_explains_an_empty_text(store):
    at = run_app({"page": "article"})
    at.button(key="w_art_extract").click().run()
    assert any("no article text" in e.value for e in at.error)


def _map_args(at: AppTest) -> dict:
    component = at.get("component_instance")[0]
    assert component.proto.component_name.endswith("st_folium")
    return json.loads(component.proto.json_args)


def test_map_component_gets_the_view_and_local_assets_only(dataset_id):
    at = run_app({"ds": dataset_id, "lat": "35.1234", "lon": "40.5", "zoom": "8"})
    args = _map_args(at)
    assert args["center"] == [35.1234, 40.5] and args["zoom"] == 8
    assert args["returned_objects"] == ["center", "zoom", "last_clicked"]
    links = args["js_links"] + args["css_links"]
    assert links and all(link.startswith("/app/static/vendor/") for link in links)
    assert "SiqCanvasPoints" in args["feature_group"]
    # A pan moves the map; the (reused) data layers are sent unchanged.
    at.session_state["_map_synced"] = True
    at.session_state["map_pos"] = (34.0, 39.0, 7)
    at.run()
    panned = _map_args(at)
    assert panned["center"] == [34.0, 39.0] and panned["zoom"] == 7
    assert panned["feature_group"] == args["feature_group"] and panned["key"] == args["key"]
    assert params_of(at)["lat"] == "34.0000" and params_of(at)["zoom"] == "7"
    # Filtering changes the data layers but not the base map, so the map is not re-mounted.
    at.multiselect(key="w_types").set_value(["attack"]).run()
    after = _map_args(at)
    assert after["key"] == args["key"] and after["script"] == args["script"]
    assert after["feature_group"] != args["feature_group"]


def test_a_filter_that_leaves_nothing_says_why_and_offers_a_way_back(dataset_id):
    # It used to show a map with "0 events" and nothing else.
    at = run_app({"ds": dataset_id, "types": "ceasefire", "gov": "IQ-BA"})
    assert metric(at, "Visible events") == "0"
    info = " ".join(i.value for i in at.info)
    assert "No events match these filters" in info and "Ceasefire" in info and "Basra" in info
    at.button(key="w_clear_filters").click().run()
    assert not at.exception
    assert metric(at, "Visible events") == str(len(ROWS))
    assert at.multiselect(key="w_types").value == [] and at.multiselect(key="w_admin1").value == []
    assert "types" not in params_of(at) and "gov" not in params_of(at)


def test_empty_window_points_to_matches_at_other_dates(dataset_id):
    at = run_app({"ds": dataset_id, "types": "attack", "start": "2024-01-04", "end": "2024-01-05"})
    if metric(at, "Visible events") == "0":
        assert "at other dates" in " ".join(i.value for i in at.info)


def test_whole_file_problems_say_so_instead_of_none(store):
    # A whole-file problem (no row number) showed as a grey "None" in the problem table.
    from dashboard import summaries

    bad = store.add_dataset(b"", "empty.csv", name="Empty")
    rows = _csv(ROWS + [BAD_ROW])
    some = store.add_dataset(rows, "fixture_events.csv").problems
    table = summaries.problems_display(list(bad.problems) + list(some))
    assert table["row"].tolist()[0] == "whole file"
    assert table["row"].tolist()[-1] == str(some[-1].row)
    assert list(table.columns)[:2] == ["row", "column"]


def test_page_css_shrinks_the_header_strip_without_taking_a_row(dataset_id):
    at = run_app({"ds": dataset_id})
    # Sent with st.html (style only: no row, no gap), and on every page.
    html = [h.proto.body for h in at.get("html")] if at.get("html") else []
    assert any("stHeader" in body and "stSidebarHeader" in body for body in html)
    assert not any("<style>" in m.value for m in at.markdown)
    at = run_app({"ds": dataset_id, "page": "datasets"})
    assert any("stHeader" in h.proto.body for h in at.get("html"))


def test_an_older_built_in_version_is_not_shown_by_default(store):
    # A changed built-in file becomes a new dataset beside the old one; both were selected by
    # default, so every built-in event was counted twice.
    old = store.add_dataset(_csv(ROWS), "articles.csv", name="Example articles (old build)", kind="builtin")
    assert old.dataset_id
    at = run_app()
    chosen = at.multiselect(key="w_datasets").value
    assert old.dataset_id not in chosen and chosen
    from dashboard.builtin import builtin_files

    current_rows = sum(store.get_dataset(i).rows for i in chosen)
    assert metric(at, "Visible events") == f"{current_rows:,}"
    assert len(builtin_files()) == len(chosen)
    assert "older version" in at.multiselect(key="w_datasets").format_func(old.dataset_id)
    assert params_of(at) == {}  # the default (current built-ins) is still the empty link
    at.slider(key="w_window").set_value(at.slider(key="w_window").value).run()  # any rerun: the same choice
    assert at.multiselect(key="w_datasets").value == chosen and params_of(at) == {}


def test_event_table_headers_are_words_not_column_codes(dataset_id):
    at = run_app({"ds": dataset_id})
    table = next(df for df in at.dataframe if "evidence" in df.value.columns)
    config = json.loads(table.proto.columns)
    labels = {k: v.get("label") for k, v in config.items()}
    assert labels["event_type"] == "type" and labels["actor1"] == "actor 1" and labels["admin1_code"] == "governorate"
    assert labels["claim_status"] == "claim"
