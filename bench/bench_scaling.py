"""Does citex take linear time? process_text on 1, 10 and 50 copies of a document.

Usage: .venv/bin/python bench/bench_scaling.py [--file PATH] [--runs N] [--copies 1,10,50]

Prints a markdown table: for each number of copies (joined by form feeds, so each copy
is a page run with its own notes, as a long scan would be), the size, the notes, citations
and works found, the median wall time of ``citex.process_text`` and the ratio to one copy
per copy (1.0 = exactly linear). Then times the inputs that once made a stage quadratic
(one note holding thousands of citations; thousands of distinct works; one work
cited thousands of times), at two sizes,
so a regression to n^2 shows as a 4x jump when the size doubles.

Exit status 1 when 50 copies take more than MAX_RATIO x 50 times one copy.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "copeland-1991-perestroika.txt"
# Time per copy may grow a little with size (caches, memory), never by a factor: the
# issue asks for 50 copies in at most ~50x one copy, and this leaves room for noise.
MAX_RATIO = 1.5


def _median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _synthetic(kind: str, lines: int) -> str:
    """Inputs that once made a stage quadratic, with about ``lines`` notes or lines."""
    if kind == "one note, many citations":
        return "".join(f"{i}. Ibid., {i}.\n" for i in range(1, lines + 1))
    if kind == "thousands of untitled works":
        return "".join(f"{i}. A. Author, Title (Place, 1990), {i}.\n" for i in range(1, lines + 1))
    page = "".join(
        f"{n}. Ann Lee, Old Roads (Boston: Beacon, 1972), {n}.\n" if n % 2 else f"{n}. Lee, {n}.\n"
        for n in range(1, 101)
    )
    return "\f".join([page] * (lines // 100))


SYNTHETIC = ("one note, many citations", "thousands of untitled works", "one work cited n times")
SMALL, LARGE = 2000, 4000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=SAMPLE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", default="1,10,50")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import citex

    text = args.file.read_text(encoding="utf-8")
    citex.process_text(text)  # load the parser model once
    print(f"input: {args.file.name}, {len(text):,} characters; median of {args.runs} runs\n")
    print("| copies | characters | notes | citations | works | seconds | per copy vs 1 |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    base = None
    ratio = 1.0
    for copies in (int(c) for c in args.copies.split(",")):
        doc_text = "\f".join([text] * copies)
        doc = citex.process_text(doc_text)
        seconds = _median_time(lambda t=doc_text: citex.process_text(t), args.runs)
        base = base if base is not None else seconds / copies
        ratio = seconds / copies / base
        cites = sum(len(f.citations) for f in doc.footnotes)
        print(
            f"| {copies} | {len(doc_text):,} | {len(doc.footnotes)} | {cites} | "
            f"{len(doc.works)} | {seconds:.2f} | {ratio:.2f} |"
        )
    print("\n| input that was once quadratic | lines | seconds | lines | seconds | growth |")
    print("|---|---:|---:|---:|---:|---:|")
    for kind in SYNTHETIC:
        t_small = _median_time(lambda k=kind: citex.process_text(_synthetic(k, SMALL)), 1)
        t_large = _median_time(lambda k=kind: citex.process_text(_synthetic(k, LARGE)), 1)
        print(
            f"| {kind} | {SMALL} | {t_small:.2f} | {LARGE} | {t_large:.2f} | "
            f"{t_large / t_small:.1f}x |"
        )
    print("\n(growth 2x = linear, 4x = quadratic)")
    if ratio > MAX_RATIO:
        print(f"\nFAIL: the largest input took {ratio:.2f}x per copy (limit {MAX_RATIO})")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
