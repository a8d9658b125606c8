"""Snapshot of the extractor's output, to prove a speed change leaves it identical.

    python benchmarks/extract_snapshot.py OUT            # write a snapshot
    python benchmarks/extract_snapshot.py --compare OLD NEW

The snapshot covers every article of every tests/articles*/ corpus (run as the
evaluator runs them: header split off, source = file name) plus the benchmark's
articles (`build_articles`, default 1,000). Each article's result is written as
its dtypes and `DataFrame.to_csv` (floats in full precision), under a `### key`
line; a final line gives the sha256 of the whole dump. `--compare` prints how
many articles differ and the first differing lines of the first few.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_extract import build_articles  # noqa: E402

from dashboard.extract import extract_events, split_header  # noqa: E402


def _dump(df) -> str:
    dtypes = ",".join(f"{c}:{t}" for c, t in df.dtypes.items())
    return f"dtypes {dtypes}\nindex {type(df.index).__name__} {len(df)}\n" + df.to_csv(index=False,
                                                                                       float_format="%.17g")


def snapshot(n: int) -> dict[str, str]:
    out: dict[str, str] = {}
    for corpus in sorted(p for p in (REPO / "tests").glob("articles*") if p.is_dir()):
        for path in sorted(corpus.glob("*.txt")):
            published, body = split_header(path.read_text(encoding="utf-8"))
            key = f"{corpus.name}/{path.name}"
            try:
                out[key] = _dump(extract_events(body, published or "2024-01-01", source=path.name))
            except ValueError as e:
                out[key] = f"ValueError: {e}\n"
    for i, (text, published) in enumerate(build_articles(n)):
        out[f"bench/{i:04d}"] = _dump(extract_events(text, published))
    return out


def write(path: Path, snap: dict[str, str]) -> None:
    body = "".join(f"### {k}\n{v}" for k, v in snap.items())
    digest = hashlib.sha256(body.encode()).hexdigest()
    path.write_text(body + f"### total sha256 {digest}\n", encoding="utf-8")
    print(f"{len(snap)} articles, {sum(v.count(chr(10)) - 3 for v in snap.values())} event rows; sha256 {digest}")


def read(path: Path) -> dict[str, str]:
    snap: dict[str, str] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("### "):
            key = line[4:].rstrip("\n")
            if key.startswith("total sha256 "):
                break
            snap[key] = ""
        elif key is not None:
            snap[key] += line
    return snap


def compare(old_path: Path, new_path: Path, show: int = 5) -> int:
    old, new = read(old_path), read(new_path)
    keys = list(dict.fromkeys([*old, *new]))
    differing = [k for k in keys if old.get(k) != new.get(k)]
    print(f"{len(keys)} articles compared; {len(differing)} differ")
    for k in differing[:show]:
        print(f"--- {k}")
        a = (old.get(k) or "<missing>\n").splitlines()
        b = (new.get(k) or "<missing>\n").splitlines()
        for line in list(difflib.unified_diff(a, b, "old", "new", lineterm="", n=0))[2:12]:
            print(line)
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, help="snapshot file to write")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("OLD", "NEW"))
    parser.add_argument("--n", type=int, default=1000, help="benchmark articles (default 1000)")
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("give OUT or --compare OLD NEW")
    write(args.out, snapshot(args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
