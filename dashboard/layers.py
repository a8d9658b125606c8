"""Event table + view → folium map.

Layers (each a `folium.FeatureGroup`, so the app can hand them to `st_folium` as
`feature_group_to_add` over a data-free base map that never remounts):

- outlines: governorate borders (thin) and country borders (strong) with name labels,
  on a light map background, so the map reads without any tile server;
- sleeper: governorates shaded by the number of `sleeper_cell` reports in the window;
- sites: oil and gas fields, refineries and plants, dams, border crossings, airbases
  (everything in `data/geo/sites.csv`), a distinct shape and colour per site type;
- attacks: every other event as one canvas-drawn point layer fed from a compact
  columnar JSON payload (no Python or Leaflet object per marker), coloured by event
  type (Okabe–Ito, colour-blind safe), sized by fatalities. Events known only to
  their governorate are drawn as hollow dashed rings, never as confident dots.

Every string from data passes `escape_text` before it reaches the page; JSON embedded
in `<script>` is made inert by `script_json`. Our own script elements are rendered raw,
never compiled as Jinja templates a second time (see `_RawScript`).
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Sequence
from typing import Any

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from dashboard.schema import ADMIN1_CODES, EVENT_TYPES, SITE_TYPES
from dashboard.static_assets import LOCAL_MAP_CSS, LOCAL_MAP_JS
from dashboard.view import DEFAULT_LAT, DEFAULT_LON, DEFAULT_ZOOM, MAX_ZOOM, MIN_ZOOM, View, filter_events

# ---- colours and labels ---------------------------------------------------------------------

# Okabe & Ito (2008) colour-blind-safe palette; sleeper cells are shown as area shading.
EVENT_COLOURS: dict[str, str] = {
    "attack": "#D55E00",  # vermillion
    "airstrike": "#0072B2",  # blue
    "armed_clash": "#E69F00",  # orange
    "security_operation": "#009E73",  # bluish green
    "offensive": "#CC79A7",  # reddish purple
    "territory_change": "#56B4E9",  # sky blue
    "ceasefire": "#000000",  # black
    "sleeper_cell": "#6A51A3",  # the dark end of the sleeper shading scale
}
EVENT_LABELS: dict[str, str] = {t: t.replace("_", " ").capitalize() for t in EVENT_TYPES}
EVENT_LABELS["sleeper_cell"] = "Sleeper-cell report"

# ColorBrewer "Purples" (sequential, colour-blind safe), light → dark.
SLEEPER_SCALE: tuple[str, ...] = ("#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f")

# A shape per kind of infrastructure, so a site never reads as an event (events are circles):
# energy in green/grey diamonds, squares and triangles; a dam is a blue bar (its wall), a border
# crossing a plus, an airbase a star.
SITE_STYLE: dict[str, tuple[str, str]] = {  # site_type → (shape, colour)
    "gas_field": ("diamond", "#009E73"),
    "oil_field": ("square", "#333333"),
    "refinery": ("triangle", "#333333"),
    "plant": ("triangle", "#009E73"),
    "pipeline": ("square", "#999999"),
    "dam": ("bar", "#0072B2"),
    "border_crossing": ("plus", "#333333"),
    "airbase": ("star", "#8E3A8E"),
    "other": ("square", "#999999"),
}
ENERGY_SITE_TYPES: tuple[str, ...] = ("oil_field", "gas_field", "refinery", "plant", "pipeline")
SITE_LABELS: dict[str, str] = {s: s.replace("_", " ").capitalize() for s in SITE_TYPES}
SITE_LABELS["other"] = "Other site (e.g. mine)"
# Kinds shown in the legend (no pipelines are in the gazetteer: they are lines, not points).
LEGEND_SITE_TYPES: tuple[str, ...] = ("gas_field", "oil_field", "refinery", "plant", "dam", "border_crossing",
                                      "airbase", "other")
# Sites are background for the events: a little smaller and fainter than event markers
# (stars and pluses are thin, so drawn a little larger to be as visible as the solid shapes).
SITE_RADIUS: dict[str, int] = {"star": 7, "plus": 6}
SITE_DEFAULT_RADIUS = 5
SITE_ALPHA = 0.5

LAYER_NAMES: dict[str, str] = {
    "outlines": "Governorate outlines",
    "sleeper": "Sleeper-cell regions",
    "sites": "Sites: oil, gas, dams, crossings, airbases",
    "attacks": "Attack sites",
}

MAP_BACKGROUND = "#eef0ea"
# Events whose place is only known to this level are "approximate" on the map.
APPROXIMATE_PRECISIONS = frozenset({"governorate", "country"})
POINT_TYPES: tuple[str, ...] = tuple(t for t in EVENT_TYPES if t != "sleeper_cell")
# Popups carry the evidence sentence; above this many points it is left to the table
# below the map so the page stays small (a 100k-event map would otherwise be ~30 MB).
EVIDENCE_POINT_LIMIT = 10_000
EVIDENCE_CHARS = 300
# Governorate geometry is simplified for the page: ~1 km is invisible at zoom ≤ 9.
SIMPLIFY_DEGREES = 0.01


# ---- escaping: THE one function for every string from data --------------------------------------
_ESCAPES = str.maketrans({"`": "&#96;", "$": "&#36;", "{": "&#123;", "}": "&#125;"})


def escape_text(value: object) -> str:
    """Escape a data string for HTML, JavaScript template literals and Jinja.

    `html.escape` (quotes too), then backtick → `&#96;` and `$` → `&#36;`, because
    folium puts some text into JS template literals where `${...}` would execute; and
    braces → `&#123;`/`&#125;`, because folium compiles every rendered script as a
    Jinja template again (`{{ ... }}` in a CSV field would run on the server).
    Missing values become "".
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True).translate(_ESCAPES)


# http(s), a host, no whitespace or control characters anywhere (those hide "java\nscript:").
_SAFE_URL_RE = re.compile(r"(?i)https?://[^\s/?#\\\x00-\x1f\x7f]+[^\s\x00-\x1f\x7f]*")


def safe_url(value: object) -> str:
    """An http(s) URL, escaped for an href; anything else (javascript:, data:, junk) → ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return escape_text(text) if _SAFE_URL_RE.fullmatch(text) else ""


# A `{` that would open a Jinja tag; in JSON text it can only stand inside a string.
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def script_json(obj: Any) -> str:
    """JSON that is safe inside a `<script>` element and through folium's Jinja pass.

    No `</script>`, `<!--`, `&`, line separators U+2028/2029, and no `{{`, `{%`, `{#`.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _JINJA_OPENER.sub(r"\\u007b", text)


# ---- geography ---------------------------------------------------------------------------------
@functools.lru_cache(maxsize=1)
def _default_geography() -> tuple[Any, pd.DataFrame]:
    from dashboard import geo  # imported late: geo loads data files, layers must import cheaply

    return _prepare_governorates(geo.governorates()), geo.sites()


def _prepare_governorates(gdf: Any) -> Any:
    """Simplified copy with a label point per governorate (inside the polygon, not the centroid)."""
    keep = [c for c in ("admin1_code", "name", "country", "label_lat", "label_lon", "geometry") if c in gdf.columns]
    out = gdf[keep].copy()
    if "label_lat" not in out.columns or "label_lon" not in out.columns or out[["label_lat", "label_lon"]].isna().any(
            axis=None):
        points = out.geometry.representative_point()
        out["label_lat"] = points.y.round(4)
        out["label_lon"] = points.x.round(4)
    out["geometry"] = out.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    return out


def _geography(governorates: Any | None, sites: pd.DataFrame | None) -> tuple[Any, pd.DataFrame]:
    if governorates is None or sites is None:
        default_gov, default_sites = _default_geography()
        governorates = default_gov if governorates is None else _prepare_governorates(governorates)
        sites = default_sites if sites is None else sites
    else:
        governorates = _prepare_governorates(governorates)
    return governorates, sites


# ---- sleeper-cell counts ------------------------------------------------------------------------
def sleeper_counts(events: pd.DataFrame) -> pd.DataFrame:
    """Per governorate: number of `sleeper_cell` reports, latest report date and its evidence.

    Columns: admin1_code, count, latest (ISO date), latest_evidence. Rows sorted by
    count (desc) then code; only governorates with at least one report.
    """
    cols = ["admin1_code", "count", "latest", "latest_evidence"]
    rows = events.loc[(events["event_type"] == "sleeper_cell") & (events["admin1_code"] != "")]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "count" else object) for c in cols})
    ordered = rows.sort_values(["admin1_code", "event_date"], kind="stable")
    counts = ordered.groupby("admin1_code", sort=True).size()
    last = ordered.groupby("admin1_code", sort=True).tail(1).set_index("admin1_code")
    out = pd.DataFrame({
        "admin1_code": counts.index.astype(object),
        "count": counts.to_numpy(dtype="int64"),
        "latest": last.loc[counts.index, "event_date"].astype(object).to_numpy(),
        "latest_evidence": last.loc[counts.index, "evidence"].astype(object).to_numpy(),
    })
    return out.sort_values(["count", "admin1_code"], ascending=[False, True], kind="stable").reset_index(drop=True)


def sleeper_bins(max_count: int) -> list[tuple[int, int, str]]:
    """Class breaks for the shading: (low, high, colour), equal steps up to `max_count`."""
    if max_count <= 0:
        return []
    n = min(len(SLEEPER_SCALE), max_count)
    bins: list[tuple[int, int, str]] = []
    low = 1
    for k in range(1, n + 1):
        high = max(low, math.ceil(max_count * k / n))
        # With fewer classes than colours use the darker end: one report must still show.
        colour = SLEEPER_SCALE[len(SLEEPER_SCALE) - n + k - 1]
        bins.append((low, high, colour))
        low = high + 1
    return bins


def _sleeper_colour(count: int, bins: Sequence[tuple[int, int, str]]) -> str | None:
    for low, high, colour in bins:
        if low <= count <= high:
            return colour
    return None


# ---- the compact point payload -----------------------------------------------------------------
def _mercator(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web-Mercator x, y in 0..1 (what Leaflet's EPSG3857 projects to at zoom 0, divided by 256)."""
    lat_c = np.clip(lat, -85.0511, 85.0511)
    x = (lon + 180.0) / 360.0
    s = np.sin(np.radians(lat_c))
    y = 0.5 - np.log((1 + s) / (1 - s)) / (4 * np.pi)
    return x, y


def place_points(events: pd.DataFrame, governorates: Any) -> pd.DataFrame:
    """Where each event is drawn: lat, lon and whether the place is only approximate.

    Events with a precise place keep their coordinates. Events known only to their
    governorate (or with no coordinates) go to the governorate's label point and are
    flagged approximate; events that cannot be placed at all are dropped.
    """
    lat = events["latitude"].to_numpy(dtype="float64", na_value=np.nan)
    lon = events["longitude"].to_numpy(dtype="float64", na_value=np.nan)
    precision = events["geo_precision"].astype(str).to_numpy()
    approx = np.isin(precision, list(APPROXIMATE_PRECISIONS)) | np.isnan(lat) | np.isnan(lon)
    if governorates is not None and len(governorates):
        if "label_lat" not in governorates.columns:
            governorates = _prepare_governorates(governorates)
        lookup = governorates.set_index("admin1_code")[["label_lat", "label_lon"]]
        codes = events["admin1_code"].astype(str)
        glat = codes.map(lookup["label_lat"]).to_numpy(dtype="float64", na_value=np.nan)
        glon = codes.map(lookup["label_lon"]).to_numpy(dtype="float64", na_value=np.nan)
        use_gov = approx & ~np.isnan(glat)
        lat = np.where(use_gov, glat, lat)
        lon = np.where(use_gov, glon, lon)
    placed = ~(np.isnan(lat) | np.isnan(lon))
    return pd.DataFrame({"lat": lat, "lon": lon, "approx": approx, "placed": placed}, index=events.index)


def fatality_radius(fatalities: pd.Series) -> np.ndarray:
    """Marker radius in pixels: 4 for unknown/zero, growing with the square root (area ∝ deaths), max 16."""
    f = pd.to_numeric(fatalities, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    r = 4.0 + 1.6 * np.sqrt(np.nan_to_num(np.clip(f, 0, None), nan=0.0))
    return np.minimum(16, np.round(r)).astype(np.int64)


def _point_styles() -> list[dict[str, Any]]:
    """Style table: index = type_index * 2 + approximate."""
    styles = []
    for t in POINT_TYPES:
        colour = EVENT_COLOURS[t]
        # No rim: where hundreds of events overlap, rims (white or dark) pile up into foam or soot.
        styles.append({"fill": colour, "stroke": "", "shape": "circle", "hollow": False, "dash": False})
        styles.append({"fill": colour, "stroke": colour, "shape": "circle", "hollow": True, "dash": True})
    return styles


def _coords_e4(values: np.ndarray) -> list[int]:
    # Degrees × 10⁴ as integers (~11 m): a third smaller in JSON than decimals, and exact.
    return np.round(values * 10_000).astype(np.int64).tolist()


class _StringTable:
    """The payload's shared table of (escaped) strings; fields hold indexes into it."""

    def __init__(self) -> None:
        self.strings: list[str] = [""]
        self._index: dict[str, int] = {"": 0}

    def add(self, text: str) -> int:
        pos = self._index.get(text)
        if pos is None:
            pos = len(self.strings)
            self.strings.append(text)
            self._index[text] = pos
        return pos

    def field(self, columns: Sequence[np.ndarray], render: Any) -> list[int]:
        """One popup field: `render(*values)` → HTML, called once per distinct combination of
        values (a few hundred places or dates among 100,000 events), not once per event."""
        n = len(columns[0])
        if n == 0:
            return []
        key = np.zeros(n, dtype=np.int64)
        for values in columns:
            codes, uniques = pd.factorize(values, sort=False, use_na_sentinel=False)
            key = key * (len(uniques) + 1) + codes
        key_codes, key_uniques = pd.factorize(key, sort=False)
        first = np.empty(len(key_uniques), dtype=np.int64)
        first[key_codes[::-1]] = np.arange(n - 1, -1, -1)  # first row holding each combination
        table = np.array([self.add(render(*(values[i] for values in columns))) for i in first], dtype=np.int64)
        return table[key_codes].tolist()


def _text_array(events: pd.DataFrame, column: str) -> np.ndarray:
    return events[column].astype(object).where(events[column].notna(), "").to_numpy(dtype=object)


def attack_payload(events: pd.DataFrame, governorates: Any, selected: str | None = None,
                   evidence_limit: int = EVIDENCE_POINT_LIMIT) -> dict[str, Any]:
    """The compact JSON the canvas layer draws: columns of numbers + one table of escaped strings.

    `lat`/`lon` are degrees × 10⁴; `s` a style index (type × 2 + approximate), `r` the
    radius in pixels; `fields[name][i]` indexes `strings` (all HTML-escaped already).
    Above `evidence_limit` points the per-event evidence and source links are left to
    the table below the map: they are unique per event and would dominate the page.
    """
    used = ["event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1_code",
            "location", "latitude", "longitude", "geo_precision", "claim_status", "fatalities", "source",
            "source_url", "evidence"]
    pts_events = events.loc[events["event_type"].isin(POINT_TYPES), used]
    placed = place_points(pts_events, governorates)
    keep = placed["placed"].to_numpy()
    ev = pts_events.loc[keep]
    pl = placed.loc[keep]
    approx = pl["approx"].to_numpy(dtype=bool)
    radius = fatality_radius(ev["fatalities"])
    # An approximate place is drawn as a wider dashed ring: it stands for an area, not a spot.
    radius = np.where(approx, np.maximum(radius + 4, 10), radius)
    # Big first, so small markers stay visible (and clickable) on top.
    order = np.argsort(-radius, kind="stable")
    radius, approx = radius[order], approx[order]
    lat = pl["lat"].to_numpy()[order]
    lon = pl["lon"].to_numpy()[order]

    def text(column: str) -> np.ndarray:
        return _text_array(ev, column)[order]

    event_type = text("event_type")
    type_index = {t: i for i, t in enumerate(POINT_TYPES)}
    type_codes, type_uniques = pd.factorize(event_type, sort=False)
    style = np.array([type_index[t] for t in type_uniques], dtype=np.int64)[type_codes] if len(event_type) else (
        np.zeros(0, dtype=np.int64))
    style = style * 2 + approx.astype(np.int64)

    fatalities = ev["fatalities"].to_numpy(dtype="float64", na_value=np.nan)[order]
    detailed = len(ev) <= evidence_limit
    table = _StringTable()

    def type_label(t: str, sub: str) -> str:
        label = EVENT_LABELS.get(t, t)
        return escape_text(f"{label} ({sub})" if sub else label)

    def place(location: str, code: str) -> str:
        return escape_text(location or ADMIN1_CODES.get(code, ""))

    def actors(a1: str, a2: str) -> str:
        return escape_text(f"{a1} → {a2}" if a2 else a1)

    def deaths(f: float) -> str:
        return "" if math.isnan(f) else str(int(f))

    def source_link(name: str, url: str) -> str:
        href = safe_url(url)
        label = escape_text(name)
        if not href:
            return label
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{label or "source"}</a>'

    fields = {
        "date": table.field([text("event_date")], escape_text),
        "type": table.field([event_type, text("sub_event_type")], type_label),
        "place": table.field([text("location"), text("admin1_code")], place),
        "approx": table.field([approx], lambda a: "Approximate place: only the governorate is known" if a else ""),
        "actors": table.field([text("actor1"), text("actor2")], actors),
        "claim": table.field([text("claim_status")], escape_text),
        "deaths": table.field([fatalities], deaths),
        "source": (table.field([text("source"), text("source_url")], source_link) if detailed
                   else table.field([text("source")], escape_text)),
        "evidence": (table.field([text("evidence")], lambda e: escape_text(e[:EVIDENCE_CHARS])) if detailed
                     else [0] * len(ev)),
    }
    sel = -1
    if selected:
        hits = np.flatnonzero(text("event_id") == selected)
        sel = int(hits[0]) if len(hits) else -1
    return {
        "n": int(len(ev)),
        "lat": _coords_e4(lat),
        "lon": _coords_e4(lon),
        "s": style.tolist(),
        "r": radius.tolist(),
        "styles": _point_styles(),
        "strings": table.strings,
        "fields": fields,
        "labels": {"date": "Date", "type": "Type", "place": "Place", "approx": "", "actors": "Actors",
                   "claim": "Claim status", "deaths": "Fatalities", "source": "Source", "evidence": "Evidence"},
        "hover": ["type", "date", "place"],
        "note": "" if detailed else "Evidence and source links: see the table below the map.",
        "selected": sel,
        "unplaced": int((~keep).sum()),
    }


def sites_payload(sites: pd.DataFrame) -> dict[str, Any]:
    """Same compact format for the site layer: a shape per site type, name and type in the popup.

    Every site of the gazetteer is drawn (energy sites, dams, border crossings, airbases);
    an unknown `site_type` is drawn as "other".
    """
    s = sites.loc[sites["latitude"].notna() & sites["longitude"].notna()].copy()
    kinds = list(SITE_STYLE)
    site_type = s["site_type"].astype(str).where(s["site_type"].astype(str).isin(kinds), "other")
    style = site_type.map({k: i for i, k in enumerate(kinds)}).to_numpy(dtype=np.int64)
    table = _StringTable()
    fields = {
        "name": table.field([_text_array(s, "name")], escape_text),
        "type": table.field([site_type.to_numpy(dtype=object)], lambda t: escape_text(SITE_LABELS.get(t, t))),
        "where": table.field([_text_array(s, "admin1_code"), _text_array(s, "country")],
                             lambda code, country: escape_text(ADMIN1_CODES.get(code) or country)),
    }
    styles = [{"fill": c, "stroke": "#ffffff", "shape": shape, "hollow": False, "dash": False, "alpha": SITE_ALPHA}
              for shape, c in SITE_STYLE.values()]
    return {
        "n": int(len(s)),
        "lat": _coords_e4(s["latitude"].to_numpy(dtype="float64")),
        "lon": _coords_e4(s["longitude"].to_numpy(dtype="float64")),
        "s": style.tolist(),
        "r": [SITE_RADIUS.get(SITE_STYLE[t][0], SITE_DEFAULT_RADIUS) for t in site_type],
        "styles": styles,
        "strings": table.strings,
        "fields": fields,
        "labels": {"name": "Site", "type": "Kind", "where": "Governorate"},
        "hover": ["name", "type"],
        "note": "",
        "selected": -1,
        "unplaced": 0,
    }


# ---- custom Leaflet elements ---------------------------------------------------------------------
# One canvas for all points: projected with Web-Mercator maths from precomputed 0..1
# coordinates, drawn in one path per style, hit-tested on click by a linear scan of
# screen positions (100k points: a few ms). Popups are assembled from strings that
# Python already escaped; nothing from data is interpolated unescaped.
_CANVAS_POINTS_JS = r"""
if (!window.SiqCanvasPoints) {
  window.SiqCanvasPoints = L.Layer.extend({
    initialize: function (data, name) {
      this._d = data; this._name = name;
      // Web-Mercator x, y in 0..1 once per payload; each redraw is then a multiply-add per point.
      var n = data.n, mx = this._mx = new Float64Array(n), my = this._my = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var lat = Math.max(-85.0511, Math.min(85.0511, data.lat[i] / 1e4)), s = Math.sin(lat * Math.PI / 180);
        mx[i] = (data.lon[i] / 1e4 + 180) / 360;
        my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      }
    },
    onAdd: function (map) {
      this._map = map;
      var c = this._canvas = L.DomUtil.create('canvas', 'siq-points leaflet-zoom-hide');
      c.setAttribute('data-layer', this._name);
      c.style.pointerEvents = 'none';
      c.style.position = 'absolute';
      // Own pane above the SVG overlays: Leaflet's CSS puts canvases under SVG (z-index 100 vs 200).
      var pane = map.getPane('siqPoints');
      if (!pane) { pane = map.createPane('siqPoints'); pane.style.zIndex = 450; pane.style.pointerEvents = 'none'; }
      pane.appendChild(c);
      map.on('moveend zoomend resize viewreset', this._redraw, this);
      if (this._d.interactive !== false) {
        map.on('click', this._click, this);
        map.on('mousemove', this._hover, this);
      }
      this._redraw();
      var sel = this._d.selected;
      if (sel >= 0) { this._open([sel], this._latlng(sel), true); }
    },
    onRemove: function (map) {
      map.off('moveend zoomend resize viewreset', this._redraw, this);
      map.off('click', this._click, this);
      map.off('mousemove', this._hover, this);
      L.DomUtil.removeClass(map.getContainer(), 'siq-pointing-' + this._name);
      if (this._popup) { map.closePopup(this._popup); }
      if (this._tip) { map.closeTooltip(this._tip); this._tip = null; }
      L.DomUtil.remove(this._canvas);
    },
    _redraw: function () {
      var map = this._map, d = this._d, c = this._canvas;
      if (!map) { return; }
      var size = map.getSize(), dpr = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      c.width = Math.round(size.x * dpr); c.height = Math.round(size.y * dpr);
      c.style.width = size.x + 'px'; c.style.height = size.y + 'px';
      var ctx = c.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      var scale = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelBounds().min;
      var n = d.n, sx = this._sx = new Float32Array(n), sy = this._sy = new Float32Array(n);
      // Smaller markers when zoomed out (whole countries in view), full size from zoom 9.
      var k = Math.max(0.5, Math.min(1, 0.55 + 0.075 * (map.getZoom() - 3)));
      var rs = this._rs = new Float32Array(n);
      for (var q = 0; q < n; q++) { rs[q] = Math.max(2, d.r[q] * k); }
      var vis = this._vis = new Uint8Array(n);
      var byStyle = [];
      for (var k = 0; k < d.styles.length; k++) { byStyle.push([]); }
      for (var i = 0; i < n; i++) {
        var x = this._mx[i] * scale - origin.x, y = this._my[i] * scale - origin.y, r = rs[i];
        sx[i] = x; sy[i] = y;
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) { continue; }
        vis[i] = 1; byStyle[d.s[i]].push(i);
      }
      for (var s = 0; s < d.styles.length; s++) {
        var list = byStyle[s];
        if (!list.length) { continue; }
        var st = d.styles[s];
        ctx.beginPath();
        // Many events share a town's coordinates: draw each pixel position and size once, or
        // hundreds of stacked translucent markers turn into an opaque smudge.
        var seen = new Set();
        for (var j = 0; j < list.length; j++) {
          var p = list[j];
          var key = ((Math.round(sx[p]) + 4096) * 16384 + (Math.round(sy[p]) + 4096)) * 64 + Math.round(rs[p]);
          if (seen.has(key)) { continue; }
          seen.add(key);
          window.SiqShape(ctx, st.shape, sx[p], sy[p], rs[p]);
        }
        ctx.setLineDash(st.dash ? [3, 3] : []);
        if (st.hollow) {
          ctx.fillStyle = st.fill; ctx.globalAlpha = 0.12; ctx.fill(); ctx.globalAlpha = 1;
          ctx.lineWidth = 2; ctx.strokeStyle = st.stroke; ctx.stroke();
        } else {
          ctx.fillStyle = st.fill; ctx.globalAlpha = st.alpha || 0.7; ctx.fill(); ctx.globalAlpha = 1;
          if (st.stroke) { ctx.lineWidth = 0.7; ctx.strokeStyle = st.stroke; ctx.stroke(); }
        }
      }
      ctx.setLineDash([]);
      var sel = d.selected;
      if (sel >= 0 && vis[sel]) {
        ctx.beginPath(); ctx.arc(sx[sel], sy[sel], rs[sel] + 5, 0, 2 * Math.PI);
        ctx.lineWidth = 3; ctx.strokeStyle = '#111'; ctx.stroke();
      }
      c.setAttribute('data-drawn', String(byStyle.reduce(function (a, b) { return a + b.length; }, 0)));
      c.setAttribute('data-total', String(n));
    },
    _hits: function (pt) {
      var d = this._d, out = [];
      if (!this._sx) { return out; }
      for (var i = d.n - 1; i >= 0; i--) {
        if (!this._vis[i]) { continue; }
        var dx = this._sx[i] - pt.x, dy = this._sy[i] - pt.y, r = this._rs[i] + 3;
        if (dx * dx + dy * dy <= r * r) { out.push(i); }
      }
      return out;
    },
    _hover: function (e) {
      var hits = this._hits(e.containerPoint), map = this._map, d = this._d;
      map.getContainer().style.cursor = hits.length ? 'pointer' : '';
      // Over a point, its preview replaces the governorate's shading tooltip (both at once overprint).
      L.DomUtil[hits.length ? 'addClass' : 'removeClass'](map.getContainer(), 'siq-pointing-' + this._name);
      if (!hits.length) {
        if (this._tip) { map.closeTooltip(this._tip); this._tip = null; }
        return;
      }
      // A one-line preview: the first field(s) named in `hover`, all escaped in Python.
      var i = hits[0], parts = [];
      for (var k = 0; k < d.hover.length; k++) {
        var v = d.strings[d.fields[d.hover[k]][i]];
        if (v) { parts.push(v); }
      }
      var text = parts.join(' · ') + (hits.length > 1 ? ' (+' + (hits.length - 1) + ' more)' : '');
      if (!this._tip) { this._tip = L.tooltip({direction: 'top', offset: [0, -6], className: 'siq-tip'}); }
      this._tip.setLatLng(this._latlng(i)).setContent(text);
      if (!map.hasLayer(this._tip)) { map.openTooltip(this._tip); }
    },
    _click: function (e) {
      var hits = this._hits(e.containerPoint);
      if (hits.length) { this._open(hits, this._latlng(hits[0])); }
    },
    _latlng: function (i) { return L.latLng(this._d.lat[i] / 1e4, this._d.lon[i] / 1e4); },
    _open: function (hits, latlng, onLoad) {
      var d = this._d, parts = [], shown = hits.slice(0, 10);
      if (hits.length > 1) { parts.push('<div class="siq-count">' + hits.length + ' events here</div>'); }
      for (var h = 0; h < shown.length; h++) {
        var i = shown[h], rows = [];
        for (var key in d.fields) {
          var v = d.strings[d.fields[key][i]];
          if (!v) { continue; }
          var label = d.labels[key];
          rows.push(label ? '<tr><th>' + label + '</th><td>' + v + '</td></tr>'
                          : '<tr><td colspan="2" class="siq-approx">' + v + '</td></tr>');
        }
        parts.push('<table class="siq-popup">' + rows.join('') + '</table>');
      }
      if (hits.length > shown.length) {
        parts.push('<div class="siq-count">… and ' + (hits.length - shown.length) + ' more</div>');
      }
      if (d.note) { parts.push('<div class="siq-note">' + d.note + '</div>'); }
      // The popup opens above its point. A selected event (from a link or the table) is at the
      // map's centre: its popup must fit in the upper half (tip, padding and margins ≈ 70 px),
      // scrolling its evidence rather than running off the top under the zoom buttons; and it
      // must not pan the map, or the link's view would not be exact (st_folium would also set
      // the view back, leaving the popup cut off). A clicked popup pans far enough right to
      // clear the + / − buttons (top left, 44 px wide).
      var room = Math.round(this._map.getSize().y / 2 - 70);
      this._popup = L.popup({maxWidth: 360, maxHeight: Math.max(100, Math.min(320, room)), autoPan: !onLoad,
                             autoPanPaddingTopLeft: L.point(56, 10)})
        .setLatLng(latlng)
        .setContent('<div class="siq-popup-body">' + parts.join('<hr>') + '</div>');
      this._popup.openOn(this._map);
      if (onLoad) {
        // Opened while the page is still being laid out (inside st_folium's iframe), the popup
        // measures a wrong width and sits off its point: measure again once the map has settled.
        var popup = this._popup, again = function () { if (popup.isOpen()) { popup.update(); } };
        this._map.once('moveend resize', again);
        setTimeout(again, 250);
        setTimeout(again, 1000);
      }
    }
  });
  window.SiqShape = function (ctx, shape, x, y, r) {
    if (shape === 'diamond') {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    } else if (shape === 'square') {
      var h = r * 0.85; ctx.moveTo(x - h, y - h); ctx.rect(x - h, y - h, 2 * h, 2 * h);
    } else if (shape === 'triangle') {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath();
    } else if (shape === 'bar') {
      ctx.moveTo(x - r, y - r * 0.45); ctx.rect(x - r, y - r * 0.45, 2 * r, r * 0.9);
    } else if (shape === 'plus') {
      var t = r * 0.36;
      ctx.moveTo(x - t, y - r); ctx.lineTo(x + t, y - r); ctx.lineTo(x + t, y - t); ctx.lineTo(x + r, y - t);
      ctx.lineTo(x + r, y + t); ctx.lineTo(x + t, y + t); ctx.lineTo(x + t, y + r); ctx.lineTo(x - t, y + r);
      ctx.lineTo(x - t, y + t); ctx.lineTo(x - r, y + t); ctx.lineTo(x - r, y - t); ctx.lineTo(x - t, y - t);
      ctx.closePath();
    } else if (shape === 'star') {
      for (var a = 0; a < 10; a++) {
        var rr = a % 2 ? r * 0.45 : r, ang = -Math.PI / 2 + a * Math.PI / 5;
        var px = x + rr * Math.cos(ang), py = y + rr * Math.sin(ang);
        if (a === 0) { ctx.moveTo(px, py); } else { ctx.lineTo(px, py); }
      }
      ctx.closePath();
    } else {
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  };
}
"""


class _RawScript(Element):
    """A finished script fragment. Unlike `branca.Element` it is not compiled as a Jinja
    template again (folium does that to every rendered script: slow for megabytes of
    data, and it would evaluate any `{{ }}` that came from data)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class _RawMacroElement(MacroElement):
    def render(self, **kwargs: Any) -> None:
        script = self._template.module.__dict__["script"](self, kwargs)
        self.get_root().script.add_child(_RawScript(str(script)), name=self.get_name())


class CanvasPoints(_RawMacroElement):
    """All points of one layer on one canvas, from a compact JSON payload (see `attack_payload`)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        + _CANVAS_POINTS_JS
        + "var {{ this.get_name() }} = new window.SiqCanvasPoints(JSON.parse({{ this.payload_literal }}), "
        "{{ this.layer_name_json }}).addTo({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, payload: dict[str, Any], layer_name: str) -> None:
        super().__init__()
        self._name = "CanvasPoints"
        # JSON.parse of a string literal: V8 reads large data faster than an object literal.
        self.payload_literal = script_json(script_json(payload))
        self.layer_name_json = script_json(layer_name)


_LABELS_JS = r"""
if (!window.SiqLabels) {
  // Text labels that hide below their own minimum zoom (small governorates would overprint
  // their neighbours at country scale). The zoom handler lives only while the layer is on the map.
  window.SiqLabels = L.LayerGroup.extend({
    initialize: function (labels) {
      L.LayerGroup.prototype.initialize.call(this);
      this._labels = labels;
      for (var i = 0; i < labels.length; i++) {
        var l = labels[i];
        this.addLayer(L.marker([l[0], l[1]], {interactive: false, keyboard: false,
          icon: L.divIcon({className: 'siq-label', html: l[2], iconSize: null})}));
      }
    },
    onAdd: function (map) {
      L.LayerGroup.prototype.onAdd.call(this, map);
      map.on('zoomend', this._fit, this);
      this._fit();
    },
    onRemove: function (map) {
      map.off('zoomend', this._fit, this);
      L.LayerGroup.prototype.onRemove.call(this, map);
    },
    _fit: function () {
      var z = this._map.getZoom(), labels = this._labels, i = 0;
      this.eachLayer(function (m) { m.setOpacity(z >= labels[i][3] ? 1 : 0); i++; });
    }
  });
}
"""


class GovernorateLabels(_RawMacroElement):
    """Governorate names as non-interactive text labels (escaped in Python, inserted as HTML).

    Each label is (lat, lon, name, min_zoom): below `min_zoom` it is hidden.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        + _LABELS_JS
        + "var {{ this.get_name() }} = new window.SiqLabels({{ this.labels_json }})"
        ".addTo({{ this._parent.get_name() }});\n"
        "{% endmacro %}"
    )

    def __init__(self, labels: list[tuple[float, float, str, int]]) -> None:
        super().__init__()
        self._name = "GovernorateLabels"
        self.labels_json = script_json([[float(lat), float(lon), escape_text(name), int(min_zoom)]
                                        for lat, lon, name, min_zoom in labels])


def label_min_zoom(areas_sq_deg: np.ndarray) -> np.ndarray:
    """The zoom from which a governorate's name is shown: small ones (Damascus, Quneitra,
    Baghdad) only once zoomed in, so they do not overprint their neighbours."""
    return np.where(areas_sq_deg < 0.03, 8, np.where(areas_sq_deg < 0.06, 7, MIN_ZOOM)).astype(int)


_MAP_CSS = f"""
.folium-map, .leaflet-container {{ background: {MAP_BACKGROUND}; }}
.siq-label {{ color: #444; font: 600 11px/1.1 system-ui, sans-serif; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 2px #fff; transform: translate(-50%, -50%); pointer-events: none; }}
.siq-popup {{ font: 12px/1.35 system-ui, sans-serif; border-collapse: collapse; }}
.siq-popup th {{ text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: 600; vertical-align: top;
  white-space: nowrap; }}
.siq-popup td {{ padding: 1px 0; vertical-align: top; }}
.siq-approx {{ color: #8a5a00; font-style: italic; }}
.siq-count, .siq-note {{ font: 600 12px system-ui, sans-serif; color: #333; }}
.siq-popup-body hr {{ border: 0; border-top: 1px solid #ddd; margin: 4px 0; }}
.siq-pointing-attacks .leaflet-tooltip:not(.siq-tip), .siq-pointing-sites .leaflet-tooltip:not(.siq-tip) {{
  display: none; }}
"""


class MapStyle(_RawMacroElement):
    """The map's own CSS, injected by script so it also works inside the st_folium iframe."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "(function (css) { if (document.getElementById('siq-map-style')) { return; }"
        " var s = document.createElement('style'); s.id = 'siq-map-style'; s.textContent = css;"
        " document.head.appendChild(s); })({{ this.css_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css_json = script_json(_MAP_CSS)


# ---- maps and layers ----------------------------------------------------------------------------
def _new_map(lat: float, lon: float, zoom: int, tiles_url: str | None) -> folium.Map:
    m = folium.Map(
        location=[lat, lon],
        zoom_start=zoom,
        tiles=None,
        # camelCase reaches L.map itself (max_zoom would only reach a tile layer); markercluster needs it.
        maxZoom=MAX_ZOOM,
        minZoom=MIN_ZOOM,
        control_scale=True,
    )
    # Instance-level, so this map is offline-safe even if `use_local_assets` was never called.
    m.default_js = list(LOCAL_MAP_JS)
    m.default_css = list(LOCAL_MAP_CSS)
    if tiles_url:
        # Optional and harmless when unreachable: the outlines carry the map.
        folium.TileLayer(tiles=tiles_url, attr="tiles", max_zoom=MAX_ZOOM, name="Tiles").add_to(m)
    MapStyle().add_to(m)
    return m


def base_map(view: View | None = None, tiles_url: str | None = None) -> folium.Map:
    """The data-free map for `st_folium`: same script on every rerun, so it never remounts.

    It always starts at the default position; pass `center=(view.lat, view.lon)` and
    `zoom=view.zoom` to `st_folium` to move it, and `data_layers(...)` as
    `feature_group_to_add`.
    """
    return _new_map(DEFAULT_LAT, DEFAULT_LON, DEFAULT_ZOOM, tiles_url)


def _outline_parts(governorates: Any) -> tuple[str, str, list[tuple[float, float, str, int]]]:
    """GeoJSON of governorate and country borders, and the labels (the slow part of the layer)."""
    gov_json = governorates[["geometry"]].assign(admin1_code=governorates["admin1_code"].map(escape_text)).to_json(
        drop_id=True)
    countries = governorates.dissolve(by="country")[["geometry"]].reset_index()
    # Areas in square degrees are only compared with each other here: no projection needed.
    min_zoom = label_min_zoom(shapely.area(governorates.geometry.to_numpy()))
    labels = list(zip(governorates["label_lat"].astype(float), governorates["label_lon"].astype(float),
                      governorates["name"].astype(str), min_zoom.tolist(), strict=True))
    return gov_json, countries.to_json(drop_id=True), labels


@functools.lru_cache(maxsize=1)
def _default_outline_parts() -> tuple[str, str, list[tuple[float, float, str, int]]]:
    return _outline_parts(_default_geography()[0])


def outline_layer(governorates: Any) -> folium.FeatureGroup:
    """Governorate borders (thin), country borders (strong) and governorate names."""
    fg = folium.FeatureGroup(name=LAYER_NAMES["outlines"], control=True)
    if governorates is None or not len(governorates):
        return fg
    # The built-in geography never changes: its borders are computed once per process.
    is_default = _default_geography.cache_info().currsize > 0 and governorates is _default_geography()[0]
    gov_json, countries_json, labels = _default_outline_parts() if is_default else _outline_parts(governorates)
    folium.GeoJson(
        gov_json,
        name="governorate-borders",
        style_function=lambda _f: {"color": "#8a8a8a", "weight": 1, "fill": False, "opacity": 0.9,
                                   "className": "siq-gov-border"},
        interactive=False,
    ).add_to(fg)
    folium.GeoJson(
        countries_json,
        name="country-borders",
        style_function=lambda _f: {"color": "#333333", "weight": 2.5, "fill": False, "opacity": 1,
                                   "className": "siq-country-border"},
        interactive=False,
    ).add_to(fg)
    GovernorateLabels(labels).add_to(fg)
    return fg


def sleeper_layer(events: pd.DataFrame, governorates: Any) -> folium.FeatureGroup:
    """Governorates shaded by sleeper-cell reports (in the events given, i.e. the window)."""
    fg = folium.FeatureGroup(name=LAYER_NAMES["sleeper"], control=True)
    counts = sleeper_counts(events)
    if governorates is None or not len(governorates) or counts.empty:
        return fg
    bins = sleeper_bins(int(counts["count"].max()))
    shaded = governorates.merge(counts, on="admin1_code", how="inner")
    shaded = shaded.assign(
        admin1_code=shaded["admin1_code"].map(escape_text),  # folium keys its style switch on it
        name=shaded["name"].map(escape_text),
        count=shaded["count"].astype(int),
        latest=shaded["latest"].map(escape_text),
        latest_evidence=shaded["latest_evidence"].astype(str).str.slice(0, EVIDENCE_CHARS).map(escape_text),
        fill=[_sleeper_colour(int(c), bins) for c in shaded["count"]],
    )[["admin1_code", "name", "count", "latest", "latest_evidence", "fill", "geometry"]]
    folium.GeoJson(
        shaded.to_json(drop_id=True),
        name="sleeper-shading",
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "fillOpacity": 0.7,
                                  "color": "#54278f", "weight": 1, "opacity": 0.6,
                                  "className": "siq-sleeper"},
        highlight_function=lambda _f: {"weight": 3, "fillOpacity": 0.85},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "count", "latest", "latest_evidence"],
            aliases=["Governorate", "Sleeper-cell reports", "Latest report", "Latest evidence"],
            sticky=True,
            style="max-width: 360px; white-space: normal;",
        ),
    ).add_to(fg)
    return fg


def attacks_layer(events: pd.DataFrame, governorates: Any) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=LAYER_NAMES["attacks"], control=True)
    CanvasPoints(attack_payload(events, governorates), "attacks").add_to(fg)
    return fg


def selection_layer(events: pd.DataFrame, view: View, governorates: Any | None = None) -> folium.FeatureGroup | None:
    """The selected event (`view.selected`) on top of the others: ringed, its popup open.

    Kept apart from the attack layer so that selecting an event does not rebuild a
    100,000-point payload: the app can keep `data_layers(events, view.with_(selected=None))`
    and add this one. None when the selection is not a point visible in the view.
    """
    if not view.selected or "attacks" not in view.layers or events.empty:
        return None
    gov = governorates if governorates is not None else _default_geography()[0]
    chosen = filter_events(events.loc[events["event_id"] == view.selected], view)
    payload = attack_payload(chosen, gov, selected=view.selected)
    if payload["selected"] < 0:
        return None
    payload["interactive"] = False  # clicks and hovers are the attack layer's (it lists stacked events)
    fg = folium.FeatureGroup(name="Selected event", control=False)
    CanvasPoints(payload, "selected").add_to(fg)
    return fg


def sites_layer(sites: pd.DataFrame) -> folium.FeatureGroup:
    fg = folium.FeatureGroup(name=LAYER_NAMES["sites"], control=True)
    if sites is not None and len(sites):
        CanvasPoints(sites_payload(sites), "sites").add_to(fg)
    return fg


def data_layers(events: pd.DataFrame, view: View, governorates: Any | None = None,
                sites: pd.DataFrame | None = None) -> list[folium.FeatureGroup]:
    """The view's layers over the base map, bottom to top. `events` is filtered by the view here.

    With `view.selected` set, the last layer is `selection_layer` (see there).
    `governorates`/`sites` default to `dashboard.geo`'s data; tests pass their own.
    """
    gov, site_table = _geography(governorates, sites)
    visible = filter_events(events, view)
    layers: list[folium.FeatureGroup] = []
    if "outlines" in view.layers:
        layers.append(outline_layer(gov))
    if "sleeper" in view.layers:
        layers.append(sleeper_layer(visible, gov))
    if "sites" in view.layers:
        layers.append(sites_layer(site_table))
    if "attacks" in view.layers:
        layers.append(attacks_layer(visible, gov))
        selected = selection_layer(events, view, gov)
        if selected is not None:
            layers.append(selected)
    return layers


def build_map(events: pd.DataFrame, view: View, governorates: Any | None = None,
              sites: pd.DataFrame | None = None, tiles_url: str | None = None) -> folium.Map:
    """The complete map with data, at the view's position (tests, benchmarks, static export)."""
    m = _new_map(view.lat, view.lon, view.zoom, tiles_url)
    for fg in data_layers(events, view, governorates, sites):
        fg.add_to(m)
    return m


# ---- helpers for the app -------------------------------------------------------------------------
def count_unplaced(events: pd.DataFrame, governorates: Any | None = None) -> int:
    """How many point events the map cannot draw (no coordinates and no known governorate)."""
    gov = governorates if governorates is not None else _default_geography()[0]
    points = events.loc[events["event_type"].isin(POINT_TYPES)]
    return int((~place_points(points, gov)["placed"]).sum()) if len(points) else 0


def selected_event(events: pd.DataFrame, event_id: str | None) -> dict[str, Any] | None:
    """The row of `event_id` as a dict (None if absent) — the app centres the map on its lat/lon."""
    if not event_id or events.empty:
        return None
    rows = events.loc[events["event_id"] == event_id]
    if rows.empty:
        return None
    row = rows.iloc[0].to_dict()
    return {k: (None if (v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v) for k, v in row.items()}


def _drawn_points(events: pd.DataFrame, governorates: Any | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The point events and where the map draws them (approximate ones at their governorate)."""
    gov = governorates if governorates is not None else _default_geography()[0]
    points = events.loc[events["event_type"].isin(POINT_TYPES)]
    placed = place_points(points, gov)
    keep = placed["placed"].to_numpy()
    return points.loc[keep], placed.loc[keep]


def focus_view(view: View, events: pd.DataFrame, event_id: str, zoom: int = 9,
               governorates: Any | None = None) -> View:
    """The view centred on an event where the map draws it, and selecting it.

    Only the selection changes when the event is not drawn as a point (a sleeper-cell
    report is part of its governorate's shading; an event with no place is not drawn).
    """
    row = selected_event(events, event_id)
    if row is None:
        return view
    points, placed = _drawn_points(events.loc[events["event_id"] == event_id], governorates)
    if points.empty:
        return view.with_(selected=event_id)
    return view.with_(selected=event_id, lat=float(placed["lat"].iloc[0]), lon=float(placed["lon"].iloc[0]),
                      zoom=max(view.zoom, zoom))


def event_at(events: pd.DataFrame, lat: float, lon: float, zoom: int, max_pixels: float = 10.0,
             governorates: Any | None = None) -> str | None:
    """The event under a click on the map (st_folium's `last_clicked`), or None.

    Uses the positions and sizes the canvas layer draws: a click inside a marker (plus
    3 px, as in the browser) or within `max_pixels` of its centre hits it; when markers
    overlap, the smallest (drawn on top) wins, then the nearest.
    """
    if events.empty:
        return None
    points, placed = _drawn_points(events, governorates)
    if points.empty:
        return None
    scale = 256 * 2 ** zoom
    mx, my = _mercator(placed["lat"].to_numpy(dtype="float64"), placed["lon"].to_numpy(dtype="float64"))
    cx, cy = _mercator(np.array([lat], dtype="float64"), np.array([lon], dtype="float64"))
    dist = np.hypot((mx - cx[0]) * scale, (my - cy[0]) * scale)
    radius = fatality_radius(points["fatalities"])
    radius = np.where(placed["approx"].to_numpy(dtype=bool), np.maximum(radius + 4, 10), radius)
    # The same shrinking with zoom as the browser's redraw.
    drawn = np.maximum(2, radius * max(0.5, min(1.0, 0.55 + 0.075 * (zoom - 3))))
    hit = (dist <= drawn + 3) | (dist <= max_pixels)
    if not hit.any():
        return None
    candidates = np.flatnonzero(hit)
    best = candidates[np.lexsort((dist[candidates], drawn[candidates]))[0]]
    return str(points["event_id"].iloc[best])


def legend_items(view: View, events: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """What the Streamlit-side legend shows for the view's layers.

    Each item: layer, label, colour, shape (circle/ring/diamond/square/triangle/area).
    With `events` (already filtered), the sleeper shading's class breaks are included.
    """
    items: list[dict[str, Any]] = []
    if "attacks" in view.layers:
        for t in POINT_TYPES:
            if not view.event_types or t in view.event_types:
                items.append({"layer": "attacks", "label": EVENT_LABELS[t], "colour": EVENT_COLOURS[t],
                              "shape": "circle"})
        items.append({"layer": "attacks", "label": "Approximate place (governorate only)", "colour": "#666666",
                      "shape": "ring"})
    if "sleeper" in view.layers:
        if events is not None:
            counts = sleeper_counts(events)
            max_count = int(counts["count"].max()) if len(counts) else 0
            for low, high, colour in sleeper_bins(max_count):
                label = f"{low} sleeper-cell report{'' if low == 1 else 's'}" if low == high else (
                    f"{low}–{high} sleeper-cell reports")
                items.append({"layer": "sleeper", "label": label, "colour": colour, "shape": "area"})
        else:
            items.append({"layer": "sleeper", "label": "Sleeper-cell reports (darker = more)",
                          "colour": SLEEPER_SCALE[-1], "shape": "area"})
    if "sites" in view.layers:
        for kind in LEGEND_SITE_TYPES:
            shape, colour = SITE_STYLE[kind]
            items.append({"layer": "sites", "label": SITE_LABELS[kind], "colour": colour, "shape": shape})
    return items


# Small headings in the legend: which swatches are events, which the area shading, which fixed sites.
LEGEND_GROUPS: dict[str, str] = {
    "attacks": "Events (size: fatalities)",
    "sleeper": "Sleeper-cell reports in the window",
    "sites": "Sites (fixed infrastructure)",
}

_LEGEND_SVG = {
    "circle": '<circle cx="8" cy="8" r="6" fill="{c}" stroke="#fff"/>',
    "ring": '<circle cx="8" cy="8" r="6" fill="none" stroke="{c}" stroke-width="2" stroke-dasharray="3 2"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="{c}"/>',
    "triangle": '<polygon points="8,1 15,14 1,14" fill="{c}"/>',
    "bar": '<rect x="1" y="5" width="14" height="6" fill="{c}"/>',
    "plus": '<polygon points="6,1 10,1 10,6 15,6 15,10 10,10 10,15 6,15 6,10 1,10 1,6 6,6" fill="{c}"/>',
    "star": '<polygon points="8,0.5 9.9,5.6 15.1,5.7 11,9 12.4,14.5 8,11.4 3.6,14.5 5,9 0.9,5.7 6.1,5.6" fill="{c}"/>',
    "area": '<rect x="1" y="3" width="14" height="10" fill="{c}" stroke="#54278f"/>',
}


def legend_html(items: list[dict[str, Any]]) -> str:
    """The legend as small inline-SVG swatches (for `st.markdown(..., unsafe_allow_html=True)`)."""
    parts = []
    group = None
    for item in items:
        if item.get("layer") in LEGEND_GROUPS and item.get("layer") != group:
            group = item["layer"]
            parts.append(f'<div style="font-size:0.8em;color:#666;margin:6px 0 2px">{LEGEND_GROUPS[group]}</div>')
        colour = item["colour"] if str(item["colour"]).startswith("#") else "#999999"
        svg = _LEGEND_SVG.get(item["shape"], _LEGEND_SVG["circle"]).format(c=escape_text(colour))
        parts.append(f'<span style="display:inline-flex;align-items:center;margin:0 12px 4px 0">'
                     f'<svg width="16" height="16" viewBox="0 0 16 16">{svg}</svg>'
                     f'&nbsp;{escape_text(item["label"])}</span>')
    return "<div>" + "".join(parts) + "</div>"
