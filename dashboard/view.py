"""The view state: every choice that changes what is on screen, and its URL form.

A `View` is immutable and canonical: list fields are de-duplicated and put in a
fixed order, coordinates rounded, zoom clamped, so equal screens give equal views
and equal URLs. `View.from_query_params` never raises: anything it cannot use
falls back to the default and produces a notice for the user.
"""

from __future__ import annotations

import calendar
import dataclasses
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

import pandas as pd

from dashboard.schema import ADMIN1_CODES, CLAIM_STATUSES, EVENT_TYPES

LAYERS: tuple[str, ...] = ("sleeper", "attacks", "sites", "outlines")
STEPS: tuple[str, ...] = ("week", "month")
PAGES: tuple[str, ...] = ("map", "article", "datasets")

# Both countries whole at zoom 6: the centre of their bounds (lon 35.7–48.6, lat 29.1–37.4, the
# middle in Web-Mercator), which at zoom 6 span 584 × 453 px — inside the 560 px tall map at
# 1400×900 and at a 1280×720 laptop size (the map column is ~607 px wide there).
DEFAULT_LAT = 33.3
DEFAULT_LON = 42.15
DEFAULT_ZOOM = 6
MIN_ZOOM = 3
MAX_ZOOM = 18
COORD_DECIMALS = 4
DEFAULT_STEP = "month"
DEFAULT_PAGE = "map"

# URL parameter name for each View field (short, stable: links are shared and kept).
PARAM_NAMES: dict[str, str] = {
    "datasets": "ds",
    "start": "start",
    "end": "end",
    "event_types": "types",
    "admin1": "gov",
    "actors": "actors",
    "claim_status": "claim",
    "layers": "layers",
    "lat": "lat",
    "lon": "lon",
    "zoom": "zoom",
    "selected": "sel",
    "step": "step",
    "page": "page",
}
# Streamlit adds these itself; they are not ours to complain about.
_FOREIGN_PARAMS = frozenset({"embed", "embed_options"})
# `layers=none` says "every layer switched off" (an empty value would be dropped by some clients).
_NO_LAYERS = "none"
# Ids are hashes or slugs; anything else in a URL is stale or tampered with.
_ID_RE = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
_MAX_PARAM_LEN = 4000
_MAX_ACTORS = 50
_MAX_ACTOR_LEN = 200
# Dates outside this range in a URL are typos, not research questions.
_MIN_DATE = date(1900, 1, 1)
_MAX_DATE = date(2100, 12, 31)


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _in_vocab_order(items: Iterable[str], vocab: Iterable[str]) -> tuple[str, ...]:
    wanted = set(items)
    known = tuple(v for v in vocab if v in wanted)
    unknown = sorted(wanted.difference(known))
    return known + tuple(unknown)


@dataclass(frozen=True)
class View:
    """What the researcher is looking at. Empty tuples mean "no filter" (all)."""

    datasets: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    event_types: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    claim_status: tuple[str, ...] = ()
    layers: tuple[str, ...] = field(default=LAYERS)
    lat: float = DEFAULT_LAT
    lon: float = DEFAULT_LON
    zoom: int = DEFAULT_ZOOM
    selected: str | None = None
    step: str = DEFAULT_STEP
    page: str = DEFAULT_PAGE

    def __post_init__(self) -> None:
        # Canonical form, so that the same screen always has the same URL.
        set_ = object.__setattr__
        # A datetime (or pandas Timestamp) from a widget is a day here: filters compare ISO dates.
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, datetime):
                set_(self, name, value.date())
        set_(self, "datasets", _dedupe(self.datasets))
        set_(self, "event_types", _in_vocab_order(self.event_types, EVENT_TYPES))
        set_(self, "admin1", _in_vocab_order(self.admin1, ADMIN1_CODES))
        set_(self, "actors", tuple(sorted(set(self.actors), key=lambda a: (a.casefold(), a))))
        set_(self, "claim_status", _in_vocab_order(self.claim_status, CLAIM_STATUSES))
        set_(self, "layers", _in_vocab_order(self.layers, LAYERS))
        # The map reports whatever the user panned to: clamp latitude, wrap longitude round the globe.
        lat = _finite_or(self.lat, DEFAULT_LAT)
        lon = _finite_or(self.lon, DEFAULT_LON)
        lon = (lon + 180.0) % 360.0 - 180.0 if not -180.0 <= lon <= 180.0 else lon
        set_(self, "lat", round(min(85.0, max(-85.0, lat)), COORD_DECIMALS))
        set_(self, "lon", round(lon, COORD_DECIMALS))
        set_(self, "zoom", int(min(MAX_ZOOM, max(MIN_ZOOM, round(_finite_or(self.zoom, DEFAULT_ZOOM))))))

    def with_(self, **changes: object) -> View:
        """A copy with some fields changed (canonicalised again)."""
        return dataclasses.replace(self, **changes)

    # ---- URL form -------------------------------------------------------------------------
    def to_query_params(self) -> dict[str, str]:
        """Only the values that differ from the default, lists comma-joined, fixed key order."""
        default = View()
        out: dict[str, str] = {}
        for name, key in PARAM_NAMES.items():
            value = getattr(self, name)
            if value == getattr(default, name):
                continue
            if name == "layers" and not value:
                out[key] = _NO_LAYERS
            elif isinstance(value, tuple):
                out[key] = ",".join(_encode_item(v) for v in value)
            elif isinstance(value, date):
                out[key] = value.isoformat()
            elif isinstance(value, float):
                out[key] = f"{value:.{COORD_DECIMALS}f}"
            elif value is None:
                continue
            else:
                out[key] = str(value)
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]]) -> tuple[View, list[str]]:
        """Parse URL parameters; never raises. Returns the view and a notice per thing dropped."""
        notices: list[str] = []
        known_keys = {v: k for k, v in PARAM_NAMES.items()}
        raw: dict[str, list[str]] = {}
        try:
            items = list(params.items())
        except Exception:  # a Mapping that misbehaves must not take the page down
            return cls(), ["the link's parameters could not be read; showing the default view"]
        for key, value in items:
            key = str(key)
            values = [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
            if key in _FOREIGN_PARAMS:
                continue
            if key not in known_keys:
                notices.append(f"unknown link parameter {_q(key)} ignored")
                continue
            too_long = [v for v in values if len(v) > _MAX_PARAM_LEN]
            if too_long:
                notices.append(f"link parameter {_q(key)} is too long; ignored")
                continue
            raw[known_keys[key]] = values

        changes: dict[str, object] = {}

        def scalar(name: str) -> str | None:
            vals = raw.get(name)
            return vals[-1].strip() if vals else None  # a repeated key: the last wins, as in Streamlit

        def items_of(name: str) -> list[str]:
            out: list[str] = []
            for v in raw.get(name, []):
                out.extend(_decode_item(p).strip() for p in v.split(",") if p.strip())
            return out

        # datasets: shape check only; whether they exist is `validate_datasets`' job.
        ds = items_of("datasets")
        good_ds = [d for d in ds if _ID_RE.match(d)]
        for d in ds:
            if d not in good_ds:
                notices.append(f"dataset id {_q(d)} is not a valid id; ignored")
        if good_ds:
            changes["datasets"] = tuple(good_ds)

        for name in ("start", "end"):
            text = scalar(name)
            if text is None or text == "":
                continue
            d = _parse_date(text)
            if d is None:
                notices.append(f"{name} date {_q(text)} is not a date YYYY-MM-DD; ignored")
            else:
                changes[name] = d
        start, end = changes.get("start"), changes.get("end")
        if isinstance(start, date) and isinstance(end, date) and start > end:
            changes["start"], changes["end"] = end, start
            notices.append("the link's start date was after its end date; the two were swapped")

        for name, vocab, what in (
            ("event_types", EVENT_TYPES, "event type"),
            ("admin1", ADMIN1_CODES, "governorate code"),
            ("claim_status", CLAIM_STATUSES, "claim status"),
        ):
            vals = items_of(name)
            good = [v for v in vals if v in vocab]
            for v in vals:
                if v not in vocab:
                    notices.append(f"unknown {what} {_q(v)} ignored")
            if good:
                changes[name] = tuple(good)

        actors = items_of("actors")
        good_actors = [a for a in actors if len(a) <= _MAX_ACTOR_LEN and a.isprintable()][:_MAX_ACTORS]
        if len(good_actors) < len(actors):
            notices.append("some actor names in the link were unreadable or too many; they were ignored")
        if good_actors:
            changes["actors"] = tuple(good_actors)

        if "layers" in raw:
            text = scalar("layers") or ""
            if text == _NO_LAYERS:
                changes["layers"] = ()
            else:
                vals = items_of("layers")
                good = [v for v in vals if v in LAYERS]
                for v in vals:
                    if v not in LAYERS:
                        notices.append(f"unknown map layer {_q(v)} ignored")
                if good:
                    changes["layers"] = tuple(good)
                elif vals:
                    notices.append("no known map layer in the link; showing all layers")

        for name, lo, hi in (("lat", -85.0, 85.0), ("lon", -180.0, 180.0)):
            text = scalar(name)
            if not text:
                continue
            x = _parse_float(text)
            if x is None:
                notices.append(f"map {name} {_q(text)} is not a number; using the default")
            elif not lo <= x <= hi:
                notices.append(f"map {name} {_q(text)} is outside {lo:g}..{hi:g}; clamped")
                changes[name] = min(hi, max(lo, x))
            else:
                changes[name] = x

        text = scalar("zoom")
        if text:
            z = _parse_float(text)
            if z is None:
                notices.append(f"map zoom {_q(text)} is not a number; using the default")
            else:
                zi = int(round(z))
                if not MIN_ZOOM <= zi <= MAX_ZOOM:
                    notices.append(f"map zoom {_q(text)} is outside {MIN_ZOOM}..{MAX_ZOOM}; clamped")
                changes["zoom"] = min(MAX_ZOOM, max(MIN_ZOOM, zi))

        text = scalar("selected")
        if text:
            if _ID_RE.match(text):
                changes["selected"] = text
            else:
                notices.append(f"selected event {_q(text)} is not a valid event id; ignored")

        for name, vocab in (("step", STEPS), ("page", PAGES)):
            text = scalar(name)
            if not text:
                continue
            if text in vocab:
                changes[name] = text
            else:
                notices.append(f"unknown {name} {_q(text)}; expected one of {', '.join(vocab)}")

        return cls(**changes), notices  # type: ignore[arg-type]

    # ---- checks against the data (kept pure: the caller passes what it knows) ------------------
    def validate_datasets(self, known_ids: Iterable[str]) -> tuple[View, list[str]]:
        """Drop dataset ids that are not in the store (stale links), with a notice each."""
        known = set(known_ids)
        keep = tuple(d for d in self.datasets if d in known)
        notices = [f"dataset {_q(d)} is not in this store (stale link?); ignored"
                   for d in self.datasets if d not in known]
        return self.with_(datasets=keep), notices

    def clamp_to(self, bounds: tuple[date, date] | None) -> tuple[View, list[str]]:
        """Fit the date window inside the data's date range; notices say what moved."""
        if bounds is None:
            return self, []
        lo, hi = bounds
        notices: list[str] = []
        start, end = self.start, self.end
        if start is not None and not lo <= start <= hi:
            notices.append(f"start date {start.isoformat()} is outside the data ({lo}..{hi}); adjusted")
            start = min(hi, max(lo, start))
        if end is not None and not lo <= end <= hi:
            notices.append(f"end date {end.isoformat()} is outside the data ({lo}..{hi}); adjusted")
            end = min(hi, max(lo, end))
        if start is not None and end is not None and start > end:
            start, end = end, start
        return self.with_(start=start, end=end), notices

    def window(self, bounds: tuple[date, date]) -> tuple[date, date]:
        """The effective date window: open ends filled from the data's bounds."""
        return (self.start or bounds[0], self.end or bounds[1])


def _finite_or(value: object, default: float) -> float:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    return x if math.isfinite(x) else default


def _q(text: str, limit: int = 60) -> str:
    """Quote a user-supplied value for a notice: printable, short."""
    s = "".join(ch if ch.isprintable() else "?" for ch in str(text))
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return f"“{s}”"


def _encode_item(item: str) -> str:
    # Commas separate list items; an actor named "Hayat Tahrir al-Sham, HTS" must survive.
    return item.replace("%", "%25").replace(",", "%2C")


def _decode_item(item: str) -> str:
    return unquote(item) if "%" in item else item


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(text: str) -> date | None:
    if not _DATE_RE.match(text):
        return None
    try:
        d = date.fromisoformat(text)
    except ValueError:
        return None
    return d if _MIN_DATE <= d <= _MAX_DATE else None


def _parse_float(text: str) -> float | None:
    try:
        x = float(text)
    except (ValueError, TypeError, OverflowError):
        return None
    return x if math.isfinite(x) else None


# ---- filtering and stepping --------------------------------------------------------------------
def filter_events(events: pd.DataFrame, view: View) -> pd.DataFrame:
    """The rows the view shows: dates inclusive, then types, governorates, actors, claim status.

    Dates are compared as ISO strings (same order as dates, and no parsing of 100k rows).
    Actors match `actor1` or `actor2`, case-insensitively.
    """
    if events.empty:
        return events
    keep = pd.Series(True, index=events.index)
    dates = events["event_date"].astype(str)
    if view.start is not None:
        keep &= dates >= view.start.isoformat()
    if view.end is not None:
        keep &= dates <= view.end.isoformat()
    if view.event_types:
        keep &= events["event_type"].isin(view.event_types)
    if view.admin1:
        keep &= events["admin1_code"].isin(view.admin1)
    if view.actors:
        wanted = {a.casefold() for a in view.actors}
        a1 = events["actor1"].astype(str).str.casefold().isin(wanted)
        a2 = events["actor2"].astype(str).str.casefold().isin(wanted)
        keep &= a1 | a2
    if view.claim_status:
        keep &= events["claim_status"].isin(view.claim_status)
    return events.loc[keep]


def date_bounds(events: pd.DataFrame) -> tuple[date, date] | None:
    """First and last event date in a table, or None when it has no readable date."""
    if events.empty:
        return None
    dates = pd.to_datetime(events["event_date"], errors="coerce", format="%Y-%m-%d").dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def _add_months(d: date, months: int) -> date:
    month_index = d.month - 1 + months
    year = d.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _is_whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end == _month_end(end)


def step_window(view: View, direction: int, bounds: tuple[date, date]) -> View:
    """Move the date window one week or month (`view.step`) forward (+1) or back (-1).

    The window keeps its length and stays inside `bounds`: at the end of the data it
    stops there (the caller ends play-through when the view no longer changes). A
    window of whole calendar months stepped by month stays whole months.
    """
    lo, hi = bounds
    start, end = view.window(bounds)
    length = end - start
    if direction == 0:
        return view
    sign = 1 if direction > 0 else -1
    if view.step == "month" and _is_whole_months(start, end) and length < hi - lo:
        # Researchers read whole calendar months: March → April (1–30), not 1 April–1 May.
        new_start = _add_months(start, sign)
        new_end = _month_end(_add_months(date(end.year, end.month, 1), sign))
        if new_start < lo or new_end > hi:
            new_start = min(max(new_start, lo), hi - length)
            return view.with_(start=new_start, end=new_start + length)
        return view.with_(start=new_start, end=new_end)
    if view.step == "week":
        new_start = start + timedelta(days=7 * sign)
    else:
        new_start = _add_months(start, sign)
    if length >= hi - lo:
        new_start, new_end = lo, hi
    else:
        new_start = min(max(new_start, lo), hi - length)
        new_end = new_start + length
    return view.with_(start=new_start, end=new_end)


def share_url(base_url: str, view: View) -> str:
    """The link that reopens this view: `base_url` with its query replaced by the view's."""
    parts = urlsplit(base_url)
    query = urlencode(view.to_query_params(), quote_via=quote, safe=",")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
