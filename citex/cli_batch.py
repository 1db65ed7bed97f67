"""``citex batch``: a whole corpus into one JSON Lines file, locally or on a Dask cluster.

Registered on the app in :mod:`citex.cli`; kept in its own module because writing many
records, resuming and the progress bar make it longer than the other commands.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from .errors import CitexError, OutputError

if TYPE_CHECKING:
    from .batch import BatchProgress

Record = dict[str, Any]


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Text files, directories (every *.txt below them) or glob patterns "
            "(quoted: 'corpus/**/*.txt').",
            metavar="INPUT",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The JSON Lines file: one record per document, in path order. Replaced "
            "only when the run completes, or appended to with --resume.",
        ),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Local worker processes (default: one per core).",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Run on the Dask cluster of this scheduler (tcp://host:8786) instead of "
            "locally; needs pip install 'citex\\[dask]'.",
        ),
    ] = None,
    bibtex: Annotated[
        Path | None,
        typer.Option(
            "--bibtex",
            help="Also write one merged, deduplicated BibTeX file of the works in OUT.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Append to OUT, skipping the documents already in it."),
    ] = False,
) -> None:
    """Process many documents (locally or on a Dask cluster) into one JSON line each."""
    from .batch import read_resume_point, run_batch
    from .cli import _user_errors

    with _user_errors():
        if workers is not None and scheduler is not None:
            raise CitexError("--workers is for local runs; a Dask cluster has its own workers")
        for target in (output, bibtex):
            if target is not None:
                _check_writable(target)
        if resume:
            _truncate(output, read_resume_point(output)[1])
        with _progress_bar() as on_progress:
            records = run_batch(
                inputs,
                workers=workers,
                scheduler=scheduler,
                resume_from=output if resume else None,
                on_progress=on_progress,
            )
            if resume:
                _append(output, records)
            else:
                from .textio import write_atomic

                write_atomic(output, lambda stream: _write_lines(stream, records))
        if bibtex is not None:
            _write_bibliography(bibtex, output)


def _write_lines(stream: IO[str], records: Iterable[Record], *, flush: bool = False) -> None:
    """One compact JSON line per record; ``flush`` hands each line to the system at once."""
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        if flush:
            stream.flush()


def _append(output: Path, records: Iterable[Record]) -> None:
    """Append the records to OUT, creating it if need be; a crash loses no written line."""
    try:
        stream = open(output, "a", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(f"{output}: cannot write ({exc.strerror or exc})") from None
    with stream:
        _write_lines(stream, records, flush=True)


def _truncate(output: Path, length: int) -> None:
    """Cut a last line left half-written by a stopped run, before appending after it."""
    if output.exists() and output.stat().st_size > length:
        os.truncate(output, length)


def _write_bibliography(path: Path, output: Path) -> None:
    """Merge the works of every record in OUT (read back one at a time) into a .bib file."""
    from .batch import merge_works, works_of_record
    from .export import FORMATS
    from .textio import write_atomic

    with open(output, encoding="utf-8") as stream:
        works = merge_works(works_of_record(json.loads(line)) for line in stream)
    bib = FORMATS["bibtex"](works)

    def write(out: IO[str]) -> None:
        out.write(bib)

    write_atomic(path, write)


def _check_writable(path: Path) -> None:
    """Fail before a long run, not after it, when an output cannot be written there."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    if path.is_dir():
        raise OutputError(f"{path} is a directory")


@contextlib.contextmanager
def _progress_bar() -> Iterator[Callable[[BatchProgress], None] | None]:
    """An ``on_progress`` callback drawing a rich bar on stderr, or None when stderr is
    not a terminal (a log file or a pipe gets no bar).

    The bar starts at the first call, which :func:`citex.batch.run_batch` makes once its
    worker processes exist: the bar's refresh thread must not be running when they fork.
    """
    if not sys.stderr.isatty():
        yield None
        return
    bar = _Bar()
    try:
        yield bar.update
    finally:
        bar.stop()


class _Bar:
    """Documents done of all, notes, citations, failures, rate and time left."""

    def __init__(self) -> None:
        self._progress: Any = None
        self._task: Any = None
        self._started = 0.0

    def update(self, state: BatchProgress) -> None:
        if self._progress is None:
            self._start(state)
        self._progress.update(
            self._task,
            completed=state.skipped + state.done,
            notes=state.notes,
            citations=state.citations,
            errors=state.errors,
            rate=f"{state.done / max(time.monotonic() - self._started, 1e-9):.0f}/s",
        )

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()

    def _start(self, state: BatchProgress) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        # Most telling first: a narrow terminal cuts the columns at the right.
        self._progress = Progress(
            BarColumn(bar_width=20),
            MofNCompleteColumn(),
            TextColumn("documents"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            # rich's estimate counts only progress made while the bar runs, so documents
            # skipped on resume do not shorten the time left.
            TextColumn("{task.fields[notes]} notes, {task.fields[citations]} citations,"),
            TextColumn("{task.fields[errors]} failed"),
            console=Console(stderr=True),
        )
        self._task = self._progress.add_task(
            "batch",
            total=state.total,
            completed=state.skipped,
            notes=0,
            citations=0,
            errors=0,
            rate="",
        )
        self._started = time.monotonic()
        self._progress.start()
