"""The dashboard's server-side cost per interaction at 1,000 / 10,000 / 100,000 events. Prints; asserts nothing.

Runs the real `dashboard/app.py` script with Streamlit's AppTest (no browser: the map's
drawing time in Chromium is measured by bench_map.py) on a temporary store holding one
synthetic dataset (bench_map's generator: real governorates, realistic type mix):

- open:    first run of a fresh session on a link to the dataset (store read, filters,
           map layers, timeline, table) — the events are not cached yet;
- pan:     rerun after the map reports a new centre, all events visible (every pan/zoom);
- filter:  rerun after choosing one event type in the sidebar;
- step:    rerun after pressing ▶ (the window becomes the first month).

With `--browser`, the same dataset is also opened in the real app in headless Chromium and
`redraw` is the wall time from clicking ▶ until the map's point layer holds the new window's
events (median of 3 steps): what the researcher waits for, end to end.

Usage: python benchmarks/bench_app.py [--sizes 1000,10000,100000] [--browser]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests" / "e2e"))  # the app-in-Chromium recipe of the browser tests

from bench_map import synthetic_events  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from dashboard.store import Store  # noqa: E402

APP = str(REPO / "dashboard" / "app.py")


def _timed(action) -> float:
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def bench(n: int, browser: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        os.environ["DASHBOARD_DB"] = str(db)
        with Store(db) as store:
            result = store.add_events(synthetic_events(n), f"bench {n}", kind="upload")
        assert result.dataset_id and result.rows_kept == n, (result.rows_kept, result.problems[:3])
        at = AppTest.from_file(APP, default_timeout=600)
        at.query_params["ds"] = result.dataset_id
        out = {"open": _timed(at.run)}
        assert not at.exception, at.exception
        # What a pan costs with every event visible: st_folium reports a new centre, the app
        # reruns, adopts it and rewrites the URL (simulated here: AppTest has no map).
        at.session_state["_map_synced"] = True
        at.session_state["map_pos"] = (35.5, 40.0, 7)
        out["pan"] = _timed(at.run)
        out["filter"] = _timed(lambda: at.multiselect(key="w_types").set_value(["attack"]).run())
        out["step"] = _timed(lambda: at.button(key="w_fwd").click().run())
        assert not at.exception, at.exception
        if browser:
            out["redraw"] = browser_redraw(db, Path(tmp), result.dataset_id)
        return out


def browser_redraw(db: Path, tmp: Path, dataset_id: str, steps: int = 3) -> float:
    """Median seconds from a click on ▶ until the map shows the new window's points."""
    from e2e_driver import launch_chromium, map_frame, open_app, start_app, stop_app, wait_point_count
    from playwright.sync_api import sync_playwright

    server = start_app(db, tmp / "streamlit.log")
    times = []
    try:
        with sync_playwright() as pw:
            b = launch_chromium(pw)
            page = b.new_page(viewport={"width": 1400, "height": 900})
            open_app(page, f"{server.url}/?ds={dataset_id}")
            count = wait_point_count(page, lambda c: c is not None and c > 0, timeout_s=120)
            step = page.get_by_role("button", name="▶", exact=True).first
            for _ in range(steps):
                before = count
                t0 = time.perf_counter()
                step.click()
                while time.perf_counter() - t0 < 60:
                    try:
                        total = map_frame(page).evaluate(
                            "() => document.querySelector('canvas.siq-points[data-layer=attacks]')?.dataset.total")
                    except Exception:  # the component is swapping its layers; look again
                        total = None
                    if total is not None and int(total) != before:
                        count = int(total)
                        break
                    time.sleep(0.02)
                times.append(time.perf_counter() - t0)
            b.close()
    finally:
        stop_app(server)
    return sorted(times)[len(times) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--browser", action="store_true", help="also time the redraw in headless Chromium")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    header = f"{'events':>8} {'open s':>8} {'pan s':>8} {'filter s':>9} {'step s':>8}"
    print(header + (f" {'redraw s':>9}" if args.browser else ""))
    for n in sizes:
        r = bench(n, args.browser)
        line = f"{n:>8,} {r['open']:>8.2f} {r['pan']:>8.2f} {r['filter']:>9.2f} {r['step']:>8.2f}"
        print(line + (f" {r['redraw']:>9.2f}" if args.browser else ""), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
