"""The event store: one SQLite file holding every dataset ever uploaded.

Datasets are content-addressed: the id is derived from the sha256 of the uploaded
bytes, so the same file always gives the same dataset (and a share link to it stays
valid), and the id (128 bits) cannot be guessed. The raw upload is kept verbatim
beside its parsed rows and its problems. An upload never overwrites or deletes
anything: re-uploading a known file returns the existing dataset untouched.

A dataset's rows, problems and raw bytes are written in ONE transaction, so a
process killed mid-import leaves either the whole dataset or nothing. Writers
take the write lock up front (`BEGIN IMMEDIATE`) and wait for each other
(`busy_timeout` plus retries), so concurrent uploads from several processes
all land. The database runs in WAL mode: readers never block the writer.

This module is the one place to change if a team outgrows one machine
(PostgreSQL/PostGIS behind the same methods).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.importers import ImportResult, import_csv
from dashboard.schema import COLUMNS, RowProblem, coerce_dtypes, validate_events

DEFAULT_DB = Path("var") / "dashboard.sqlite"
DATASET_KINDS: tuple[str, ...] = ("builtin", "upload", "article")

# Test hook: seconds to sleep inside the write transaction, after the rows are
# written and before COMMIT, so a test can kill the process at the worst moment.
_PAUSE_ENV = "DASHBOARD_STORE_PAUSE_IN_WRITE"

_BUSY_TIMEOUT_MS = 30_000
_WRITE_RETRIES = 5

# Each entry upgrades the schema by one version (PRAGMA user_version).
# Append new steps; never edit a released one.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE datasets (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        filename    TEXT NOT NULL,
        kind        TEXT NOT NULL,
        format      TEXT NOT NULL,
        encoding    TEXT NOT NULL,
        delimiter   TEXT NOT NULL,
        rows_read   INTEGER NOT NULL,
        rows        INTEGER NOT NULL,
        problems    INTEGER NOT NULL,
        size_bytes  INTEGER NOT NULL,
        sha256      TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE uploads (
        dataset_id  TEXT PRIMARY KEY REFERENCES datasets(id),
        data        BLOB NOT NULL
    );
    CREATE TABLE events (
        dataset_id     TEXT NOT NULL REFERENCES datasets(id),
        event_id       TEXT NOT NULL,
        event_date     TEXT NOT NULL,
        date_precision TEXT NOT NULL,
        event_type     TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        actor1         TEXT NOT NULL,
        actor2         TEXT NOT NULL,
        country        TEXT NOT NULL,
        admin1_code    TEXT NOT NULL,
        location       TEXT NOT NULL,
        latitude       REAL,
        longitude      REAL,
        geo_precision  TEXT NOT NULL,
        site_type      TEXT NOT NULL,
        claim_status   TEXT NOT NULL,
        fatalities     INTEGER,
        source         TEXT NOT NULL,
        source_url     TEXT NOT NULL,
        evidence       TEXT NOT NULL,
        UNIQUE (dataset_id, event_id)
    );
    CREATE TABLE problems (
        dataset_id  TEXT NOT NULL REFERENCES datasets(id),
        seq         INTEGER NOT NULL,
        row         INTEGER,
        col         TEXT,
        value       TEXT NOT NULL,
        expected    TEXT NOT NULL,
        message     TEXT NOT NULL,
        PRIMARY KEY (dataset_id, seq)
    );
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)

_EVENT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c != "dataset_id")


@dataclass(frozen=True)
class DatasetInfo:
    """One stored dataset, as listed to the user."""

    id: str
    name: str
    filename: str
    kind: str
    format: str
    rows: int
    problems: int
    created_at: str
    encoding: str = ""
    delimiter: str = ""
    rows_read: int = 0
    size_bytes: int = 0


@dataclass
class AddResult:
    """What an upload did. `dataset_id` is None only when the file was rejected whole."""

    dataset_id: str | None
    created: bool
    rows_kept: int
    problems: list[RowProblem] = field(default_factory=list)
    format: str = ""


def dataset_id_for(data: bytes) -> str:
    """Content address of an upload: 'd' + 128 bits of its sha256."""
    return "d" + hashlib.sha256(data).hexdigest()[:32]


def default_db_path() -> Path:
    return Path(os.environ.get("DASHBOARD_DB") or DEFAULT_DB)


def canonical_events_csv(events: pd.DataFrame) -> bytes:
    """The events as CSV bytes in contract column order (without dataset_id), for hashing."""
    table = coerce_dtypes(events)
    return table.loc[:, list(_EVENT_COLUMNS)].to_csv(index=False, lineterminator="\n").encode("utf-8")


class Store:
    """The SQLite-backed event store. Safe to share between threads of one process."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000,
                                     isolation_level=None, check_same_thread=False)
        self._conn.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        self._retry(lambda: self._conn.execute("PRAGMA journal_mode = WAL"))
        # NORMAL is durable across application crashes in WAL mode (only power loss can
        # drop the last commits), which is the failure this store must survive.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Bring the file up to SCHEMA_VERSION, one recorded step at a time, under the write lock."""
        if self.schema_version > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path} has schema version {self.schema_version}; this code knows "
                               f"up to {SCHEMA_VERSION}. Upgrade the dashboard.")

        def step() -> None:
            with self._write() as conn:
                version = int(conn.execute("PRAGMA user_version").fetchone()[0])
                for target in range(version + 1, SCHEMA_VERSION + 1):
                    for statement in _MIGRATIONS[target - 1].split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {target}")

        if self.schema_version < SCHEMA_VERSION:
            self._retry(step)

    # -- transactions ----------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction holding the database write lock from its first statement."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @staticmethod
    def _retry(action):  # noqa: ANN001, ANN205 - tiny internal helper
        """Run `action`, retrying when another process holds the lock past busy_timeout."""
        for attempt in range(_WRITE_RETRIES):
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == _WRITE_RETRIES - 1:
                    raise
                time.sleep(0.2 * (attempt + 1))
        return None

    # -- writing -------------------------------------------------------------------------
    def add_dataset(self, data: bytes, filename: str, name: str | None = None,
                    kind: str = "upload") -> AddResult:
        """Import a CSV upload and store it (rows, problems, raw bytes) as one dataset.

        Re-uploading the same bytes returns the existing dataset (`created=False`) and
        stores nothing new. A file rejected whole (empty, too big, no recognisable
        header) is not stored: `dataset_id` is None and the problem says why.
        """
        _check_kind(kind)
        dataset_id = dataset_id_for(data)
        existing = self._existing(dataset_id)
        if existing is not None:
            return existing
        result = import_csv(data, filename)
        if result.fatal:
            return AddResult(None, False, 0, result.problems, result.format)
        return self._insert(dataset_id, data, result, name or _default_name(filename), kind)

    def add_events(self, df: pd.DataFrame, name: str, source_bytes: bytes | None = None,
                   kind: str = "article") -> AddResult:
        """Store an event table made in the app (e.g. from a pasted article) as a dataset.

        The id is content-addressed over the canonical CSV of the validated events, so
        the same events give the same dataset. `source_bytes` (e.g. the article text) is
        kept verbatim as the dataset's raw upload; without it the canonical CSV is.
        """
        _check_kind(kind)
        valid, problems = validate_events(df)
        valid, dup_problems = _drop_repeated_ids(valid, np.arange(1, len(valid) + 1))
        problems = problems + dup_problems
        canonical = canonical_events_csv(valid)
        dataset_id = dataset_id_for(canonical)
        existing = self._existing(dataset_id)
        if existing is not None:
            return existing
        raw = source_bytes if source_bytes is not None else canonical
        result = ImportResult(events=valid, problems=problems, format="native", filename=name,
                              encoding="utf-8", delimiter=",", rows_read=len(df))
        return self._insert(dataset_id, raw, result, name, kind, sha_of=canonical)

    def _existing(self, dataset_id: str) -> AddResult | None:
        info = self.get_dataset(dataset_id)
        if info is None:
            return None
        return AddResult(dataset_id, False, info.rows, self.problems(dataset_id), info.format)

    def _insert(self, dataset_id: str, raw: bytes, result: ImportResult, name: str, kind: str,
                sha_of: bytes | None = None) -> AddResult:
        events = result.events
        event_rows = _event_tuples(dataset_id, events)
        problem_rows = [(dataset_id, seq, p.row, p.column, p.value, p.expected, p.message)
                        for seq, p in enumerate(result.problems)]
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        sha = hashlib.sha256(sha_of if sha_of is not None else raw).hexdigest()
        pause = float(os.environ.get(_PAUSE_ENV) or 0)

        def write() -> bool:
            with self._write() as conn:
                # Another process may have stored the same bytes while we were parsing.
                if conn.execute("SELECT 1 FROM datasets WHERE id = ?", (dataset_id,)).fetchone():
                    return False
                conn.execute(
                    "INSERT INTO datasets (id, name, filename, kind, format, encoding, delimiter, rows_read,"
                    " rows, problems, size_bytes, sha256, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (dataset_id, name, result.filename, kind, result.format, result.encoding,
                     result.delimiter, result.rows_read, len(events), len(result.problems), len(raw), sha,
                     created_at),
                )
                conn.execute("INSERT INTO uploads (dataset_id, data) VALUES (?, ?)", (dataset_id, raw))
                conn.executemany(_INSERT_EVENT, event_rows)
                conn.executemany("INSERT INTO problems VALUES (?,?,?,?,?,?,?)", problem_rows)
                if pause:
                    print(f"store: paused inside the write of {dataset_id}", file=sys.stderr, flush=True)
                    time.sleep(pause)
            return True

        created = self._retry(write)
        if not created:
            existing = self._existing(dataset_id)
            assert existing is not None  # it was there a moment ago, and nothing deletes
            return existing
        return AddResult(dataset_id, True, len(events), list(result.problems), result.format)

    # -- reading -------------------------------------------------------------------------
    def list_datasets(self) -> list[DatasetInfo]:
        """Every dataset, oldest first."""
        with self._lock:
            rows = self._conn.execute(f"SELECT {_INFO_FIELDS} FROM datasets ORDER BY created_at, rowid").fetchall()
        return [DatasetInfo(*r) for r in rows]

    def get_dataset(self, dataset_id: str) -> DatasetInfo | None:
        with self._lock:
            row = self._conn.execute(f"SELECT {_INFO_FIELDS} FROM datasets WHERE id = ?",
                                     (dataset_id,)).fetchone()
        return DatasetInfo(*row) if row else None

    def events(self, dataset_ids: Iterable[str]) -> pd.DataFrame:
        """The event table of the given datasets (unknown ids contribute nothing)."""
        ids = list(dict.fromkeys(dataset_ids))
        frames = []
        with self._lock:
            for dataset_id in ids:
                cur = self._conn.execute(
                    f"SELECT {', '.join(_EVENT_COLUMNS)}, dataset_id FROM events WHERE dataset_id = ? ORDER BY rowid",
                    (dataset_id,))
                rows = cur.fetchall()
                if rows:
                    frames.append(pd.DataFrame.from_records(rows, columns=[*_EVENT_COLUMNS, "dataset_id"]))
        if not frames:
            return coerce_dtypes(pd.DataFrame(columns=list(COLUMNS)))
        return coerce_dtypes(pd.concat(frames, ignore_index=True))

    def problems(self, dataset_id: str) -> list[RowProblem]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT row, col, value, expected, message FROM problems WHERE dataset_id = ? ORDER BY seq",
                (dataset_id,)).fetchall()
        return [RowProblem(*r) for r in rows]

    def raw_upload(self, dataset_id: str) -> bytes:
        """The uploaded bytes exactly as received. KeyError for an unknown dataset."""
        with self._lock:
            row = self._conn.execute("SELECT data FROM uploads WHERE dataset_id = ?", (dataset_id,)).fetchone()
        if row is None:
            raise KeyError(dataset_id)
        return bytes(row[0])


_INFO_FIELDS = ("id, name, filename, kind, format, rows, problems, created_at, encoding, delimiter,"
                " rows_read, size_bytes")
_INSERT_EVENT = (f"INSERT INTO events (dataset_id, {', '.join(_EVENT_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * (len(_EVENT_COLUMNS) + 1))})")


def _event_tuples(dataset_id: str, events: pd.DataFrame) -> list[tuple]:
    """Rows ready for executemany: SQL NULL for missing numbers, plain Python scalars."""
    table = coerce_dtypes(events)
    columns: list[list] = [[dataset_id] * len(table)]
    for col in _EVENT_COLUMNS:
        series = table[col]
        if col in ("latitude", "longitude"):
            values = series.astype(object).where(series.notna(), None).tolist()
        elif col == "fatalities":
            values = [None if pd.isna(v) else int(v) for v in series.tolist()]
        else:
            values = series.tolist()
        columns.append(values)
    return list(zip(*columns, strict=True))


def _drop_repeated_ids(events: pd.DataFrame, row_numbers: np.ndarray) -> tuple[pd.DataFrame, list[RowProblem]]:
    """Keep the first row of each event_id (the store's key), reporting the others."""
    repeated = events["event_id"].duplicated(keep="first").to_numpy()
    if not repeated.any():
        return events, []
    first_row = dict(zip(events["event_id"][~repeated], row_numbers[~repeated], strict=True))
    problems = [
        RowProblem(int(row_numbers[i]), "event_id", str(eid), "a unique event_id",
                   f"row {int(row_numbers[i])}: same event_id as row {first_row[eid]}; kept the first only")
        for i, eid in zip(np.flatnonzero(repeated), events["event_id"][repeated], strict=True)
    ]
    return events.loc[~repeated].reset_index(drop=True), problems


def _check_kind(kind: str) -> None:
    if kind not in DATASET_KINDS:
        raise ValueError(f"dataset kind must be one of {', '.join(DATASET_KINDS)}, not {kind!r}")


def _default_name(filename: str) -> str:
    return Path(filename).stem or filename or "upload"
