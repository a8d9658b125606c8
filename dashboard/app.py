"""The researcher's dashboard (Streamlit): datasets, filters, time window, map, timeline, table, exports.

Run from the repository root: `python -m streamlit run dashboard/app.py`.

This file is wiring only. Every number, table, export and map comes from the pure modules
(`view`, `layers`, `summaries`, `exports`, `store`, `extract`); here we read widgets and the
URL, call those, and draw. State flows one way each run:

    URL (first run only) → widget state → View → filtered events → map/table/chart → URL

Programmatic changes to a widget (stepping the window, selecting an uploaded dataset,
opening a saved article) go through `_defer`, applied at the top of the next run, because
Streamlit forbids writing a widget's state after the widget has been drawn in a run.
"""

from __future__ import annotations

import copy
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

# `streamlit run dashboard/app.py` puts dashboard/ (not the repo root) on sys.path.
_REPO_ROOT = str(Path(__file__).resolve().parent.parent)
if _REPO_ROOT not in sys.path:
    sys.path.insert(0, _REPO_ROOT)

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from dashboard import exports, layers, summaries  # noqa: E402
from dashboard.builtin import ensure_builtin  # noqa: E402
from dashboard.schema import ADMIN1_CODES, CLAIM_STATUSES, EVENT_TYPES, validate_events  # noqa: E402
from dashboard.static_assets import ensure_vendor_assets, use_local_assets  # noqa: E402
from dashboard.store import DatasetInfo, Store, default_db_path  # noqa: E402
from dashboard.summaries import md_escape  # noqa: E402
from dashboard.view import LAYERS, PAGES, STEPS, View, date_bounds, filter_events, share_url, step_window  # noqa: E402

log = logging.getLogger("dashboard.app")

PAGE_LABELS = {"map": "Map", "article": "Paste an article", "datasets": "Datasets"}
PLAY_DELAY_S = 1.2  # seconds per step of play-through (DASHBOARD_PLAY_DELAY overrides, e.g. 0 in tests)
TABLE_LIMIT = 2_000  # rows sent to the browser table; exports always hold every visible event
MAP_HEIGHT = 530  # the whole map in view under the heading at a 1280×720 laptop size
SELECT_ZOOM = 9  # zoom the map flies to when an event is selected
CLICK_RADIUS_PX = 12  # how near a map click must land to an event to select it
MOVE_TOLERANCE_PX = 2  # map centre changes smaller than this are not a move by the user


# The built-in data's licences ask for credit wherever it is shown (data/events/SOURCES.md, data/geo/SOURCES.md).
CREDITS = ("Built-in data: a sample of the UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program, "
           "CC BY 4.0; Sundberg & Melander 2013) and synthetic example articles written for this project. "
           "Boundaries: Natural Earth (public domain). Place names: GeoNames (CC BY 4.0).")


# ---- resources (one per process; keyed by the database path so tests can use their own) ------
@st.cache_resource(show_spinner="Opening the event store…")
def get_store(db_path: str) -> Store:
    use_local_assets()
    ensure_vendor_assets()
    store = Store(db_path)
    ensure_builtin(store)
    return store


@st.cache_resource(show_spinner=False)
def current_builtin_ids(db_path: str) -> tuple[str, ...]:
    """The dataset ids of the built-in files as they are now (ensure_builtin is idempotent).

    When a built-in file changes it becomes a new dataset beside the old one (old links keep
    working), but only the current version is shown by default: showing both counted every
    built-in event twice.
    """
    return tuple(ensure_builtin(get_store(db_path)))


@st.cache_resource(show_spinner="Loading events…", max_entries=8)
def load_events(db_path: str, dataset_ids: tuple[str, ...]) -> pd.DataFrame:
    """The events of some datasets, shared read-only by every session and rerun.

    A dataset id is the hash of its content, so a cached table can never go stale.
    cache_resource, not cache_data: cache_data un-pickles a copy on every rerun, which
    costs over a second at 100,000 events; nothing here modifies the table (filters and
    the table view make their own copies).
    """
    return get_store(db_path).events(dataset_ids)


def _type_label(event_type: str) -> str:
    return layers.EVENT_LABELS.get(event_type, event_type)


# ---- session helpers --------------------------------------------------------------------------
def _defer(**values: Any) -> None:
    """Set widget states at the start of the next run (see module docstring)."""
    st.session_state.setdefault("_pending", {}).update(values)


def _apply_deferred() -> None:
    for key, value in (st.session_state.pop("_pending", None) or {}).items():
        st.session_state[key] = value


def _guard(what: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one part of the page; on error show a specific one-line message instead of a traceback."""
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # the page must never show a traceback; the log keeps it for us
        log.exception("%s failed", what)
        st.error(f"{md_escape(what)} failed: {md_escape(type(exc).__name__)}: {md_escape(exc)}")
        return None


def _builtin_ids(infos: list[DatasetInfo]) -> list[str]:
    """The default datasets: the current version of each built-in file (all built-ins if unknown)."""
    builtin = [d.id for d in infos if d.kind == "builtin"]
    current = set(current_builtin_ids(str(default_db_path())))
    return [i for i in builtin if i in current] or builtin


def _init_from_url(infos: list[DatasetInfo]) -> None:
    """First run of a session: the URL decides every widget's starting value."""
    if st.session_state.get("_initialised"):
        return
    ss = st.session_state
    view, notices = View.from_query_params(st.query_params.to_dict())
    view, stale = view.validate_datasets([d.id for d in infos])
    ss["_notices"] = notices + stale
    ss["w_page"] = view.page
    ss["w_datasets"] = list(view.datasets) or _builtin_ids(infos)
    ss["w_types"] = list(view.event_types)
    ss["w_admin1"] = list(view.admin1)
    ss["w_actors"] = list(view.actors)
    ss["w_claims"] = list(view.claim_status)
    for layer in LAYERS:
        ss[f"w_layer_{layer}"] = layer in view.layers
    ss["w_step"] = view.step
    ss["w_play"] = False
    ss["map_pos"] = (view.lat, view.lon, view.zoom)
    ss["_map_synced"] = False
    ss["selected"] = view.selected
    ss["_check_selected"] = True
    ss["_window_request"] = (view.start, view.end)
    ss["_initialised"] = True


def _current_view(infos: list[DatasetInfo], bounds: tuple[date, date] | None) -> View:
    """The View the widgets describe right now."""
    ss = st.session_state
    chosen = list(ss.get("w_datasets") or [])
    datasets = () if set(chosen) == set(_builtin_ids(infos)) else tuple(chosen)
    start = end = None
    window = ss.get("w_window")
    if bounds is not None and window is not None and tuple(window) != _slider_range(bounds):
        start, end = window
    lat, lon, zoom = ss["map_pos"]
    return View(
        datasets=datasets, start=start, end=end,
        event_types=tuple(ss.get("w_types") or ()), admin1=tuple(ss.get("w_admin1") or ()),
        actors=tuple(ss.get("w_actors") or ()), claim_status=tuple(ss.get("w_claims") or ()),
        layers=tuple(layer for layer in LAYERS if ss.get(f"w_layer_{layer}", True)),
        lat=lat, lon=lon, zoom=zoom, selected=ss.get("selected"),
        step=ss.get("w_step") or "month", page=ss.get("w_page") or "map",
    )


def _sync_url(view: View) -> None:
    """Make the browser's URL the share link of what is on screen."""
    wanted = view.to_query_params()
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


# ---- the time window ----------------------------------------------------------------------------
def _slider_range(bounds: tuple[date, date]) -> tuple[date, date]:
    # st.slider needs min < max; data from a single day gets a one-day range.
    lo, hi = bounds
    return lo, max(hi, lo + timedelta(days=1))


def _fit_window(bounds: tuple[date, date]) -> None:
    """Before the slider is drawn: fit its state to the (possibly new) data bounds."""
    ss = st.session_state
    lo, hi = _slider_range(bounds)
    previous_bounds = ss.get("_bounds")
    request = ss.pop("_window_request", None)
    window = ss.get("w_window")
    if request is not None:
        start, end = request
        asked = View(start=start, end=end)
        fitted, notices = asked.clamp_to(bounds)
        ss.setdefault("_notices", []).extend(notices)
        window = fitted.window(bounds)
    elif window is None or (previous_bounds is not None and tuple(window) == _slider_range(previous_bounds)):
        window = (lo, hi)  # "all of the data" stays all of it when the data changes
    start, end = (min(max(d, lo), hi) for d in window)
    ss["w_window"] = (start, end) if start <= end else (lo, hi)
    ss["_bounds"] = bounds


def _window_view() -> tuple[View, tuple[date, date]]:
    ss = st.session_state
    bounds = _slider_range(ss["_bounds"])
    start, end = ss["w_window"]
    return View(start=start, end=end, step=ss.get("w_step") or "month"), bounds


def _on_step(direction: int) -> None:
    view, bounds = _window_view()
    if view.window(bounds) == bounds and direction > 0:
        new_window = summaries.first_window(bounds, view.step)
    else:
        new_window = step_window(view, direction, bounds).window(bounds)
    st.session_state["w_window"] = new_window


def _on_play_toggle() -> None:
    """Starting play on the whole range (or at its end) restarts from the first week/month."""
    if not st.session_state.get("w_play"):
        return
    view, bounds = _window_view()
    start, end = view.window(bounds)
    if (start, end) == bounds:
        st.session_state["w_window"] = summaries.first_window(bounds, view.step)
    elif end >= bounds[1]:
        st.session_state["w_window"] = (bounds[0], bounds[0] + (end - start))


def _play_tick() -> None:
    """One frame of play-through: wait, step forward, rerun; stop at the end of the data."""
    time.sleep(float(os.environ.get("DASHBOARD_PLAY_DELAY", PLAY_DELAY_S)))
    view, bounds = _window_view()
    moved = step_window(view, +1, bounds).window(bounds)
    if moved == view.window(bounds):
        _defer(w_play=False)
    else:
        _defer(w_window=moved)
    st.rerun()


# ---- sidebar -----------------------------------------------------------------------------------
def _dataset_label(info: DatasetInfo) -> str:
    kind = {"builtin": "built-in", "upload": "upload", "article": "article"}.get(info.kind, info.kind)
    current = current_builtin_ids(str(default_db_path()))
    if info.kind == "builtin" and current and info.id not in current:
        kind = "built-in, older version"
    return f"{info.name} · {kind} · {info.rows:,} events"


def _handle_upload(store: Store) -> None:
    ss = st.session_state
    upload = st.file_uploader("Our event format, an ACLED export or UCDP GED", type=["csv", "txt", "tsv"],
                              key="w_upload")
    if upload is None or ss.get("_upload_done") == upload.file_id:
        return
    ss["_upload_done"] = upload.file_id
    data = upload.getvalue()
    name = md_escape(upload.name)  # status labels are markdown; a file name is data
    with st.status(f"Importing {name}…", expanded=True) as status:
        status.write(f"Read {len(data) / 1024:,.0f} KB; checking every row against the event table…")
        try:
            result = store.add_dataset(data, upload.name)
        except Exception as exc:  # a broken file must end in a message, never a traceback
            log.exception("upload of %s failed", upload.name)
            status.update(label=f"Import of {name} failed", state="error")
            ss["_last_upload"] = {"name": upload.name, "dataset_id": None, "rows": 0, "created": False,
                                  "problems": [], "error": f"{type(exc).__name__}: {exc}"}
            return
        if result.dataset_id is None:
            status.update(label=f"{name} could not be imported", state="error")
        else:
            verb = "imported" if result.created else "already stored"
            status.update(label=f"{name} {verb}: {result.rows_kept:,} events, "
                                f"{len(result.problems):,} problems", state="complete", expanded=False)
    ss["_last_upload"] = {"name": upload.name, "dataset_id": result.dataset_id, "rows": result.rows_kept,
                          "created": result.created, "problems": list(result.problems), "error": None}
    if result.dataset_id is not None:
        # Show what was just uploaded, over all of its dates.
        ss["w_datasets"] = [result.dataset_id]
        ss["_window_request"] = (None, None)
        ss["selected"] = None


def _sidebar(store: Store, infos_before: list[DatasetInfo], all_events: Callable[[list[str]], pd.DataFrame]
             ) -> tuple[list[DatasetInfo], pd.DataFrame, tuple[date, date] | None]:
    ss = st.session_state
    sb = st.sidebar
    sb.title("Syria–Iraq conflict map")
    sb.radio("Page", PAGES, format_func=PAGE_LABELS.get, key="w_page", horizontal=False,
             label_visibility="collapsed")

    sb.subheader("Data")
    # The picker is drawn above the uploader but filled after it: an upload must be stored
    # (and selected) before the picker's state is fixed for this run.
    picker_slot = sb.container()
    with sb.expander("Upload events (CSV)", expanded=bool(ss.get("_last_upload"))):
        _handle_upload(store)
    infos = store.list_datasets() if ss.get("_last_upload") else infos_before
    ids = [d.id for d in infos]
    by_id = {d.id: d for d in infos}
    ss["w_datasets"] = [d for d in ss.get("w_datasets", []) if d in by_id]
    picker_slot.multiselect("Datasets", ids, format_func=lambda i: _dataset_label(by_id[i]), key="w_datasets",
                            placeholder="Built-in data")
    chosen = ss["w_datasets"] or _builtin_ids(infos)
    events = all_events(chosen)
    bounds = date_bounds(events)

    sb.subheader("Time")
    if bounds is None:
        sb.caption("No dated events in the chosen data.")
    else:
        _fit_window(bounds)
        lo, hi = _slider_range(bounds)
        sb.slider("Date window", min_value=lo, max_value=hi, key="w_window", format="YYYY-MM-DD",
                  disabled=bool(ss.get("w_play")))
        sb.radio("Step", STEPS, key="w_step", horizontal=True, format_func=lambda s: f"by {s}")
        back, fwd, play = sb.columns([1, 1, 2])
        back.button("◀", key="w_back", help="Move the window back one step", on_click=_on_step, args=(-1,),
                    width="stretch")
        fwd.button("▶", key="w_fwd", help="Move the window forward one step", on_click=_on_step, args=(1,),
                   width="stretch")
        play.toggle("Play", key="w_play", on_change=_on_play_toggle,
                    help="Step forward automatically until the end of the data")

    sb.subheader("Filters")
    sb.multiselect("Event types", EVENT_TYPES, format_func=_type_label, key="w_types",
                   placeholder="All types")
    sb.multiselect("Governorates", list(ADMIN1_CODES), format_func=summaries.governorate_label, key="w_admin1",
                   placeholder="All governorates")
    actor_choices = summaries.actor_options(events, limit=500)
    # Actors from a link that are not in this data stay selectable (they simply match nothing).
    actor_choices += [a for a in ss.get("w_actors", []) if a not in actor_choices]
    sb.multiselect("Actors", actor_choices, key="w_actors", placeholder="All actors")
    sb.multiselect("Claim status", CLAIM_STATUSES, key="w_claims", placeholder="Any claim status")

    sb.subheader("Map layers")
    for layer in LAYERS:
        sb.toggle(layers.LAYER_NAMES[layer], key=f"w_layer_{layer}")
    return infos, events, bounds


# ---- the map page --------------------------------------------------------------------------------
def _upload_report() -> None:
    report = st.session_state.get("_last_upload")
    if not report:
        return
    name = md_escape(report["name"])
    if report.get("error"):
        st.error(f"Import of {name} failed: {md_escape(report['error'])}")
    elif report["dataset_id"] is None:
        st.error(f"{name} could not be imported: nothing in it could be read as events.")
    else:
        verb = "Imported" if report["created"] else "Already stored (same file)"
        st.success(f"{verb}: {name} — {report['rows']:,} events kept, {len(report['problems']):,} problems.")
    problems = report["problems"]
    if problems:
        with st.expander(f"Problems found in {name} ({len(problems):,})", expanded=True):
            _problem_table(problems, file_stem=Path(report["name"]).stem, key="last_upload")
    if st.button("Dismiss import report", key="w_dismiss_upload"):
        st.session_state["_last_upload"] = None
        st.rerun()


def _problem_table(problems: list, file_stem: str, key: str) -> None:
    table = summaries.problems_display(problems)
    st.dataframe(table, hide_index=True, width="stretch", height=min(35 * (len(table) + 1) + 3, 320))
    st.download_button("Download the problem report (CSV)", exports.problems_csv(problems),
                       file_name=f"{file_stem}-problems.csv", mime="text/csv", key=f"w_problems_{key}",
                       on_click="ignore")


def _apply_table_selection(table: pd.DataFrame, visible: pd.DataFrame) -> None:
    """A row picked in the table selects that event and flies the map to it."""
    ss = st.session_state
    state = ss.get("w_table")
    rows = tuple(state["selection"]["rows"]) if state and "selection" in state else ()
    if rows == ss.get("_table_seen"):
        return
    ss["_table_seen"] = rows
    if rows and rows[0] < len(table):
        _select_event(str(table["event_id"].iloc[rows[0]]), visible)


def _select_event(event_id: str, events: pd.DataFrame) -> None:
    ss = st.session_state
    lat, lon, zoom = ss["map_pos"]
    focused = layers.focus_view(View(lat=lat, lon=lon, zoom=zoom), events, event_id, zoom=SELECT_ZOOM)
    ss["selected"] = event_id
    ss["map_pos"] = (focused.lat, focused.lon, focused.zoom)
    ss["_map_synced"] = False


def _adopt_map_state(out: dict | None, visible: pd.DataFrame) -> None:
    """Take the map's own centre/zoom after the user pans, and a click on a point as a selection.

    Only *changes* in what the component reports count: its value persists across runs, and an
    old centre must not undo a move we made on purpose (e.g. flying to a selected event).
    """
    if not out:
        return
    ss = st.session_state
    center, zoom = out.get("center"), out.get("zoom")
    if center and zoom is not None:
        seen = (round(float(center["lat"]), 4), round(float(center["lng"]), 4), int(zoom))
        if seen != ss.get("_map_seen"):
            ss["_map_seen"] = seen
            near = _same_place(seen, ss["map_pos"])
            if not ss.get("_map_synced"):
                # Until the map has once shown the position we asked for (from a link, or a
                # selected event), what it reports is its own start-up state, not a user's move.
                ss["_map_synced"] = near
            elif not near:
                ss["map_pos"] = seen
    # The points are drawn on one canvas, not as Leaflet objects, so a click on one arrives as a
    # plain map click; the nearest drawn event within a few pixels is the one meant.
    click = out.get("last_clicked")
    if click and click != ss.get("_click_seen"):
        ss["_click_seen"] = click
        hit = layers.event_at(visible, float(click["lat"]), float(click["lng"]), ss["map_pos"][2],
                              max_pixels=CLICK_RADIUS_PX)
        if hit is not None:
            ss["selected"] = hit


def _same_place(a: tuple[float, float, int], b: tuple[float, float, int]) -> bool:
    """Same zoom and centres within a couple of pixels: Leaflet snaps the centre to whole
    pixels, so a map that was only drawn reports a centre a fraction of a pixel off."""
    if a[2] != b[2]:
        return False
    tolerance = MOVE_TOLERANCE_PX * 360.0 / (256 * 2 ** b[2])
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


def _heading(view: View, visible: pd.DataFrame, bounds: tuple[date, date] | None) -> None:
    st.markdown("### Conflict events in Syria and Iraq")
    if bounds is not None:
        start, end = view.window(_slider_range(bounds))
        st.caption(f"{start:%d %b %Y} – {end:%d %b %Y} · step by {view.step} · "
                   f"{len(visible):,} events match the filters")
    s = summaries.summarize(visible)
    sleeper = int((visible["event_type"] == "sleeper_cell").sum())
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Visible events", f"{s.events:,}")
    c2.metric("Governorates", f"{s.governorates:,}")
    c3.metric("Reported fatalities", f"{s.fatalities:,}")
    c4.metric("Sleeper-cell reports", f"{sleeper:,}")


# Tighter top: the map should be visible without scrolling on a laptop screen. Streamlit's
# header is an empty transparent 60 px strip over the page (and as tall again in the sidebar,
# for its collapse button): both shrink to 2.25 rem, the heading starts right under it, the
# metric numbers are smaller. Our own constant, no data in it; sent with st.html, which puts a
# style-only element where it takes no room (st.markdown would add an empty row and its gap).
PAGE_CSS = ("<style>"
            "header[data-testid='stHeader'] { height: 2.25rem; min-height: 2.25rem; }"
            " [data-testid='stMainBlockContainer'] { padding-top: 0.75rem; }"
            " [data-testid='stSidebarHeader'] { height: 2.25rem; min-height: 2.25rem; margin-bottom: 0.25rem; }"
            " [data-testid='stSidebarUserContent'] { padding-top: 0; }"
            " [data-testid='stMainBlockContainer'] h3:first-of-type { padding-top: 0.25rem; }"
            " [data-testid='stMetricValue'] { font-size: 1.9rem; }"
            "</style>")


def _legend(view: View, visible: pd.DataFrame) -> None:
    items = layers.legend_items(view, visible)
    if items:
        st.markdown("**Legend**")
        # legend_html escapes every label; colours and shapes are our own constants, not data.
        st.markdown(layers.legend_html(items), unsafe_allow_html=True)


def _selected_details(view: View, events: pd.DataFrame) -> None:
    if not view.selected:
        st.caption("Click a point on the map or a row of the table to see an event's evidence here.")
        return
    match = events.loc[events["event_id"] == view.selected]
    if match.empty:
        st.caption("The selected event is outside the current filters.")
        return
    row = match.iloc[0]
    st.markdown("**Selected event**")
    fatalities = "unknown" if pd.isna(row["fatalities"]) else str(row["fatalities"])
    facts = {
        "Date": row["event_date"], "Type": _type_label(row["event_type"]),
        "Place": row["location"] or summaries.governorate_label(row["admin1_code"]),
        "Governorate": summaries.governorate_label(row["admin1_code"]) if row["admin1_code"] else "",
        "Actors": " vs ".join(a for a in (row["actor1"], row["actor2"]) if a),
        "Claim": row["claim_status"], "Fatalities": fatalities, "Source": row["source"],
    }
    st.dataframe(pd.DataFrame({"": list(facts), "value": [str(v) for v in facts.values()]}), hide_index=True,
                 width="stretch")
    if row["evidence"]:
        st.caption("Evidence")
        st.text(row["evidence"])
    link = summaries.safe_link(row["source_url"])
    if link:
        st.link_button("Open the source", link)
    if st.button("Clear selection", key="w_clear_selection"):
        st.session_state["selected"] = None
        st.rerun()


def _timeline(events: pd.DataFrame, view: View, bounds: tuple[date, date] | None) -> None:
    # The whole date range with the other filters applied, and the window shaded on top, so
    # the researcher sees where the window sits in time while stepping through it.
    context = filter_events(events, view.with_(start=None, end=None))
    counts = summaries.timeline_counts(context, view.step)
    if counts.empty:
        st.caption("No events to chart.")
        return
    types = list(dict.fromkeys(counts["event_type"]))
    colors = [layers.EVENT_COLOURS.get(t, "#777777") for t in types]
    counts = counts.assign(type_label=counts["event_type"].map(_type_label))
    bars = alt.Chart(counts).mark_bar().encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("sum(count):Q", title=f"events per {view.step}"),
        color=alt.Color("type_label:N", title="Event type",
                        scale=alt.Scale(domain=[_type_label(t) for t in types], range=colors),
                        legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=[alt.Tooltip("period:T", title=view.step), alt.Tooltip("type_label:N", title="type"),
                 alt.Tooltip("count:Q", title="events")],
    )
    chart = bars
    if bounds is not None:
        start, end = view.window(_slider_range(bounds))
        window = pd.DataFrame({"start": [pd.Timestamp(start)], "end": [pd.Timestamp(end)]})
        shade = alt.Chart(window).mark_rect(opacity=0.12, color="#1f77b4").encode(x="start:T", x2="end:T")
        chart = shade + bars
    st.altair_chart(chart.properties(height=220), width="stretch")


def _events_table(shown: pd.DataFrame, total: int) -> None:
    if total > len(shown):
        st.caption(f"Showing the newest {len(shown):,} of {total:,} visible events; the exports hold all of them.")
    shown = shown.assign(source_url=shown["source_url"].map(lambda u: summaries.safe_link(u) or ""))
    st.dataframe(
        shown, key="w_table", on_select="rerun", selection_mode="single-row", hide_index=True,
        width="stretch", height=380,
        column_config={
            "event_date": st.column_config.TextColumn("date"),
            "event_type": st.column_config.TextColumn("type"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "actor1": st.column_config.TextColumn("actor 1"),
            "actor2": st.column_config.TextColumn("actor 2"),
            "claim_status": st.column_config.TextColumn("claim"),
            "fatalities": st.column_config.NumberColumn("fatalities", format="%d"),
            "admin1_code": st.column_config.TextColumn("governorate"),
            "sub_event_type": st.column_config.TextColumn("sub-type"),
            "geo_precision": st.column_config.TextColumn("place known to"),
            "source_url": st.column_config.LinkColumn("link", display_text="open"),
            "event_id": st.column_config.TextColumn("id", width="small"),
        },
    )


def _exports(visible: pd.DataFrame) -> None:
    c1, c2 = st.columns(2)
    # Callables: the files are built only when a button is pressed, not on every rerun.
    c1.download_button("Export visible events (CSV)", lambda: exports.events_csv(visible),
                       file_name="events.csv", mime="text/csv", key="w_export_csv", on_click="ignore",
                       width="stretch")
    c2.download_button("Export visible events (GeoJSON)", lambda: exports.events_geojson(visible),
                       file_name="events.geojson", mime="application/geo+json", key="w_export_geojson",
                       on_click="ignore", width="stretch")


def _share_box(view: View) -> None:
    base = st.context.url or "http://localhost:8501/"
    st.markdown("**Share this view** — the link reopens exactly this map, window and filters:")
    st.code(share_url(base, view), language=None, wrap_lines=True)


def _map_page(view: View, events: pd.DataFrame, bounds: tuple[date, date] | None) -> View:
    ss = st.session_state
    _upload_report()
    if events.empty:
        st.info("The chosen datasets hold no events. Pick another dataset or upload a CSV in the sidebar.")
    visible = filter_events(events, view)
    if visible.empty and not events.empty:
        _no_match_notice(view, events, bounds)
    table = summaries.events_table(visible, limit=TABLE_LIMIT)
    _apply_table_selection(table, visible)
    view = view.with_(lat=ss["map_pos"][0], lon=ss["map_pos"][1], zoom=ss["map_pos"][2], selected=ss["selected"])

    _heading(view, visible, bounds)
    map_col, side_col = st.columns([3, 1])
    with map_col:
        out = _guard("Drawing the map", _draw_map, view, events, tuple(ss.get("w_datasets") or ()))
        _adopt_map_state(out, visible)
    view = view.with_(lat=ss["map_pos"][0], lon=ss["map_pos"][1], zoom=ss["map_pos"][2], selected=ss["selected"])
    with side_col:
        _guard("The legend", _legend, view, visible)
        _guard("The selected event", _selected_details, view, visible)

    _share_box(view)
    st.subheader("Events over time")
    _guard("The timeline", _timeline, events, view, bounds)
    st.subheader("Visible events")
    _exports(visible)
    _guard("The event table", _events_table, table, len(visible))
    st.caption(CREDITS)
    return view


def _no_match_notice(view: View, events: pd.DataFrame, bounds: tuple[date, date] | None) -> None:
    """A filter that leaves nothing says which choices are narrowing, and offers a way back."""
    narrowing = []
    if view.event_types:
        narrowing.append("event types: " + ", ".join(_type_label(t) for t in view.event_types))
    if view.admin1:
        narrowing.append("governorates: " + ", ".join(summaries.governorate_label(c) for c in view.admin1))
    if view.actors:
        narrowing.append("actors: " + ", ".join(view.actors))
    if view.claim_status:
        narrowing.append("claim status: " + ", ".join(view.claim_status))
    without_window = len(filter_events(events, view.with_(start=None, end=None)))
    lines = [f"**No events match these filters in this date window.** The chosen data holds {len(events):,} "
             "events" + (f"; {without_window:,} of them match the filters at other dates — widen the date window "
                         "or step through time to find them." if without_window else
                         "; none of them match the filters at any date.")]
    if narrowing:
        lines.append("Filters in use: " + "; ".join(md_escape(n) for n in narrowing) + ".")
    st.info("\n\n".join(lines))
    st.button("Clear the filters and show every date", key="w_clear_filters", on_click=_clear_filters,
              args=(bounds,))


def _clear_filters(bounds: tuple[date, date] | None) -> None:
    ss = st.session_state
    for key in ("w_types", "w_admin1", "w_actors", "w_claims"):
        ss[key] = []
    if bounds is not None:
        ss["w_window"] = _slider_range(bounds)


def _draw_map(view: View, events: pd.DataFrame, dataset_ids: tuple[str, ...]) -> dict | None:
    base = layers.base_map(view)
    return st_folium(
        base, key="map", feature_group_to_add=_data_layers(view, events, dataset_ids),
        center=(view.lat, view.lon), zoom=view.zoom, height=MAP_HEIGHT, width="stretch",
        returned_objects=["center", "zoom", "last_clicked"],
    )


def _data_layers(view: View, events: pd.DataFrame, dataset_ids: tuple[str, ...]) -> list:
    """The map's data layers, rebuilt only when what they show changes.

    Every pan or zoom reruns the app (st_folium returns the centre), and building the layers
    for 100,000 events takes over a second; the map position is not part of them. They are
    kept per session as pristine copies: st_folium renames and re-parents what it is given,
    and a folium element rendered twice emits stale `addTo` lines, so each run gets a deep
    copy (10 ms at 100,000 events: the payloads are immutable strings).
    """
    key = (dataset_ids, view.start, view.end, view.event_types, view.admin1, view.actors, view.claim_status,
           view.layers, view.selected)
    memo = st.session_state.get("_layers_memo")
    if memo is None or memo[0] != key:
        memo = (key, layers.data_layers(events, view))  # data_layers applies the view's filters itself
        st.session_state["_layers_memo"] = memo
    return copy.deepcopy(memo[1])


# ---- the article page -----------------------------------------------------------------------------
# The evidence comes right after what/where: it is what the reviewer checks each row against.
REVIEW_COLUMNS = ("keep", "doubt", "event_date", "event_type", "location", "evidence", "actor1", "actor2",
                  "claim_status", "fatalities", "admin1_code")


def _article_page(store: Store) -> None:
    from dashboard.extract import extract_events_for_review, text_problem  # heavy (dateparser); only this page

    ss = st.session_state
    st.header("Paste an article")
    st.caption("Events are taken from what the text says happened, each with the sentence it came from. "
               "Review them, drop or correct any, then save them as a dataset to map them.")
    mode = st.radio("Input", ["Text", "HTML file"], horizontal=True, key="w_art_mode")
    text = ""
    if mode == "Text":
        text = st.text_area("Article text", height=240, key="w_art_text",
                            placeholder="Paste the article's text here…")
    else:
        html_file = st.file_uploader("Article saved as HTML", type=["html", "htm"], key="w_art_html")
        if html_file is not None:
            found = _guard("Reading the HTML file", _html_text, html_file.getvalue())
            text, page_date = found if found else ("", None)
            if page_date and ss.get("_art_html_seen") != html_file.file_id:
                # The page states its date: use it unless the researcher changes it.
                ss["_art_html_seen"] = html_file.file_id
                parsed = _iso_date(page_date)
                if parsed is not None:
                    ss["w_art_published"] = parsed
            if text:
                with st.expander(f"Article text found in the file ({len(text.split()):,} words)"):
                    st.text(text[:5000])
            else:
                st.warning("No article text was found in that file.")
    c1, c2, c3 = st.columns([1, 1, 2])
    if "w_art_published" not in ss:
        ss["w_art_published"] = date.today()
    published = c1.date_input("Published", key="w_art_published", format="YYYY-MM-DD",
                              help="Relative dates in the text (\"on Sunday\", \"last week\") count from this day")
    source = c2.text_input("Source", key="w_art_source", placeholder="e.g. Reuters")
    source_url = c3.text_input("Source URL", key="w_art_url", placeholder="https://…")
    if st.button("Extract events", type="primary", key="w_art_extract"):
        problem = text_problem(text)
        if not text.strip():
            st.error("There is no article text to read: paste the text or choose an HTML file first.")
        elif problem is not None:
            st.warning(f"No events extracted: {md_escape(problem)}.")
            ss["_article"] = None
        else:
            with st.status("Extracting events…", expanded=True) as status:
                status.write(f"Reading {len(text.split()):,} words published {published:%Y-%m-%d}…")
                found = _guard("Extracting events", extract_events_for_review, text, published, source=source,
                               source_url=source_url)
                if found is None:
                    status.update(label="Extraction failed", state="error")
                else:
                    events, doubts, flagged = found
                    set_aside = sum(flagged)
                    status.update(label=f"{len(events) - set_aside} events found"
                                  + (f", {set_aside} more set aside as likely false alarms" if set_aside else ""),
                                  state="complete", expanded=False)
                    ss["_article"] = {"events": events.reset_index(drop=True), "doubts": doubts,
                                      "set_aside": flagged, "text": text, "source": source,
                                      "published": published}
    if ss.get("_article"):
        _article_review(store, ss["_article"])


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _html_text(data: bytes) -> tuple[str, str | None]:
    from dashboard.extract.__main__ import html_to_text  # the CLI's reader: the same text either way

    return html_to_text(data.decode("utf-8", errors="replace"))


def _article_review(store: Store, article: dict) -> None:
    events: pd.DataFrame = article["events"]
    if events.empty:
        st.info("No events found in this text. Opinion, background and hypotheticals are not events.")
        return
    doubts = article.get("doubts") or [0.0] * len(events)
    flagged = article.get("set_aside") or [False] * len(events)
    set_aside = sum(flagged)
    st.subheader(f"Review {len(events)} extracted events")
    if set_aside:
        one = set_aside == 1
        st.caption(f"{set_aside} of them {'starts' if one else 'start'} unticked: a model trained on labelled "
                   f"articles judges {'it a likely false alarm' if one else 'them likely false alarms'} "
                   f"(a high doubt: background, asides, a borrowed place). Read the evidence and tick "
                   f"{'it if it is' if one else 'any that are'} real.")
    review = events.loc[:, [c for c in REVIEW_COLUMNS if c not in ("keep", "doubt")]].copy()
    review.insert(0, "doubt", [round(d * 100) for d in doubts])
    review.insert(0, "keep", [not f for f in flagged])
    edited = st.data_editor(
        review, key="w_art_review", hide_index=True, width="stretch", num_rows="fixed",
        disabled=["doubt", "event_date", "location", "admin1_code", "evidence"],
        column_config={
            "keep": st.column_config.CheckboxColumn("keep", help="Untick to leave this event out"),
            "doubt": st.column_config.NumberColumn(
                "doubt", format="%d%%", width="small",
                help="The learned filter's estimate that this is not an event a careful coder would record"),
            "event_type": st.column_config.SelectboxColumn("type", options=list(EVENT_TYPES), required=True),
            "claim_status": st.column_config.SelectboxColumn("claim", options=list(CLAIM_STATUSES), required=True),
            "fatalities": st.column_config.NumberColumn("fatalities", min_value=0, step=1),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
        },
    )
    default_name = f"Article: {article['source'] or 'pasted text'} ({article['published']:%Y-%m-%d})"
    name = st.text_input("Dataset name", value=default_name, key="w_art_name")
    if st.button("Save as dataset and show on the map", type="primary", key="w_art_save"):
        _guard("Saving the events", _save_article, store, events, edited, name, article["text"])


def _save_article(store: Store, events: pd.DataFrame, edited: pd.DataFrame, name: str, text: str) -> None:
    keep = edited["keep"].fillna(False).astype(bool).to_numpy()
    if not keep.any():
        st.warning("Every event is unticked; there is nothing to save.")
        return
    chosen = events.loc[keep].copy()
    for col in ("event_type", "claim_status", "actor1", "actor2", "fatalities"):
        chosen[col] = edited.loc[keep, col].to_numpy()
    chosen["event_id"] = ""  # edits change what the event is; the store gives it a fresh stable id
    valid, problems = validate_events(chosen)
    if problems:
        st.warning("Some edits were not accepted: " + "; ".join(
            md_escape(f"row {p.row}, {p.column}: {p.message}") for p in problems))
    result = store.add_events(valid, name.strip() or "Pasted article", source_bytes=text.encode("utf-8"))
    if result.dataset_id is None:
        st.error("The events could not be saved.")
        return
    st.session_state["_article"] = None
    _defer(w_datasets=[result.dataset_id], w_page="map", selected=None)
    st.session_state["_window_request"] = (None, None)
    st.rerun()


# ---- the datasets page ------------------------------------------------------------------------------
def _datasets_page(store: Store, infos: list[DatasetInfo]) -> None:
    st.header("Datasets")
    st.caption("Every upload is kept verbatim and never overwritten; the same file always gives the same "
               "dataset id, so links to it keep working.")
    if not infos:
        st.info("No datasets yet.")
        return
    table = pd.DataFrame([{"name": d.name, "kind": d.kind, "format": d.format, "events": d.rows,
                           "problems": d.problems, "file": d.filename, "added": d.created_at, "id": d.id}
                          for d in infos])
    st.dataframe(table, hide_index=True, width="stretch")
    by_id = {d.id: d for d in infos}
    chosen = st.selectbox("Inspect a dataset", list(by_id), format_func=lambda i: _dataset_label(by_id[i]),
                          key="w_inspect")
    if chosen is None:
        return
    info = by_id[chosen]
    c1, c2 = st.columns(2)
    c1.download_button("Download the original file", lambda: store.raw_upload(chosen),
                       file_name=info.filename or f"{chosen}.csv", key="w_raw", on_click="ignore")
    if c2.button("Show this dataset on the map", key="w_show_ds"):
        _defer(w_datasets=[chosen], w_page="map", selected=None)
        st.session_state["_window_request"] = (None, None)
        st.rerun()
    problems = store.problems(chosen)
    if problems:
        st.markdown(f"**{len(problems):,} problems** found when importing it:")
        _problem_table(problems, file_stem=Path(info.filename or chosen).stem, key="inspect")
    else:
        st.caption("No problems were found when importing it.")
    st.caption(CREDITS)


# ---- main -------------------------------------------------------------------------------------
def main() -> None:
    st.set_page_config(page_title="Syria–Iraq conflict map", layout="wide")
    db_path = str(default_db_path())
    try:
        store = get_store(db_path)
        infos = store.list_datasets()
    except Exception as exc:  # no store, no app: say why in one line
        log.exception("opening the store failed")
        st.error(f"The event store at {md_escape(db_path)} could not be opened: {md_escape(exc)}")
        st.stop()
    _apply_deferred()
    _guard("Showing the dashboard", _run, store, infos, db_path)


def _run(store: Store, infos: list[DatasetInfo], db_path: str) -> None:
    st.html(PAGE_CSS)
    _init_from_url(infos)

    def events_of(ids: list[str]) -> pd.DataFrame:
        return load_events(db_path, tuple(ids))

    infos, events, bounds = _sidebar(store, infos, events_of)
    ss = st.session_state
    if ss.pop("_check_selected", False) and ss.get("selected"):
        # A link's selected event must be in the link's data; an old link may point elsewhere.
        if not (events["event_id"] == ss["selected"]).any():
            ss.setdefault("_notices", []).append(
                f"selected event “{ss['selected']}” is not in the chosen data; nothing is selected")
            ss["selected"] = None
    notices = ss.get("_notices") or []
    if notices:
        # Kept until dismissed: the map's own reruns must not wipe what the link got wrong.
        st.warning("This link had problems; showing the nearest valid view instead:\n\n"
                   + "\n".join(f"- {md_escape(n)}" for n in notices))
        if st.button("Dismiss", key="w_dismiss_notices"):
            ss["_notices"] = []
            st.rerun()
    if not ss.get("w_datasets"):
        if _builtin_ids(infos):
            st.info("No dataset picked: showing the built-in data.")
        else:
            st.info("No datasets yet: upload an event CSV in the sidebar or paste an article.")

    view = _current_view(infos, bounds)
    if view.page == "map":
        view = _guard("The map page", _map_page, view, events, bounds) or view
    elif view.page == "article":
        _guard("The article page", _article_page, store)
    else:
        _guard("The datasets page", _datasets_page, store, infos)
    _sync_url(view)

    if ss.get("w_play") and view.page == "map" and bounds is not None:
        _play_tick()


main()
