"""The dashboard in real headless Chromium against the app on localhost (offline: nothing may leave it)."""

from __future__ import annotations

import csv
import io
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from e2e_driver import (
    SEED_EVENTS,
    Watched,
    click_button,
    click_event_on_map,
    map_frame,
    map_state,
    metric_value,
    open_app,
    point_count,
    share_link,
    slider_values,
    upload_csv,
    wait_idle,
    wait_point_count,
    watch_context,
    write_events_csv,
)

pytestmark = pytest.mark.e2e

# Console noise that is not ours: Chromium reports the aborted outside requests (there must be
# none, which is asserted separately) and a missing favicon in some versions.
_IGNORED_CONSOLE = ("favicon", "net::ERR_FAILED")


def _own_errors(messages: list[str]) -> list[str]:
    return [m for m in messages if not any(s in m for s in _IGNORED_CONSOLE)]


def test_map_loads_offline_with_outlines_and_points(app_server, page, watched):
    # The default view (built-in data) draws without errors or outside requests ...
    frame = open_app(page, app_server.url)
    # Governorate outlines are SVG paths: the map reads without any tile server.
    assert frame.locator(".leaflet-overlay-pane path").count() >= 20
    assert frame.locator(".siq-label").count() >= 20  # governorate names
    # ... and so does a dataset opened by link, with one point per placed non-area event.
    open_app(page, app_server.seeded_url())
    points = [e for e in SEED_EVENTS if e["event_type"] != "sleeper_cell"]
    assert wait_point_count(page, lambda n: n == len(points)) == len(points)
    assert metric_value(page, "Visible events") == str(len(SEED_EVENTS))
    assert watched.external_requests == []
    assert watched.page_errors == []
    assert _own_errors(watched.console_errors) == []
    # Every script and stylesheet of the map came from the app itself.
    sources = map_frame(page).evaluate("() => [...document.querySelectorAll('script[src], link[href]')]"
                                       ".map(e => e.src || e.href)")
    assert sources and all(urlsplit(s).hostname in ("127.0.0.1", "localhost") for s in sources), sources


def test_upload_csv_events_appear_on_the_map(app_server, page, watched, tmp_path):
    csv_path = write_events_csv(tmp_path / "my_events.csv", [
        {"event_date": "2019-05-01", "event_type": "attack", "country": "SY", "admin1_code": "SY-HI",
         "location": "Palmyra", "latitude": "34.56", "longitude": "38.28", "fatalities": "4", "source": "e2e"},
        {"event_date": "2019-05-03", "event_type": "airstrike", "country": "IQ", "admin1_code": "IQ-AN",
         "location": "Rutba", "latitude": "33.04", "longitude": "40.28", "source": "e2e"},
        {"event_date": "2019-05-07", "event_type": "armed_clash", "country": "SY", "admin1_code": "SY-DY",
         "location": "Al-Mayadin", "latitude": "35.02", "longitude": "40.45", "source": "e2e"},
        {"event_date": "not a date", "event_type": "attack", "country": "SY", "admin1_code": "SY-HI",
         "latitude": "34.5", "longitude": "38.2", "source": "e2e"},
    ])
    open_app(page, app_server.url)
    before = point_count(page)
    upload_csv(page, csv_path)
    assert page.get_by_text("3 events kept", exact=False).count() >= 1
    # The bad row is reported with its row, column and value, and can be downloaded.
    assert page.get_by_text("Problems found in my_events.csv", exact=False).count() == 1
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download the problem report (CSV)").first.click()
    report = dl.value.path().read_text(encoding="utf-8-sig")
    assert "event_date" in report and "not a date" in report and "\n4," in report
    wait_point_count(page, lambda n: n == 3)
    assert before != 3
    assert metric_value(page, "Visible events") == "3"
    assert watched.external_requests == []
    assert watched.dialogs == []


def test_moving_the_time_window_changes_the_map(app_server, page, watched):
    open_app(page, app_server.seeded_url())
    full = wait_point_count(page, lambda n: n is not None and n > 0)
    assert slider_values(page) == ["2023-04-02", "2023-06-29"]
    click_button(page, "▶")  # from the whole range to its first month
    in_april = [e for e in SEED_EVENTS if e["event_date"] <= "2023-05-01"]
    assert wait_point_count(page, lambda n: n == len(in_april)) == len(in_april) < full
    assert slider_values(page) == ["2023-04-02", "2023-05-01"]
    query = parse_qs(urlsplit(page.url).query)
    assert (query["start"], query["end"]) == (["2023-04-02"], ["2023-05-01"])
    click_button(page, "▶")  # one month on, keeping the window's length (29 days)
    assert slider_values(page) == ["2023-05-02", "2023-05-31"]
    in_may = [e for e in SEED_EVENTS if "2023-05-02" <= e["event_date"] <= "2023-05-31"]
    assert metric_value(page, "Visible events") == str(len(in_may))
    assert watched.external_requests == []


def test_share_link_reopens_the_same_view(app_server, browser, page, watched):
    open_app(page, app_server.seeded_url())
    click_button(page, "▶")
    # Filter by event type through the real widget.
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Event types") \
        .locator("input").first.click()
    page.get_by_role("option", name="Attack", exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)
    # Zoom the map with its own control: the app learns the new zoom and puts it in the URL.
    frame = map_frame(page)
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '7'", timeout=20_000)
    wait_idle(page)
    link = share_link(page)
    assert urlsplit(link).query == urlsplit(page.url).query
    params = parse_qs(urlsplit(link).query)
    assert params["types"] == ["attack"] and params["zoom"] == ["7"] and "start" in params
    count = point_count(page)
    window = slider_values(page)
    state = map_state(page)

    fresh_watch = Watched()
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    watch_context(fresh, fresh_watch)
    try:
        other = fresh.new_page()
        open_app(other, link)
        assert slider_values(other) == window
        assert wait_point_count(other, lambda n: n == count) == count
        other_state = map_state(other)
        assert other_state["zoom"] == state["zoom"] == 7
        assert abs(other_state["lat"] - state["lat"]) < 1e-3 and abs(other_state["lng"] - state["lng"]) < 1e-3
        assert share_link(other) == link
        chips = other.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(
            has_text="Event types").inner_text()
        assert "Attack" in chips
        assert fresh_watch.external_requests == [] and fresh_watch.page_errors == []
    finally:
        fresh.close()


def test_stale_link_falls_back_with_a_notice(app_server, page, watched):
    stale = f"{app_server.url}/?ds={app_server.seed_dataset},deadbeef00&types=bogus&zoom=99&start=2020-13-01"
    open_app(page, stale)
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "deadbeef00" in text and "bogus" in text and "zoom" in text and "2020-13-01" in text
    assert "Traceback" not in text
    # The valid part of the link still applies: the seeded dataset is shown.
    assert wait_point_count(page, lambda n: n is not None and n > 0)
    assert metric_value(page, "Visible events") == str(len(SEED_EVENTS))


XSS_TEXT = "<script>alert(1)</script> <img src=x onerror=alert(1)> `${alert(1)}` ${alert(2)} [x](javascript:alert(3))"


def test_csv_with_script_and_onerror_runs_nothing(app_server, page, watched, tmp_path):
    # The file name is data too: it is shown in the import report and the dataset picker.
    csv_path = write_events_csv(tmp_path / "xss <img src=x onerror=alert(7)> **b** [l](javascript:alert(8)).csv", [
        {"event_date": "2018-02-02", "event_type": "attack", "country": "SY", "admin1_code": "SY-HI",
         "location": "<img src=x onerror=alert('loc')>", "latitude": "34.73", "longitude": "36.71",
         "actor1": "<script>alert('a1')</script>", "actor2": "`${alert('a2')}`",
         "source": "<b onmouseover=alert(4)>src</b>", "source_url": "javascript:alert(5)",
         "evidence": XSS_TEXT},
        # An area-level report: its text reaches the governorate shading's tooltip.
        {"event_date": "2018-02-03", "event_type": "sleeper_cell", "country": "IQ", "admin1_code": "IQ-AN",
         "actor1": "ISIS", "source": "xss", "evidence": "<img src=x onerror=alert('tip')> `${alert('tip')}`"},
    ])
    open_app(page, app_server.url)
    upload_csv(page, csv_path)
    wait_point_count(page, lambda n: n == 1)
    assert page.get_by_text("xss <img src=x onerror=alert(7)> **b**", exact=False).count() >= 1
    click_event_on_map(page, 34.73, 36.71)
    frame = map_frame(page)
    # A site may sit nearby and open its own popup too; ours is the one with the evidence.
    ours = frame.locator(".leaflet-popup-content").filter(has_text="Evidence").first
    ours.wait_for(timeout=15_000)
    popup = ours.inner_text()
    assert "<script>alert('a1')</script>" in popup
    assert "<img src=x onerror=alert(1)>" in popup
    assert "${alert(1)}" in popup
    wait_idle(page)
    # The map click selected the event in the app too: its evidence is shown as plain text.
    page.get_by_text("Selected event").first.wait_for()
    assert "<img src=x onerror=alert(1)>" in page.locator('[data-testid="stMain"]').inner_text()
    # Hover the shaded governorate (Anbar's desert): the tooltip shows the evidence as text.
    frame = map_frame(page)
    pt = frame.evaluate("() => { const p = window.map.latLngToContainerPoint([32.6, 41.0]);"
                        " const r = window.map.getContainer().getBoundingClientRect();"
                        " return {x: r.left + p.x, y: r.top + p.y}; }")
    box = page.locator('iframe[title="streamlit_folium.st_folium"]').first.bounding_box()
    page.mouse.move(box["x"] + pt["x"], box["y"] + pt["y"])
    page.mouse.move(box["x"] + pt["x"] + 3, box["y"] + pt["y"] + 3)
    tip = frame.locator(".leaflet-tooltip").first
    tip.wait_for(timeout=15_000)
    assert "<img src=x onerror=alert('tip')>" in tip.inner_text()
    for target in (page, frame):
        assert target.locator("img[src='x']").count() == 0
        assert target.locator("script:has-text(\"alert('a1')\")").count() == 0
        assert target.locator("b[onmouseover]").count() == 0
    assert frame.locator("a[href^='javascript']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert watched.dialogs == []
    assert watched.external_requests == []


def test_exports_hold_exactly_the_visible_events(app_server, page, watched):
    open_app(page, app_server.seeded_url("types=attack"))
    attacks = [e for e in SEED_EVENTS if e["event_type"] == "attack"]
    assert metric_value(page, "Visible events") == str(len(attacks))
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export visible events (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(dl.value.path().read_text(encoding="utf-8-sig"))))
    assert sorted(r["location"] for r in rows) == sorted(e["location"] for e in attacks)
    with page.expect_download() as dl:
        page.get_by_role("button", name="Export visible events (GeoJSON)").click()
    features = json.loads(dl.value.path().read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["location"] for f in features) == sorted(e["location"] for e in attacks)
    assert watched.external_requests == []


def test_play_steps_through_the_months_and_stops_at_the_end(app_server, page, watched):
    open_app(page, app_server.seeded_url())
    seen_windows = set()
    page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text="Play") \
        .locator("label").first.click()
    toggle = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text="Play") \
        .locator("input").first
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            seen_windows.add(tuple(slider_values(page)))
        except Exception:  # the slider is being redrawn; look again
            pass
        if not toggle.is_checked():
            break
        time.sleep(0.2)
    assert not toggle.is_checked(), "play did not stop by itself"
    wait_idle(page)
    # It went through several windows and stopped with the window at the end of the data.
    assert len(seen_windows) >= 3, seen_windows
    assert slider_values(page)[1] == "2023-06-29"
    assert watched.page_errors == []


def test_selecting_a_table_row_selects_the_event_and_flies_the_map_there(app_server, page, watched):
    open_app(page, app_server.seeded_url())
    newest = max(SEED_EVENTS, key=lambda e: e["event_date"])
    grid = page.locator('[data-testid="stDataFrame"]').filter(has_text="evidence").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    # The row-selection checkbox of the first (newest) row: left column, below the 35-px header.
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    page.wait_for_function("() => new URLSearchParams(location.search).has('sel')", timeout=20_000)
    wait_idle(page)
    assert page.get_by_text(newest["evidence"], exact=True).count() >= 1
    query = parse_qs(urlsplit(page.url).query)
    assert query["zoom"] == ["9"]
    assert abs(float(query["lat"][0]) - float(newest["latitude"])) < 1e-3
    state = map_state(page)
    assert state["zoom"] == 9 and abs(state["lat"] - float(newest["latitude"])) < 0.01
    assert watched.external_requests == []


ARTICLE = (
    "Islamic State gunmen ambushed a Syrian army bus near Palmyra in Homs province on Sunday, "
    "killing four soldiers, a war monitor said.\n\n"
    "Separately, Iraqi security forces arrested three suspects in Mosul on Saturday."
)


def test_paste_an_article_review_and_map_it(app_server, page, watched):
    open_app(page, app_server.url + "/?page=article", with_map=False)
    page.get_by_label("Article text").fill(ARTICLE)
    # Publication date left at today: "on Sunday" resolves against it.
    page.get_by_label("Source", exact=True).fill("e2e wire")
    wait_idle(page)
    click_button(page, "Extract events")
    page.get_by_text("Review", exact=False).first.wait_for()
    page.get_by_label("Dataset name").fill("E2E pasted article")
    page.keyboard.press("Enter")
    wait_idle(page)
    click_button(page, "Save as dataset and show on the map")
    # Back on the map, with only the new dataset selected and its events drawn.
    page.wait_for_function("() => new URLSearchParams(location.search).has('ds')", timeout=30_000)
    n = wait_point_count(page, lambda n: n is not None and n >= 1)
    assert n >= 1
    assert "page" not in parse_qs(urlsplit(page.url).query)
    assert "E2E pasted article" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert watched.external_requests == [] and watched.page_errors == []


def test_a_file_that_is_not_an_event_table_gets_a_message_not_a_traceback(app_server, page, watched, tmp_path):
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    open_app(page, app_server.seeded_url())
    before = point_count(page)
    upload_csv(page, junk)
    main_text = page.locator('[data-testid="stMain"]').inner_text()
    assert "photo.csv could not be imported" in main_text
    assert "Traceback" not in main_text and 'File "' not in main_text
    # The problem report says why, and the map still shows what it showed before.
    assert page.get_by_text("Problems found in photo.csv", exact=False).count() == 1
    assert point_count(page) == before
    assert watched.page_errors == []


def test_article_from_an_html_file_is_reduced_to_its_text_and_extracted(app_server, page, watched, tmp_path):
    html_file = tmp_path / "report.html"
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n"))
    html_file.write_text(
        "<html><head><title>Wire report</title><script>alert('page script')</script></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Attack near Palmyra</h1>" + paragraphs +
        "</article><footer>Subscribe to our newsletter</footer></body></html>", encoding="utf-8")
    open_app(page, app_server.url + "/?page=article", with_map=False)
    page.get_by_text("HTML file", exact=True).click()
    wait_idle(page)
    page.locator('[data-testid="stMain"] [data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(html_file))
    page.get_by_text("Article text found in the file", exact=False).wait_for(timeout=30_000)
    wait_idle(page)
    click_button(page, "Extract events")
    page.get_by_text("Review", exact=False).first.wait_for(timeout=30_000)
    assert page.get_by_text("events found", exact=False).count() >= 1
    assert watched.dialogs == [] and watched.external_requests == [] and watched.page_errors == []


def test_play_stops_when_switched_off(app_server, page, watched):
    open_app(page, app_server.seeded_url("step=week"))
    play = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text="Play")
    play.locator("label").first.click()
    time.sleep(3.0)  # a couple of weekly steps
    assert play.locator("input").first.is_checked()
    play.locator("label").first.click()
    time.sleep(1.0)
    stopped_at = slider_values(page)
    time.sleep(3.0)
    assert not play.locator("input").first.is_checked()
    assert slider_values(page) == stopped_at
    assert stopped_at[0] > "2023-04-02"  # it did move before being stopped
