"""The store: content addressing, nothing overwritten, one transaction per dataset, concurrent writers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from dashboard.builtin import ensure_builtin
from dashboard.importers import import_csv
from dashboard.store import SCHEMA_VERSION, Store, dataset_id_for

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "event_date,event_type,country,location,latitude,longitude,fatalities,evidence,source\n"


def events_csv(rows: int, tag: str) -> bytes:
    """A valid file of `rows` distinct events (tag makes two files differ)."""
    lines = [f"2021-{1 + i % 12:02d}-{1 + i % 28:02d},attack,SY,Palmyra,34.5{i % 10},38.2{i % 10},{i % 5},"
             f"{tag} event {i},fixture\n" for i in range(rows)]
    return (HEADER + "".join(lines)).encode()


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("datasets", "uploads", "events", "problems")}


def test_dataset_round_trip(tmp_db):
    data = (FIXTURES / "acled_cp1256.csv").read_bytes()
    store = Store()
    assert store.path == tmp_db
    added = store.add_dataset(data, "acled_cp1256.csv", name="ACLED fixture")
    assert added.created and added.rows_kept == 2 and added.format == "acled"
    assert added.dataset_id == dataset_id_for(data) and len(added.dataset_id) == 33
    info = store.get_dataset(added.dataset_id)
    assert (info.name, info.filename, info.kind, info.format, info.rows, info.problems, info.encoding) == (
        "ACLED fixture", "acled_cp1256.csv", "upload", "acled", 2, 2, "cp1256")
    assert store.raw_upload(added.dataset_id) == data
    assert store.problems(added.dataset_id) == added.problems
    events = store.events([added.dataset_id])
    expected = import_csv(data, "acled_cp1256.csv").events
    assert events.drop(columns="dataset_id").equals(expected.drop(columns="dataset_id"))
    assert set(events["dataset_id"]) == {added.dataset_id}
    assert [d.id for d in store.list_datasets()] == [added.dataset_id]


def test_same_bytes_give_the_same_dataset_and_nothing_is_overwritten(tmp_db):
    store = Store(tmp_db)
    data = events_csv(50, "a")
    first = store.add_dataset(data, "a.csv", name="first name")
    again = store.add_dataset(data, "renamed.csv", name="second name")
    assert (again.dataset_id, again.created, again.rows_kept) == (first.dataset_id, False, 50)
    info = store.get_dataset(first.dataset_id)
    assert (info.name, info.filename) == ("first name", "a.csv")
    assert table_counts(tmp_db) == {"datasets": 1, "uploads": 1, "events": 50, "problems": 0}
    other = store.add_dataset(events_csv(50, "b"), "b.csv")
    assert other.created and other.dataset_id != first.dataset_id
    assert table_counts(tmp_db)["events"] == 100


@pytest.mark.parametrize("data", [b"", b"foo,bar\n1,2\n", b"event_date,location\n2020-01-01,x\n"])
def test_a_file_rejected_whole_is_not_stored(tmp_db, data):
    store = Store(tmp_db)
    result = store.add_dataset(data, "bad.csv")
    assert result.dataset_id is None and not result.created and result.problems
    assert store.list_datasets() == []


def test_unknown_dataset(tmp_db):
    store = Store(tmp_db)
    assert store.get_dataset("d" + "0" * 32) is None
    assert store.events(["d" + "0" * 32]).empty
    with pytest.raises(KeyError):
        store.raw_upload("d" + "0" * 32)


def test_add_events_is_content_addressed(tmp_db):
    store = Store(tmp_db)
    events = import_csv(events_csv(5, "x"), "x.csv").events
    article = b"A synthetic article text."
    first = store.add_events(events, "pasted article", source_bytes=article)
    again = store.add_events(events.copy(), "same events again")
    assert first.created and not again.created and first.dataset_id == again.dataset_id
    assert store.get_dataset(first.dataset_id).kind == "article"
    assert store.raw_upload(first.dataset_id) == article
    assert store.events([first.dataset_id])["event_id"].tolist() == events["event_id"].tolist()
    with pytest.raises(ValueError):
        store.add_events(events, "x", kind="nonsense")


def test_wal_mode_and_schema_version(tmp_db):
    Store(tmp_db).close()
    with sqlite3.connect(tmp_db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="schema version"):
        Store(tmp_db)


def test_default_path_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "sub" / "x.sqlite"))
    assert Store().path == tmp_path / "sub" / "x.sqlite" and (tmp_path / "sub").is_dir()


def test_builtin_data_loads_once(tmp_db, tmp_path):
    events_dir = tmp_path / "events"
    events_dir.mkdir()
    (events_dir / "one.csv").write_bytes(events_csv(3, "one"))
    (events_dir / "two.csv").write_bytes(events_csv(4, "two"))
    (events_dir / "broken.csv").write_bytes(b"")
    store = Store(tmp_db)
    ids = ensure_builtin(store, events_dir)
    assert ids == [dataset_id_for(events_csv(3, "one")), dataset_id_for(events_csv(4, "two"))]
    assert ensure_builtin(store, events_dir) == ids
    assert [d.kind for d in store.list_datasets()] == ["builtin", "builtin"]
    assert table_counts(tmp_db)["events"] == 7


def test_repository_builtin_data_loads(tmp_db):
    store = Store(tmp_db)
    ids = ensure_builtin(store)
    assert len(ids) == len(list((REPO / "data" / "events").glob("*.csv"))) >= 1
    assert all(store.get_dataset(i).rows > 0 for i in ids)


def _upload_in_subprocess(db: Path, file: Path, pause: float = 0.0) -> subprocess.Popen:
    env = dict(os.environ, DASHBOARD_DB=str(db), DASHBOARD_STORE_PAUSE_IN_WRITE=str(pause), PYTHONPATH=str(REPO))
    code = ("import sys; from dashboard.store import Store; "
            "r = Store().add_dataset(open(sys.argv[1], 'rb').read(), sys.argv[1]); print(r.dataset_id, r.rows_kept)")
    return subprocess.Popen([sys.executable, "-c", code, str(file)], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_uploading_at_once_both_land(tmp_db, tmp_path):
    Store(tmp_db).close()
    files = []
    for tag in ("left", "right"):
        files.append(tmp_path / f"{tag}.csv")
        files[-1].write_bytes(events_csv(3000, tag))
    # The first writer holds the write lock for a second; the second must wait, not fail.
    procs = [_upload_in_subprocess(tmp_db, files[0], pause=1.0), _upload_in_subprocess(tmp_db, files[1])]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    store = Store(tmp_db)
    for file in files:
        info = store.get_dataset(dataset_id_for(file.read_bytes()))
        assert info is not None and info.rows == 3000
        assert len(store.events([info.id])) == 3000
    assert table_counts(tmp_db) == {"datasets": 2, "uploads": 2, "events": 6000, "problems": 0}


def test_a_process_killed_mid_import_leaves_no_half_dataset(tmp_db, tmp_path):
    file = tmp_path / "big.csv"
    file.write_bytes(events_csv(5000, "killed"))
    Store(tmp_db).close()
    proc = _upload_in_subprocess(tmp_db, file, pause=60)
    line = proc.stderr.readline()  # the rows are written, the transaction is not committed yet
    assert "paused inside the write" in line
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert table_counts(tmp_db) == {"datasets": 0, "uploads": 0, "events": 0, "problems": 0}
    store = Store(tmp_db)
    assert store.get_dataset(dataset_id_for(file.read_bytes())) is None
    retried = store.add_dataset(file.read_bytes(), "big.csv")
    assert retried.created and retried.rows_kept == 5000


def test_readers_are_not_blocked_by_a_writer(tmp_db, tmp_path):
    store = Store(tmp_db)
    kept = store.add_dataset(events_csv(10, "kept"), "kept.csv")
    file = tmp_path / "slow.csv"
    file.write_bytes(events_csv(100, "slow"))
    proc = _upload_in_subprocess(tmp_db, file, pause=3)
    try:
        assert "paused" in proc.stderr.readline()
        started = time.monotonic()
        assert len(store.events([kept.dataset_id])) == 10
        assert time.monotonic() - started < 2
    finally:
        proc.communicate(timeout=60)
    assert isinstance(store.events([dataset_id_for(file.read_bytes())]), pd.DataFrame)


def test_builtin_files_give_the_map_something_to_show(repo_root):
    events_dir = repo_root / "data" / "events"
    ucdp = import_csv((events_dir / "ucdp_ged_syria.csv").read_bytes(), "ucdp_ged_syria.csv")
    assert (ucdp.format, len(ucdp.events), ucdp.problems) == ("native", 2680, [])
    articles = import_csv((events_dir / "articles.csv").read_bytes(), "articles.csv")
    events = articles.events
    assert articles.problems == [] and len(events) >= 24
    assert events["source"].str.startswith("Example article (synthetic)").all()
    assert len({s.split(": ", 1)[1] for s in events["source"]}) >= 12  # from at least 12 articles
    sleeper = events[events["event_type"] == "sleeper_cell"]
    assert set(sleeper["country"]) == {"SY", "IQ"} and sleeper["admin1_code"].nunique() >= 5
    field_attacks = events[(events["event_type"] == "attack") & events["site_type"].isin(["oil_field", "gas_field"])]
    assert {"SY-HI", "SY-DY", "IQ-KI"} <= set(field_attacks["admin1_code"])
    assert {"airstrike", "security_operation"} <= set(events["event_type"])
    years = events["event_date"].str[:4].astype(int)
    assert years.min() == 2019 and years.max() == 2024
