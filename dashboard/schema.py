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
    out = pd.DataFrame(index=df.index)
    for col in COLUMNS:
        if col in df.columns:
            out[col] = df[col]
        else:
            out[col] = np.nan if col in ("latitude", "longitude", "fatalities") else ""
    for col in STRING_COLUMNS + ("event_date",):
        # .astype(object) again: pandas 3 infers the str dtype from map(str), which would
        # make non-empty tables differ from empty ones (object) and break concat/equality.
        out[col] = out[col].astype(object).where(out[col].notna(), "").map(str).astype(object)
    for col in ("latitude", "longitude"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    out["fatalities"] = pd.to_numeric(out["fatalities"], errors="coerce").astype("Int64")
    return out.reset_index(drop=True)


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
    """`make_event_id` over a table (same inputs → same ids)."""
    extras = extra if extra is not None else pd.Series([""] * len(df), index=df.index)
    return pd.Series(
        [
            make_event_id(s, d, t, loc, la, lo, str(x))
            for s, d, t, loc, la, lo, x in zip(
                df["source"], df["event_date"], df["event_type"], df["location"],
                df["latitude"], df["longitude"], extras, strict=True,
            )
        ],
        index=df.index,
        dtype=object,
    )


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

    work = coerce_dtypes(df)
    bad = np.zeros(len(work), dtype=bool)

    def report(i: int, col: str, value: object, expected: str, message: str, drop: bool = True) -> None:
        problems.append(RowProblem(first_row + i, col, _show(value), expected, message))
        if drop:
            bad[i] = True

    for i, row in enumerate(work.itertuples(index=False)):
        d = _parse_iso_date(row.event_date)
        if d is None:
            report(i, "event_date", row.event_date, "a date YYYY-MM-DD", "missing or unreadable date")
        if row.event_type not in EVENT_TYPES:
            report(i, "event_type", row.event_type, "one of " + ", ".join(EVENT_TYPES), "unknown event type")
        if row.country not in COUNTRIES:
            report(i, "country", row.country, "SY or IQ", "events must be in Syria or Iraq")
        if row.admin1_code and row.admin1_code not in ADMIN1_CODES:
            report(i, "admin1_code", row.admin1_code, "an ISO 3166-2 code such as SY-HI or IQ-AN",
                   "unknown governorate code")
        elif row.admin1_code and row.country in COUNTRIES and not row.admin1_code.startswith(row.country):
            report(i, "admin1_code", row.admin1_code, f"a code of country {row.country}",
                   "governorate is not in the row's country")
        lat, lon = row.latitude, row.longitude
        if pd.isna(lat) != pd.isna(lon):
            report(i, "latitude" if pd.isna(lat) else "longitude", "", "both latitude and longitude, or neither",
                   "only one coordinate given")
        elif not pd.isna(lat):
            if not (-90 <= lat <= 90) or not (-180 <= lon <= 180):
                report(i, "latitude", f"{lat}, {lon}", "latitude -90..90, longitude -180..180",
                       "coordinates out of range")
        if pd.isna(lat) and not row.admin1_code:
            report(i, "latitude", "", "coordinates or an admin1_code", "event has no location at all")
        if not pd.isna(row.fatalities) and row.fatalities < 0:
            report(i, "fatalities", row.fatalities, "a whole number ≥ 0", "negative fatalities")
        for col, vocab in (("date_precision", DATE_PRECISIONS), ("geo_precision", GEO_PRECISIONS),
                           ("claim_status", CLAIM_STATUSES), ("site_type", SITE_TYPES)):
            v = getattr(row, col)
            if v and v not in vocab:
                report(i, col, v, "one of " + ", ".join(vocab), f"unknown {col}; left blank", drop=False)
                work.at[i, col] = ""
        for col in STRING_COLUMNS:
            v = getattr(row, col)
            if len(v) > MAX_TEXT:
                report(i, col, v, f"at most {MAX_TEXT} characters", "text too long; truncated", drop=False)
                work.at[i, col] = v[:MAX_TEXT]

    valid = work.loc[~bad].copy()
    # Fill what the contract promises every stored row has.
    valid.loc[valid["date_precision"] == "", "date_precision"] = "day"
    valid.loc[valid["claim_status"] == "", "claim_status"] = "reported"
    no_id = valid["event_id"] == ""
    if no_id.any():
        valid.loc[no_id, "event_id"] = event_ids(valid.loc[no_id])
    return valid.reset_index(drop=True), problems


def _show(value: object, limit: int = 80) -> str:
    s = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    return s if len(s) <= limit else s[: limit - 1] + "…"
