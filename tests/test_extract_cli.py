"""The command-line contract of DESIGN.md, run as a subprocess."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.schema import COLUMNS

ARTICLE = ("DEIR EZ-ZOR — ISIS militants attacked a checkpoint of the Syrian Democratic Forces in Dhiban "
           "on Sunday, killing two fighters, a war monitor said.\n")


def run(args: list[str], stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard.extract", *args], input=stdin, capture_output=True,
                          timeout=120, cwd=cwd or Path(__file__).resolve().parent.parent)


def rows(stdout: bytes) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(stdout.decode("utf-8")))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_text_file_gives_csv_with_header_and_events(tmp_path: Path) -> None:
    path = tmp_path / "dhiban.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = run([str(path), "--published", "2024-05-22"])
    assert out.returncode == 0, out.stderr
    events = rows(out.stdout)
    assert [(e["event_type"], e["admin1_code"], e["event_date"]) for e in events] == [
        ("attack", "SY-DY", "2024-05-19")]
    assert events[0]["source"] == "dhiban.txt"


def test_dash_reads_standard_input() -> None:
    out = run(["-", "--published", "2024-05-22"], stdin=ARTICLE.encode())
    assert out.returncode == 0, out.stderr
    assert len(rows(out.stdout)) == 1


def test_published_header_line_is_used_when_no_flag(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Published: 2024-05-22\n\n" + ARTICLE, encoding="utf-8")
    out = run([str(path)])
    assert out.returncode == 0, out.stderr
    assert rows(out.stdout)[0]["event_date"] == "2024-05-19"


def test_html_is_reduced_to_article_text(tmp_path: Path) -> None:
    html = ("<!doctype html><html><head><title>Report</title><script>var attack = 'Raqqa';</script></head>"
            "<body><nav><a href='/'>Home</a> <a href='/x'>Airstrikes in Idlib archive</a></nav><article><h1>Attack "
            "in eastern Syria</h1><p>" + ARTICLE + "</p><p>The SDF said it was investigating the incident and "
            "had sent reinforcements to the town.</p></article><footer>Copyright</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    out = run([str(path), "--published", "2024-05-22"])
    assert out.returncode == 0, out.stderr
    events = rows(out.stdout)
    assert [(e["event_type"], e["admin1_code"]) for e in events] == [("attack", "SY-DY")]
    assert "<" not in events[0]["evidence"]


def test_no_events_gives_header_only_and_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "calm.txt"
    path.write_text("Markets in Raqqa were busy on Sunday as residents prepared for the holiday.\n")
    out = run([str(path), "--published", "2024-05-22"])
    assert out.returncode == 0
    assert rows(out.stdout) == []


@pytest.mark.parametrize("setup,needle", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: d, "is a directory"),
    (lambda d: (d / "bin.txt").write_bytes(b"\x7fELF\x02\x01\x00\x00" + bytes(range(256)) * 4) and d / "bin.txt",
     "binary file"),
    (lambda d: (d / "latin1.txt").write_bytes("Attaque \xe0 Raqqa".encode("latin-1")) and d / "latin1.txt",
     "not UTF-8"),
])
def test_unreadable_input_is_one_line_and_nonzero(tmp_path: Path, setup, needle: str) -> None:
    path = setup(tmp_path)
    out = run([str(path), "--published", "2024-05-22"])
    assert out.returncode != 0
    err = out.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and needle in err and "Traceback" not in err
    assert out.stdout == b""


def test_missing_publication_date_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    out = run([str(path)])
    assert out.returncode != 0 and "--published" in out.stderr.decode()


def test_arabic_text_gives_a_note_and_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_text("قالت مصادر محلية إن هجوما استهدف نقطة عسكرية في ريف دير الزور الشرقي يوم الأحد.", encoding="utf-8")
    out = run([str(path), "--published", "2024-05-22"])
    assert out.returncode == 0
    assert rows(out.stdout) == []
    assert "Arabic" in out.stderr.decode()


def test_five_megabyte_article_finishes(tmp_path: Path) -> None:
    paragraph = ARTICLE + "Residents said the market reopened later in the day and traffic returned to normal.\n\n"
    path = tmp_path / "big.txt"
    path.write_text(paragraph * (5_000_000 // len(paragraph) + 1), encoding="utf-8")
    out = run([str(path), "--published", "2024-05-22"])
    assert out.returncode == 0, out.stderr[-500:]
    # Thousands of identical reports of one event merge into one row.
    assert len(rows(out.stdout)) == 1


def test_keep_false_alarms_adds_what_the_filter_set_aside(repo_root: Path) -> None:
    # A real corpus article in which the shipped model sets aside one event of five.
    path = repo_root / "tests" / "articles_holdout28" / "2812_hama_kafr_nabudah.txt"
    filtered = rows(run([str(path)]).stdout)
    everything = rows(run([str(path), "--keep-false-alarms"]).stdout)
    assert len(everything) == len(filtered) + 1
    assert {e["event_id"] for e in filtered} < {e["event_id"] for e in everything}
