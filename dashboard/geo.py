"""The gazetteer and geocoder for Syria and Iraq.

Reads `data/geo/` (built by `scripts/build_geo.py`, see `data/geo/SOURCES.md`):
governorate polygons, towns/districts with alternate spellings, and sites (oil and
gas fields, plants, dams, border crossings, bases).

- `resolve_place(name, country_hint=None, kind=None)`: name → `Place` or None.
  Tiers, first hit wins: exact (case-insensitive) → `normalize_place_name` →
  `place_key` → fuzzy (rapidfuzz over prepared keys, with a score cutoff). Within a
  tier: sites before towns (larger population first) before districts before
  governorates; a country hint prefers places in that country.
- `admin1_of(lats, lons)`: vectorised point-in-polygon over an STRtree. Points up to
  `SNAP_DEGREES` (≈ 10 km) outside every polygon snap to the nearest governorate,
  because Natural Earth's 1:10m borders and coastline are generalised; points farther
  out are None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rapidfuzz import fuzz, process

from dashboard.names import normalize_place_name, place_key
from dashboard.schema import ADMIN1_CODES, COUNTRIES

__all__ = [
    "Place", "resolve_place", "admin1_of", "country_of", "governorates", "sites", "places",
    "governorate_code", "governorate_place", "KINDS", "SNAP_DEGREES", "DATA_DIR",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"

KINDS: tuple[str, ...] = ("site", "town", "district", "governorate", "country")
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}

# ≈ 10 km: how far outside the generalised polygons a point may be and still count.
SNAP_DEGREES = 0.09

# Fuzzy matching: only keys this long, and only above this score (rapidfuzz ratio,
# 0–100). Short words are too easily one edit away from a village name.
FUZZY_MIN_LEN = 6
FUZZY_CUTOFF = 88.0

# With a country hint, a name found only in the other country is accepted from the
# exact/normalised tier if the place is this large (or a site/governorate).
WELL_KNOWN_POPULATION = 50_000

COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "SY": ("Syria", "Syrian Arab Republic", "Souria", "Suriya", "سوريا", "سورية"),
    "IQ": ("Iraq", "Republic of Iraq", "Irak", "العراق"),
}
_COUNTRY_HINTS = {"sy": "SY", "syria": "SY", "syrian arab republic": "SY", "iq": "IQ", "iraq": "IQ", "irak": "IQ"}

# Names that must never geocode into Syria or Iraq: neighbours and other countries
# news mentions, and words that sit one letter away from a village name.
NOT_PLACES: frozenset[str] = frozenset(
    normalize_place_name(n)
    for n in (
        "Jordan", "Turkey", "Turkiye", "Türkiye", "Iran", "Lebanon", "Israel", "Saudi Arabia", "Kuwait", "Russia",
        "United States", "America", "Egypt", "Qatar", "Palestine", "Europe", "France", "Britain", "Germany",
        "Amman", "Beirut", "Ankara", "Istanbul", "Tehran", "Riyadh", "Moscow", "Washington", "Gaziantep",
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "army", "police",
        "government", "ministry", "forces", "coalition", "islamic state", "isis", "daesh",
    )
)


# Place names that are also ordinary English words: only capitalised they are places.
ENGLISH_HOMONYMS: frozenset[str] = frozenset(
    {"hit", "ward", "tank", "tell", "tall", "hay", "shin", "sine", "sham", "mari", "dana", "bab", "kara", "ana",
     "sam", "omar", "alam", "balad", "hai", "dara", "nava", "gama", "fava", "sina", "ajil", "arak"}
)


@dataclass(frozen=True)
class Place:
    """A resolved place. `precision` is the schema's GEO_PRECISIONS value for it."""

    name: str
    kind: str
    country: str
    admin1_code: str
    latitude: float
    longitude: float
    precision: str
    site_type: str = ""
    population: int | None = None
    aliases: tuple[str, ...] = field(default=(), compare=False, repr=False)


# ---------------------------------------------------------------------------- data


@lru_cache(maxsize=1)
def _governorates() -> gpd.GeoDataFrame:
    gdf = gpd.read_file(DATA_DIR / "governorates.geojson")
    gdf = gdf.set_crs("EPSG:4326", allow_override=True)
    gdf["aliases"] = gdf["aliases"].fillna("").astype(object)
    return gdf[["admin1_code", "name", "country", "aliases", "label_lat", "label_lon", "geometry"]]


def governorates() -> gpd.GeoDataFrame:
    """The 32 governorate polygons (columns admin1_code, name, country, aliases, label_lat/lon, geometry)."""
    return _governorates().copy()


def _read_table(filename: str) -> pd.DataFrame:
    """A data/geo CSV: text columns as object ("" for empty), coordinates float64,
    population (where present) nullable Int64."""
    df = pd.read_csv(DATA_DIR / filename, keep_default_na=False, dtype=str)
    numeric = {"latitude": "float64", "longitude": "float64", "population": "Int64"}
    for col, dtype in numeric.items():
        if col in df.columns:
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce").astype(dtype)
    return df.astype({c: object for c in df.columns if c not in numeric})


@lru_cache(maxsize=1)
def _sites() -> pd.DataFrame:
    return _read_table("sites.csv")


def sites() -> pd.DataFrame:
    """Oil/gas fields, plants, refineries, dams, crossings, bases (see data/geo/sites.csv)."""
    return _sites().copy()


@lru_cache(maxsize=1)
def _places() -> pd.DataFrame:
    return _read_table("places.csv")


def places() -> pd.DataFrame:
    """Towns, districts and areas with alternate spellings (see data/geo/places.csv)."""
    return _places().copy()


def country_of(admin1_code: str | None) -> str:
    """"SY-HI" → "SY"; "" for anything that is not a known governorate code."""
    return admin1_code[:2] if admin1_code in ADMIN1_CODES else ""


# ----------------------------------------------------------------------- admin1_of


# Grid index cell size (degrees). Cells wholly inside one governorate answer directly;
# cells far from every governorate answer None; only the rest need a polygon test.
GRID_CELL = 0.05


@dataclass(frozen=True)
class _Polygons:
    """Spatial index over the governorates.

    - `tree`: STRtree of the prepared polygons (exact point-in-polygon),
    - `snap_tree`/`snap_geoms`: the polygons grown by SNAP_DEGREES (simplified),
    - `grid`: a regular grid over the snap zone; each cell holds the index of the
      polygon that wholly contains it, FAR (-1) if no point in it can be within
      SNAP_DEGREES of a polygon, or EDGE (-2) if points in it need the exact test.
    """

    tree: shapely.STRtree
    geoms: np.ndarray
    codes: np.ndarray
    snap_tree: shapely.STRtree
    snap_geoms: np.ndarray
    sure_geoms: np.ndarray
    grid: np.ndarray
    x0: float
    y0: float


_FAR, _EDGE = -1, -2
_SIMPLIFY = 0.01  # degrees; simplified outlines stay this close to the real ones


@lru_cache(maxsize=1)
def _polygons() -> _Polygons:
    gdf = _governorates()
    geoms = np.asarray(gdf.geometry.values, dtype=object)
    shapely.prepare(geoms)
    tree = shapely.STRtree(geoms)
    # Few vertices suffice for "within ≈10 km": simplify (moves edges ≤ _SIMPLIFY) and
    # grow by that much more, so the grown shapes cover every point within the limit...
    simple = shapely.simplify(geoms, _SIMPLIFY)
    snap_geoms = shapely.buffer(simple, SNAP_DEGREES + _SIMPLIFY)
    # ... and shrunk by that much, every point in them is surely within the limit.
    sure_geoms = shapely.buffer(simple, SNAP_DEGREES - _SIMPLIFY - 1e-6)
    shapely.prepare(snap_geoms)
    shapely.prepare(sure_geoms)
    zone = shapely.union_all(snap_geoms)
    shapely.prepare(zone)
    xmin, ymin, xmax, ymax = shapely.bounds(zone)
    x0, y0 = np.floor(xmin / GRID_CELL) * GRID_CELL, np.floor(ymin / GRID_CELL) * GRID_CELL
    nx, ny = int(np.ceil((xmax - x0) / GRID_CELL)) + 1, int(np.ceil((ymax - y0) / GRID_CELL)) + 1
    iy, ix = np.divmod(np.arange(nx * ny), nx)
    cells = shapely.box(x0 + ix * GRID_CELL, y0 + iy * GRID_CELL, x0 + (ix + 1) * GRID_CELL, y0 + (iy + 1) * GRID_CELL)
    grid = np.where(shapely.intersects(zone, cells), _EDGE, _FAR).astype(np.int16)
    cell_idx, geom_idx = tree.query(cells)
    whole = shapely.contains_properly(geoms[geom_idx], cells[cell_idx])
    grid[cell_idx[whole]] = geom_idx[whole]
    return _Polygons(tree, geoms, np.asarray(gdf["admin1_code"], dtype=object), shapely.STRtree(snap_geoms),
                     snap_geoms, sure_geoms, grid.reshape(ny, nx), float(x0), float(y0))


def admin1_of(lats: Iterable[float] | float, lons: Iterable[float] | float) -> np.ndarray:
    """Governorate code for each (lat, lon) as an object array (None where outside SY/IQ).

    Vectorised over a spatial index: a grid lookup answers points in cells wholly
    inside one governorate or far from all; the others go through an STRtree query and
    `contains_xy` against the prepared polygons. Points inside none but within
    `SNAP_DEGREES` (≈ 10 km) of one — generalised borders and coast — take the nearest
    governorate. NaN coordinates give None. Scalars give a one-element array; other
    shapes are kept.
    """
    lat_arr, lon_arr = np.broadcast_arrays(np.atleast_1d(np.asarray(lats, dtype="float64")),
                                           np.atleast_1d(np.asarray(lons, dtype="float64")))
    shape = lat_arr.shape
    lat_flat, lon_flat = lat_arr.ravel(), lon_arr.ravel()
    out = np.full(lat_flat.shape, None, dtype=object)
    idx = _polygons()
    ny, nx = idx.grid.shape
    with np.errstate(invalid="ignore"):
        col = np.floor((lon_flat - idx.x0) / GRID_CELL)
        row = np.floor((lat_flat - idx.y0) / GRID_CELL)
    on_grid = np.flatnonzero((col >= 0) & (col < nx) & (row >= 0) & (row < ny))  # NaN compares False
    state = idx.grid[row[on_grid].astype(np.intp), col[on_grid].astype(np.intp)]
    whole = state >= 0
    out[on_grid[whole]] = idx.codes[state[whole]]
    edge = on_grid[state == _EDGE]
    if edge.size == 0:
        return out.reshape(shape)
    x, y = lon_flat[edge], lat_flat[edge]
    points = shapely.points(x, y)
    # Candidate (point, polygon) pairs by bounding box, then the exact test.
    point_idx, geom_idx = idx.tree.query(points)
    inside = shapely.contains_xy(idx.geoms[geom_idx], x[point_idx], y[point_idx])
    point_idx, geom_idx = point_idx[inside], geom_idx[inside]
    # Polygons do not overlap, so a point is inside at most one (a point exactly on a
    # shared border is inside none and is settled by the snap step).
    out[edge[point_idx]] = idx.codes[geom_idx]
    unresolved = np.ones(edge.size, dtype=bool)
    unresolved[point_idx] = False
    rest = np.flatnonzero(unresolved)
    if rest.size:
        _snap(idx, points[rest], x[rest], y[rest], out, edge[rest])
    return out.reshape(shape)


def _snap(idx: _Polygons, points: np.ndarray, x: np.ndarray, y: np.ndarray, out: np.ndarray,
          targets: np.ndarray) -> None:
    """Give points within SNAP_DEGREES of a governorate the nearest one (in place)."""
    pi, gi = idx.snap_tree.query(points)
    near = shapely.contains_xy(idx.snap_geoms[gi], x[pi], y[pi])
    pi, gi = pi[near], gi[near]
    if pi.size == 0:
        return
    # One candidate, and inside its "surely within" shape: no distance needed.
    single = np.bincount(pi, minlength=points.size)[pi] == 1
    sure = single & shapely.contains_xy(idx.sure_geoms[gi], x[pi], y[pi])
    out[targets[pi[sure]]] = idx.codes[gi[sure]]
    pi, gi = pi[~sure], gi[~sure]
    if pi.size == 0:
        return
    # The rest: exact distances to the candidates; nearest wins, within the limit.
    dist = shapely.distance(idx.geoms[gi], points[pi])
    order = np.lexsort((dist, pi))
    pi, gi, dist = pi[order], gi[order], dist[order]
    first = np.ones(pi.size, dtype=bool)
    first[1:] = pi[1:] != pi[:-1]
    keep = first & (dist <= SNAP_DEGREES)
    out[targets[pi[keep]]] = idx.codes[gi[keep]]


# ------------------------------------------------------------------ resolve_place


@dataclass
class _Index:
    entries: list[Place]
    exact: dict[str, list[int]]
    normal: dict[str, list[int]]
    loose: dict[str, list[int]]
    typed_normal: dict[str, list[int]]  # site names only reachable with a site word ("Kirkuk field")
    typed_loose: dict[str, list[int]]
    fuzzy: dict[str, dict[str, list[int]]]  # first letter → loose key → entries


def _split(s: object) -> list[str]:
    return [a.strip() for a in str(s or "").split("|") if a.strip()]


@lru_cache(maxsize=1)
def _index() -> _Index:
    entries: list[Place] = []
    names_of: list[list[str]] = []

    def add(place: Place, names: list[str]) -> None:
        entries.append(place)
        names_of.append(names)

    for r in _sites().itertuples(index=False):
        aliases = _split(r.aliases)
        add(Place(r.name, "site", r.country, r.admin1_code, float(r.latitude), float(r.longitude), "site",
                  site_type=r.site_type, aliases=tuple(aliases)), [r.name, *aliases])
    for r in _places().itertuples(index=False):
        aliases = _split(r.aliases)
        kind = r.kind if r.kind in ("town", "district") else "town"
        pop = None if pd.isna(r.population) else int(r.population)
        add(Place(r.name, kind, r.country, r.admin1_code, float(r.latitude), float(r.longitude), kind,
                  population=pop, aliases=tuple(aliases)), [r.name, *aliases, *_split(r.arabic_names)])
    for r in _governorates().itertuples(index=False):
        aliases = _split(r.aliases)
        add(Place(r.name, "governorate", r.country, r.admin1_code, float(r.label_lat), float(r.label_lon),
                  "governorate", aliases=tuple(aliases)), [r.name, *aliases])
    gdf = _governorates()
    for cc, names in COUNTRY_NAMES.items():
        pt = shapely.union_all(gdf.loc[gdf["country"] == cc, "geometry"].values).representative_point()
        add(Place(names[0], "country", cc, "", float(pt.y), float(pt.x), "country", aliases=names[1:]), list(names))

    exact: dict[str, list[int]] = {}
    normal: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    typed_normal: dict[str, list[int]] = {}
    typed_loose: dict[str, list[int]] = {}
    # A site named after a town ("Kirkuk oil field", "Qayyarah field") normalises to the
    # town's name; such site names answer only queries that say "field", "refinery"...
    other_normal = {normalize_place_name(n) for p, ns in zip(entries, names_of, strict=True)
                    if p.kind != "site" for n in ns}
    other_loose = {place_key(n) for p, ns in zip(entries, names_of, strict=True) if p.kind != "site" for n in ns}

    def put(table: dict[str, list[int]], k: str, i: int) -> None:
        if k and k not in NOT_PLACES and i not in table.setdefault(k, []):
            table[k].append(i)

    for i, (place, names) in enumerate(zip(entries, names_of, strict=True)):
        for n in names:
            put(exact, _exact_key(n), i)
            kn, kl = normalize_place_name(n), place_key(n)
            typed = place.kind == "site" and _has_site_word(n)
            put(typed_normal if typed and kn in other_normal else normal, kn, i)
            put(typed_loose if typed and kl in other_loose else loose, kl, i)
    # Fuzzy choices: display names, plus the curated aliases of sites and governorates
    # (GeoNames' hundreds of exotic alternates match exactly, never approximately).
    fuzzy: dict[str, dict[str, list[int]]] = {}
    for i, (place, names) in enumerate(zip(entries, names_of, strict=True)):
        if place.kind == "country":
            continue
        for n in names if place.kind in ("site", "governorate") else names[:1]:
            k = place_key(n)
            if len(k) >= FUZZY_MIN_LEN and k not in NOT_PLACES:
                bucket = fuzzy.setdefault(k[0], {}).setdefault(k, [])
                if i not in bucket:
                    bucket.append(i)
    return _Index(entries, exact, normal, loose, typed_normal, typed_loose, fuzzy)


_SITE_WORD = re.compile(r"\b(fields?|oilfields?|gasfields?|oil|gas|plant|refinery|dam|barrage|crossing|"
                        r"air ?base|airport|base|camp|mines?|dome)\b", re.IGNORECASE)


def _has_site_word(name: str) -> bool:
    return bool(_SITE_WORD.search(name))


def _exact_key(s: str) -> str:
    return " ".join(s.casefold().split())


def _country_hint(hint: str | None) -> str | None:
    if not hint:
        return None
    h = hint.strip()
    return h.upper() if h.upper() in COUNTRIES else _COUNTRY_HINTS.get(h.casefold())


_TRAILING_COUNTRY = re.compile(r"^\s*(\S.*?)[\s,]*[(\[]?\s*(Syria|Iraq)\s*[)\]]?\s*$", re.IGNORECASE)
_GOVERNORATE_WORDS = ("governorate", "province", "muhafazat", "muhafazah", "muhafaza", "wilayat")


def resolve_place(name: str, country_hint: str | None = None, kind: str | None = None) -> Place | None:
    """Best place for a name in any common Latin (or Arabic) spelling, or None.

    `country_hint` ("SY"/"IQ"/"Syria"/"Iraq") prefers places in that country;
    `kind` restricts to one of KINDS. A name saying "province"/"governorate" is
    taken as a governorate. Names outside Syria and Iraq give None.
    """
    if not isinstance(name, str) or not name.strip():
        return None
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return _resolve_request(name, country_hint if isinstance(country_hint, str) else None, kind)


@lru_cache(maxsize=100_000)
def _resolve_request(name: str, country_hint: str | None, kind: str | None) -> Place | None:
    # "Al-Anbar (Iraq)", "Hasakah, Syria": the country is a hint, not part of the name.
    m = _TRAILING_COUNTRY.match(name)
    if m:
        name, country_hint = m.group(1), country_hint or m.group(2)
    code = name.strip().upper()
    if code in ADMIN1_CODES and kind in (None, "governorate"):
        return governorate_place(code)
    # Lower-case English words that are also place names ("hit", "ward") are words.
    if name.islower() and normalize_place_name(name) in ENGLISH_HOMONYMS:
        return None
    if kind is None and any(w in name.casefold() for w in _GOVERNORATE_WORDS):
        kind = "governorate"
    return _resolve(name.strip(), _country_hint(country_hint), kind)


def _best(idx: _Index, candidates: list[int], country: str | None, kind: str | None,
          strict: bool = False) -> Place | None:
    """Highest-ranked candidate: hinted country, then sites > towns (by population) >
    districts > governorates. Outside the hinted country only well-known places count
    (or none at all when `strict`): a Syrian village called "Al Amiriyah" is not Iraq's
    Amiriyat al-Fallujah."""
    pool = [idx.entries[i] for i in candidates]
    if kind is not None:
        pool = [p for p in pool if p.kind == kind]
    if country is not None:
        pool = [p for p in pool if p.country == country or (not strict and _well_known(p))]
    if not pool:
        return None
    return min(pool, key=lambda p: (country is not None and p.country != country, _KIND_RANK[p.kind],
                                    -(p.population or 0), p.name))


def _well_known(place: Place) -> bool:
    return place.kind in ("site", "governorate") or (place.population or 0) >= WELL_KNOWN_POPULATION


@lru_cache(maxsize=100_000)
def _resolve(name: str, country: str | None, kind: str | None) -> Place | None:
    idx = _index()
    norm = normalize_place_name(name)
    if not norm or norm in NOT_PLACES:
        return None
    # Exact and normalised spellings form one tier: a city and its governorate can both
    # list "Al Hasakeh" in slightly different forms, and rank (not spelling) must decide.
    site_word = _has_site_word(name)
    candidates = idx.exact.get(_exact_key(name), []) + idx.normal.get(norm, [])
    if site_word:
        candidates = idx.typed_normal.get(norm, []) + candidates
    hit = _best(idx, candidates, country, kind)
    if hit is not None:
        return hit
    # Very short names match only exactly: too many villages are one letter apart.
    if len(norm.replace(" ", "")) < 4:
        return None
    loose = place_key(name)
    candidates = (idx.typed_loose.get(loose, []) if site_word else []) + idx.loose.get(loose, [])
    if len(norm.replace(" ", "")) == 4:
        # Four letters fold onto English words too easily ("seen" → "Siin", "deal" →
        # "Dail"): only a capitalised name, and only a well-known place.
        candidates = [] if name.islower() else [i for i in candidates if _well_known(idx.entries[i])]
    hit = _best(idx, candidates, country, kind, strict=True)
    if hit is not None or len(loose) < FUZZY_MIN_LEN:
        return hit
    # Fuzzy: compare loose keys with the same first letter (a different first letter
    # is usually a different name: "Umm Mayadin", "Western Ghouta")... With a country
    # hint, a guess must be in that country.
    choices = idx.fuzzy.get(loose[0], {})
    for choice, _score, _ in process.extract(loose, list(choices), scorer=fuzz.ratio,
                                             score_cutoff=FUZZY_CUTOFF, limit=5):
        # ... and the same last letter: "Similar" is not "Simele".
        if choice[-1] != loose[-1]:
            continue
        hit = _best(idx, choices[choice], country, kind, strict=True)
        if hit is not None:
            return hit
    return None


def governorate_code(name: str, country_hint: str | None = None) -> str | None:
    """Governorate code for a governorate name in any spelling ("Idleb", "Deir ez Zor Governorate",
    "Al Hasakeh", "SY-HI"), or None."""
    if not isinstance(name, str) or not name.strip():
        return None
    code = name.strip().upper()
    if code in ADMIN1_CODES:
        return code
    place = resolve_place(name, country_hint, kind="governorate")
    return place.admin1_code if place else None


def governorate_place(admin1_code: str) -> Place | None:
    """The governorate itself as a Place (label point inside its polygon)."""
    for p in _index().entries:
        if p.kind == "governorate" and p.admin1_code == admin1_code:
            return p
    return None


def clear_caches() -> None:
    """Drop the lookup caches, spelling keys included (benchmarks measure cold lookups)."""
    _resolve.cache_clear()
    _resolve_request.cache_clear()
    normalize_place_name.cache_clear()
    place_key.cache_clear()
