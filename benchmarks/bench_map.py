"""Map performance at 1,000 / 10,000 / 100,000 events. Prints a table; asserts nothing.

For each size, on synthetic events spread over the real governorates (realistic mix
of types, precisions and fatalities):

- build:    `build_map` + rendering the page to HTML (what a static export costs);
- html:     size of that page;
- layers:   the app's per-rerun Python cost after a filter change: `data_layers` for a
            new window + the feature-group script st_folium sends to the browser;
- draw:     in headless Chromium, timed inside the page: fetching that script over
            localhost, then (as streamlit-folium does) removing the old groups and
            `eval`-ing the new, until the frame with every point drawn;
- total:    layers + draw = what the researcher waits for after moving the slider.

With `--app`, the same sizes are also loaded into a temporary store and the real app
is started: the time from clicking ▶ (step the window) to the new points on screen,
which adds Streamlit's rerun of the whole page (table, chart) to the map's own cost.

Every figure is the median of `--repeats` runs (default 3).

Usage: python benchmarks/bench_map.py [--sizes 1000,10000,100000] [--repeats 3] [--no-browser]
                                     [--compare-cluster] [--app]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard import geo  # noqa: E402
from dashboard.layers import POINT_TYPES, base_map, build_map, data_layers  # noqa: E402
from dashboard.schema import coerce_dtypes  # noqa: E402
from dashboard.static_assets import ensure_vendor_assets  # noqa: E402
from dashboard.view import View, date_bounds, filter_events  # noqa: E402

sys.path.insert(0, str(REPO / "tests" / "e2e"))  # the browser recipe shared with the end-to-end tests
import e2e_driver as driver  # noqa: E402

TYPE_MIX = {
    "attack": 0.35, "security_operation": 0.18, "armed_clash": 0.14, "airstrike": 0.10, "sleeper_cell": 0.12,
    "territory_change": 0.04, "offensive": 0.04, "ceasefire": 0.03,
}
ACTORS = ["ISIS", "SDF", "Syrian army", "Iraqi security forces", "PMF", "Coalition", "Turkish army", "Unknown"]
CLAIMS = {"reported": 0.7, "claimed": 0.2, "disputed": 0.07, "denied": 0.03}
START = date(2023, 1, 1)
DAYS = 730


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    """n events at random points inside the real governorate polygons (more in the east, as in reality)."""
    rng = np.random.default_rng(seed)
    gov = geo.governorates()
    weights = np.array([3.0 if c in ("SY-DY", "SY-HA", "SY-RA", "IQ-AN", "IQ-NI", "IQ-SD", "IQ-DI", "IQ-KI")
                        else 1.0 for c in gov["admin1_code"]])
    which = rng.choice(len(gov), size=n, p=weights / weights.sum())
    lat = np.empty(n)
    lon = np.empty(n)
    for k in np.unique(which):
        idx = np.flatnonzero(which == k)
        poly = gov.geometry.iloc[k]
        minx, miny, maxx, maxy = poly.bounds
        got = np.empty((0, 2))
        while len(got) < len(idx):  # rejection sampling inside the polygon
            cand = np.column_stack([rng.uniform(minx, maxx, len(idx) * 3), rng.uniform(miny, maxy, len(idx) * 3)])
            inside = shapely.contains_xy(poly, cand[:, 0], cand[:, 1])
            got = np.vstack([got, cand[inside]])
        lon[idx], lat[idx] = got[: len(idx), 0], got[: len(idx), 1]
    types = rng.choice(list(TYPE_MIX), size=n, p=list(TYPE_MIX.values()))
    approx = (rng.random(n) < 0.15) | (types == "sleeper_cell")
    fatalities = np.where(rng.random(n) < 0.4, rng.geometric(0.25, n), 0)
    codes = gov["admin1_code"].to_numpy()[which]
    df = pd.DataFrame({
        "event_id": [f"syn{i:07d}" for i in range(n)],
        "event_date": [(START + timedelta(days=int(d))).isoformat() for d in rng.integers(0, DAYS, n)],
        "event_type": types,
        "actor1": rng.choice(ACTORS, n),
        "actor2": rng.choice(ACTORS + [""] * 4, n),
        "country": [c[:2] for c in codes],
        "admin1_code": codes,
        "location": np.where(approx, "", [f"Village {i % 997}" for i in range(n)]),
        "latitude": np.where(approx, np.nan, lat.round(4)),
        "longitude": np.where(approx, np.nan, lon.round(4)),
        "geo_precision": np.where(approx, "governorate", "town"),
        "claim_status": rng.choice(list(CLAIMS), size=n, p=list(CLAIMS.values())),
        "fatalities": fatalities,
        "source": rng.choice(["Agency A", "Agency B", "Monitor C"], n),
        "source_url": [f"https://news.example/{i}" for i in range(n)],
        "evidence": [f"Synthetic report number {i}: an incident was reported near the village." for i in range(n)],
    })
    return coerce_dtypes(df)


def feature_group_script(events: pd.DataFrame, view: View) -> str:
    """The JavaScript streamlit-folium sends for `feature_group_to_add` (its own code path)."""
    from streamlit_folium import _get_feature_group_string

    m = base_map(view)
    return "".join(_get_feature_group_string(fg, m, idx) for idx, fg in enumerate(data_layers(events, view)))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A quiet static server for `root` on a free localhost port, and its base URL."""
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser_draw_times(pages: dict[int, tuple[str, str, str, int]], root: Path, repeats: int = 3
                       ) -> dict[int, float]:
    """Median seconds, measured inside the page, from requesting the new layer script over
    localhost (as the app's websocket delivers it) through `eval` until the points are on screen."""
    from playwright.sync_api import sync_playwright

    server, base = _serve(root)
    # As streamlit-folium does on a new feature_group argument: remove the old groups, eval the new.
    swap = """async (url) => {
        const t0 = performance.now();
        const script = await (await fetch(url, {cache: 'no-store'})).text();
        (window.feature_group || []).forEach(l => window.map_div.removeLayer(l));
        window.feature_group = [];
        eval(script);
        await new Promise(r => requestAnimationFrame(() => r()));  // the frame that shows it
        const c = document.querySelector('canvas[data-layer="attacks"]');
        return [performance.now() - t0, c ? c.dataset.total : null];
    }"""
    out: dict[int, float] = {}
    try:
        with sync_playwright() as p:
            browser = driver.launch_chromium(p)
            for n, (page_name, first_js, changed_js, expected) in pages.items():
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page.goto(f"{base}/{page_name}")
                page.wait_for_function("() => window.map_div !== undefined")
                times = []
                for _ in range(repeats):
                    page.evaluate(swap, f"{base}/{first_js}")  # the state before the change (not timed)
                    page.wait_for_timeout(200)
                    ms, total = page.evaluate(swap, f"{base}/{changed_js}")
                    if total != str(expected):
                        raise RuntimeError(f"{n} events: drew {total} points, expected {expected}")
                    times.append(ms / 1000)
                out[n] = float(np.median(times))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def render_page(events: pd.DataFrame, view: View) -> str:
    return build_map(events, view).get_root().render()


def timed(repeats: int, work, *args):
    """Median wall time of `repeats` runs (the machine may be shared) and the last result."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = work(*args)
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), result


CLUSTER_CALLBACK = """function (row) {
    return L.circleMarker(new L.LatLng(row[0], row[1]), {radius: 5, weight: 1, color: '#fff',
                                                       fillColor: '#D55E00', fillOpacity: 0.8});
}"""


def cluster_script(events: pd.DataFrame, view: View) -> str:
    """The alternative the issue allows: FastMarkerCluster (circleMarker callback) of the same
    visible points, through the same streamlit-folium code path."""
    import folium
    from folium.plugins import FastMarkerCluster
    from streamlit_folium import _get_feature_group_string

    visible = filter_events(events, view)
    pts = visible.loc[visible["event_type"].isin(POINT_TYPES) & visible["latitude"].notna()]
    fg = folium.FeatureGroup(name="cluster")
    FastMarkerCluster(pts[["latitude", "longitude"]].to_numpy().tolist(), callback=CLUSTER_CALLBACK).add_to(fg)
    return _get_feature_group_string(fg, base_map(view), 0)


def cluster_draw_times(pages: dict[int, tuple[str, str]], root: Path, repeats: int) -> dict[int, float]:
    """Seconds in the page from fetching the cluster layer's script until it is on screen."""
    from playwright.sync_api import sync_playwright

    server, base = _serve(root)
    swap = """async (url) => {
        const t0 = performance.now();
        const script = await (await fetch(url, {cache: 'no-store'})).text();
        (window.feature_group || []).forEach(l => window.map_div.removeLayer(l));
        window.feature_group = [];
        eval(script);
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())));
        return [performance.now() - t0, document.querySelectorAll('.marker-cluster').length];
    }"""
    out: dict[int, float] = {}
    try:
        with sync_playwright() as p:
            browser = driver.launch_chromium(p)
            for n, (page_name, js) in pages.items():
                page = browser.new_page(viewport={"width": 1200, "height": 800})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page.goto(f"{base}/{page_name}")
                page.wait_for_function("() => window.map_div !== undefined && window.L.MarkerClusterGroup")
                times = []
                for _ in range(repeats):
                    ms, clusters = page.evaluate(swap, f"{base}/{js}")
                    if not clusters:
                        raise RuntimeError(f"{n} events: no cluster drawn")
                    times.append(ms / 1000)
                out[n] = float(np.median(times))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def app_step_times(sizes: list[int], repeats: int) -> dict[int, tuple[float, int]]:
    """In the real app (Streamlit + st_folium, started on a temporary store holding the
    synthetic events): seconds from clicking the ▶ step button (the window, one year long,
    moves on a month) until the map's new point layer is on screen. Median of `repeats`
    steps; also returns the number of points drawn after the last step.

    Uses the end-to-end tests' server and page helpers (tests/e2e/e2e_driver.py).
    """

    from playwright.sync_api import sync_playwright

    from dashboard.store import Store


    out: dict[int, tuple[float, int]] = {}
    with sync_playwright() as p:
        browser = driver.launch_chromium(p)
        for n in sizes:
            work = Path(tempfile.mkdtemp(prefix=f"bench_app_{n}_"))
            store = Store(work / "bench.sqlite")
            dataset = store.add_events(synthetic_events(n), name=f"synthetic {n}", kind="upload").dataset_id
            store.close()
            server = driver.start_app(work / "bench.sqlite", work / "app.log")
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                window = f"start={START.isoformat()}&end={(START + timedelta(days=364)).isoformat()}&step=month"
                driver.open_app(page, f"{server.url}/?ds={dataset}&{window}")
                times = []
                drawn = 0
                for _ in range(repeats):
                    frame = driver.map_frame(page)
                    frame.evaluate(f"() => {{ const c = document.querySelector('{driver.ATTACKS_CANVAS}');"
                                   " if (c) c.dataset.old = '1'; }")
                    t0 = time.perf_counter()
                    page.get_by_role("button", name="▶", exact=True).first.click()
                    frame = driver.map_frame(page)
                    frame.wait_for_function(
                        f"() => {{ const c = document.querySelector('{driver.ATTACKS_CANVAS}');"
                        " return c && !c.dataset.old && c.dataset.drawn !== undefined; }", timeout=120_000)
                    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
                    times.append(time.perf_counter() - t0)
                    drawn = int(frame.evaluate(f"() => document.querySelector('{driver.ATTACKS_CANVAS}')"
                                               ".dataset.total"))
                    driver.wait_idle(page)
                out[n] = (float(np.median(times)), drawn)
                page.close()
            finally:
                driver.stop_app(server)
                shutil.rmtree(work, ignore_errors=True)
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure; the median is printed")
    parser.add_argument("--compare-cluster", action="store_true",
                        help="also time FastMarkerCluster on the same points (the alternative design)")
    parser.add_argument("--app", action="store_true",
                        help="also time a filter change (the ▶ step) in the real running app")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    browser = not args.no_browser and driver.chromium_available()

    feature_group_script(synthetic_events(10), View())  # warm caches and imports: not part of any figure
    rows = []
    root = Path(tempfile.mkdtemp(prefix="bench_map_"))
    ensure_vendor_assets(root / "app" / "static")
    pages: dict[int, tuple[str, str, str, int]] = {}
    for n in sizes:
        events = synthetic_events(n)
        full = View()
        build_s, html = timed(args.repeats, render_page, events, full)

        # A filter change: the second year only (about half the events).
        lo, hi = date_bounds(events)
        changed = full.with_(start=lo + (hi - lo) / 2, end=hi)
        layers_s, script = timed(args.repeats, feature_group_script, events, changed)
        visible = filter_events(events, changed)
        expected = int(visible["event_type"].isin(POINT_TYPES).sum())

        # The page the browser starts from: the data-free base map, as in the app.
        page_html = base_map(full).get_root().render()
        map_var = page_html.split("var map_", 1)[1].split(" ", 1)[0]
        page_html = page_html.replace("</html>", f"<script>window.map_div = map_{map_var};</script></html>")
        (root / f"map_{n}.html").write_text(page_html, encoding="utf-8")
        (root / f"full_{n}.js").write_text(feature_group_script(events, full), encoding="utf-8")
        (root / f"changed_{n}.js").write_text(script, encoding="utf-8")
        pages[n] = (f"map_{n}.html", f"full_{n}.js", f"changed_{n}.js", expected)
        rows.append({"events": n, "build_s": build_s, "html_mb": len(html.encode()) / 1e6, "layers_s": layers_s,
                     "script_mb": len(script.encode()) / 1e6})

    draw = browser_draw_times(pages, root, args.repeats) if browser else {}
    print(f"{'events':>8} {'build s':>8} {'html MB':>8} {'layers s':>9} {'script MB':>10} {'draw s':>7} {'total s':>8}")
    for r in rows:
        d = draw.get(r["events"])
        d_txt = f"{d:7.2f}" if d is not None else "    n/a"
        total = f"{r['layers_s'] + d:8.2f}" if d is not None else "     n/a"
        print(f"{r['events']:>8} {r['build_s']:8.2f} {r['html_mb']:8.2f} {r['layers_s']:9.2f} {r['script_mb']:10.2f}"
              f" {d_txt} {total}")
    if browser and args.compare_cluster:
        cluster_rows = []
        cluster_pages: dict[int, tuple[str, str]] = {}
        for n in sizes:
            events = synthetic_events(n)
            lo, hi = date_bounds(events)
            changed = View().with_(start=lo + (hi - lo) / 2, end=hi)
            seconds, js = timed(args.repeats, cluster_script, events, changed)
            (root / f"cluster_{n}.js").write_text(js, encoding="utf-8")
            page_html = (root / f"map_{n}.html").read_text(encoding="utf-8").replace(
                "</head>", '<link rel="stylesheet" href="/app/static/vendor/markercluster/MarkerCluster.css"/>'
                '<link rel="stylesheet" href="/app/static/vendor/markercluster/MarkerCluster.Default.css"/>'
                '<script src="/app/static/vendor/markercluster/leaflet.markercluster.js"></script></head>', 1)
            (root / f"cluster_{n}.html").write_text(page_html, encoding="utf-8")
            cluster_pages[n] = (f"cluster_{n}.html", f"cluster_{n}.js")
            cluster_rows.append((n, seconds, len(js.encode()) / 1e6))
        cluster_draw = cluster_draw_times(cluster_pages, root, args.repeats)
        print()
        print("For comparison, FastMarkerCluster (circleMarker callback) on the same points:")
        print(f"{'events':>8} {'layers s':>9} {'script MB':>10} {'draw s':>7} {'total s':>8}")
        for n, seconds, mb in cluster_rows:
            print(f"{n:>8} {seconds:9.2f} {mb:10.2f} {cluster_draw[n]:7.2f} {seconds + cluster_draw[n]:8.2f}")
    if not browser:
        print("(Chromium not found: browser draw times not measured)")
    elif args.app:
        print()
        print("In the running app: ▶ (a one-year window moves on a month) until the new points are drawn")
        print(f"{'events':>8} {'points':>8} {'step s':>7}")
        for n, (seconds, drawn) in app_step_times(sizes, args.repeats).items():
            print(f"{n:>8} {drawn:>8} {seconds:7.2f}")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
