"""Coverage-guided fuzzing of citex's text entry points with atheris (bounded in time).

Usage:
    .venv/bin/pip install atheris
    .venv/bin/python tools/fuzz.py TARGET [--seconds N] [--corpus DIR]

TARGET is one of ``footnotes`` (find_footnotes), ``citations`` (split_citations_in_text),
``reference`` (parse_reference) or ``pipeline`` (process_text, then every exporter).
Each input is decoded as UTF-8 with replacement and must come back without any exception
but citex's documented ones; a crash stops the run, prints the input and leaves it in
``crash-*`` files (libFuzzer's naming), to be kept as a regression test in
``tests/test_hostile.py``. The run also stops after ``--seconds`` (default 60).

The seed corpus is the sample article's lines and notes, so the fuzzer starts from text
that looks like OCR'd notes rather than from nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = ("footnotes", "citations", "reference", "pipeline")


def _target(name: str):
    """The function the fuzzer calls with each input's text."""
    from citex.citations import split_citations_in_text
    from citex.errors import CitexError
    from citex.export import FORMATS
    from citex.footnotes import find_footnotes
    from citex.pipeline import process_text
    from citex.reference import parse_reference

    def pipeline(text: str) -> None:
        doc = process_text(text)
        for write in FORMATS.values():
            write(list(doc.works))

    call = {
        "footnotes": find_footnotes,
        "citations": split_citations_in_text,
        "reference": parse_reference,
        "pipeline": pipeline,
    }[name]

    def one_input(data: bytes) -> None:
        text = data.decode("utf-8", errors="replace")
        try:
            call(text)
        except CitexError:
            pass  # documented errors are allowed

    return one_input


def _seed(directory: Path) -> None:
    """Seed inputs: single lines and small blocks of the sample article."""
    lines = (ROOT / "samples" / "copeland-1991-perestroika.txt").read_text().splitlines()
    for i in range(0, len(lines), 7):
        (directory / f"seed{i:04d}").write_text("\n".join(lines[i : i + 7]) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", choices=TARGETS)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args(argv)
    import atheris  # imported here: an optional tool, not a dependency of citex

    corpus = args.corpus or Path(tempfile.mkdtemp(prefix=f"citex-fuzz-{args.target}-"))
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        _seed(corpus)
    with atheris.instrument_imports():
        one_input = _target(args.target)
    atheris.Setup(
        [sys.argv[0], str(corpus), f"-max_total_time={args.seconds}", "-max_len=4096"],
        one_input,
    )
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
