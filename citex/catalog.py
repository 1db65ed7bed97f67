"""Known entries too many to load: an SQLite catalogue with an inverted index of blocking tokens.

``citex index`` turns a bibliography (a library's million records) into one SQLite file;
``citex check --known catalog.sqlite`` then asks it for candidates instead of loading it.
The file holds, per entry, its CSL-JSON and the normalised keys matching compares
(:class:`citex.match.EntryKeys`), so scoring a candidate never parses JSON; only the
winner's CSL is read.

Tables:
    ``meta``      format version and entry count.
    ``entries``   rowid, key, one column per key field, and the CSL-JSON last (a long
                  record's JSON may spill to overflow pages, which reading keys skips).
    ``postings``  one row per blocking token (``n:family``, ``t:word``, ``d:digits``): how
                  many entries hold it, and their ids packed as little-endian uint32,
                  smallest entry first (see :func:`citex.match.rank_by_votes`).
    ``sizes``     one row: each entry's number of blocking tokens, a byte per entry in id
                  order (from id 0, unused), for the ranking's length normalisation; read
                  whole when the catalogue is opened (1 MB per million entries).

A lookup reads the counts of the citation's tokens, then the id lists of the rarest few,
and ranks entries by shared rare tokens with :func:`citex.match.rank_by_votes`, exactly
as the in-memory store does. (An FTS5 index was used before: its bm25 ranking visits every
entry holding any query word and cost about 3 ms per citation at a million entries; the
packed lists cost a tenth of that and take a tenth of the space.)

sqlite3 is used only here.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from .errors import FormatError, InputError, OutputError
from .match import (
    EntryKeys,
    KnownEntry,
    block_tokens,
    entry_keys,
    entry_size,
    query_tokens,
    rank_by_votes,
    sort_postings,
    token_cap,
)
from .models import CSLItem

__all__ = ["CATALOG_VERSION", "Catalog", "build_catalog", "open_catalog"]

CATALOG_VERSION = "3"
"""Bumped whenever the tables or the key normalisation change: an old file is refused."""

# Rows written per transaction batch: large enough that SQLite's per-statement overhead
# vanishes, small enough that a batch's rows stay a few megabytes.
BATCH = 20_000

# Entry ids are packed four bytes each (a catalogue of up to 4 billion entries), in this
# array type code: "I" is four bytes on every common platform, "L" where it is not.
_ID_CODE = next(code for code in "IL" if array(code).itemsize == 4)
_BIG_ENDIAN = sys.byteorder == "big"

_KEY_COLUMNS = ("names", "editors", "title", "short_title", "container", "date", "volume",
                "issue", "number")  # fmt: skip
_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL,
    names TEXT, editors TEXT, title TEXT, short_title TEXT, container TEXT, date TEXT,
    volume TEXT, issue TEXT, number TEXT,
    csl TEXT NOT NULL
);
CREATE TABLE postings (token TEXT PRIMARY KEY, n INTEGER NOT NULL, ids BLOB NOT NULL);
CREATE TABLE sizes (sizes BLOB NOT NULL);
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
        # The id lists grow in memory (4 bytes per token of an entry: about 40 MB for a
        # million entries) and are written once, sorted by token.
        postings: defaultdict[str, array[int]] = defaultdict(lambda: array(_ID_CODE))
        sizes = bytearray(1)  # ids start at 1
        count = 0
        for batch in _batches(items, BATCH):
            rows = []
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
                sizes.append(entry_size(tokens))
                for token in tokens:
                    postings[token].append(count)
                rows.append((count, key, *_columns(keys), json.dumps(item, ensure_ascii=False)))
            with db:
                db.executemany(f"INSERT INTO entries VALUES ({', '.join('?' * 12)})", rows)
        with db:
            db.executemany(
                "INSERT INTO postings VALUES (?, ?, ?)",
                ((t, len(ids), _pack(_sorted(ids, sizes))) for t, ids in sorted(postings.items())),
            )
            db.execute("INSERT INTO sizes VALUES (?)", (bytes(sizes),))
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", "citex-catalog"), ("version", CATALOG_VERSION), ("count", str(count))],
            )
        return count
    except sqlite3.Error as exc:
        raise OutputError(f"cannot write the catalogue: {exc}") from None
    finally:
        db.close()


class Catalog:
    """Known entries in an SQLite catalogue built by :func:`build_catalog`.

    Candidates are the entries sharing the citation's rarest blocking tokens, ranked as
    :class:`citex.match.KnownList` ranks them (so both stores answer alike).
    """

    def __init__(self, db: sqlite3.Connection, count: int, sizes: bytes) -> None:
        self._db = db
        self._count = count
        self._cap = token_cap(count)
        self._sizes = sizes
        self._mean_size = sum(sizes) / count if count else 0.0

    def __len__(self) -> int:
        return self._count

    def candidates(self, keys: EntryKeys, *, limit: int) -> list[tuple[int, EntryKeys]]:
        """Entries sharing the rarest blocking tokens with ``keys``, best first."""
        tokens = block_tokens(keys)
        if not tokens:
            return []
        marks = ", ".join("?" * len(tokens))
        df = dict(
            self._db.execute(f"SELECT token, n FROM postings WHERE token IN ({marks})", tokens)
        )
        chosen = query_tokens(keys, lambda t: df.get(t, 0), cap=self._cap)
        if not chosen:
            return []
        marks = ", ".join("?" * len(chosen))
        lists = dict(
            self._db.execute(f"SELECT token, ids FROM postings WHERE token IN ({marks})", chosen)
        )
        ids = rank_by_votes(
            [_unpack(lists[t]) for t in chosen], self._count, limit,
            sizes=self._sizes, mean_size=self._mean_size,
        )  # fmt: skip
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
    try:
        (sizes,) = db.execute("SELECT sizes FROM sizes").fetchone()
    except sqlite3.Error as exc:
        db.close()
        raise FormatError(f"{path} is a damaged citex catalogue ({exc})") from None
    return Catalog(db, int(meta.get("count", "0")), sizes)


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


def _sorted(ids: array[int], sizes: bytearray) -> array[int]:
    """One token's ids in the order :func:`citex.match.rank_by_votes` reads them."""
    ordered = ids.tolist()
    sort_postings(ordered, sizes)
    return array(_ID_CODE, ordered)


def _pack(ids: array[int]) -> bytes:
    """Entry ids as little-endian uint32 bytes."""
    if _BIG_ENDIAN:
        ids = array(_ID_CODE, ids)
        ids.byteswap()
    return ids.tobytes()


def _unpack(blob: bytes) -> array[int]:
    """Entry ids from :func:`_pack`'s bytes."""
    ids = array(_ID_CODE, blob)
    if _BIG_ENDIAN:
        ids.byteswap()
    return ids


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
