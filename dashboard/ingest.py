"""`python -m dashboard.ingest FILE.csv [--name NAME] [--db PATH]`: import a CSV into the store.

Prints the dataset id, rows kept and the problems found (the first few, with a
count). Exit 0 when the file was stored, even with row problems; exit 1 with a
one-line message when the file cannot be read or is rejected whole.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.store import Store

SHOW_PROBLEMS = 20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="CSV file: our format, an ACLED export or UCDP GED")
    parser.add_argument("--name", help="dataset name shown in the dashboard (default: the file name)")
    parser.add_argument("--db", type=Path, help="store file (default: $DASHBOARD_DB or var/dashboard.sqlite)")
    parser.add_argument("--show", type=int, default=SHOW_PROBLEMS, help="how many problems to print")
    args = parser.parse_args(argv)

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    with Store(args.db) as store:
        result = store.add_dataset(data, args.file.name, name=args.name)
    if result.dataset_id is None:
        reason = result.problems[0].message if result.problems else "the file was rejected"
        print(f"error: {reason}", file=sys.stderr)
        return 1
    state = "stored" if result.created else "already stored (same bytes), nothing changed"
    print(f"dataset {result.dataset_id} ({result.format} format): {state}")
    print(f"rows kept: {result.rows_kept}")
    print(f"problems: {len(result.problems)}")
    for problem in result.problems[: args.show]:
        print(f"  - {problem.message}")
    if len(result.problems) > args.show:
        print(f"  … and {len(result.problems) - args.show} more")
    return 0


if __name__ == "__main__":
    sys.exit(main())
