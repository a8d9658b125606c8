"""View state ↔ URL query params, filtering and stepping (pure functions, no Streamlit)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.schema import ADMIN1_CODES, CLAIM_STATUSES, EVENT_TYPES, coerce_dtypes
from dashboard.view import (
    DEFAULT_LAT,
    DEFAULT_LON,
    DEFAULT_ZOOM,
    LAYERS,
    PAGES,
    STEPS,
    View,
    date_bounds,
    filter_events,
    share_url,
    step_window,
)

# ---- strategies ---------------------------------------------------------------------------------
ids = st.from_regex(r"[A-Za-z0-9_.:-]{1,40}", fullmatch=True)
actor_names = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1, max_size=30
).map(str.strip).filter(lambda s: s != "" and s.isprintable())
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@st.composite
def views(draw: st.DrawFn) -> View:
    start = draw(st.none() | dates)
    end = draw(st.none() | dates)
    if start and end and start > end:
        start, end = end, start
    return View(
        datasets=tuple(draw(st.lists(ids, max_size=3))),
        start=start,
        end=end,
        event_types=tuple(draw(st.lists(st.sampled_from(EVENT_TYPES), max_size=4))),
        admin1=tuple(draw(st.lists(st.sampled_from(list(ADMIN1_CODES)), max_size=4))),
        actors=tuple(draw(st.lists(actor_names, max_size=3))),
        claim_status=tuple(draw(st.lists(st.sampled_from(CLAIM_STATUSES), max_size=3))),
        layers=tuple(draw(st.lists(st.sampled_from(LAYERS), max_size=4))) if draw(st.booleans()) else LAYERS,
        lat=draw(st.floats(min_value=-85, max_value=85, allow_nan=False)),
        lon=draw(st.floats(min_value=-180, max_value=180, allow_nan=False)),
        zoom=draw(st.integers(min_value=3, max_value=18)),
        selected=draw(st.none() | ids),
        step=draw(st.sampled_from(STEPS)),
        page=draw(st.sampled_from(PAGES)),
    )


# ---- round trips --------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(views())
def test_query_params_round_trip(view: View) -> None:
    params = view.to_query_params()
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in params.items())
    parsed, notices = View.from_query_params(params)
    assert notices == []
    assert parsed == view


@settings(max_examples=200, deadline=None)
@given(views())
def test_share_url_round_trip_through_a_real_url(view: View) -> None:
    """What the browser sends back (percent-decoded query) gives the same view."""
    url = share_url("http://localhost:8501/some/page?old=1#frag", view)
    parts = urlsplit(url)
    assert parts.path == "/some/page" and "old=1" not in parts.query and parts.fragment == ""
    parsed, notices = View.from_query_params(dict(parse_qsl(parts.query, keep_blank_values=True)))
    assert notices == []
    assert parsed == view


def test_default_view_has_no_params_and_sane_defaults() -> None:
    v = View()
    assert v.to_query_params() == {}
    assert (v.lat, v.lon, v.zoom) == (DEFAULT_LAT, DEFAULT_LON, DEFAULT_ZOOM)
    assert v.layers == LAYERS
    assert View.from_query_params({}) == (View(), [])


def test_canonical_order_and_duplicates() -> None:
    a = View(event_types=("offensive", "attack", "attack"), actors=("b", "A", "b"), layers=("sites", "sleeper"))
    assert a.event_types == ("attack", "offensive")
    assert a.actors == ("A", "b")
    assert a.layers == ("sleeper", "sites")
    assert a.to_query_params() == {"types": "attack,offensive", "actors": "A,b", "layers": "sleeper,sites"}


def test_all_layers_off_is_kept_in_the_url() -> None:
    v = View(layers=())
    assert v.to_query_params() == {"layers": "none"}
    assert View.from_query_params({"layers": "none"}) == (v, [])


def test_actor_with_comma_survives() -> None:
    v = View(actors=("Hayat Tahrir al-Sham, HTS", "100% Brigade"))
    assert View.from_query_params(v.to_query_params()) == (v, [])


# ---- bad and stale parameters -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("params", "expected", "notice_word"),
    [
        ({"types": "attack,bombing"}, View(event_types=("attack",)), "bombing"),
        ({"gov": "SY-XX,IQ-AN"}, View(admin1=("IQ-AN",)), "SY-XX"),
        ({"claim": "rumoured"}, View(), "rumoured"),
        ({"layers": "heatmap"}, View(), "heatmap"),
        ({"lat": "abc"}, View(), "not a number"),
        ({"lat": "nan"}, View(), "not a number"),
        ({"lon": "inf"}, View(), "not a number"),
        ({"lat": "95"}, View(lat=85.0), "clamped"),
        ({"zoom": "40"}, View(zoom=18), "clamped"),
        ({"zoom": "0"}, View(zoom=3), "clamped"),
        ({"zoom": "7.6"}, View(zoom=8), None),
        ({"start": "2024-02-30"}, View(), "not a date"),
        ({"start": "yesterday"}, View(), "not a date"),
        ({"end": "0001-01-01"}, View(), "not a date"),
        ({"start": "2024-05-01", "end": "2024-01-01"},
         View(start=date(2024, 1, 1), end=date(2024, 5, 1)), "swapped"),
        ({"sel": "<script>"}, View(), "not a valid event id"),
        ({"ds": "abc123,../../etc"}, View(datasets=("abc123",)), "not a valid id"),
        ({"step": "year"}, View(), "expected one of"),
        ({"page": "admin"}, View(), "expected one of"),
        ({"utm_source": "x"}, View(), "unknown link parameter"),
        ({"types": "x" * 5000}, View(), "too long"),
    ],
)
def test_bad_params_fall_back_with_a_notice(params: dict, expected: View, notice_word: str | None) -> None:
    view, notices = View.from_query_params(params)
    assert view == expected
    if notice_word is None:
        assert notices == []
    else:
        assert any(notice_word in n for n in notices), notices


def test_streamlit_own_params_are_ignored_silently() -> None:
    assert View.from_query_params({"embed": "true", "embed_options": "dark_theme"}) == (View(), [])


def test_repeated_key_last_value_wins_for_scalars_and_lists_merge() -> None:
    view, notices = View.from_query_params({"zoom": ["5", "9"], "types": ["attack", "airstrike"]})
    assert notices == []
    assert view.zoom == 9
    assert view.event_types == ("attack", "airstrike")


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text(max_size=12), st.text(max_size=60) | st.lists(st.text(max_size=20), max_size=3),
                       max_size=8))
def test_parser_never_raises_on_arbitrary_input(params: dict) -> None:
    view, notices = View.from_query_params(params)
    assert isinstance(view, View)
    assert all(isinstance(n, str) for n in notices)
    # Whatever came in, what goes out is a valid view that round-trips cleanly.
    assert View.from_query_params(view.to_query_params()) == (view, [])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["lat", "lon", "zoom", "start", "end", "types", "gov", "actors", "claim", "layers", "sel",
                        "ds", "step", "page"]), st.text(max_size=80))
def test_each_known_param_never_raises(key: str, value: str) -> None:
    view, notices = View.from_query_params({key: value})
    assert View.from_query_params(view.to_query_params()) == (view, [])


def test_validate_datasets_drops_stale_ids() -> None:
    v = View(datasets=("aaa", "bbb"))
    kept, notices = v.validate_datasets(["bbb", "ccc"])
    assert kept.datasets == ("bbb",)
    assert len(notices) == 1 and "aaa" in notices[0]


@pytest.mark.parametrize(
    ("start", "end", "expected_start", "expected_end", "n_notices"),
    [
        (date(2020, 1, 1), date(2024, 3, 1), date(2024, 1, 1), date(2024, 3, 1), 1),
        (date(2024, 2, 1), date(2030, 1, 1), date(2024, 2, 1), date(2024, 6, 30), 1),
        (date(2024, 2, 1), date(2024, 3, 1), date(2024, 2, 1), date(2024, 3, 1), 0),
        (None, None, None, None, 0),
    ],
)
def test_clamp_to_data_bounds(start, end, expected_start, expected_end, n_notices) -> None:
    view, notices = View(start=start, end=end).clamp_to((date(2024, 1, 1), date(2024, 6, 30)))
    assert (view.start, view.end) == (expected_start, expected_end)
    assert len(notices) == n_notices


# ---- filtering ----------------------------------------------------------------------------------
@pytest.fixture()
def small_events() -> pd.DataFrame:
    rows = [
        ("a", "2024-01-01", "attack", "ISIS", "SDF", "SY-DY", "claimed"),
        ("b", "2024-01-15", "airstrike", "Coalition", "ISIS", "SY-HA", "reported"),
        ("c", "2024-02-01", "sleeper_cell", "isis", "", "IQ-AN", "reported"),
        ("d", "2024-03-31", "armed_clash", "SDF", "Syrian army", "SY-DY", "disputed"),
        ("e", "2024-04-01", "attack", "Unknown", "", "IQ-NI", "denied"),
    ]
    return coerce_dtypes(pd.DataFrame(rows, columns=["event_id", "event_date", "event_type", "actor1", "actor2",
                                                     "admin1_code", "claim_status"]))


@pytest.mark.parametrize(
    ("view", "expected_ids"),
    [
        (View(), "abcde"),
        (View(start=date(2024, 1, 15), end=date(2024, 3, 31)), "bcd"),  # inclusive at both ends
        (View(start=date(2024, 4, 2)), ""),
        (View(end=date(2024, 1, 1)), "a"),
        (View(event_types=("attack",)), "ae"),
        (View(admin1=("SY-DY", "IQ-AN")), "acd"),
        (View(actors=("ISIS",)), "abc"),  # actor1 or actor2, case-insensitive
        (View(actors=("sdf",)), "ad"),
        (View(claim_status=("disputed", "denied")), "de"),
        (View(event_types=("attack",), admin1=("SY-DY",), start=date(2024, 1, 1), end=date(2024, 1, 1)), "a"),
    ],
)
def test_filter_events(small_events: pd.DataFrame, view: View, expected_ids: str) -> None:
    assert "".join(filter_events(small_events, view)["event_id"]) == expected_ids


def test_datetimes_from_widgets_are_days(small_events: pd.DataFrame) -> None:
    from datetime import datetime

    v = View(start=datetime(2024, 1, 15, 13, 30), end=pd.Timestamp("2024-03-31 08:00"))
    assert (v.start, v.end) == (date(2024, 1, 15), date(2024, 3, 31))
    assert type(v.start) is date and type(v.end) is date
    assert "".join(filter_events(small_events, v)["event_id"]) == "bcd"


def test_date_bounds(small_events: pd.DataFrame) -> None:
    assert date_bounds(small_events) == (date(2024, 1, 1), date(2024, 4, 1))
    assert date_bounds(small_events.iloc[0:0]) is None


# ---- stepping -----------------------------------------------------------------------------------
BOUNDS = (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize(
    ("step", "start", "end", "direction", "expected"),
    [
        ("week", date(2024, 1, 1), date(2024, 1, 7), 1, (date(2024, 1, 8), date(2024, 1, 14))),
        ("week", date(2024, 1, 8), date(2024, 1, 14), -1, (date(2024, 1, 1), date(2024, 1, 7))),
        ("week", date(2024, 1, 1), date(2024, 1, 7), -1, (date(2024, 1, 1), date(2024, 1, 7))),  # clamped at start
        ("month", date(2024, 1, 31), date(2024, 2, 29), 1, (date(2024, 2, 29), date(2024, 3, 29))),
        ("month", date(2024, 3, 10), date(2024, 4, 9), 1, (date(2024, 4, 10), date(2024, 5, 10))),  # keeps length
        ("month", date(2024, 12, 1), date(2024, 12, 31), 1, (date(2024, 12, 1), date(2024, 12, 31))),  # at end
        ("month", date(2024, 11, 15), date(2024, 12, 15), 1, (date(2024, 12, 1), date(2024, 12, 31))),
        ("month", None, None, 1, BOUNDS),  # whole range: nothing to move
        ("week", date(2024, 5, 1), date(2024, 5, 10), 0, (date(2024, 5, 1), date(2024, 5, 10))),
    ],
)
def test_step_window(step, start, end, direction, expected) -> None:
    moved = step_window(View(step=step, start=start, end=end), direction, BOUNDS)
    assert (moved.start, moved.end) == expected
    if start is not None:
        assert moved.end - moved.start == end - start


@pytest.mark.parametrize(
    ("start", "end", "direction", "expected"),
    [
        (date(2024, 3, 1), date(2024, 3, 31), 1, (date(2024, 4, 1), date(2024, 4, 30))),
        (date(2024, 3, 1), date(2024, 3, 31), -1, (date(2024, 2, 1), date(2024, 2, 29))),
        (date(2024, 1, 1), date(2024, 3, 31), 1, (date(2024, 2, 1), date(2024, 4, 30))),  # a quarter moves a month
        (date(2024, 11, 1), date(2024, 11, 30), 1, (date(2024, 12, 1), date(2024, 12, 31))),
        (date(2024, 12, 1), date(2024, 12, 31), 1, (date(2024, 12, 1), date(2024, 12, 31))),  # at the end
        (date(2024, 1, 1), date(2024, 1, 31), -1, (date(2024, 1, 1), date(2024, 1, 31))),  # at the start
    ],
)
def test_whole_month_windows_step_by_calendar_month(start, end, direction, expected) -> None:
    moved = step_window(View(step="month", start=start, end=end), direction, BOUNDS)
    assert (moved.start, moved.end) == expected


def test_play_through_reaches_the_end_and_stops() -> None:
    view = View(step="week", start=date(2024, 1, 1), end=date(2024, 1, 14))
    seen = [view]
    for _ in range(100):
        nxt = step_window(seen[-1], 1, BOUNDS)
        if nxt == seen[-1]:
            break
        seen.append(nxt)
    assert seen[-1].end == BOUNDS[1]
    assert all(b.start > a.start for a, b in zip(seen, seen[1:], strict=False))
    assert len(seen) < 60


@pytest.mark.parametrize(
    ("lat", "lon", "zoom", "expected"),
    [
        (34.123456, 41.987654, 7, (34.1235, 41.9877, 7)),
        (90.0, 0.0, 6, (85.0, 0.0, 6)),
        (10.0, 200.0, 6, (10.0, -160.0, 6)),  # panned round the globe
        (10.0, -540.0, 6, (10.0, -180.0, 6)),
        (float("nan"), float("inf"), float("nan"), (DEFAULT_LAT, DEFAULT_LON, DEFAULT_ZOOM)),
        (30.0, 40.0, 6.6, (30.0, 40.0, 7)),
        (30.0, 40.0, 99, (30.0, 40.0, 18)),
    ],
)
def test_map_position_from_the_browser_is_normalised(lat, lon, zoom, expected) -> None:
    v = View(lat=lat, lon=lon, zoom=zoom)
    assert (v.lat, v.lon, v.zoom) == expected
    assert View.from_query_params(v.to_query_params()) == (v, [])


def _pixels_from_centre(lat: float, lon: float, view: View) -> tuple[float, float]:
    import math

    def merc_y(x: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(x) / 2))

    scale = 256 * 2 ** view.zoom
    dx = (lon - view.lon) / 360 * scale
    dy = (merc_y(view.lat) - merc_y(lat)) * scale / (2 * math.pi)
    return dx, dy


@pytest.mark.parametrize("width", [607, 697])  # the map's width at 1280×720 and at 1400×900
def test_default_view_shows_both_countries_whole(width: int) -> None:
    # Basra and Umm Qasr (southern Iraq) were cut off by the old default centre (34.8, 41.5).
    from dashboard import geo

    west, south, east, north = geo.governorates().total_bounds
    height = 530  # app.MAP_HEIGHT
    for lat, lon in ((south, west), (north, east), (south, east), (north, west), (30.05, 47.9)):
        dx, dy = _pixels_from_centre(lat, lon, View())
        assert abs(dx) <= width / 2 - 4 and abs(dy) <= height / 2 - 4, (lat, lon, dx, dy)
