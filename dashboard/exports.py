"""Downloads the dashboard offers: visible events as CSV / GeoJSON, upload problems as CSV.

Pure functions (table in, bytes/str out) so every export is tested without Streamlit.
CSV cells are neutralised against spreadsheet formula injection because researchers
open these files in Excel/LibreOffice, and a cell starting with `=`/`+`/`-`/`@` that came
from an uploaded file or a scraped article would otherwise run as a formula there.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable

import pandas as pd

from dashboard.schema import COLUMNS, RowProblem, coerce_dtypes

PROBLEM_COLUMNS: tuple[str, ...] = ("row", "column", "value", "expected", "message")

# Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote.

    Numbers stay numbers: a negative float is data, not a formula. Only strings are touched.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell a spreadsheet would run as a formula prefixed with `'`."""
    safe = table.copy()
    for col in safe.columns:
        if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(neutralise_cell)
    return safe


def _csv_bytes(table: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    neutralise_frame(table).to_csv(buf, index=False)
    # UTF-8 with BOM so Excel shows Arabic names correctly instead of mojibake.
    return buf.getvalue().encode("utf-8-sig")


def events_csv(events: pd.DataFrame) -> bytes:
    """The event table as CSV in the contract's column order, safe to open in a spreadsheet."""
    return _csv_bytes(coerce_dtypes(events)[list(COLUMNS)])


def _json_value(value: object) -> object:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy / pandas scalars → plain Python for json
        return value.item()
    return value


def events_geojson(events: pd.DataFrame) -> str:
    """The event table as a GeoJSON FeatureCollection (RFC 7946: [lon, lat] order).

    Events known only to their governorate have no coordinates; they keep a `null`
    geometry (allowed by RFC 7946 §3.2) instead of being dropped, so the export holds
    exactly the visible events.
    """
    table = coerce_dtypes(events)
    prop_cols = [c for c in COLUMNS if c not in ("latitude", "longitude")]
    features = []
    for row in table.itertuples(index=False):
        lat, lon = row.latitude, row.longitude
        geometry = None
        if not (pd.isna(lat) or pd.isna(lon)):
            geometry = {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
        props = {c: _json_value(getattr(row, c)) for c in prop_cols}
        features.append({"type": "Feature", "id": row.event_id, "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def problems_table(problems: Iterable[RowProblem]) -> pd.DataFrame:
    """Row problems as a table (one line per problem) for display and download."""
    rows = [p.as_dict() for p in problems]
    table = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    # Whole-file problems have no row number; keep the column integer-typed anyway.
    table["row"] = pd.array(table["row"], dtype="Int64")
    for col in PROBLEM_COLUMNS[1:]:
        table[col] = table[col].astype(object).where(table[col].notna(), "").map(str)
    return table


def problems_csv(problems: Iterable[RowProblem]) -> bytes:
    """The per-row problem report of an upload as CSV, safe to open in a spreadsheet."""
    return _csv_bytes(problems_table(problems))
