"""Precision and recall of the extractor on a labelled corpus.

    python -m dashboard.extract.evaluate tests/articles [--min 0.9] [--errors]

Corpus: `NNN_slug.txt` files whose first line is `Published: YYYY-MM-DD`, and
`labels.csv` with columns `article,event_type,admin1_code,location,claim_status`
(one row per expected event; a row with an empty event_type marks an article where
no event is expected).

Matching, per article: a predicted event matches a gold event of the same
`event_type` and `admin1_code`. Location breaks ties: pairs whose locations agree
(same `place_key`, or resolving to the same gazetteer place) are matched first, then
the rest by type and governorate. Each event matches at most once. Unmatched
predictions are false positives, unmatched gold events false negatives. Location
and claim-status agreement on matched pairs are printed as extra figures.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.extract.core import extract_events, split_header
from dashboard.geo import resolve_place
from dashboard.names import place_key
from dashboard.schema import EVENT_TYPES


@dataclass(frozen=True)
class Gold:
    article: str
    event_type: str
    admin1_code: str
    location: str = ""
    claim_status: str = ""


@dataclass
class Report:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    location_agree: int = 0
    claim_agree: int = 0
    claim_total: int = 0
    errors: list[str] = field(default_factory=list)
    articles: int = 0

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def scores(self, event_type: str | None = None) -> tuple[float, float, float]:
        if event_type is None:
            return self._prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        return self._prf(self.tp[event_type], self.fp[event_type], self.fn[event_type])

    def table(self) -> str:
        lines = [f"{'event_type':<20}{'gold':>6}{'pred':>6}{'tp':>5}{'P':>7}{'R':>7}{'F1':>7}"]
        for t in EVENT_TYPES:
            gold, pred = self.tp[t] + self.fn[t], self.tp[t] + self.fp[t]
            if not gold and not pred:
                continue
            p, r, f = self.scores(t)
            lines.append(f"{t:<20}{gold:>6}{pred:>6}{self.tp[t]:>5}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p, r, f = self.scores()
        lines.append(f"{'overall':<20}{tp + fn:>6}{tp + fp:>6}{tp:>5}{p:>7.3f}{r:>7.3f}{f:>7.3f}")
        if tp:
            lines.append(f"location agrees on {self.location_agree}/{tp} matched events; claim_status agrees on "
                         f"{self.claim_agree}/{self.claim_total} labelled ones; {self.articles} articles")
        return "\n".join(lines)


def read_labels(path: Path) -> dict[str, list[Gold]]:
    labels: dict[str, list[Gold]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            article = (row.get("article") or "").strip()
            if not article:
                continue
            events = labels.setdefault(article, [])
            if (row.get("event_type") or "").strip():
                events.append(Gold(article, row["event_type"].strip(), (row.get("admin1_code") or "").strip(),
                                   (row.get("location") or "").strip(), (row.get("claim_status") or "").strip()))
    return labels


def _same_location(gold: str, predicted: str) -> bool:
    if not gold or not predicted:
        return False
    if place_key(gold) == place_key(predicted):
        return True
    a, b = resolve_place(gold), resolve_place(predicted)
    return a is not None and b is not None and a.name == b.name


def match_article(gold: list[Gold], predicted: list[dict], report: Report, article: str) -> list[int]:
    """Greedy matching by (type, governorate), location-agreeing pairs first. Returns
    the indices of the predictions no gold event matched (the false alarms)."""
    free_pred = list(range(len(predicted)))
    pairs: list[tuple[Gold, dict]] = []
    unmatched: list[Gold] = []
    for g in gold:
        for i in free_pred:
            p = predicted[i]
            if p["event_type"] == g.event_type and p["admin1_code"] == g.admin1_code and \
                    _same_location(g.location, p["location"]):
                pairs.append((g, p))
                free_pred.remove(i)
                break
        else:
            unmatched.append(g)
    for g in unmatched:
        for i in free_pred:
            p = predicted[i]
            if p["event_type"] == g.event_type and p["admin1_code"] == g.admin1_code:
                pairs.append((g, p))
                free_pred.remove(i)
                break
        else:
            report.fn[g.event_type] += 1
            report.errors.append(f"{article}: MISSED {g.event_type} {g.admin1_code} {g.location}")
    for g, p in pairs:
        report.tp[g.event_type] += 1
        report.location_agree += _same_location(g.location, p["location"]) or \
            (not g.location and not p["location"])
        if g.claim_status:
            report.claim_total += 1
            report.claim_agree += g.claim_status == p["claim_status"]
    for i in free_pred:
        p = predicted[i]
        report.fp[p["event_type"]] += 1
        report.errors.append(f"{article}: EXTRA {p['event_type']} {p['admin1_code']} {p['location']} "
                             f"<- {p['evidence'][:120]}")
    return free_pred


def evaluate_corpus(directory: Path, keep_false_alarms: bool = False) -> Report:
    """Run the extractor over every labelled article of a corpus directory
    (`keep_false_alarms`: the rules' output without the learned filter)."""
    labels = read_labels(directory / "labels.csv")
    report = Report()
    for path in sorted(directory.glob("*.txt")):
        article = path.stem
        if article not in labels:
            report.errors.append(f"{article}: not in labels.csv (skipped)")
            continue
        published, body = split_header(path.read_text(encoding="utf-8"))
        if published is None:
            report.errors.append(f"{article}: no 'Published: YYYY-MM-DD' first line (skipped)")
            continue
        events = extract_events(body, published, source=path.name, keep_false_alarms=keep_false_alarms)
        report.articles += 1
        match_article(labels[article], events.to_dict("records"), report, article)
    for article in sorted(set(labels) - {p.stem for p in directory.glob("*.txt")}):
        report.errors.append(f"{article}: in labels.csv but no {article}.txt")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.extract.evaluate",
                                     description="Precision/recall of the extractor on a labelled corpus.")
    parser.add_argument("corpus", type=Path, help="directory with NNN_slug.txt articles and labels.csv")
    parser.add_argument("--min", type=float, default=None, help="exit 1 if overall precision or recall is below")
    parser.add_argument("--errors", action="store_true", help="list every missed and extra event")
    parser.add_argument("--keep-false-alarms", action="store_true",
                        help="score the rules alone, without the learned false-alarm filter")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.csv").is_file():
        print(f"error: {args.corpus}/labels.csv not found", file=sys.stderr)
        return 2
    report = evaluate_corpus(args.corpus, keep_false_alarms=args.keep_false_alarms)
    print(report.table())
    if args.errors:
        for e in report.errors:
            print(e)
    p, r, _ = report.scores()
    if args.min is not None and (p < args.min or r < args.min):
        print(f"below the minimum {args.min}: precision {p:.3f}, recall {r:.3f}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
