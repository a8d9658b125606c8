"""The extractor against the labelled corpus in tests/articles, the evaluator itself,
and seed-like articles (the phenomena of ../shared/seed, in our own words)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.extract import extract_events, split_header
from dashboard.extract.evaluate import Gold, Report, evaluate_corpus, match_article, read_labels

CORPUS = Path(__file__).resolve().parent / "articles"


def test_corpus_is_big_and_varied_enough() -> None:
    articles = sorted(CORPUS.glob("*.txt"))
    labels = read_labels(CORPUS / "labels.csv")
    assert len(articles) >= 40
    assert {p.stem for p in articles} == set(labels)
    types = {g.event_type for events in labels.values() for g in events}
    assert types == {"attack", "airstrike", "armed_clash", "sleeper_cell", "security_operation", "offensive",
                     "territory_change", "ceasefire"}
    countries = {g.admin1_code[:2] for events in labels.values() for g in events}
    assert countries == {"SY", "IQ"}
    assert sum(1 for events in labels.values() if not events) >= 8  # hard negatives
    for path in articles:
        published, _ = split_header(path.read_text(encoding="utf-8"))
        assert published, f"{path.name} has no Published: line"


def test_corpus_precision_and_recall_at_least_0_9() -> None:
    report = evaluate_corpus(CORPUS)
    precision, recall, _ = report.scores()
    assert report.articles >= 40
    assert precision >= 0.9, "\n".join(report.errors)
    assert recall >= 0.9, "\n".join(report.errors)


@pytest.mark.parametrize("name", ["articles_holdout", "articles_holdout2"])
def test_holdout_precision_and_recall_at_least_0_85(name: str) -> None:
    """Regression guards, not measures of generalisation: both holdouts were written
    independently but have since been studied and the extractor tuned on their errors
    (holdout 1 from the start, holdout 2 after docs/holdout2-eval.md). Only a corpus
    the extractor has never been run on says how it does on unseen articles."""
    report = evaluate_corpus(CORPUS.parent / name)
    precision, recall, _ = report.scores()
    assert report.articles >= 20
    assert precision >= 0.85, "\n".join(report.errors)
    assert recall >= 0.85, "\n".join(report.errors)


# Holdouts 3-18: written by independent helpers who never saw the extractor, each run
# once blind (first-run figures in docs/holdout-rounds.md), then studied and tuned on.
TUNED_HOLDOUTS = [f"articles_holdout{n}" for n in range(3, 19)]


def test_tuned_holdouts_pooled_precision_and_recall_at_least_0_85() -> None:
    """A regression guard over 1,400+ gold events of 16 tuned corpora (pooled P 0.874,
    R 0.900 when written), not a measure of generalisation: see the blind rounds."""
    tp = fp = fn = 0
    for name in TUNED_HOLDOUTS:
        report = evaluate_corpus(CORPUS.parent / name)
        assert report.articles >= 20, name
        tp, fp, fn = tp + sum(report.tp.values()), fp + sum(report.fp.values()), fn + sum(report.fn.values())
    assert tp / (tp + fp) >= 0.85 and tp / (tp + fn) >= 0.85, (tp, fp, fn)


def test_evaluator_cli_prints_table_and_enforces_minimum() -> None:
    ok = subprocess.run([sys.executable, "-m", "dashboard.extract.evaluate", str(CORPUS), "--min", "0.9"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "overall" in ok.stdout and "sleeper_cell" in ok.stdout
    strict = subprocess.run([sys.executable, "-m", "dashboard.extract.evaluate", str(CORPUS), "--min", "1.01"],
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1 and "below the minimum" in strict.stderr


@pytest.mark.parametrize("gold,predicted,tp,fp,fn", [
    # same type and governorate: a match, location agreeing first
    ([Gold("a", "attack", "SY-DY", "Dhiban")], [("attack", "SY-DY", "Hajin"), ("attack", "SY-DY", "Dhiban")], 1, 1, 0),
    # wrong governorate: one false positive and one miss
    ([Gold("a", "attack", "SY-DY", "Dhiban")], [("attack", "SY-RA", "Raqqa")], 0, 1, 1),
    # wrong type
    ([Gold("a", "airstrike", "IQ-AN", "")], [("attack", "IQ-AN", "Anbar")], 0, 1, 1),
    # no events expected, none predicted
    ([], [], 0, 0, 0),
])
def test_matching_rules(gold: list[Gold], predicted: list[tuple[str, str, str]], tp: int, fp: int, fn: int) -> None:
    report = Report()
    rows = [{"event_type": t, "admin1_code": a, "location": loc, "claim_status": "reported", "evidence": ""}
            for t, a, loc in predicted]
    match_article(gold, rows, report, "a")
    assert (sum(report.tp.values()), sum(report.fp.values()), sum(report.fn.values())) == (tp, fp, fn)


SEED_LIKE = """A US envoy offers Moscow help against ISIS in the Syrian desert

The American special envoy told a think-tank audience this week that Washington had offered to work with Russia
against the Islamic State in the eastern countryside of Homs province.

"The regime has thrown what is left of its army at Idlib, so the desert is wide open," he said. "The militants are
taking ground, even raiding towns, and we cannot allow that."

He warned that the halted government offensive in Idlib could restart at any moment, and asked whether the
ceasefire there would hold.

His account of the group seizing ground in eastern Homs is exaggerated: the militants stage hit-and-run raids and
have not captured any town.

In their latest wave of attacks in the Badiya of Homs, the militants repeatedly targeted the Sha'er and Hayyan gas
fields, and the government suspended production at both for security reasons.

ISIS did not capture these areas, despite claims circulated by opposition media.

The group keeps sleeper cells across the Deir Ezzor, Al-Hasakah, Al-Anbar (Iraq), Nineveh (Iraq), Homs and
Al-Raqqa governorates.
"""


def test_seed_like_article() -> None:
    df = extract_events(SEED_LIKE, "2020-05-22")
    cells = set(df.loc[df["event_type"] == "sleeper_cell", "admin1_code"])
    assert cells == {"SY-DY", "SY-HA", "IQ-AN", "IQ-NI", "SY-HI", "SY-RA"}
    attacks = df[df["event_type"] == "attack"]
    assert set(attacks["site_type"]) == {"gas_field"} and len(attacks) == 2
    assert "territory_change" not in set(df["event_type"])  # denied
    assert "offensive" not in set(df["event_type"])  # hypothetical ("could restart")
    assert "ceasefire" not in set(df["event_type"])  # a question in a quote of opinion
    assert "SY-ID" not in set(df["admin1_code"])


@pytest.mark.shared
def test_shared_seed_article(shared_dir: Path) -> None:
    text = (shared_dir / "seed" / "article_us_envoy_isis_badiya.txt").read_text(encoding="utf-8")
    df = extract_events(text, "2020-05-22", source="article_us_envoy_isis_badiya.txt")
    cells = set(df.loc[df["event_type"] == "sleeper_cell", "admin1_code"])
    assert cells == {"SY-DY", "SY-HA", "IQ-AN", "IQ-NI", "SY-HI", "SY-RA"}
    fields = set(df.loc[(df["event_type"] == "attack") & (df["geo_precision"] == "site"), "location"])
    assert len(fields) == 2 and all("gas field" in f for f in fields)
    assert "territory_change" not in set(df["event_type"])
    assert not ({"offensive", "ceasefire"} & set(df["event_type"]))


def test_built_in_article_events_are_what_the_extractor_gives_today(repo_root: Path, tmp_path: Path) -> None:
    """data/events/articles.csv is derived from data/articles/: an extractor change that
    alters it must come with `python scripts/build_builtin_data.py`."""
    spec = importlib.util.spec_from_file_location("build_builtin_data",
                                                  repo_root / "scripts" / "build_builtin_data.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    events, n_articles, n_rejected = build.article_table()
    assert n_articles >= 15 and n_rejected == 0
    fresh = tmp_path / "articles.csv"
    build.write_events(events, fresh)
    assert fresh.read_text(encoding="utf-8") == (repo_root / "data" / "events" / "articles.csv").read_text(
        encoding="utf-8")
