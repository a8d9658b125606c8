"""End-to-end harness: the real app on localhost, driven by Debian's headless Chromium.

One Streamlit server per test session, on a free port, with its own temporary store
(`DASHBOARD_DB`), so the tests never touch `var/` and see only the built-in data plus
what they upload. Every browser request that leaves localhost is aborted and recorded:
the map must work offline, and `external_requests` must stay empty.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e_driver import SEED_EVENTS, Watched, watch_context, write_events_csv

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
SERVER_START_TIMEOUT_S = 90


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


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


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (scripts/test.sh installs it)")
    from dashboard.store import Store

    work = tmp_path_factory.mktemp("e2e-app")
    db = work / "dashboard.sqlite"
    with Store(db) as store:
        seed = store.add_dataset(write_events_csv(work / "seed.csv", SEED_EVENTS).read_bytes(), "seed.csv",
                                 name="E2E seed events")
    assert seed.dataset_id and seed.rows_kept == len(SEED_EVENTS), seed.problems
    server = start_app(db, work / "streamlit.log")
    server.seed_dataset = seed.dataset_id
    yield server
    stop_app(server)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def watched() -> Watched:
    return Watched()


@pytest.fixture()
def context(browser, watched: Watched) -> Iterator:
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    watch_context(ctx, watched)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context) -> Iterator:
    p = context.new_page()
    p.set_default_timeout(30_000)
    yield p
    p.close()
