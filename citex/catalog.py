"""Known entries too many to load: an SQLite catalogue with an FTS5 index of blocking tokens.

``citex index`` turns a bibliography (a library's million records) into one SQLite file;
``citex check --known catalog.sqlite`` then asks it for candidates instead of loading it.
The file holds, per entry, its CSL-JSON and the normalised keys matching compares
(:class:`citex.match.EntryKeys`), so scoring a candidate never parses JSON; only the
winner's CSL is read.

Tables:
    ``meta``     format version and entry count.
    ``entries``  rowid, key, CSL-JSON, and one column per key field.
    ``blocks``   FTS5, contentless: one document per entry holding its blocking tokens
                 (``n:family``, ``t:word``, ``d:digits``); rowid = entry. Full detail,
                 because FTS5's bm25 ranks nothing (every score 0) with ``detail=none``
                 or ``column``.
    ``df``       how many entries hold each token, so a query uses the rarest ones.

sqlite3 is used only here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from .errors import FormatError, InputError, OutputError
from .match import (
    EntryKeys,
    KnownEntry,
    block_tokens,
    entry_keys,
    query_tokens,
    token_cap,
)
from .models import CSLItem

__all__ = ["CATALOG_VERSION", "Catalog", "build_catalog", "open_catalog"]

CATALOG_VERSION = "2"
"""Bumped whenever the tables or the key normalisation change: an old file is refused."""

# Rows written per transaction batch: large enough that SQLite's per-statement overhead
# vanishes, small enough that a batch's rows stay a few megabytes.
BATCH = 20_000

_KEY_COLUMNS = ("names", "editors", "title", "short_title", "container", "date", "volume",
                "issue", "number")  # fmt: skip
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL, csl TEXT NOT NULL,
    names TEXT, editors TEXT, title TEXT, short_title TEXT, container TEXT, date TEXT,
    volume TEXT, issue TEXT, number TEXT
);
CREATE VIRTUAL TABLE blocks USING fts5(
    tokens, content='', tokenize="unicode61 tokenchars ':'"
);
CREATE TABLE df (token TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
"""


def build_catalog(items: Iterable[CSLItem], path: str | Path) -> int:
    """Write an SQLite catalogue of known entries, replacing ``path`` only when complete.

    Args:
        items: CSL-JSON items, each with an ``id``; read once, in a stream (a generator
            over a JSON Lines file keeps memory flat).
        path: the catalogue file to write.

    Returns:
        The number of entries written.

    Raises:
        FormatError: an item has no id, or an id repeats.
        OutputError: the directory is missing or not writable.

    Example:
        >>> import tempfile, pathlib
        >>> db = pathlib.Path(tempfile.mkdtemp()) / "c.sqlite"
        >>> build_catalog([{"id": "lee72", "title": "Old Roads of Kent"}], db)
        1
        >>> open_catalog(db).entry(1).key
        'lee72'
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        count = _write(items, tmp)
        os.replace(tmp, target)
    except BaseException:
        _unlink(tmp)
        raise
    return count


def _write(items: Iterable[CSLItem], tmp: str) -> int:
    """Fill a fresh database file at ``tmp``; return the entry count."""
    _unlink(tmp)
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        seen: set[str] = set()
        df: Counter[str] = Counter()
        count = 0
        for batch in _batches(items, BATCH):
            rows, docs = [], []
            for item in batch:
                key = str(item.get("id") or "")
                if not key:
                    raise FormatError(f"entry {count + 1} has no id")
                if key in seen:
                    raise FormatError(f"two entries share the key {key!r}")
                seen.add(key)
                count += 1
                keys = entry_keys(item)
                tokens = block_tokens(keys)
                df.update(tokens)
                rows.append((count, key, json.dumps(item, ensure_ascii=False), *_columns(keys)))
                docs.append((count, " ".join(tokens)))
            with db:
                db.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 12)})", rows)
                db.executemany("INSERT INTO blocks (rowid, tokens) VALUES (?, ?)", docs)
        with db:
            db.executemany("INSERT INTO df VALUES (?, ?)", df.items())
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", "citex-catalog"), ("version", CATALOG_VERSION), ("count", str(count))],
            )
            db.execute("INSERT INTO blocks (blocks) VALUES ('optimize')")
        return count
    except sqlite3.Error as exc:
        raise OutputError(f"cannot write the catalogue: {exc}") from None
    finally:
        db.close()


class Catalog:
    """Known entries in an SQLite catalogue built by :func:`build_catalog`.

    Candidates come from an FTS5 query over the citation's rarest blocking tokens,
    ranked by bm25 (rarer shared tokens first).
    """

    def __init__(self, db: sqlite3.Connection, count: int) -> None:
        self._db = db
        self._count = count
        self._cap = token_cap(count)

    def __len__(self) -> int:
        return self._count

    def candidates(self, keys: EntryKeys, *, limit: int) -> list[tuple[int, EntryKeys]]:
        """Entries sharing the rarest blocking tokens with ``keys``, best first."""
        tokens = block_tokens(keys)
        if not tokens:
            return []
        marks = ", ".join("?" * len(tokens))
        df = dict(self._db.execute(f"SELECT token, n FROM df WHERE token IN ({marks})", tokens))
        chosen = query_tokens(keys, lambda t: df.get(t, 0), cap=self._cap)
        if not chosen:
            return []
        query = " OR ".join(f'"{t}"' for t in chosen)
        ids = [
            row[0]
            for row in self._db.execute(
                "SELECT rowid FROM blocks WHERE blocks MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            )
        ]
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT id, {', '.join(_KEY_COLUMNS)} FROM entries WHERE id IN ({marks})", ids
        )
        found = {row[0]: _keys(row[1:]) for row in rows}
        return [(i, found[i]) for i in ids if i in found]

    def entry(self, entry_id: int) -> KnownEntry:
        row = self._db.execute("SELECT key, csl FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return KnownEntry(row[0], json.loads(row[1]))

    def __iter__(self) -> Iterator[KnownEntry]:
        for key, csl in self._db.execute("SELECT key, csl FROM entries ORDER BY id"):
            yield KnownEntry(key, json.loads(csl))

    def close(self) -> None:
        self._db.close()


def open_catalog(path: str | Path) -> Catalog:
    """Open a catalogue written by :func:`build_catalog` (read-only).

    Raises:
        InputError: the file is missing.
        FormatError: the file is not a citex catalogue, or one of another version.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{path}: no such file")
    try:
        db = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(db.execute("SELECT name, value FROM meta"))
    except sqlite3.Error as exc:
        raise FormatError(f"{path} is not a citex catalogue ({exc})") from None
    if meta.get("format") != "citex-catalog":
        db.close()
        raise FormatError(f"{path} is not a citex catalogue")
    if meta.get("version") != CATALOG_VERSION:
        db.close()
        raise FormatError(
            f"{path} is a catalogue of format {meta.get('version')}, this citex reads "
            f"{CATALOG_VERSION}: rebuild it with citex index"
        )
    return Catalog(db, int(meta.get("count", "0")))


def _columns(keys: EntryKeys) -> tuple[str, ...]:
    """The key fields as the ``entries`` table stores them (lists space-joined)."""
    return (
        " ".join(keys.names), " ".join(keys.editors), keys.title, keys.short_title,
        keys.container, " ".join(map(str, keys.date)), keys.volume, keys.issue, keys.number,
    )  # fmt: skip


def _keys(row: tuple[str, ...]) -> EntryKeys:
    """EntryKeys back from a row of the key columns."""
    names, editors, title, short, container, date, volume, issue, number = row
    return EntryKeys(
        names=tuple(names.split()), editors=tuple(editors.split()), title=title,
        short_title=short, container=container, date=tuple(int(p) for p in date.split()),
        volume=volume, issue=issue, number=number,
    )  # fmt: skip


def _batches(items: Iterable[CSLItem], size: int) -> Iterator[list[CSLItem]]:
    """The items in lists of ``size``."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _unlink(path: str) -> None:
    """Remove a file if it exists."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
