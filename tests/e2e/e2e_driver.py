"""How the end-to-end tests (and scripts/screenshot.py) start the app and drive its page.

Selectors and the server recipe live here, in one place.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Frame, Page

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SERVER_START_TIMEOUT_S = 90


def chromium_available() -> bool:
    """Debian's chromium is there (Playwright's own browser download cannot run here)."""
    return Path(CHROMIUM).exists()


def launch_chromium(playwright):
    """Headless Debian Chromium with the flags every caller needs (tests, benchmarks, screenshots)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
ATTACKS_CANVAS = 'canvas.siq-points[data-layer="attacks"]'
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
EVENT_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1_code",
                 "location", "latitude", "longitude", "geo_precision", "claim_status", "fatalities", "source",
                 "source_url", "evidence")


def wait_idle(page: Page, timeout_s: float = 45.0, settle_s: float = 0.6) -> None:
    """Wait until Streamlit has finished its current run (the 'running' indicator is gone for a moment)."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        state = page.evaluate(
            "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')")
        running = state != "notRunning"
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settle_s:
            return
        time.sleep(0.1)
    raise TimeoutError("the app did not finish running")


def open_app(page: Page, url: str, with_map: bool = True) -> Frame | None:
    """Load the app and wait until it has run (and, on the map page, the map is drawn)."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stApp"]')
    frame = map_frame(page) if with_map else None
    wait_idle(page)
    return frame


def map_frame(page: Page, timeout_ms: int = 45_000) -> Frame:
    handle = page.wait_for_selector(MAP_FRAME, timeout=timeout_ms)
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector(".leaflet-container", timeout=timeout_ms)
    frame.wait_for_function("() => window.map && window.map.getZoom() !== undefined", timeout=timeout_ms)
    return frame


def point_count(page: Page) -> int | None:
    """How many events the attack layer holds (the canvas layer's own count), None if absent."""
    frame = map_frame(page)
    canvas = frame.query_selector(ATTACKS_CANVAS)
    if canvas is None:
        return None
    total = canvas.get_attribute("data-total")
    return int(total) if total is not None else None


def wait_point_count(page: Page, predicate, timeout_s: float = 30.0) -> int | None:
    """Poll the attack layer's count until `predicate(count)` holds; return the last count."""
    deadline = time.monotonic() + timeout_s
    count = None
    while time.monotonic() < deadline:
        try:
            count = point_count(page)
        except Exception:  # the frame is being replaced mid-rerun; look again
            count = None
        if predicate(count):
            return count
        time.sleep(0.25)
    raise AssertionError(f"attack layer count never satisfied the condition (last: {count})")


def map_state(page: Page) -> dict:
    frame = map_frame(page)
    return frame.evaluate("() => { const c = window.map.getCenter();"
                          " return {lat: c.lat, lng: c.lng, zoom: window.map.getZoom()}; }")


def share_link(page: Page) -> str:
    return page.locator('[data-testid="stCode"] code').first.inner_text().strip()


def metric_value(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def slider_values(page: Page) -> list[str]:
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Date window").first
    return [t.strip() for t in slider.locator('[data-testid="stSliderThumbValue"]').all_inner_texts()]


def click_button(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).first.click()
    wait_idle(page)


def upload_csv(page: Page, path: Path) -> None:
    page.locator('[data-testid="stSidebar"] [data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        str(path))
    page.wait_for_selector('[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentError"]',
                           timeout=60_000)
    wait_idle(page)


# The dataset every browser test can open by id (seeded into the store before the server starts),
# so the tests do not depend on what the built-in data holds: 12 events over three months.
SEED_EVENTS: list[dict] = [
    {"event_date": f"2023-{m:02d}-{d:02d}", "event_type": t, "country": c, "admin1_code": code, "location": loc,
     "latitude": lat, "longitude": lon, "actor1": "ISIS", "fatalities": f, "source": "seed",
     "evidence": f"Seed event {i} at {loc}."}
    for i, (m, d, t, c, code, loc, lat, lon, f) in enumerate([
        (4, 2, "attack", "SY", "SY-DY", "Al-Mayadin", "35.02", "40.45", "3"),
        (4, 9, "airstrike", "IQ", "IQ-AN", "Rutba", "33.04", "40.28", "1"),
        (4, 20, "armed_clash", "SY", "SY-DY", "Hajin", "34.69", "40.83", ""),
        (4, 28, "attack", "IQ", "IQ-KI", "Hawija", "35.32", "43.77", "2"),
        (5, 3, "security_operation", "IQ", "IQ-NI", "Mosul", "36.34", "43.13", ""),
        (5, 11, "attack", "SY", "SY-HI", "Palmyra", "34.56", "38.28", "7"),
        (5, 19, "airstrike", "SY", "SY-RA", "Raqqa", "35.95", "39.01", "4"),
        (5, 30, "attack", "IQ", "IQ-DI", "Baqubah", "33.75", "44.64", ""),
        (6, 4, "armed_clash", "SY", "SY-HA", "Al-Hol", "36.38", "41.15", "1"),
        (6, 12, "attack", "IQ", "IQ-SD", "Tikrit", "34.6", "43.68", "2"),
        (6, 21, "sleeper_cell", "SY", "SY-DY", "", "", "", ""),
        (6, 29, "attack", "SY", "SY-DY", "Abu Kamal", "34.45", "40.92", "5"),
    ])
]


def write_events_csv(path: Path, rows: list[dict]) -> Path:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(EVENT_COLUMNS))
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in EVENT_COLUMNS})
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def click_event_on_map(page: Page, lat: float, lon: float) -> None:
    """Click the map where an event is drawn, as a user's mouse would.

    The point comes from Leaflet itself (container point → the frame's viewport → the page);
    a locator click with an offset is not used because scrolling inside the component frame
    shifts the map under the offset.
    """
    iframe = page.locator(MAP_FRAME).first
    iframe.scroll_into_view_if_needed()
    frame = map_frame(page)
    pt = frame.evaluate("([lat, lon]) => { const p = window.map.latLngToContainerPoint([lat, lon]);"
                        " const r = window.map.getContainer().getBoundingClientRect();"
                        " return {x: r.left + p.x, y: r.top + p.y}; }", [lat, lon])
    box = iframe.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + pt["x"], box["y"] + pt["y"])


@dataclass
class Watched:
    """Everything a page did that a test may want to forbid."""

    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def watch_context(context, watched: Watched) -> None:
    """Abort and record any request leaving localhost; record console errors, page errors and dialogs."""

    def route(r) -> None:
        parts = urlsplit(r.request.url)
        if parts.scheme in ("data", "blob", "about") or (parts.hostname or "") in LOCAL_HOSTS:
            r.continue_()
        else:
            watched.external_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)

    def on_page(page) -> None:
        page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watched.page_errors.append(str(e)))

        def on_dialog(d) -> None:
            watched.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)

    context.on("page", on_page)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log_path: Path
    seed_dataset: str = ""

    def seeded_url(self, query: str = "") -> str:
        """The app opened on the seeded dataset (plus any other query parameters)."""
        return f"{self.url}/?ds={self.seed_dataset}" + (f"&{query}" if query else "")

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def start_app(db_path: Path, log_path: Path) -> AppServer:
    """Start `streamlit run dashboard/app.py` on a free port and wait until it is healthy."""
    port = _free_port()
    env = {**os.environ, "DASHBOARD_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
    log = open(log_path, "wb")  # noqa: SIM115 - lives as long as the server
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    server = AppServer(url, process, log_path)
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().strip() == b"ok":
                    return server
        except OSError:
            time.sleep(0.3)
    stop_app(server)
    raise RuntimeError(f"streamlit did not become healthy in {SERVER_START_TIMEOUT_S}s:\n{server.log_tail()}")


def stop_app(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=5)
