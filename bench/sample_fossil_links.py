"""Print a random sample of back-reference links in the FOSSIL articles, to judge by reading.

The FOSSIL corpus (``/work/shared/corpus/fossil-footnote-segmentation``, read at run time,
never copied) has no resolution gold, and none of citex's resolution rules were written
on it, so it is where a held-out spot check can be made: each sampled back-reference
(every citation whose resolution method is not ``full``/``container``) is printed with
the first citation of the work it was linked to and the resolver's reason, and a reader
judges the link right, wrong, ``null`` or a work started by a short form. BENCHMARKS.md
§5 gives the counts of the samples judged so far (the seed picks the sample).

Usage:
    .venv/bin/python bench/sample_fossil_links.py [--seed 11] [--size 60]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fossil_to_text import load_fossil  # noqa: E402

from citex.pipeline import process_text  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus/fossil-footnote-segmentation")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--size", type=int, default=60)
    args = ap.parse_args(argv)

    items = []
    for source in load_fossil(args.corpus):
        doc = process_text(source.text, source=source.name)
        first: dict[str, tuple[int, str]] = {}
        for note in doc.footnotes:
            for cite in note.citations:
                if cite.work and cite.work not in first:
                    first[cite.work] = (note.number, cite.text)
        for note in doc.footnotes:
            for cite in note.citations:
                r = cite.resolution
                if r is None or r.method in ("full", "container"):
                    continue
                target = first.get(cite.work) if cite.work else None
                items.append((source.name, note.number, cite, target))
    random.seed(args.seed)
    sample = random.sample(items, min(args.size, len(items)))
    for k, (name, number, cite, target) in enumerate(sample, start=1):
        r = cite.resolution
        assert r is not None
        where = f"note {target[0]}: {target[1][:110]!r}" if target else "no work"
        print(f"#{k} [{name[:30]} note {number}] {cite.text[:110]!r}")
        print(f"    {r.method} {r.confidence:.2f} -> {where}")
        print(f"    {r.reason[:160]}")
    print(f"{len(items)} back-references in {args.corpus.name}; {len(sample)} sampled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
