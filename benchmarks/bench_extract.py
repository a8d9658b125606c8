"""Extraction speed: articles per second and ms per article on one core.

    python benchmarks/bench_extract.py [--n 1000] [--profile]

Articles of 2–4 KB are assembled deterministically from the paragraphs of the test
corpus (tests/articles), shuffled so each article mixes styles, places and events.
The gazetteer is loaded before timing (a one-off start-up cost, printed separately);
place lookups start cold. With --profile, the top functions by cumulative and
internal time are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.extract import extract_events, split_header  # noqa: E402
from dashboard.extract import places as places_module  # noqa: E402
from dashboard.geo import clear_caches, resolve_place  # noqa: E402


def build_articles(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """n (text, published) pairs of 2–4 KB from shuffled corpus paragraphs."""
    paragraphs: list[tuple[str, str]] = []
    for path in sorted((REPO / "tests" / "articles").glob("*.txt")):
        published, body = split_header(path.read_text(encoding="utf-8"))
        for para in body.split("\n\n"):
            if len(para.strip()) > 80 and not any("\u0600" <= ch <= "\u06ff" for ch in para):
                paragraphs.append((para.strip(), published or "2024-01-01"))
    rng = random.Random(seed)
    articles = []
    for _ in range(n):
        target = rng.randint(2048, 4096)
        parts: list[str] = []
        size = 0
        published = rng.choice(paragraphs)[1]
        while size < target:
            para = rng.choice(paragraphs)[0]
            if size + len(para) > 4096 and size >= 2048:
                break
            parts.append(para)
            size += len(para) + 2
        articles.append(("\n\n".join(parts)[:4096], published))
    return articles


def run(articles: list[tuple[str, str]]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, events). CPU time is the figure to
    trust on a shared machine: wall time also counts other processes' turns."""
    events = 0
    start, cpu = time.perf_counter(), time.process_time()
    for text, published in articles:
        events += len(extract_events(text, published))
    return time.perf_counter() - start, time.process_time() - cpu, events


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    articles = build_articles(args.n)
    sizes = [len(t.encode()) for t, _ in articles]
    t0 = time.perf_counter()
    resolve_place("Raqqa")  # loads the gazetteer
    print(f"gazetteer load: {(time.perf_counter() - t0) * 1000:.0f} ms (once per process)")
    clear_caches()
    places_module._lookup.cache_clear()
    places_module._ambiguous.cache_clear()

    profiler = cProfile.Profile(time.process_time) if args.profile else None
    if profiler:
        profiler.enable()
    elapsed, cpu, events = run(articles)
    if profiler:
        profiler.disable()
    n = len(articles)
    print(f"articles: {n}, sizes {min(sizes)}–{max(sizes)} bytes (mean {sum(sizes) / n:.0f}); load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"events extracted: {events}")
    print(f"cold place cache: wall {elapsed:.2f} s = {n / elapsed:.1f} articles/s, "
          f"{elapsed / n * 1000:.2f} ms/article; "
          f"CPU {cpu:.2f} s = {n / cpu:.1f} articles/s, {cpu / n * 1000:.2f} ms/article")
    elapsed2, cpu2, _ = run(articles)
    print(f"warm place cache: wall {n / elapsed2:.1f} articles/s, {elapsed2 / n * 1000:.2f} ms/article; "
          f"CPU {n / cpu2:.1f} articles/s, {cpu2 / n * 1000:.2f} ms/article")
    if profiler:
        for key in ("cumulative", "tottime"):
            buf = io.StringIO()
            pstats.Stats(profiler, stream=buf).sort_stats(key).print_stats(25)
            print(f"--- top functions by {key}")
            print("\n".join(buf.getvalue().splitlines()[6:40]))


if __name__ == "__main__":
    main()
