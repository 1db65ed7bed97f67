"""Speed of `citex extract` on the sample: whole process (start-up included) and library.

Usage: .venv/bin/python bench/bench_extract_speed.py [--runs N] [--file PATH]

Prints a markdown table: median and best wall time of `citex extract FILE -o tmp` as a
process (what a user waits for), and of `citex.process_text` inside one process, split
into footnote finding and the whole pipeline. Also times 50 copies of the input
concatenated, to show time grows linearly with input.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "copeland-1991-perestroika.txt"


def _time(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--file", type=Path, default=SAMPLE)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import citex

    text = args.file.read_text(encoding="utf-8")
    citex.process_text(text)  # load the parser model once, as a long-running caller would
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        command = [sys.executable, "-m", "citex", "extract", str(args.file), "-o", str(out)]
        times = _time(lambda: subprocess.run(command, check=True, capture_output=True), args.runs)
        rows.append(("`citex extract FILE -o OUT` (whole process)", times))
    rows.append(("find_footnotes (library)", _time(lambda: citex.find_footnotes(text), args.runs)))
    rows.append(
        (
            "process_text: notes + citations (library)",
            _time(lambda: citex.process_text(text), args.runs),
        )
    )
    big = "\n".join([text] * 50)
    one = statistics.median(_time(lambda: citex.find_footnotes(text), 5))
    fifty = statistics.median(_time(lambda: citex.find_footnotes(big), 3))
    print(f"input: {args.file.name}, {len(text):,} characters; {args.runs} runs\n")
    print("| what | median s | best s |")
    print("|---|---:|---:|")
    for name, times in rows:
        print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} |")
    print(
        f"\nfind_footnotes on 50 copies: {fifty:.3f} s = {fifty / one:.1f} x one copy ({one:.4f} s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
