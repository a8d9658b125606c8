"""Take the README's screenshot: the app on the built-in data, in headless Chromium.

    python scripts/screenshot.py [--out docs/screenshot.png] [--query "start=2019-01-01&end=2019-06-30"]

Starts its own Streamlit server on a free port with a fresh temporary store (so only the
built-in data is in it), opens the view given by `--query` (a share-link query string),
waits until the map, chart and table are drawn, and saves a 1400×900 PNG. Every request
leaving localhost is blocked, as on the offline machines the app is made for.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))  # the browser recipe shared with the end-to-end tests

from e2e_driver import (  # noqa: E402
    LOCAL_HOSTS,
    launch_chromium,
    open_app,
    start_app,
    stop_app,
    wait_idle,
    wait_point_count,
)

# A view that shows every layer at work: 2019, where the UCDP sample and the example
# articles (with their sleeper-cell reports) overlap.
DEFAULT_QUERY = "start=2019-01-01&end=2019-12-31"
WIDTH, HEIGHT = 1400, 900


def take_screenshot(out: Path, query: str) -> list[str]:
    """Save the screenshot; return the outside requests the page tried (there should be none)."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        server = start_app(Path(tmp) / "dashboard.sqlite", Path(tmp) / "streamlit.log")
        try:
            with sync_playwright() as pw:
                browser = launch_chromium(pw)
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1)

                def route(r) -> None:
                    if (urlsplit(r.request.url).hostname or "") in LOCAL_HOSTS or r.request.url.startswith("data:"):
                        r.continue_()
                    else:
                        blocked.append(r.request.url)
                        r.abort()

                page.route("**/*", route)
                open_app(page, f"{server.url}/?{query}" if query else server.url)
                wait_point_count(page, lambda n: n is not None and n > 0, timeout_s=60)
                page.wait_for_selector('[data-testid="stVegaLiteChart"], .vega-embed', timeout=30_000)
                wait_idle(page)
                time.sleep(1.0)  # let the canvas layers and the chart finish their transitions
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
                browser.close()
        finally:
            stop_app(server)
    return blocked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--query", default=DEFAULT_QUERY, help="share-link query string of the view to show")
    args = parser.parse_args(argv)
    blocked = take_screenshot(args.out, args.query)
    print(f"saved {args.out} ({WIDTH}×{HEIGHT})")
    if blocked:
        print(f"warning: the page tried {len(blocked)} outside request(s): {blocked[:3]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
