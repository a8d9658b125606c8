"""The event table: the one contract between importers, extractor, store and map.

Every module speaks this table. `validate_events` is the single gate every row
passes before it is stored: it keeps the good rows and names each bad one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

EVENT_TYPES: tuple[str, ...] = (
    "attack",
    "airstrike",
    "armed_clash",
    "sleeper_cell",
    "security_operation",
    "offensive",
    "territory_change",
    "ceasefire",
)

SUB_EVENT_TYPES: tuple[str, ...] = (
    "ied",
    "ambush",
    "shelling",
    "rocket",
    "drone",
    "barrel_bomb",
    "raid",
    "arrest",
    "assassination",
    "sabotage",
    "suicide_bombing",
    "car_bomb",
    "landmine",
    "kidnapping",
    "execution",
    "sweep",
    "capture",
    "withdrawal",
    "truce",
    "violation",
    "presence",
    "other",
)

DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "year")
GEO_PRECISIONS: tuple[str, ...] = ("site", "town", "district", "governorate", "country")
CLAIM_STATUSES: tuple[str, ...] = ("reported", "claimed", "disputed", "denied")
COUNTRIES: tuple[str, ...] = ("SY", "IQ")
SITE_TYPES: tuple[str, ...] = (
    "gas_field",
    "oil_field",
    "plant",
    "refinery",
    "dam",
    "border_crossing",
    "airbase",
    "pipeline",
    "other",
)

# Column order is part of the contract (CSV output of the CLI follows it).
COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1_code",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "site_type",
    "claim_status",
    "fatalities",
    "source",
    "source_url",
    "evidence",
    "dataset_id",
)

REQUIRED: tuple[str, ...] = ("event_date", "event_type", "country")

STRING_COLUMNS: tuple[str, ...] = tuple(
    c for c in COLUMNS if c not in ("event_date", "latitude", "longitude", "fatalities")
)

# Rough bounding box of Syria and Iraq together; membership is checked precisely in geo.
SY_IQ_BOUNDS = {"lat_min": 29.0, "lat_max": 37.5, "lon_min": 35.5, "lon_max": 48.8}

ADMIN1_CODE_RE = re.compile(r"^(SY|IQ)-[A-Z]{2,3}$")

# Every governorate's ISO 3166-2 code (Natural Earth HASC → ISO; Kirkuk is IQ-KI).
ADMIN1_CODES: dict[str, str] = {
    "SY-DI": "Damascus",
    "SY-RD": "Rif Dimashq",
    "SY-QU": "Quneitra",
    "SY-DR": "Daraa",
    "SY-SU": "Suwayda",
    "SY-HI": "Homs",
    "SY-HM": "Hama",
    "SY-ID": "Idlib",
    "SY-HL": "Aleppo",
    "SY-LA": "Latakia",
    "SY-TA": "Tartus",
    "SY-RA": "Raqqa",
    "SY-DY": "Deir ez-Zor",
    "SY-HA": "Hasakah",
    "IQ-BG": "Baghdad",
    "IQ-AN": "Anbar",
    "IQ-NI": "Nineveh",
    "IQ-SD": "Salahuddin",
    "IQ-KI": "Kirkuk",
    "IQ-DI": "Diyala",
    "IQ-AR": "Erbil",
    "IQ-DA": "Dohuk",
    "IQ-SU": "Sulaymaniyah",
    "IQ-BB": "Babil",
    "IQ-KA": "Karbala",
    "IQ-NA": "Najaf",
    "IQ-QA": "Qadisiyah",
    "IQ-WA": "Wasit",
    "IQ-MA": "Maysan",
    "IQ-DQ": "Dhi Qar",
    "IQ-MU": "Muthanna",
    "IQ-BA": "Basra",
}

_COUNTRY_OF_CODE: dict[str, str] = {code: code[:2] for code in ADMIN1_CODES}

# Researchers write free text; a CSV cell can hold anything, but not a novel.
MAX_TEXT = 5000


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one row: enough to find and fix it in the source file."""

    row: int | None  # 1-based data row in the source (header is row 0); None = whole file
    column: str | None
    value: str
    expected: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def empty_events() -> pd.DataFrame:
    """An event table with no rows and the right columns and dtypes."""
    return coerce_dtypes(pd.DataFrame({c: [] for c in COLUMNS}))


def coerce_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    """Give a (validated) table the contract's column order and dtypes.

    Strings are object dtype with "" for missing (so CSV round-trips are stable),
    `event_date` is an ISO string, coordinates float64, fatalities nullable Int64.
    """
    return _coerce(df, keep_arrow=False)


def _coerce(df: pd.DataFrame, keep_arrow: bool) -> pd.DataFrame:
    """coerce_dtypes; with `keep_arrow`, text columns that are pandas strings stay so ("" for missing).

    Inside `validate_events` the checks run on Arrow strings (vectorised in C++) and only
    the kept rows are turned into Python str objects at the end.
    """
    df = df.reset_index(drop=True)  # the result's index; positions line up without aligning labels
    columns = {}
    for col in COLUMNS:
        if col in df.columns:
            columns[col] = df[col]
        else:
            columns[col] = pd.Series(np.nan if col in ("latitude", "longitude", "fatalities") else "",
                                     index=df.index, dtype="float64" if col in ("latitude", "longitude", "fatalities")
                                     else object)
    for col in STRING_COLUMNS + ("event_date",):
        series = columns[col]
        if keep_arrow and col != "event_date" and isinstance(series.dtype, pd.StringDtype):
            series = series.astype("str")
            columns[col] = series.fillna("") if series.hasnans else series
        else:
            columns[col] = _as_text(series)
    for col in ("latitude", "longitude"):
        columns[col] = pd.to_numeric(columns[col], errors="coerce").astype("float64")
    columns["fatalities"] = pd.to_numeric(columns["fatalities"], errors="coerce").astype("Int64")
    return pd.DataFrame(columns, index=df.index, copy=False)


def make_event_id(source: str, event_date: str, event_type: str, location: str,
                  latitude: float | None, longitude: float | None, extra: str = "") -> str:
    """Stable id: re-importing the same row gives the same id.

    `extra` disambiguates rows a source itself distinguishes (e.g. UCDP's own id).
    """
    lat = "" if latitude is None or pd.isna(latitude) else f"{float(latitude):.4f}"
    lon = "" if longitude is None or pd.isna(longitude) else f"{float(longitude):.4f}"
    key = "\x1f".join([source or "", event_date or "", event_type or "", (location or "").casefold(),
                       lat, lon, extra or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def event_ids(df: pd.DataFrame, extra: pd.Series | None = None) -> pd.Series:
    """`make_event_id` over a table (same inputs → same ids), built column-wise for speed."""
    n = len(df)
    extras = [""] * n if extra is None else _text_list(pd.Series(extra, index=df.index), distinct=False)
    parts = [_text_list(df[c]) for c in ("source", "event_date", "event_type")]
    # Places and coordinates repeat: each distinct value is folded or formatted once.
    location = df["location"]
    if not isinstance(location.dtype, pd.StringDtype):  # pandas strings are folded straight from Arrow
        location = pd.Series(_text_list(location), dtype=object)
    parts.append(_per_distinct(location, str.casefold))
    for col in ("latitude", "longitude"):
        values = pd.to_numeric(df[col], errors="raise").astype("float64")
        formatted = _per_distinct(values, lambda v: f"{v:.4f}")
        # factorize counts -0.0 as 0.0, but make_event_id prints them differently.
        for i in np.flatnonzero((values == 0).to_numpy()).tolist():
            formatted[i] = f"{values.iat[i]:.4f}"
        parts.append(formatted)
    parts.append(extras)
    sha256 = hashlib.sha256
    return pd.Series([sha256("\x1f".join(fields).encode("utf-8")).hexdigest()[:20]
                      for fields in zip(*parts, strict=True)], index=df.index, dtype=object)


def _per_distinct(values: pd.Series, convert) -> list[str]:  # noqa: ANN001 - any one-argument function
    """[convert(v) for v in values], computed once per distinct value; missing values give ""."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    converted = np.array([convert(u) for u in uniques] + [""], dtype=object)
    return converted[codes].tolist()


def _text_list(series: pd.Series, distinct: bool = True) -> list[str]:
    """The cells as Python str ("" for missing); `distinct`: one str per distinct value (for repeating values)."""
    if isinstance(series.dtype, pd.StringDtype):
        return _object_strings(series).tolist() if distinct else series.fillna("").tolist()
    return _as_text(series).tolist()


def _as_text(series: pd.Series) -> pd.Series:
    """Object-dtype strings with "" for missing.

    Object dtype, not pandas 3's inferred str dtype, so non-empty tables match empty
    ones (object) in concat and equality. Columns that already hold only strings take
    a fast path; anything else is converted value by value with str().
    """
    if isinstance(series.dtype, pd.StringDtype):
        return pd.Series(_object_strings(series), index=series.index, name=series.name, dtype=object)
    missing = series.isna()
    if series.dtype == object and pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
        text = series.astype(object)
    else:
        text = series.astype(object).where(~missing, "").map(str).astype(object)
    return text.where(~missing, "") if missing.any() else text


def _object_strings(series: pd.Series) -> np.ndarray:
    """A pandas string column as an object array of str, "" for missing.

    Each distinct value becomes one Python str shared by its rows: a column holds
    few distinct places, actors or sources, and making a str per cell costs more
    time (and memory) than finding the distinct values in Arrow.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    table[:-1] = np.asarray(uniques, dtype=object)
    table[-1] = ""
    return table[codes]


def _parse_iso_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def validate_events(df: pd.DataFrame, first_row: int = 1) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Check a table against the contract; return (valid rows, problems).

    A row with any problem in a required or typed column is dropped and reported;
    the others are kept. Optional vocabulary columns with an unknown value are
    reported and blanked rather than losing the whole row. Row numbers in problems
    are `first_row + position` (1 = first data row of the source file).
    """
    problems: list[RowProblem] = []
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        problems.append(RowProblem(None, ", ".join(missing), "", "columns " + ", ".join(REQUIRED),
                                   f"missing required column(s): {', '.join(missing)}"))
        return empty_events(), problems

    # Text columns that arrive as pandas strings are checked as such (Arrow, vectorised)
    # and become the contract's object dtype only for the rows kept, at the end.
    work = _coerce(df, keep_arrow=True)
    bad = np.zeros(len(work), dtype=bool)
    # (position, check number, problem): sorted at the end into row order, and within a
    # row into the order of the checks below, as one pass row by row would give them.
    found: list[tuple[int, int, RowProblem]] = []

    def report(mask: np.ndarray | pd.Series, check: int, col: str, values: object, expected: str, message: str,
               drop: bool = True) -> None:
        positions = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(positions):
            return
        if isinstance(values, str):
            shown = [values] * len(positions)
        elif isinstance(values, pd.Series):  # only the reported cells become Python objects
            shown = values.iloc[positions].to_numpy(dtype=object)
        else:
            shown = np.asarray(values, dtype=object)[positions]
        for i, value in zip(positions.tolist(), shown, strict=True):
            found.append((i, check, RowProblem(first_row + i, col, _show(value), expected, message)))
        if drop:
            bad[positions] = True

    event_date = work["event_date"]
    # Each distinct date is judged once (a table holds few), then spread to its rows.
    date_codes, dates = pd.factorize(event_date)
    dates = pd.Series(dates, dtype=object)
    # Fast path: a date that parses and prints back as the same YYYY-MM-DD text is valid.
    parsed = pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce").to_numpy(dtype="datetime64[D]")
    printed = np.datetime_as_string(parsed, unit="D").astype(object)
    distinct_ok = ~np.isnat(parsed) & (printed == dates.to_numpy(dtype=object))
    # Whatever the fast path refuses is judged exactly as before, value by value.
    for i in np.flatnonzero(~distinct_ok).tolist():
        distinct_ok[i] = _parse_iso_date(dates.iat[i]) is not None
    date_ok = distinct_ok[date_codes]
    report(~date_ok, 0, "event_date", event_date, "a date YYYY-MM-DD", "missing or unreadable date")
    report(~work["event_type"].isin(EVENT_TYPES), 1, "event_type", work["event_type"],
           "one of " + ", ".join(EVENT_TYPES), "unknown event type")
    country = work["country"]
    report(~country.isin(COUNTRIES), 2, "country", country, "SY or IQ", "events must be in Syria or Iraq")
    admin1 = work["admin1_code"]
    has_admin1 = (admin1 != "").to_numpy()
    unknown_admin1 = has_admin1 & ~admin1.isin(ADMIN1_CODES).to_numpy()
    report(unknown_admin1, 3, "admin1_code", admin1, "an ISO 3166-2 code such as SY-HI or IQ-AN",
           "unknown governorate code")
    # A known code's country is its first two letters (_COUNTRY_OF_CODE).
    other_country = has_admin1 & ~unknown_admin1 & country.isin(COUNTRIES).to_numpy() & (
        admin1.str[:2] != country).to_numpy()
    for code in COUNTRIES:
        report(other_country & (country == code).to_numpy(), 3, "admin1_code", admin1, f"a code of country {code}",
               "governorate is not in the row's country")
    lat, lon = work["latitude"].to_numpy(), work["longitude"].to_numpy()
    lat_na, lon_na = np.isnan(lat), np.isnan(lon)
    report(lat_na & ~lon_na, 4, "latitude", "", "both latitude and longitude, or neither", "only one coordinate given")
    report(~lat_na & lon_na, 4, "longitude", "", "both latitude and longitude, or neither", "only one coordinate given")
    both = ~lat_na & ~lon_na
    with np.errstate(invalid="ignore"):
        out_of_range = both & ~((-90 <= lat) & (lat <= 90) & (-180 <= lon) & (lon <= 180))
    pairs = np.full(len(work), "", dtype=object)
    pairs[out_of_range] = [f"{a}, {b}" for a, b in zip(lat[out_of_range].tolist(), lon[out_of_range].tolist(),
                                                       strict=True)]
    report(out_of_range, 4, "latitude", pairs, "latitude -90..90, longitude -180..180", "coordinates out of range")
    report(lat_na & ~has_admin1, 5, "latitude", "", "coordinates or an admin1_code", "event has no location at all")
    fatalities = work["fatalities"]
    report((fatalities < 0).fillna(False).to_numpy(dtype=bool), 6, "fatalities", fatalities.astype(object),
           "a whole number ≥ 0", "negative fatalities")
    snapshot = {col: work[col] for col in STRING_COLUMNS}
    for check, (col, vocab) in enumerate((("date_precision", DATE_PRECISIONS), ("geo_precision", GEO_PRECISIONS),
                                          ("claim_status", CLAIM_STATUSES), ("site_type", SITE_TYPES)), start=7):
        unknown = ((snapshot[col] != "") & ~snapshot[col].isin(vocab)).to_numpy()
        report(unknown, check, col, snapshot[col], "one of " + ", ".join(vocab), f"unknown {col}; left blank",
               drop=False)
        if unknown.any():
            work.loc[unknown, col] = ""
    for check, col in enumerate(STRING_COLUMNS, start=11):
        too_long = _longer_than(snapshot[col], MAX_TEXT)
        if too_long.any():
            report(too_long, check, col, snapshot[col], f"at most {MAX_TEXT} characters", "text too long; truncated",
                   drop=False)
            work.loc[too_long, col] = snapshot[col][too_long].str[:MAX_TEXT]
    problems.extend(p for _, _, p in sorted(found, key=lambda item: (item[0], item[1])))

    valid = work if not bad.any() else work.loc[~bad].copy()
    # Fill what the contract promises every stored row has.
    for col, default in (("date_precision", "day"), ("claim_status", "reported")):
        blank = valid[col] == ""
        if blank.any():
            valid.loc[blank, col] = default
    no_id = valid["event_id"] == ""
    if no_id.any():
        valid.loc[no_id, "event_id"] = event_ids(valid.loc[no_id])
    valid = valid.reset_index(drop=True)
    for col in STRING_COLUMNS:
        if isinstance(valid[col].dtype, pd.StringDtype):
            # Ids are all distinct: looking for repeats would only cost time.
            text = valid[col].astype(object) if col == "event_id" else _object_strings(valid[col])
            valid[col] = pd.Series(text, dtype=object)  # a bare array would infer str
    return valid, problems


def _longer_than(series: pd.Series, limit: int) -> np.ndarray:
    """Whether each cell of a text column (no missing values) has more than `limit` characters."""
    if isinstance(series.dtype, pd.StringDtype):
        # A character is at least one UTF-8 byte: within `limit` bytes, no cell needs counting.
        if series.dtype.storage == "pyarrow" and len(series):
            most = pc.max(pc.binary_length(pa.array(series.array))).as_py()
            if most is None or most <= limit:
                return np.zeros(len(series), dtype=bool)
        return series.str.len().to_numpy(dtype=np.int64) > limit
    return np.fromiter(map(len, series.to_numpy(dtype=object)), dtype=np.int64, count=len(series)) > limit


def _show(value: object, limit: int = 80) -> str:
    s = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"
