"""The event table contract: validate_events keeps good rows and names bad ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.schema import (
    ADMIN1_CODES,
    COLUMNS,
    EVENT_TYPES,
    MAX_TEXT,
    RowProblem,
    coerce_dtypes,
    empty_events,
    event_ids,
    make_event_id,
    validate_events,
)


def _good(**over: object) -> dict:
    row = {"event_date": "2024-03-01", "event_type": "attack", "country": "SY", "admin1_code": "SY-DY",
           "location": "Al-Mayadin", "latitude": 35.02, "longitude": 40.45, "source": "test"}
    row.update(over)
    return row


# (bad field values, column that must be reported)
BAD_ROWS = [
    ({"event_date": "2024-13-01"}, "event_date"),
    ({"event_date": "yesterday"}, "event_date"),
    ({"event_date": ""}, "event_date"),
    ({"event_type": "bombing"}, "event_type"),
    ({"event_type": ""}, "event_type"),
    ({"country": "JO"}, "country"),
    ({"country": "Syria"}, "country"),
    ({"admin1_code": "SY-XX"}, "admin1_code"),
    ({"admin1_code": "IQ-AN"}, "admin1_code"),  # Iraqi code on a Syrian row
    ({"latitude": np.nan}, "latitude"),  # only one coordinate
    ({"longitude": np.nan}, "longitude"),
    ({"latitude": 135.0}, "latitude"),
    ({"latitude": np.nan, "longitude": np.nan, "admin1_code": ""}, "latitude"),  # no location at all
    ({"fatalities": -3}, "fatalities"),
]


@pytest.mark.parametrize(("bad", "column"), BAD_ROWS, ids=[f"{c}={list(b.values())[0]!r}" for b, c in BAD_ROWS])
def test_bad_row_is_reported_with_row_and_column_and_good_rows_kept(bad: dict, column: str) -> None:
    df = pd.DataFrame([_good(location="first"), _good(**bad), _good(location="third")])
    valid, problems = validate_events(df)
    assert list(valid["location"]) == ["first", "third"]
    assert problems, "a bad row must be reported"
    p = problems[0]
    assert isinstance(p, RowProblem)
    assert p.row == 2 and p.column == column
    assert p.expected and p.message
    assert set(p.as_dict()) == {"row", "column", "value", "expected", "message"}


def test_first_row_offsets_row_numbers() -> None:
    df = pd.DataFrame([_good(), _good(event_type="nope")])
    _, problems = validate_events(df, first_row=101)
    assert [p.row for p in problems] == [102]
    assert problems[0].value == "nope"


def test_several_problems_in_one_row_are_all_reported() -> None:
    df = pd.DataFrame([_good(event_date="x", event_type="y", country="Z")])
    valid, problems = validate_events(df)
    assert valid.empty
    assert {p.column for p in problems} == {"event_date", "event_type", "country"}
    assert {p.row for p in problems} == {1}


@pytest.mark.parametrize(
    ("column", "value"),
    [("date_precision", "fortnight"), ("geo_precision", "street"), ("claim_status", "rumour"),
     ("site_type", "castle")],
)
def test_unknown_optional_vocabulary_is_blanked_not_dropped(column: str, value: str) -> None:
    df = pd.DataFrame([_good(**{column: value})])
    valid, problems = validate_events(df)
    assert len(valid) == 1
    assert [(p.row, p.column, p.value) for p in problems] == [(1, column, value)]
    # blanked; the two defaults the contract promises are filled in
    assert valid.loc[0, column] in ("", "day", "reported")


def test_overlong_text_is_truncated_and_reported() -> None:
    df = pd.DataFrame([_good(evidence="x" * (MAX_TEXT + 10))])
    valid, problems = validate_events(df)
    assert len(valid) == 1 and len(valid.loc[0, "evidence"]) == MAX_TEXT
    assert problems[0].column == "evidence"
    assert len(problems[0].value) <= 80  # the value shown is shortened


def test_missing_required_column_is_a_file_problem() -> None:
    df = pd.DataFrame([{"event_type": "attack", "country": "SY"}])
    valid, problems = validate_events(df)
    assert valid.empty and list(valid.columns) == list(COLUMNS)
    assert problems[0].row is None and "event_date" in problems[0].column


def test_valid_table_has_contract_columns_and_dtypes() -> None:
    df = pd.DataFrame([_good(fatalities=2), _good(fatalities=None, latitude=None, longitude=None)])
    valid, problems = validate_events(df)
    assert problems == []
    assert list(valid.columns) == list(COLUMNS)
    assert valid["latitude"].dtype == "float64" and valid["longitude"].dtype == "float64"
    assert str(valid["fatalities"].dtype) == "Int64"
    assert valid["fatalities"].isna().tolist() == [False, True]
    assert valid["event_type"].dtype == object
    assert (valid["date_precision"] == "day").all() and (valid["claim_status"] == "reported").all()
    assert valid["event_id"].str.len().eq(20).all()


def test_empty_events() -> None:
    e = empty_events()
    assert e.empty and list(e.columns) == list(COLUMNS)
    valid, problems = validate_events(e)
    assert valid.empty and problems == []


def test_coerce_dtypes_fills_missing_columns() -> None:
    out = coerce_dtypes(pd.DataFrame({"event_type": ["attack", None]}))
    assert list(out.columns) == list(COLUMNS)
    assert out["event_type"].tolist() == ["attack", ""]
    assert out["latitude"].isna().all()


def test_event_id_is_stable_and_discriminating() -> None:
    a = make_event_id("src", "2024-03-01", "attack", "Hajin", 34.69, 40.83)
    assert a == make_event_id("src", "2024-03-01", "attack", "HAJIN", 34.690001, 40.830001)
    assert a != make_event_id("src", "2024-03-02", "attack", "Hajin", 34.69, 40.83)
    assert a != make_event_id("src", "2024-03-01", "airstrike", "Hajin", 34.69, 40.83)
    assert a != make_event_id("src", "2024-03-01", "attack", "Hajin", 34.69, 40.83, extra="ucdp:1")
    assert make_event_id("s", "d", "t", "l", None, np.nan) == make_event_id("s", "d", "t", "l", np.nan, None)


def test_validating_twice_gives_the_same_ids() -> None:
    df = pd.DataFrame([_good(), _good(location="Hajin", latitude=34.69, longitude=40.83)])
    first, _ = validate_events(df)
    second, _ = validate_events(df)
    assert first["event_id"].tolist() == second["event_id"].tolist()
    assert first["event_id"].nunique() == 2
    assert event_ids(first).tolist() == first["event_id"].tolist()


def test_given_event_ids_are_kept() -> None:
    df = pd.DataFrame([_good(event_id="mine-1")])
    valid, _ = validate_events(df)
    assert valid.loc[0, "event_id"] == "mine-1"


def test_vocabularies() -> None:
    assert len(ADMIN1_CODES) == 32
    assert sum(c.startswith("SY-") for c in ADMIN1_CODES) == 14
    assert "sleeper_cell" in EVENT_TYPES
