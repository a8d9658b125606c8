"""Layout checks a researcher notices at once, in headless Chromium at 1400×900 and a 1280×720 laptop:
the default map shows both countries whole, the page starts right at the top, and the popup of a
linked (selected) event sits on its point, inside the map, clear of the zoom buttons."""

from __future__ import annotations

import pytest
from e2e_driver import map_frame, open_app, wait_idle

pytestmark = pytest.mark.e2e

SIZES = [(1400, 900), (1280, 720)]


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def sized_page(request, browser, watched):
    from e2e_driver import watch_context

    width, height = request.param
    ctx = browser.new_context(viewport={"width": width, "height": height})
    watch_context(ctx, watched)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    yield page
    ctx.close()


def test_default_map_shows_both_countries_whole(app_server, sized_page, watched):
    # The old default centre cut off southern Iraq (Basra, Umm Qasr) at both sizes.
    from dashboard import geo

    frame = open_app(sized_page, app_server.url)
    west, south, east, north = (float(x) for x in geo.governorates().total_bounds)
    bounds = frame.evaluate("() => { const b = window.map.getBounds();"
                            " return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }")
    assert bounds[0] <= west and bounds[1] <= south and bounds[2] >= east and bounds[3] >= north, bounds
    assert watched.external_requests == [] and watched.page_errors == []


def test_page_starts_at_the_top(app_server, sized_page):
    # Streamlit's empty 60 px header strip (and the sidebar's) pushed everything down.
    open_app(sized_page, app_server.url)
    heading = sized_page.get_by_text("Conflict events in Syria and Iraq").first.bounding_box()
    title = sized_page.locator('[data-testid="stSidebar"] h1').first.bounding_box()
    assert heading["y"] < 40 and title["y"] < 75, (heading, title)
    # The map's top edge is on the first screen, its zoom buttons and most of it in view.
    iframe = sized_page.locator('iframe[title="streamlit_folium.st_folium"]').first.bounding_box()
    assert iframe["y"] < 200, iframe


def _selected_link(app_server) -> tuple[str, float, float]:
    from dashboard.store import Store

    with Store(app_server.log_path.parent / "dashboard.sqlite") as store:
        events = store.events((app_server.seed_dataset,))
    row = events.loc[events["location"] == "Abu Kamal"].iloc[0]
    lat, lon = float(row["latitude"]), float(row["longitude"])
    return (app_server.seeded_url(f"lat={lat:.4f}&lon={lon:.4f}&zoom=9&sel={row['event_id']}"), lat, lon)


def test_linked_events_popup_sits_on_its_point_clear_of_the_zoom_buttons(app_server, sized_page, watched):
    # The popup opened on load measured its width before the iframe was laid out and sat ~150 px
    # left of its point, over the zoom buttons; a long one also ran off the top of the map.
    url, lat, lon = _selected_link(app_server)
    open_app(sized_page, url)
    frame = map_frame(sized_page)
    frame.wait_for_selector(".leaflet-popup-content")
    wait_idle(sized_page)
    sized_page.wait_for_timeout(1500)
    geometry = frame.evaluate("""([lat, lon]) => {
        const m = window.map, p = m.latLngToContainerPoint([lat, lon]);
        const box = e => { const r = document.querySelector(e).getBoundingClientRect();
                           return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
        const c = m.getCenter();
        return {point: p, popup: box('.leaflet-popup-content-wrapper'), zoom: box('.leaflet-control-zoom'),
                map: box('.leaflet-container'), centre: [c.lat, c.lng]};
    }""", [lat, lon])
    popup, zoom, mp, point = geometry["popup"], geometry["zoom"], geometry["map"], geometry["point"]
    assert abs((popup["left"] + popup["right"]) / 2 - (mp["left"] + point["x"])) < 25, geometry
    assert popup["top"] >= mp["top"] and popup["bottom"] <= mp["top"] + point["y"], geometry
    assert popup["left"] >= zoom["right"] or popup["top"] >= zoom["bottom"], geometry
    assert abs(geometry["centre"][0] - lat) < 1e-3 and abs(geometry["centre"][1] - lon) < 1e-3  # the link, exactly
    assert watched.external_requests == [] and watched.page_errors == []
