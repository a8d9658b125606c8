"""Import speed and memory: `import_csv` on 150,000 UCDP GED rows vs a bare `pandas.read_csv`.

    python benchmarks/bench_import.py [--rows 150000] [--repeat 3]

The rows are resampled (with replacement, fixed seed) from the real UCDP sample in
../shared/real, or without it from the built-in converted data
(data/events/ucdp_ged_syria.csv, our own format); each row gets a fresh id so the
rows are distinct events. Times are the best of `--repeat` runs, the two steps
alternating so they share the machine's load; the gazetteer is warmed first, as in
the running app. Peak memory is the peak resident set (VmHWM) of a fresh process
running the step once, above its resident set before the step. Prints rows/s, peak
memory and the time ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
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
        sample = pd.read_csv(SHARED_SAMPLE, dtype=str, keep_default_na=False)
        origin, id_column = "UCDP GED sample", "id"
    else:
        sample = pd.read_csv(BUILTIN_SAMPLE, dtype=str, keep_default_na=False)
        origin, id_column = "built-in converted UCDP data (../shared absent)", "event_id"
    picks = np.random.default_rng(seed).integers(0, len(sample), rows)
    table = sample.iloc[picks].reset_index(drop=True)
    table[id_column] = [f"{id_column}{i}" if id_column == "event_id" else str(i) for i in range(1, rows + 1)]
    return table.to_csv(index=False).encode("utf-8"), origin


def warm_up() -> None:
    """Load the gazetteer and polygons once, as a running app has them."""
    from dashboard import geo

    geo.governorate_code("Deir ez Zor Governorate", "SY")
    import_csv(BUILTIN_SAMPLE.read_bytes()[:50_000], "warm-up.csv")


def read_step(data: bytes) -> object:
    return pd.read_csv(BytesIO(data))


def import_step(data: bytes) -> object:
    return import_csv(data, "bench.csv", max_bytes=len(data) + 1)


STEPS = {"read_csv": read_step, "import_csv": import_step}


def resident_mb(field: str = "VmRSS") -> float:
    """This process's current (VmRSS) or peak (VmHWM) resident set from Linux /proc, in MB.

    VmHWM, unlike ru_maxrss, starts afresh in a new program: it does not inherit the
    peak of the large parent that started it.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def peak_memory(step: str, path: Path) -> float:
    """Peak resident set (MB) of a fresh process running one step, above what it held before the step
    (interpreter, libraries, warm gazetteer and the file's bytes)."""
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[3]); sys.path.insert(0, sys.argv[4]);"
        "import bench_import as b; data = open(sys.argv[2], 'rb').read(); b.warm_up();"
        "base = b.resident_mb(); b.STEPS[sys.argv[1]](data);"
        "print(json.dumps(b.resident_mb('VmHWM') - base))"
    )
    out = subprocess.run([sys.executable, "-c", code, step, str(path), str(REPO), str(Path(__file__).parent)],
                         capture_output=True, text=True, check=True, timeout=600)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=150_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data, origin = make_file(args.rows)
    print(f"file: {args.rows:,} rows resampled from the {origin}, {len(data) / 1e6:.1f} MB")
    warm_up()
    best = {name: float("inf") for name in STEPS}
    best_cpu = dict(best)
    result = None
    for _ in range(args.repeat):
        for name, step in STEPS.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            out = step(data)
            best[name] = min(best[name], time.perf_counter() - start)
            best_cpu[name] = min(best_cpu[name], time.process_time() - start_cpu)
            if name == "import_csv":
                result = out
    del out
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.csv"
        path.write_bytes(data)
        memory = {name: peak_memory(name, path) for name in STEPS}
    for name in STEPS:
        print(f"{name:<15}: {best[name]:6.2f} s wall ({best_cpu[name]:6.2f} s CPU)  "
              f"{args.rows / best[name]:10,.0f} rows/s  peak memory +{memory[name]:7.1f} MB")
    print(f"import_csv kept {len(result.events):,} events and reported {len(result.problems):,} problems")
    print(f"ratio import_csv / read_csv: {best['import_csv'] / best['read_csv']:.2f}x wall, "
          f"{best_cpu['import_csv'] / best_cpu['read_csv']:.2f}x CPU (target ≤ 4x); "
          f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
