"""Serve every script and stylesheet the map needs from the app itself.

folium and streamlit-folium load Leaflet, jQuery, Bootstrap and Font Awesome from
public CDNs by default; offline, one unreachable script leaves the map blank. The
files come from pip packages (XStatic-*) and are copied at start-up into
`dashboard/static/vendor/`, which Streamlit serves at `/app/static/vendor/` when
`server.enableStaticServing` is on. URLs are root-relative because the map runs in
a component iframe under `/component/...`, where relative paths would break.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import folium
import folium.plugins
import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_markercluster

VENDOR_URL = "/app/static/vendor"
STATIC_DIR = Path(__file__).resolve().parent / "static"

# (source directory, file inside it, path under vendor/). Leaflet's images/ are needed by
# its CSS (layer control icon) — copied as a whole folder.
_FILES: tuple[tuple[str, str, str], ...] = (
    (xs_leaflet.BASE_DIR, "leaflet.js", "leaflet/leaflet.js"),
    (xs_leaflet.BASE_DIR, "leaflet.css", "leaflet/leaflet.css"),
    (xs_jquery.BASE_DIR, "jquery.min.js", "jquery/jquery.min.js"),
    (xs_markercluster.BASE_DIR, "leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    (xs_markercluster.BASE_DIR, "MarkerCluster.css", "markercluster/MarkerCluster.css"),
    (xs_markercluster.BASE_DIR, "MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
)
_DIRS: tuple[tuple[str, str, str], ...] = ((xs_leaflet.BASE_DIR, "images", "leaflet/images"),)

# What folium elements get instead of their CDN links. jQuery stays because folium's
# Popup template uses `$`; Bootstrap, glyphicons and Awesome-Markers are dropped (the
# map uses none of them, and Font Awesome would pull its fonts from a CDN too).
LOCAL_MAP_JS: list[tuple[str, str]] = [
    ("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js"),
    ("jquery", f"{VENDOR_URL}/jquery/jquery.min.js"),
]
LOCAL_MAP_CSS: list[tuple[str, str]] = [
    ("leaflet_css", f"{VENDOR_URL}/leaflet/leaflet.css"),
]
LOCAL_MARKERCLUSTER_JS: list[tuple[str, str]] = [
    ("markerclusterjs", f"{VENDOR_URL}/markercluster/leaflet.markercluster.js"),
]
LOCAL_MARKERCLUSTER_CSS: list[tuple[str, str]] = [
    ("markerclustercss", f"{VENDOR_URL}/markercluster/MarkerCluster.css"),
    ("markerclusterdefaultcss", f"{VENDOR_URL}/markercluster/MarkerCluster.Default.css"),
]


def vendor_files() -> list[str]:
    """Paths under vendor/ that `ensure_vendor_assets` provides (for tests and checks)."""
    files = [dest for _, _, dest in _FILES]
    for base, sub, dest in _DIRS:
        files.extend(f"{dest}/{p.name}" for p in sorted((Path(base) / sub).iterdir()) if p.is_file())
    return files


def ensure_vendor_assets(static_dir: Path = STATIC_DIR) -> None:
    """Copy the vendor files into `static_dir/vendor/`. Idempotent: unchanged files are left alone."""
    vendor = Path(static_dir) / "vendor"
    for base, name, dest in _FILES:
        _copy_if_changed(Path(base) / name, vendor / dest)
    for base, sub, dest in _DIRS:
        for src in sorted((Path(base) / sub).iterdir()):
            if src.is_file():
                _copy_if_changed(src, vendor / dest / src.name)


def _copy_if_changed(src: Path, dest: Path) -> None:
    if dest.is_file() and filecmp.cmp(src, dest, shallow=False):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Copy to a temporary name then rename, so a concurrent request never sees half a file.
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.copyfile(src, tmp)
    tmp.replace(dest)


def use_local_assets() -> None:
    """Point folium's elements at the app-served copies instead of CDNs (process-wide)."""
    folium.Map.default_js = list(LOCAL_MAP_JS)
    folium.Map.default_css = list(LOCAL_MAP_CSS)
    folium.plugins.MarkerCluster.default_js = list(LOCAL_MARKERCLUSTER_JS)
    folium.plugins.MarkerCluster.default_css = list(LOCAL_MARKERCLUSTER_CSS)
    # FastMarkerCluster inherits from MarkerCluster but may carry its own copy in some versions.
    folium.plugins.FastMarkerCluster.default_js = list(LOCAL_MARKERCLUSTER_JS)
    folium.plugins.FastMarkerCluster.default_css = list(LOCAL_MARKERCLUSTER_CSS)
