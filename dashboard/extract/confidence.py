"""A learned second opinion on the rules: how likely an extracted event is a false alarm.

The rules (triggers, claims, places) reach recall ≥ 0.85 on text they were never tuned
on, but about one event in five they emit is one a careful coder would not: a recap
the background rules missed, an analyst's aside, a place borrowed from the wrong
sentence. Rule patches stopped moving that figure (five blind rounds, precision 0.79–
0.85). This module scores each candidate event with an L2-regularised logistic
regression over features of the event row and its evidence sentence, trained on the
rules' own output over the labelled corpora (`tests/articles*`), and drops the events
whose false-alarm probability reaches the trained threshold.

The model is a JSON file of weights (`confidence_model.json`), rebuilt by
`python scripts/train_confidence.py`; scoring is a dictionary look-up per feature, in
pure Python. It must be retrained whenever the rules change what they emit: the
test suite checks that the shipped weights are what training gives today.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("confidence_model.json")

# Ordinary words only: names (of places, groups, people: capitalised, or "al-Hayyan",
# "Sha'er") would teach the model which towns its training articles happened to be
# wrong about, not how a sentence reads. The sentence's first word counts, lower-cased.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")
_YEAR = re.compile(r"\b(?:19[89]\d|20[0-4]\d)\b")
# Days from the event to publication, in bands: same day, this week, two weeks, a
# quarter, older (an older one that got through the background rules is suspicious).
_LAG_BANDS = (("lag0", 0), ("lag1_3", 3), ("lag4_14", 14), ("lag15_90", 90))
_ROW_CATEGORIES = ("event_type", "sub_event_type", "claim_status", "geo_precision", "date_precision")


def _words(sentence: str) -> set[str]:
    tokens = _TOKEN.findall(sentence)
    return {t.lower() for i, t in enumerate(tokens)
            if (i == 0 or t[0].islower()) and t.isalpha()}


class _Article:
    """What every row of one article shares: its text, lower-cased once, and the
    words of each evidence sentence (rows of one sentence share them)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = text.lower()
        self.words: dict[str, set[str]] = {}

    def words_of(self, sentence: str) -> set[str]:
        if sentence not in self.words:
            self.words[sentence] = _words(sentence)
        return self.words[sentence]


def event_features(row: dict, text: str, published: date, n_events: int) -> dict[str, float]:
    """The features of one extracted event row (schema columns) in its article.

    `text` is the article text the row was extracted from, `n_events` the number of
    rows extracted from it. Values are in [0, 1]; absent features are 0.
    """
    return _features(row, _Article(text), published, n_events)


def _features(row: dict, article: _Article, published: date, n_events: int) -> dict[str, float]:
    text = article.text
    f: dict[str, float] = {"bias": 1.0}
    for column in _ROW_CATEGORIES:
        f[f"{column}={row[column]}"] = 1.0
    f[f"type_precision={row['event_type']}|{row['geo_precision']}"] = 1.0
    f["site"] = float(bool(row["site_type"]))
    f["fatalities"] = float(row["fatalities"] is not None)
    f["no_actor1"] = float(not row["actor1"])
    f["no_actor2"] = float(not row["actor2"])
    evidence = row["evidence"].split(" | ")
    first = evidence[0]
    f["evidence_sentences"] = min(len(evidence), 4) / 4
    f["evidence_length"] = min(len(first), 400) / 400
    f["quote"] = float('"' in first or "\u201c" in first)
    lag = (published - date.fromisoformat(row["event_date"])).days
    band = next((name for name, upto in _LAG_BANDS if lag <= upto), "lag91_")
    f[band] = 1.0
    at = text.find(first[:60])
    f["position"] = at / max(1, len(text)) if at >= 0 else 0.5
    f["first_sentence"] = float(0 <= at < 5)
    low = article.low
    last_word = row["location"].split(" ")[-1].lower() if row["location"] else ""
    f["location_in_evidence"] = float(bool(last_word) and last_word in row["evidence"].lower())
    f["location_mentions"] = min(low.count(last_word), 5) / 5 if last_word else 0.0
    f["events_in_article"] = min(n_events, 12) / 12
    if any(int(y) < published.year for y in _YEAR.findall(first)):
        f["earlier_year"] = 1.0
    for word in article.words_of(first):
        f[f"word={word}"] = 1.0
    return f


class Model:
    """Weights by feature name and the false-alarm probability at which an event is
    dropped. Events at a named site (oil/gas field, base, dam ...) are never dropped:
    only one in ten of them is a false alarm, and in cross-validation filtering them
    removed more real events than false ones (see scripts/train_confidence.py)."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def sets_aside(self, row: dict, probability: float) -> bool:
        return probability >= self.threshold and not row["site_type"]

    def false_alarm_probability(self, features: dict[str, float]) -> float:
        w = self.weights
        z = sum(v * w[k] for k, v in features.items() if k in w)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model({k: float(v) for k, v in data["weights"].items()}, float(data["threshold"]))


def assess(rows: list[dict], text: str, published: date,
           model: Model | None = None) -> tuple[list[float], list[bool]]:
    """Each row's false-alarm probability, and whether the model sets it aside (rows of
    one article, `text` the article text they were read from)."""
    model = model or load_model()
    article = _Article(text)
    probabilities = [model.false_alarm_probability(_features(r, article, published, len(rows))) for r in rows]
    return probabilities, [model.sets_aside(r, p) for r, p in zip(rows, probabilities, strict=True)]


def drop_false_alarms(rows: list[dict], text: str, published: date, model: Model | None = None) -> list[dict]:
    """The rows the model does not set aside (`Model.sets_aside`)."""
    if not rows:
        return rows
    _probabilities, set_aside = assess(rows, text, published, model)
    return [r for r, aside in zip(rows, set_aside, strict=True) if not aside]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 12) -> np.ndarray:
    """Weights of an L2-regularised logistic regression (Newton's method; column 0 is
    the bias, not regularised). x: examples × features, y: 1 for a false alarm."""
    w = np.zeros(x.shape[1])
    reg = l2 * np.eye(x.shape[1])
    reg[0, 0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        hessian = (x.T * (p * (1.0 - p))) @ x + reg
        w -= np.linalg.solve(hessian, x.T @ (p - y) + reg @ w)
    return w
