"""Dev-time: build the built-in event files in data/events/ (their output is committed).

    python scripts/build_builtin_data.py [--shared ../shared]

1. The real UCDP GED sample (../shared/real/ucdp_ged_syria_sample.csv, CC BY 4.0)
   goes through the same importer as an upload and is written in our own format to
   data/events/ucdp_ged_syria.csv. Skipped with a message when ../shared is absent.
2. The example articles in data/articles/ (synthetic, written for this project; the
   file name starts with the publication date) go through the extractor, and the
   events are written to data/events/articles.csv.

The app never runs this: at run time only data/events/ is read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.importers import import_csv  # noqa: E402
from dashboard.schema import COLUMNS, coerce_dtypes, validate_events  # noqa: E402

EVENTS_DIR = REPO / "data" / "events"
ARTICLES_DIR = REPO / "data" / "articles"
OUTPUT_COLUMNS = [c for c in COLUMNS if c != "dataset_id"]


def write_events(events: pd.DataFrame, path: Path) -> None:
    coerce_dtypes(events)[OUTPUT_COLUMNS].to_csv(path, index=False, lineterminator="\n")


def build_ucdp(shared: Path) -> None:
    sample = shared / "real" / "ucdp_ged_syria_sample.csv"
    if not sample.is_file():
        print(f"skipped UCDP: {sample} not found (the committed data/events/ucdp_ged_syria.csv stays as it is)")
        return
    result = import_csv(sample.read_bytes(), sample.name)
    out = EVENTS_DIR / "ucdp_ged_syria.csv"
    write_events(result.events, out)
    print(f"{out.relative_to(REPO)}: {len(result.events)} of {result.rows_read} UCDP rows, "
          f"{len(result.problems)} notices")
    for problem in result.problems:
        print(f"  - {problem.message}")


def article_events(path: Path) -> pd.DataFrame:
    from dashboard.extract import extract_events

    published = path.name[:10]  # files are named YYYY-MM-DD_slug.txt
    events = extract_events(path.read_text(encoding="utf-8"), published,
                            source=f"Example article (synthetic): {path.stem}", source_url="")
    return events


def article_table() -> tuple[pd.DataFrame, int, int]:
    """(the example articles' events, articles read, rows the schema rejected)."""
    paths = sorted(ARTICLES_DIR.glob("*.txt"))
    frames = [article_events(p) for p in paths]
    events = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(COLUMNS))
    valid, problems = validate_events(events)
    return valid.drop_duplicates("event_id", keep="first"), len(paths), len(problems)


def build_articles() -> None:
    valid, n_articles, n_rejected = article_table()
    out = EVENTS_DIR / "articles.csv"
    write_events(valid, out)
    print(f"{out.relative_to(REPO)}: {len(valid)} events from {n_articles} articles "
          f"({n_rejected} rejected by the schema)")
    print(valid.groupby("event_type").size().to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    EVENTS_DIR.mkdir(parents=True, exist_ok=True)
    build_ucdp(args.shared)
    build_articles()


if __name__ == "__main__":
    main()
