"""`python -m dashboard.ingest`: prints the dataset id, rows kept and problems; exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.store import Store, dataset_id_for

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def ingest(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard.ingest", *args, "--db", str(db)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


def test_ingest_stores_and_reports(tmp_path):
    db = tmp_path / "cli.sqlite"
    file = FIXTURES / "acled_cp1256.csv"
    first = ingest(str(file), "--name", "My ACLED extract", db=db)
    assert first.returncode == 0, first.stderr
    dataset_id = dataset_id_for(file.read_bytes())
    assert f"dataset {dataset_id} (acled format): stored" in first.stdout
    assert "rows kept: 2" in first.stdout and "problems: 2" in first.stdout
    assert "row 3 (line 4 of the file)" in first.stdout
    second = ingest(str(file), db=db)
    assert second.returncode == 0 and "already stored" in second.stdout
    infos = Store(db).list_datasets()
    assert [(d.id, d.name) for d in infos] == [(dataset_id, "My ACLED extract")]


def test_ingest_lists_only_the_first_problems(tmp_path):
    rows = "".join(f"2020-13-{i:02d},attack,SY,Palmyra,34.5,38.2\n" for i in range(1, 31))
    file = tmp_path / "bad_dates.csv"
    file.write_text("event_date,event_type,country,location,latitude,longitude\n2020-01-01,attack,SY,P,34.5,38.2\n"
                    + rows)
    result = ingest(str(file), "--show", "5", db=tmp_path / "x.sqlite")
    assert result.returncode == 0
    assert "problems: 30" in result.stdout and "… and 25 more" in result.stdout


@pytest.mark.parametrize("content, words", [
    (b"", "the file is empty"),
    (b"foo,bar\n1,2\n", "not recognised"),
    (b"event_date,location\n2020-01-01,x\n", "missing required column(s) event_type, country"),
    (None, "cannot read"),
])
def test_ingest_fails_with_one_line(tmp_path, content, words):
    file = tmp_path / "input.csv"
    if content is not None:
        file.write_bytes(content)
    result = ingest(str(file), db=tmp_path / "x.sqlite")
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
    assert "Traceback" not in result.stderr
