"""Many documents at once: local worker processes, or a Dask cluster when asked.

:func:`run_batch` turns a list of inputs (files, directories, glob patterns) into one
record per document, in the order of the sorted paths, whatever order the workers finish
in. A record is the extract JSON of :func:`citex.serialize.document_to_json` (which holds
``"source"``), or ``{"source": ..., "error": ...}`` for a document that could not be
processed; one failing document never stops the run.

Only a bounded window of documents is in flight at a time, so memory stays flat however
large the corpus: the caller writes each record as it is yielded.

Workers get paths, not texts, and read the documents themselves: with a Dask scheduler the
files must be readable at the same absolute paths on every worker (a shared filesystem).
This is the only module that imports Dask (``distributed``), and only when a scheduler is
given, since it is an optional extra (``pip install 'citex[dask]'``).

:func:`merge_works` merges the works of many documents into one deduplicated
bibliography for the corpus.
"""

from __future__ import annotations

import glob
import json
import os
import signal
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any

from ._version import __version__
from .errors import CitexError, FormatError, InputError
from .models import CSLItem, Work
from .pipeline import process_text
from .serialize import document_to_json
from .textio import decode_bytes
from .works import collision_suffix

__all__ = [
    "BatchProgress",
    "expand_inputs",
    "merge_works",
    "process_path",
    "read_resume_point",
    "run_batch",
    "works_of_record",
]

Record = dict[str, Any]
Job = tuple[str, str]  # (absolute path to read, source name to record)

# Tasks in flight per worker. Enough that a worker never waits for the client to hand it
# the next task, few enough that the records held for in-order writing stay a handful.
TASKS_PER_WORKER = 4
# Documents per task. OCR'd pages take a millisecond or two each, about the cost of one
# round trip to a worker process, so single-page tasks would spend half the time on
# messages; a few pages per task make that cost small and still spread evenly.
LOCAL_CHUNK = 8
# A Dask task costs the scheduler about a millisecond on top of that: bigger chunks.
DASK_CHUNK = 16
# How long to wait for a Dask scheduler before giving up on its address.
DASK_CONNECT_SECONDS = 10
# Only these files are taken from a directory given as input.
DIRECTORY_PATTERN = "*.txt"
# An input holding one of these (and naming no file) is a glob pattern.
_GLOB_CHARS = "*?["


@dataclass(frozen=True)
class BatchProgress:
    """Where a run stands, passed to ``on_progress`` at the start and after every record."""

    total: int  # documents in the input, including those skipped on resume
    skipped: int  # documents already in the resumed output
    done: int  # documents processed in this run
    notes: int
    citations: int
    errors: int


def run_batch(
    inputs: Sequence[str],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    resume_from: str | Path | None = None,
    on_progress: Callable[[BatchProgress], None] | None = None,
) -> Iterator[Record]:
    """Process every document of the inputs and yield their records in path order.

    The inputs and ``resume_from`` are checked at once; the work starts when the first
    record is asked for.

    Args:
        inputs: text files, directories (every ``*.txt`` below them) and glob patterns
            (``corpus/**/*.txt``); see :func:`expand_inputs`.
        workers: local worker processes; None means one per core. 1 runs in this process.
            Ignored with a scheduler, where the cluster's workers do the work.
        scheduler: the address of a Dask scheduler (``tcp://host:8786``): run there.
        resume_from: a JSON Lines file of earlier records; documents whose source is in
            it are skipped. A file that does not exist yet holds no records.
        on_progress: called with a :class:`BatchProgress` before the first record and
            after each one.

    Returns:
        An iterator of one record per document not skipped: the extract JSON, or
        ``source`` and a one-line ``error``.

    Raises:
        InputError: an input pattern or directory matches no files, or no input at all.
        FormatError: ``resume_from`` holds a line that is not a record.
        CitexError: a scheduler is given but Dask is not installed; and, while the
            records are read, the scheduler cannot be reached or a local worker process
            died.

    Example:
        >>> for record in run_batch(["corpus/"], workers=2):  # doctest: +SKIP
        ...     print(record["source"], len(record.get("footnotes", [])))
    """
    sources = expand_inputs(inputs)
    done = read_resume_point(resume_from)[0] if resume_from is not None else set()
    if scheduler is not None:
        _require_dask()
    jobs = [(os.path.abspath(s), s) for s in sources if s not in done]
    start = BatchProgress(len(sources), len(sources) - len(jobs), 0, 0, 0, 0)
    return _records(jobs, start, workers or os.cpu_count() or 1, scheduler, on_progress)


def _records(
    jobs: list[Job],
    progress: BatchProgress,
    workers: int,
    scheduler: str | None,
    on_progress: Callable[[BatchProgress], None] | None,
) -> Iterator[Record]:
    """The records of :func:`run_batch`, reporting progress as they come."""

    def started() -> None:
        if on_progress is not None:
            on_progress(progress)

    if scheduler is not None:
        records = _run_dask(jobs, scheduler, started)
    else:
        records = _run_local(jobs, workers, started)
    for record in records:
        if on_progress is not None:
            progress = _advance(progress, record)
            on_progress(progress)
        yield record


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """The documents named by the inputs, each once, sorted by path.

    A directory stands for every ``*.txt`` file below it, a pattern with ``*``, ``?`` or
    ``[`` for the files it matches (``**`` crosses directories); anything else is taken as
    a file name, so a missing file becomes an error record rather than stopping the run.

    Raises:
        InputError: standard input (``-``), nothing to process, or a directory or pattern
            that matches no files (most likely a typing mistake).

    Example:
        >>> expand_inputs(["b.txt", "a.txt", "./b.txt"])
        ['a.txt', 'b.txt']
    """
    found: dict[str, str] = {}  # real path -> the name it was first given by
    for raw in inputs:
        if raw == "-":
            raise InputError("batch reads files, not standard input")
        path = Path(raw)
        if path.is_dir():
            names = _directory_files(path)
            if not names:
                raise InputError(f"{raw}: no {DIRECTORY_PATTERN} files in this directory")
        elif not path.exists() and any(ch in raw for ch in _GLOB_CHARS):
            names = []
            for match in sorted(glob.glob(raw, recursive=True)):
                names.extend(_directory_files(Path(match)) if Path(match).is_dir() else [match])
            if not names:
                raise InputError(f"{raw}: no files match this pattern")
        else:
            names = [raw]
        for name in names:
            found.setdefault(os.path.realpath(name), os.path.normpath(name))
    if not found:
        raise InputError("no input documents")
    return sorted(found.values())


def read_resume_point(path: str | Path | None) -> tuple[set[str], int]:
    """The sources already recorded in a JSON Lines output, and where to append.

    A run stopped while writing can leave a last line cut short; it does not count, and
    the returned length (in bytes) ends before it, so the caller can truncate it away.

    Raises:
        FormatError: a complete line that is not a citex batch record.

    Example:
        >>> read_resume_point("does-not-exist.jsonl")
        (set(), 0)
    """
    if path is None or not Path(path).exists():
        return set(), 0
    done: set[str] = set()
    good = 0
    with open(path, "rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.endswith(b"\n"):
                break
            try:
                source = json.loads(line)["source"]
            except (ValueError, KeyError, TypeError):
                raise FormatError(
                    f"{path}, line {number}: not a citex batch record; cannot resume"
                ) from None
            done.add(source)
            good += len(line)
    return done, good


def process_path(path: str, source: str | None = None) -> Record:
    """The record of one document: read, decoded, processed and turned into JSON.

    Args:
        path: the file to read.
        source: the name to record (default: ``path``).

    Returns:
        The extract JSON of the document, or ``{"citex_version", "source", "error"}``
        with a one-line message when it cannot be read or processed.

    Example:
        >>> process_path("missing.txt")["error"]
        'missing.txt: no such file'
    """
    source = path if source is None else source
    try:
        decoded = decode_bytes(_read_bytes(path, source), name=source)
        doc = process_text(decoded.text, source=source)
    except CitexError as exc:
        return _error_record(source, str(exc))
    except Exception as exc:
        # A bug in citex met on one document must not cost the rest of a long run: the
        # record names it (CITEX_DEBUG=1 raises instead, for a traceback).
        if os.environ.get("CITEX_DEBUG"):
            raise
        return _error_record(source, f"internal error ({type(exc).__name__}: {exc})")
    if decoded.warnings:
        doc = replace(doc, warnings=decoded.warnings + doc.warnings)
    return document_to_json(doc)


def works_of_record(record: Record) -> list[Work]:
    """The works of one batch record as :class:`~citex.models.Work` (none for an error).

    Example:
        >>> works_of_record({"source": "a", "works": [{"id": "lee1972", "csl": {}}]})
        [Work(id='lee1972', csl={}, cited_in=())]
    """
    return [Work(id=w["id"], csl=w["csl"]) for w in record.get("works", [])]


def merge_works(per_document: Iterable[Sequence[Work]]) -> list[Work]:
    """One deduplicated bibliography from the works of many documents.

    Two works are one when their normalised author family names, year and title agree
    (case, accents, punctuation and spacing aside); works without a title merge only
    with identical ones. A merged work keeps the fields of its first occurrence and
    takes the fields it lacks from later ones. Ids are the first occurrence's, with a
    letter suffix when two different works of the corpus had the same id. Places
    (``cited_in``) are dropped: footnote numbers mean nothing outside their document.

    Args:
        per_document: the works of each document, in corpus order.

    Returns:
        The works in order of first appearance, with unique ids valid as BibTeX keys.

    Example:
        >>> a = Work("lee1972roads", {"author": [{"family": "Lee"}], "title": "Roads",
        ...          "issued": {"date-parts": [[1972]]}})
        >>> b = Work("lee1972roads", {"author": [{"family": "LEE"}], "title": "roads.",
        ...          "issued": {"date-parts": [[1972]]}, "publisher": "Ace"})
        >>> [(w.id, w.csl["publisher"]) for w in merge_works([[a], [b]])]
        [('lee1972roads', 'Ace')]
    """
    groups: dict[object, tuple[str, CSLItem]] = {}
    for works in per_document:
        for work in works:
            key = _identity(work.csl)
            if key in groups:
                first_id, csl = groups[key]
                groups[key] = (first_id, {**work.csl, **csl})
            else:
                groups[key] = (work.id, dict(work.csl))
    taken: set[str] = set()
    merged: list[Work] = []
    for wid, csl in groups.values():
        base = _key_chars(wid)
        candidate, n = base, 0
        while candidate in taken:
            candidate, n = base + collision_suffix(n), n + 1
        taken.add(candidate)
        merged.append(Work(id=candidate, csl=csl))
    return merged


# ---------------------------------------------------------------------------------------
# Running the jobs


def _run_local(jobs: list[Job], workers: int, started: Callable[[], None]) -> Iterator[Record]:
    """Records of the jobs from local worker processes (or this process for one worker).

    ``started`` is called once the worker processes exist: a caller that starts threads
    (a progress bar) then does so after the fork.
    """
    if workers <= 1 or len(jobs) <= 1:
        started()
        for path, source in jobs:
            yield process_path(path, source)
        return
    chunks = _chunks(jobs, LOCAL_CHUNK)
    pool = ProcessPoolExecutor(max_workers=min(workers, len(chunks)), initializer=_ignore_sigint)
    try:
        ordered = _in_order(chunks, pool.submit, workers * TASKS_PER_WORKER)
        started()
        for chunk, records in ordered:
            try:
                yield from records.result()
            except BrokenProcessPool:
                raise CitexError(
                    f"a worker process died while processing {chunk[0][1]} or the documents "
                    "after it (out of memory?); rerun with --resume to go on"
                ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _require_dask() -> None:
    """Raise a CitexError saying how to install Dask when it is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise CitexError("--scheduler needs Dask distributed: pip install 'citex[dask]'") from None


def _run_dask(jobs: list[Job], scheduler: str, started: Callable[[], None]) -> Iterator[Record]:
    """Records of the jobs from the workers of the Dask scheduler at ``scheduler``."""
    from concurrent.futures import CancelledError

    from distributed import Client, KilledWorker

    try:
        client = Client(scheduler, timeout=DASK_CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise CitexError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        threads = max(sum(client.nthreads().values()), 1)

        def submit(fn: Callable[..., Any], chunk: list[Job]) -> Any:
            # pure=False: a rerun must really run, not return a cached result.
            return client.submit(fn, chunk, pure=False)

        ordered = _in_order(_chunks(jobs, DASK_CHUNK), submit, threads * TASKS_PER_WORKER)
        started()
        for chunk, future in ordered:
            try:
                records = future.result()
            except CancelledError:
                raise CitexError(
                    f"lost the Dask scheduler at {scheduler} while processing {chunk[0][1]}; "
                    "rerun with --resume to go on"
                ) from None
            except KilledWorker:
                # Dask already retried the task on other workers; each died on it.
                records = [
                    _error_record(source, "Dask workers died processing this document's task")
                    for _, source in chunk
                ]
            future.release()
            yield from records
    finally:
        client.close()


def _in_order(
    chunks: list[list[Job]], submit: Callable[..., Any], window: int
) -> Iterator[tuple[list[Job], Any]]:
    """Submit the first ``window`` chunks now, then one more as each is taken, in order.

    Yields (chunk, future) pairs in chunk order, so at most ``window`` chunks are ever
    in flight or waiting to be written.
    """
    waiting = iter(chunks)
    pending: deque[tuple[list[Job], Future[list[Record]]]] = deque(
        (chunk, submit(_process_chunk, chunk)) for chunk in islice(waiting, max(window, 1))
    )
    return _drain(pending, waiting, submit)


def _drain(
    pending: deque[tuple[list[Job], Any]],
    waiting: Iterator[list[Job]],
    submit: Callable[..., Any],
) -> Iterator[tuple[list[Job], Any]]:
    """Yield the oldest pending chunk, submitting the next waiting one in its place."""
    while pending:
        head = pending.popleft()
        following = next(waiting, None)
        if following is not None:
            pending.append((following, submit(_process_chunk, following)))
        yield head


def _process_chunk(chunk: list[Job]) -> list[Record]:
    """The records of a few documents, run in a worker."""
    return [process_path(path, source) for path, source in chunk]


def _chunks(jobs: list[Job], size: int) -> list[list[Job]]:
    """The jobs in consecutive groups of at most ``size``."""
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def _ignore_sigint() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops them cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_bytes(path: str, source: str) -> bytes:
    """The file's bytes; errors name the document by its source."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source} is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror or exc})") from None


def _error_record(source: str, message: str) -> Record:
    """The record of a document that failed: its source and the message on one line."""
    return {"citex_version": __version__, "source": source, "error": " ".join(message.split())}


def _advance(progress: BatchProgress, record: Record) -> BatchProgress:
    """The progress after one more record."""
    notes = record.get("footnotes", [])
    return replace(
        progress,
        done=progress.done + 1,
        notes=progress.notes + len(notes),
        citations=progress.citations + sum(len(n.get("citations", [])) for n in notes),
        errors=progress.errors + ("error" in record),
    )


def _directory_files(directory: Path) -> list[str]:
    """Every ``*.txt`` file below a directory."""
    return sorted(str(p) for p in directory.rglob(DIRECTORY_PATTERN) if p.is_file())


# ---------------------------------------------------------------------------------------
# Merging works across documents


def _identity(csl: CSLItem) -> object:
    """What makes two works of different documents one: authors, year and title."""
    title = _normal(csl.get("title"))
    if not title:
        return ("exact", json.dumps(csl, sort_keys=True, ensure_ascii=False))
    names = csl.get("author") or csl.get("editor") or []
    families = tuple(
        _normal(n.get("family") or n.get("literal") if isinstance(n, dict) else n) for n in names
    )
    return ("work", families, _year(csl), title)


def _normal(value: object) -> str:
    """Lower case, accents folded, only letters and digits, single spaces."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", str(value).casefold())
    letters = "".join(ch if ch.isalnum() else " " for ch in text if not unicodedata.combining(ch))
    return " ".join(letters.split())


def _year(csl: CSLItem) -> str:
    """The first year of the item's date as text, or ''."""
    issued = csl.get("issued")
    parts = issued.get("date-parts") if isinstance(issued, dict) else None
    if parts and parts[0]:
        return str(parts[0][0])
    return str(issued.get("literal", "")) if isinstance(issued, dict) else ""


def _key_chars(wid: str) -> str:
    """A work id reduced to the characters every BibTeX reader takes in a key."""
    return "".join(ch for ch in _normal(wid) if ch.isascii() and ch.isalnum()) or "work"
