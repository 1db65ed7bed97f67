"""Benchmark: how long rendering the sample's bibliography (and notes) takes.

The sample article is processed once (:func:`citex.pipeline.process_text`); its works'
CSL-JSON items are then rendered with :func:`citex.export.render.render_bibliography` in
Chicago notes-bibliography, APA and MLA, and its footnotes with
:func:`citex.export.render.render_notes` in Chicago notes-bibliography. Each rendering
starts from the style's name, as a ``citex render`` run does (the style is parsed every
time). Reported: the median and the worst of ``--repeat`` runs, in seconds.

Usage:
    .venv/bin/python bench/bench_render.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from citex.export.csl_json import csl_item
from citex.export.render import render_bibliography, render_notes
from citex.pipeline import process_text

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "copeland-1991-perestroika.txt"
STYLES = ("chicago-notes-bibliography", "apa", "modern-language-association")


def _timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and worst wall-clock seconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    doc = process_text(SAMPLE.read_text(encoding="utf-8"), source=str(SAMPLE))
    items = [{**csl_item(work.csl), "id": work.id} for work in doc.works]
    print(f"{len(items)} works, {len(doc.footnotes)} footnotes\n")
    print("| what | median s | worst s |")
    print("|---|---:|---:|")
    for style in STYLES:
        median, worst = _timed(lambda s=style: render_bibliography(items, s), args.repeat)
        print(f"| bibliography, {style} | {median:.3f} | {worst:.3f} |")
    median, worst = _timed(lambda: render_notes(doc.footnotes, items), args.repeat)
    print(f"| notes, chicago-notes-bibliography | {median:.3f} | {worst:.3f} |")


if __name__ == "__main__":
    main()
