"""Import speed and memory: `import_csv` on 150,000 UCDP GED rows vs a bare `pandas.read_csv`.

The rows are resampled (with replacement, fixed seed) from the real UCDP sample in
../shared/real (or, without it, from the converted built-in data written back out
in our own format), each given a fresh `id` so they are distinct events.

    python benchmarks/bench_import.py [--rows 150000]

Prints rows/s, peak traced memory (tracemalloc) of each step, and the time ratio.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from io import BytesIO
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.importers import import_csv  # noqa: E402

SHARED_SAMPLE = REPO.parent / "shared" / "real" / "ucdp_ged_syria_sample.csv"
BUILTIN_SAMPLE = REPO / "data" / "events" / "ucdp_ged_syria.csv"


def make_file(rows: int, seed: int = 7) -> tuple[bytes, str]:
    """CSV bytes of `rows` resampled rows and a label of where they came from."""
    if SHARED_SAMPLE.is_file():
        sample, origin = pd.read_csv(SHARED_SAMPLE, dtype=str, keep_default_na=False), "UCDP GED sample"
        id_column = "id"
    else:
        sample, origin = pd.read_csv(BUILTIN_SAMPLE, dtype=str, keep_default_na=False), "built-in converted UCDP"
        id_column = "event_id"
    picks = np.random.default_rng(seed).integers(0, len(sample), rows)
    table = sample.iloc[picks].reset_index(drop=True)
    table[id_column] = [f"b{i}" for i in range(rows)] if id_column == "event_id" else np.arange(1, rows + 1)
    return table.to_csv(index=False).encode("utf-8"), origin


def measure(label: str, action) -> tuple[float, int, object]:  # noqa: ANN001
    tracemalloc.start()
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    args = parser.parse_args()
    data, origin = make_file(args.rows)
    print(f"file: {args.rows:,} rows resampled from the {origin}, {len(data) / 1e6:.1f} MB")

    t_read, m_read, _ = measure("read_csv", lambda: pd.read_csv(BytesIO(data)))
    t_imp, m_imp, result = measure("import_csv", lambda: import_csv(data, "bench.csv", max_bytes=len(data) + 1))
    print(f"pandas.read_csv : {t_read:6.2f} s  {args.rows / t_read:10,.0f} rows/s  peak {m_read / 1e6:7.1f} MB")
    print(f"import_csv      : {t_imp:6.2f} s  {args.rows / t_imp:10,.0f} rows/s  peak {m_imp / 1e6:7.1f} MB"
          f"  ({len(result.events):,} events kept, {len(result.problems):,} problems)")
    print(f"ratio import_csv / read_csv: {t_imp / t_read:.2f}x (target ≤ 4x)")


if __name__ == "__main__":
    main()
