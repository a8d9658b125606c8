"""Shared fixtures. Tests never read ../shared unless marked and skipping without it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared source data; tests using it skip on a machine without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture()
def tmp_db(tmp_path, monkeypatch) -> Path:
    """A fresh real SQLite file for one test, also exported as DASHBOARD_DB."""
    db = tmp_path / "dashboard.sqlite"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db
