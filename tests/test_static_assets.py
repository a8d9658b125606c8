"""The map's scripts and stylesheets come from pip packages and are served by the app."""

from __future__ import annotations

import re

import folium
import folium.plugins
import pytest

from dashboard import static_assets
from dashboard.static_assets import VENDOR_URL, ensure_vendor_assets, use_local_assets, vendor_files


def test_ensure_vendor_assets_copies_every_file_and_is_idempotent(tmp_path) -> None:
    ensure_vendor_assets(tmp_path)
    copied = sorted(str(p.relative_to(tmp_path / "vendor")) for p in (tmp_path / "vendor").rglob("*") if p.is_file())
    assert copied == sorted(vendor_files())
    leaflet = (tmp_path / "vendor" / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert "1.9.3" in leaflet[:400]  # folium 0.20's own Leaflet version
    assert (tmp_path / "vendor" / "jquery" / "jquery.min.js").stat().st_size > 50_000
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "vendor").rglob("*") if p.is_file()}
    ensure_vendor_assets(tmp_path)
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "vendor").rglob("*") if p.is_file()} == mtimes


def test_ensure_vendor_assets_repairs_a_damaged_copy(tmp_path) -> None:
    ensure_vendor_assets(tmp_path)
    target = tmp_path / "vendor" / "leaflet" / "leaflet.css"
    target.write_text("broken", encoding="utf-8")
    ensure_vendor_assets(tmp_path)
    assert ".leaflet-container" in target.read_text(encoding="utf-8")


@pytest.fixture()
def restore_folium_defaults():
    saved = {
        cls: (cls.default_js, cls.default_css)
        for cls in (folium.Map, folium.plugins.MarkerCluster, folium.plugins.FastMarkerCluster)
    }
    yield
    for cls, (js, css) in saved.items():
        cls.default_js, cls.default_css = js, css


@pytest.mark.parametrize("element", ["map", "marker_cluster", "fast_marker_cluster"])
def test_use_local_assets_leaves_no_cdn_link(restore_folium_defaults, element: str) -> None:
    use_local_assets()
    m = folium.Map(tiles=None, maxZoom=18)
    if element == "marker_cluster":
        folium.plugins.MarkerCluster().add_to(m)
    elif element == "fast_marker_cluster":
        folium.plugins.FastMarkerCluster([[35.0, 40.0]]).add_to(m)
    html = m.get_root().render()
    links = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', html)
    assert links, "expected the map's script and stylesheet links"
    assert all(link.startswith(VENDOR_URL + "/") for link in links), links
    # Every linked file is one ensure_vendor_assets provides.
    provided = {f"{VENDOR_URL}/{f}" for f in vendor_files()}
    assert set(links) <= provided


def test_local_lists_are_served_files() -> None:
    provided = {f"{VENDOR_URL}/{f}" for f in vendor_files()}
    for lst in (static_assets.LOCAL_MAP_JS, static_assets.LOCAL_MAP_CSS, static_assets.LOCAL_MARKERCLUSTER_JS,
                static_assets.LOCAL_MARKERCLUSTER_CSS):
        assert {url for _, url in lst} <= provided


def test_streamlit_config_serves_static_files_and_hides_tracebacks(repo_root) -> None:
    import tomllib

    config = tomllib.loads((repo_root / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableStaticServing"] is True  # the vendor files are served from /app/static/
    assert config["client"]["showErrorDetails"] == "none"  # never a traceback on the page
    assert config["browser"]["gatherUsageStats"] is False  # offline: no telemetry calls
    assert config["server"].get("enableXsrfProtection", True) is True


def test_vendor_dir_is_where_streamlit_serves_static(repo_root) -> None:
    # Streamlit serves `static/` next to the main script, dashboard/app.py.
    assert static_assets.STATIC_DIR == repo_root / "dashboard" / "static"
    assert "dashboard/static/vendor/" in (repo_root / ".gitignore").read_text(encoding="utf-8")
