"""Benchmark: how resolution time grows with a document's notes and distinct works.

A made-up Italian-style document: every third note (until the authors run out) is a new
full citation ("G. Name, Storia di Place nel Seicento, Venezia 1901, p. 4"), every fifth
an Ibid., the rest short forms of a work cited before ("Name, Storia di Place, cit., p.
12"). Splitting is done first and not timed; the time is
:func:`citex.resolve.resolve_citations` alone, with how many citations got a work.

Usage:
    .venv/bin/python bench/bench_resolve_scaling.py [--sizes 500:175,2000:700]
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from citex.citations import split_citations_in_text
from citex.models import Footnote
from citex.resolve import resolve_citations

_SYLLABLES = ["ro", "ma", "ne", "ri", "ca", "to", "li", "ve", "sa", "bo", "de", "lu"]


def _name(i: int) -> str:
    """A made-up surname, the same for the same number."""
    r = random.Random(i)
    return "".join(r.choice(_SYLLABLES) for _ in range(3)).capitalize()


def document(n_notes: int, n_authors: int, *, seed: int = 1) -> list[str]:
    """The notes of a made-up document citing ``n_authors`` works."""
    pick = random.Random(seed)
    texts: list[str] = []
    cited: list[int] = []
    for k in range(n_notes):
        if len(cited) < n_authors and (k % 3 == 0 or not cited):
            a = len(cited)
            cited.append(a)
            texts.append(
                f"G. {_name(a)}, Storia di {_name(a + 1000)} nel Seicento,"
                f" Venezia {1900 + a % 100}, p. {k}."
            )
        elif k % 5 == 0:
            texts.append(f"Ibid., p. {k}.")
        else:
            a = pick.choice(cited)
            texts.append(f"{_name(a)}, Storia di {_name(a + 1000)}, cit., p. {k}.")
    return texts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500:175,2000:700", help="notes:authors, comma-separated")
    args = ap.parse_args(argv)
    print("| notes | distinct works | resolve s | citations with a work |")
    print("|---:|---:|---:|---:|")
    for size in args.sizes.split(","):
        n_notes, n_authors = (int(x) for x in size.split(":"))
        notes = [
            Footnote(i, 1, t, (), citations=tuple(split_citations_in_text(t)))
            for i, t in enumerate(document(n_notes, n_authors), start=1)
        ]
        started = time.perf_counter()
        resolved = resolve_citations(notes)
        elapsed = time.perf_counter() - started
        cites = [c for f in resolved for c in f.citations]
        linked = sum(1 for c in cites if c.work is not None)
        print(f"| {n_notes:,} | {n_authors:,} | {elapsed:.2f} | {linked:,}/{len(cites):,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
