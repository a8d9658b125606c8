"""End-to-end harness: the real app on localhost, driven by Debian's headless Chromium.

One Streamlit server per test session, on a free port, with its own temporary store
(`DASHBOARD_DB`), so the tests never touch `var/` and see only the built-in data plus
what they upload. Every browser request that leaves localhost is aborted and recorded:
the map must work offline, and `external_requests` must stay empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_driver import (
    SEED_EVENTS,
    AppServer,
    Watched,
    chromium_available,
    launch_chromium,
    start_app,
    stop_app,
    watch_context,
    write_events_csv,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not chromium_available():
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


# Module scope, not session: Playwright's sync API allows one running instance per thread,
# and other test modules (tests/test_layers.py) start their own Chromium after this one.
@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = launch_chromium(pw)
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
