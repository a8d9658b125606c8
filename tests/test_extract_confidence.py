"""The learned false-alarm filter: features, scoring, training, and the shipped model."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from dashboard.extract import extract_events
from dashboard.extract.confidence import (
    MODEL_PATH,
    Model,
    _words,
    drop_false_alarms,
    event_features,
    fit_logistic,
    load_model,
)
from dashboard.extract.core import candidate_rows

PUB = date(2024, 5, 20)
ARTICLE = (
    "BAGHDAD — Militants attacked an army checkpoint near Tarmiyah on Sunday, killing two soldiers, "
    "security officials said.\n\n"
    "In 2016, the group had reportedly captured the nearby village of Hor Rajab before being driven out.\n\n"
    "Iraqi forces launched a sweep of the orchards north of Baqubah on Monday, arresting four suspects."
)


@pytest.fixture(scope="module")
def trainer():
    path = Path(__file__).resolve().parent.parent / "scripts" / "train_confidence.py"
    spec = importlib.util.spec_from_file_location("train_confidence", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def article_rows() -> tuple[list[dict], str]:
    rows, text = candidate_rows(ARTICLE, PUB)
    assert len(rows) >= 2
    return rows, text


def test_features_are_bounded_and_deterministic(article_rows) -> None:
    rows, text = article_rows
    for row in rows:
        f = event_features(row, text, PUB, len(rows))
        assert f == event_features(row, text, PUB, len(rows))
        assert all(0.0 <= v <= 1.0 for v in f.values()), f
        assert f["bias"] == 1.0 and f[f"event_type={row['event_type']}"] == 1.0
        assert sum(k.startswith("lag") for k in f) == 1  # exactly one age band


@pytest.mark.parametrize(("sentence", "words"), [
    ("During the Islamic State's last attack at Sha'er and al-Hayyan gas fields",
     {"during", "the", "last", "attack", "at", "and", "gas", "fields"}),
    ("Militants attacked Tarmiyah on Sunday", {"militants", "attacked", "on"}),
    ("", set()),
])
def test_words_are_ordinary_words_not_names(sentence: str, words: set[str]) -> None:
    # Names would teach the model which towns its training articles got wrong.
    assert _words(sentence) == words


def test_an_old_year_in_the_evidence_is_a_feature(article_rows) -> None:
    row = dict(article_rows[0][0], evidence="In 2016, the group had captured the village.")
    assert event_features(row, article_rows[1], PUB, 1).get("earlier_year") == 1.0
    row = dict(row, evidence="On Sunday, in 2024, the group captured the village.")
    assert "earlier_year" not in event_features(row, article_rows[1], PUB, 1)


def test_drop_false_alarms_applies_the_threshold(article_rows) -> None:
    rows, text = article_rows
    # A model that flags exactly the rows whose evidence has the word "sweep".
    model = Model({"bias": -6.0, "word=sweep": 12.0}, threshold=0.5)
    kept = drop_false_alarms(rows, text, PUB, model)
    assert kept and all("sweep" not in r["evidence"].split(" | ")[0] for r in kept)
    assert len(kept) == sum("sweep" not in r["evidence"].split(" | ")[0] for r in rows)
    assert drop_false_alarms([], text, PUB, model) == []
    # Extreme weights neither overflow nor flag everything.
    assert Model({"bias": -1e6}, 0.5).false_alarm_probability({"bias": 1.0}) == pytest.approx(0.0, abs=1e-20)
    assert Model({"bias": 1e6}, 0.5).false_alarm_probability({"bias": 1.0}) == pytest.approx(1.0)


def test_fit_logistic_recovers_a_linear_rule() -> None:
    rng = np.random.default_rng(3)
    x = np.column_stack([np.ones(600), rng.integers(0, 2, 600), rng.integers(0, 2, 600)]).astype(float)
    y = ((x[:, 1] == 1) & (rng.random(600) < 0.9)).astype(float)  # feature 1 predicts, feature 2 is noise
    w = fit_logistic(x, y, l2=1.0)
    p = 1 / (1 + np.exp(-(x @ w)))
    assert w[1] > 2.0 and abs(w[2]) < 0.5
    assert ((p > 0.5) == (x[:, 1] == 1)).mean() > 0.97


def test_keep_false_alarms_gives_the_rules_output() -> None:
    filtered = extract_events(ARTICLE, PUB)
    rules = extract_events(ARTICLE, PUB, keep_false_alarms=True)
    assert set(filtered["event_id"]) <= set(rules["event_id"])
    assert len(rules) == len(candidate_rows(ARTICLE, PUB)[0])


def test_shipped_model_metadata(repo_root: Path) -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert 0.3 <= data["threshold"] <= 0.8
    assert data["weights"]["bias"] != 0.0 and len(data["weights"]) > 100
    assert all((repo_root / "tests" / name / "labels.csv").is_file() for name in data["trained_on"])
    # The threshold keeps recall: out-of-fold, the filter costs at most 0.02 of it.
    at = next(row for row in data["cross_validation"] if row["threshold"] == data["threshold"])
    assert at["recall"] >= data["rules_alone"]["recall"] - 0.02
    assert at["precision"] > data["rules_alone"]["precision"]
    assert load_model().threshold == data["threshold"]


def test_shipped_weights_are_what_training_gives_today(trainer, repo_root: Path) -> None:
    """The model learns from the rules' output: a rule change that alters what they
    emit makes the shipped weights stale. Retrain with
    `python scripts/train_confidence.py --corpora <the trained_on list>` (see README)."""
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    corpora = [repo_root / "tests" / name for name in data["trained_on"]]
    features, alarms, _groups, gold, _sites = trainer.build_dataset(corpora)
    assert (len(alarms), sum(alarms), gold) == (data["examples"], data["false_alarms"], data["gold_events"])
    vocabulary = trainer.vocabulary_of(features)
    w = fit_logistic(trainer.to_matrix(features, vocabulary), np.array(alarms, dtype=float), data["l2"])
    trained = {k: round(float(v), 5) for k, v in zip(vocabulary, w, strict=True)}
    shipped = data["weights"]
    assert set(shipped) <= set(trained)
    assert max(abs(trained[k] - shipped.get(k, 0.0)) for k in trained) < 1e-3
