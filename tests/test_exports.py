"""Exports (CSV, GeoJSON, problem report) and the summaries shown beside the map."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import exports, summaries
from dashboard.schema import COLUMNS, RowProblem, coerce_dtypes, validate_events


def _events(rows: list[dict]) -> pd.DataFrame:
    base = {"country": "SY", "admin1_code": "SY-HI", "latitude": 34.7, "longitude": 36.7,
            "event_type": "attack", "event_date": "2025-03-03", "source": "test"}
    valid, problems = validate_events(pd.DataFrame([{**base, **r} for r in rows]))
    assert problems == []
    return valid


def _read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("ISIS", "ISIS"),
        ("", ""),
        (-3.5, -3.5),
        (None, None),
    ],
)
def test_neutralise_cell(value, expected):
    assert exports.neutralise_cell(value) == expected


def test_events_csv_keeps_columns_rows_and_neutralises_formulas():
    events = _events([
        {"actor1": "=cmd|'/c calc'!A0", "evidence": "Gunmen attacked a checkpoint, \"witnesses\" said.",
         "fatalities": 3},
        {"actor1": "ISIS", "location": "دير الزور", "latitude": None, "longitude": None,
         "admin1_code": "SY-DY", "event_date": "2025-03-04"},
    ])
    rows = _read_csv(exports.events_csv(events))
    assert list(rows[0].keys()) == list(COLUMNS)
    assert len(rows) == 2
    assert rows[0]["actor1"] == "'=cmd|'/c calc'!A0"
    assert rows[0]["evidence"] == "Gunmen attacked a checkpoint, \"witnesses\" said."
    assert rows[0]["fatalities"] == "3"
    assert rows[1]["location"] == "دير الزور"
    assert rows[1]["latitude"] == ""


def test_events_csv_of_empty_table_is_header_only():
    rows = _read_csv(exports.events_csv(coerce_dtypes(pd.DataFrame({c: [] for c in COLUMNS}))))
    assert rows == []


def test_events_geojson_points_and_null_geometry():
    events = _events([
        {"latitude": 35.33, "longitude": 40.14, "admin1_code": "SY-DY", "fatalities": 2,
         "evidence": "<script>alert(1)</script>"},
        {"latitude": None, "longitude": None, "admin1_code": "IQ-AN", "country": "IQ",
         "event_type": "sleeper_cell"},
    ])
    fc = json.loads(exports.events_geojson(events))
    assert fc["type"] == "FeatureCollection"
    first, second = fc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [40.14, 35.33]}
    assert first["properties"]["fatalities"] == 2
    # The export is data, not HTML: the text is kept as written; whoever renders it escapes it.
    assert first["properties"]["evidence"] == "<script>alert(1)</script>"
    assert first["id"] == events.loc[0, "event_id"]
    assert second["geometry"] is None
    assert second["properties"]["fatalities"] is None
    assert second["properties"]["admin1_code"] == "IQ-AN"
    assert "latitude" not in second["properties"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(29, 37.5), st.floats(35.5, 48.8), st.integers(0, 500) | st.none(),
                          st.text(max_size=30)), max_size=15))
def test_events_geojson_round_trips_every_row(rows):
    events = _events([{"latitude": la, "longitude": lo, "fatalities": f, "actor1": a} for la, lo, f, a in rows]) \
        if rows else coerce_dtypes(pd.DataFrame({c: [] for c in COLUMNS}))
    fc = json.loads(exports.events_geojson(events))
    assert len(fc["features"]) == len(events)
    for feat, (_, row) in zip(fc["features"], events.iterrows(), strict=True):
        lon, lat = feat["geometry"]["coordinates"]
        assert abs(lat - row["latitude"]) < 1e-6 and abs(lon - row["longitude"]) < 1e-6
        assert feat["properties"]["actor1"] == row["actor1"]


def test_problems_table_and_csv():
    problems = [
        RowProblem(3, "event_date", "yesterday", "a date YYYY-MM-DD", "missing or unreadable date"),
        RowProblem(None, "event_type", "", "columns event_date, event_type, country", "missing required column(s)"),
        RowProblem(7, "actor1", "=1+1", "text", "odd"),
    ]
    table = exports.problems_table(problems)
    assert list(table.columns) == list(exports.PROBLEM_COLUMNS)
    assert table["row"].tolist()[0] == 3 and pd.isna(table["row"].tolist()[1])
    rows = _read_csv(exports.problems_csv(problems))
    assert [r["row"] for r in rows] == ["3", "", "7"]
    assert rows[0]["value"] == "yesterday"
    assert rows[2]["value"] == "'=1+1"


def test_problems_table_empty():
    table = exports.problems_table([])
    assert table.empty and list(table.columns) == list(exports.PROBLEM_COLUMNS)


def test_summarize_counts():
    events = _events([
        {"fatalities": 3, "admin1_code": "SY-HI", "event_date": "2025-01-05"},
        {"fatalities": None, "admin1_code": "SY-HI", "event_date": "2025-02-01"},
        {"fatalities": 4, "admin1_code": "IQ-AN", "country": "IQ", "event_date": "2024-12-30"},
    ])
    s = summaries.summarize(events)
    assert (s.events, s.governorates, s.fatalities) == (3, 2, 7)
    assert (s.first, s.last) == (date(2024, 12, 30), date(2025, 2, 1))


def test_summarize_empty():
    empty = coerce_dtypes(pd.DataFrame({c: [] for c in COLUMNS}))
    s = summaries.summarize(empty)
    assert (s.events, s.governorates, s.fatalities, s.first) == (0, 0, 0, None)
    assert summaries.timeline_counts(empty, "week").empty


@pytest.mark.parametrize(
    ("step", "dates", "expected_periods"),
    [
        # 2025-03-03 is a Monday; Sunday 03-09 belongs to the same week, 03-10 starts the next.
        ("week", ["2025-03-03", "2025-03-09", "2025-03-10"], {"2025-03-03": 2, "2025-03-10": 1}),
        ("week", ["2025-03-05", "2025-03-26"], {"2025-03-03": 1, "2025-03-10": 0, "2025-03-17": 0, "2025-03-24": 1}),
        ("month", ["2025-01-31", "2025-03-01", "2025-03-31"], {"2025-01-01": 1, "2025-02-01": 0, "2025-03-01": 2}),
    ],
)
def test_timeline_counts_fills_gaps(step, dates, expected_periods):
    counts = summaries.timeline_counts(_events([{"event_date": d} for d in dates]), step)
    got = {p.date().isoformat(): int(c) for p, c in zip(counts["period"], counts["count"], strict=True)}
    assert got == expected_periods
    assert counts["count"].sum() == len(dates)


def test_timeline_counts_by_type_orders_types_like_schema():
    events = _events([
        {"event_type": "sleeper_cell", "event_date": "2025-03-03"},
        {"event_type": "attack", "event_date": "2025-03-04"},
        {"event_type": "attack", "event_date": "2025-04-04"},
    ])
    counts = summaries.timeline_counts(events, "month")
    assert counts["event_type"].tolist() == ["attack", "sleeper_cell", "attack", "sleeper_cell"]
    assert counts["count"].tolist() == [1, 1, 1, 0]


def test_timeline_counts_rejects_unknown_step():
    with pytest.raises(ValueError, match="step must be"):
        summaries.timeline_counts(_events([{}]), "fortnight")


def test_actor_options_by_frequency():
    events = _events([
        {"actor1": "ISIS", "actor2": "SDF"},
        {"actor1": "ISIS", "actor2": ""},
        {"actor1": "Syrian army", "actor2": "SDF"},
        {"actor1": "alpha group", "actor2": ""},
    ])
    assert summaries.actor_options(events) == ["ISIS", "SDF", "alpha group", "Syrian army"]
    assert summaries.actor_options(events, limit=2) == ["ISIS", "SDF"]


@pytest.mark.parametrize(("code", "label"), [("SY-HI", "Homs (SY-HI)"), ("IQ-AN", "Anbar (IQ-AN)"), ("XX-YY", "XX-YY")])
def test_governorate_label(code, label):
    assert summaries.governorate_label(code) == label


def test_events_table_newest_first_with_evidence():
    events = _events([
        {"event_date": "2025-01-01", "evidence": "old"},
        {"event_date": "2025-03-01", "evidence": "new"},
    ])
    table = summaries.events_table(events)
    assert table["evidence"].tolist() == ["new", "old"]
    assert list(table.columns) == list(summaries.TABLE_COLUMNS)


@pytest.mark.parametrize(
    ("bounds", "step", "expected"),
    [
        ((date(2025, 3, 3), date(2025, 6, 1)), "week", (date(2025, 3, 3), date(2025, 3, 9))),
        ((date(2025, 1, 31), date(2025, 6, 1)), "month", (date(2025, 1, 31), date(2025, 2, 27))),
        ((date(2025, 3, 3), date(2025, 3, 5)), "week", (date(2025, 3, 3), date(2025, 3, 5))),
        ((date(2025, 3, 3), date(2025, 3, 20)), "month", (date(2025, 3, 3), date(2025, 3, 20))),
    ],
)
def test_first_window(bounds, step, expected):
    assert summaries.first_window(bounds, step) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("  http://example.org  ", "http://example.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("/relative/path", None),
        ("", None),
        ("https://", None),
    ],
)
def test_safe_link(url, expected):
    assert summaries.safe_link(url) == expected


@pytest.mark.parametrize(
    "text",
    ["![x](http://evil.example/p.png)", "[click](javascript:alert(1))", "**bold** _it_ `code`",
     ":red[alarm] $x^2$", "<img src=x onerror=alert(1)>", "# heading\n- item", "plain words"],
)
def test_md_escape_leaves_no_markdown_syntax(text):
    escaped = summaries.md_escape(text)
    # Every special character is preceded by a backslash, and nothing else changed but newlines.
    unescaped = []
    i = 0
    while i < len(escaped):
        if escaped[i] == "\\":
            assert escaped[i + 1] in summaries._MD_SPECIAL
            unescaped.append(escaped[i + 1])
            i += 2
        else:
            assert escaped[i] not in summaries._MD_SPECIAL
            unescaped.append(escaped[i])
            i += 1
    assert "".join(unescaped) == " ".join(text.splitlines())
