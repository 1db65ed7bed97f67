"""Citations against known entries -> Match[]: which entry each citation is, and what OCR damaged.

A user often has the true bibliography (a Zotero export, a publisher's list, a library
catalogue). :func:`match_citations` finds, for every citation, the known entry it cites
or none, in three steps:

1. **Blocking.** Each entry and each citation is reduced to :class:`EntryKeys`
   (normalised family names, title, container, date, volume, issue, document number) and
   to blocking tokens (family names, title words, document digits). A
   :class:`KnownEntries` store returns the few entries sharing the rarest tokens with the
   citation, so a million-record catalogue costs a handful of comparisons per citation.
2. **Scoring.** Each candidate is compared field by field (edit distances) on the
   normalised keys. Some disagreements veto a candidate outright: another title, another
   author, another volume, issue or document number. What is left is scored 0-100 by a
   weighted mean, and only a candidate with real evidence (a matching title, a matching
   document symbol, or a periodical issue pinned by volume/issue/date) may be taken.
3. **Diffs.** The citation's fields are compared with the chosen entry's and each
   difference is classified (:func:`classify_difference`): ``ocr``, ``diacritics``,
   ``spacing``, ``abbreviation`` or ``different``.

Resolved back-references (Ibid., short forms) are matched through their work's fields
when the document has works; an unresolved one is matched by its own fields, which are
usually too few, so it is reported unmatched with a reason rather than guessed.

rapidfuzz is reached only through :mod:`citex.fuzzy` (its normalisers, and its raw
``key_ratio``/``edit_operations`` family for keys normalised once and compared many
times), so a change of library happens there alone.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from .errors import FormatError, InputError
from .fuzzy import (
    best_window,
    edit_operations,
    edit_similarity,
    fold,
    key_partial_ratio,
    key_ratio,
    name_key,
    normalise,
    title_key,
)
from .models import Citation, CSLItem, Document, Footnote, Work

__all__ = [
    "DIFF_KINDS",
    "MIN_SCORE",
    "EntryKeys",
    "FieldDiff",
    "KnownEntries",
    "KnownEntry",
    "KnownList",
    "Match",
    "block_tokens",
    "classify_difference",
    "entry_keys",
    "entry_size",
    "load_known",
    "match_citations",
    "match_report",
    "query_tokens",
    "rank_by_votes",
    "sort_postings",
    "read_known_items",
    "token_cap",
]

# ---------------------------------------------------------------------------------------
# Thresholds, each with its reason

MIN_SCORE = 75.0
"""Below this score a citation is reported unmatched rather than matched to the nearest
entry. A right entry with an OCR-mangled surname (ratio 0.6) and everything else equal
scores about 88; the same title in another edition year about 85; an entry that shares
only a partial title (0.8) with nothing else agreeing scores 80 but is refused by the
evidence rule, not by the score. 75 leaves room for two damaged fields at once."""

# Titles (keys without spaces, see fuzzy.title_key) less alike than this are two works:
# OCR damage changes a few letters of a title (0.85+), another title of the same author
# shares its words rarely in order.
TITLE_VETO = 0.7
# A title this alike counts as evidence for a match on its own.
TITLE_EVIDENCE = 0.85
# A matching title shorter than this (letters) is common ("Opere", "Palladio", "Memoirs"):
# it needs a second agreeing field (name, year, container) before it identifies a work.
SHORT_TITLE = 16
# A title that is the opening of the other (a main title without its subtitle, a volume
# statement appended) scores this much: strong, but below an exact title.
PREFIX_TITLE_SCORE = 0.92
# A cited title this long (letters) may be the main title of a longer entry title: shorter
# ones ("Essays", "Opere") open too many titles to mean one.
MAIN_TITLE = 8
# A cited main title this long (letters) identifies its entry without a second field.
LONG_MAIN_TITLE = 30
# The shorter of two titles must be at least this share of the longer for a partial
# (substring) comparison: the parser sometimes glues an author or a role word onto a title.
PARTIAL_TITLE_SHARE = 0.6
# Family names less alike than this are different people ("Harwood"/"Howard" stays,
# "Smith"/"Jones" goes). Low because OCR damages names badly: "Kbrhs" for an accented
# five-letter name scores 0.6.
NAME_VETO = 0.5
# An editor standing where the citation has an author counts a little less.
EDITOR_AS_AUTHOR = 0.9
# A family name glued to a title by the parser stands within this many letters of the
# title's start (room for given names: "mikhails", "eduard").
GLUED_NAME_OFFSET = 12
# A word of a citation's text at least this like a known family name is taken for that
# name, damaged ("Kbrs" for "Kőrös" scores 0.8; another capitalised word rarely 0.6).
NAME_IN_TEXT = 0.75
# Containers at least this alike, with volume/issue/date agreeing, identify a title-less
# periodical issue.
CONTAINER_SAME = 0.85

# In ranking candidates (not in the score the threshold judges), a field the citation
# gives and the entry lacks counts as this much agreement: neither confirmed nor denied.
SILENT_FIELD = 0.5

# Field weights of the score (only fields both sides have are weighed). The title tells
# works apart best; names next; the rest confirm.
WEIGHTS = {"title": 45.0, "names": 25.0, "year": 10.0, "container": 10.0, "numbers": 10.0}

# Letters of a title's opening (spaces dropped) that make one blocking token: long enough
# to be rarer than a word, short enough to end before most OCR damage.
TITLE_OPENING = 10

# Candidates scored per citation: the true entry is nearly always among the first few by
# shared rare tokens; more only costs time.
MAX_CANDIDATES = 40
# Blocking tokens used per query, rarest first: enough to survive a damaged name or
# title word, few enough to keep a catalogue query cheap (every entry holding one gets a
# vote). On the 1M-entry bench, 8 tokens instead of 6 gain nothing and cost 20% more.
MAX_QUERY_TOKENS = 6
# In a large store a token held by more entries than this ("history", a common surname)
# says little and costs much (every entry holding it gets a vote); it is left out. On the
# 1M-entry bench (BM25 ranking) the source is among the first 40 candidates for 97.8% of
# citations with a cap of 1,500, 98.6% with 5,000 (0.15 ms more per citation), 98.7%
# with no cap (0.3 ms more).
MAX_TOKEN_ENTRIES = 5000
# Candidate ranking is BM25 with every term frequency 1 (see rank_by_votes). Its length
# normalisation matters: an entry with many tokens (a long title, several authors) shares
# a query's words by chance more often than the entry the citation was made from. On the
# 1M-entry bench plain idf votes put the source among the first 40 candidates for 96.0%
# of citations, BM25 (the usual k1 and b) for 97.8%.
BM25_K1 = 1.2
BM25_B = 0.75
# In a small store every token is cheap, so the cap applies only above this size.
SMALL_STORE = 5000

DIFF_KINDS = ("ocr", "diacritics", "spacing", "abbreviation", "different")

# Words too common to block on (articles, prepositions, conjunctions in the corpora's
# languages); titles keep them for scoring.
_STOPWORDS = frozenset(
    """the and for with from into about von und der die das des den dem ein eine les
    une des del della delle degli dei per con nel nella sul sulla los las una por""".split()
)
# Fields compared for diffs, in report order (names first).
_TEXT_FIELDS = ("title", "container-title", "publisher", "publisher-place", "volume",
                "issue", "number")  # fmt: skip

# ---------------------------------------------------------------------------------------
# Patterns

# A run of digits: the identity of a document number.
# must match: "412" in "ECOSOC/R/SR.412"; "7721" in "E/7721"    must not match: "XXI"
_DIGITS = re.compile(r"\d+")
# A title word worth blocking on: three or more letters/digits after normalising.
# must match: "canals" "nato" "1848"    must not match: "of" "a" "ed"
_BLOCK_WORD = re.compile(r"[a-z0-9]{3,}")
# Characters a document symbol keeps (letters, digits and the separators that matter).
# must match: "A" "/" "." "6"    must not match: " " "," "("
_SYMBOL_CHARS = re.compile(r"[^A-Z0-9/.\-]")
# A document symbol standing in some other field (parsers put it in a title or container).
# must match: "ECOSOC/RISR.412" "COS/R/44/Add.3" "E/811"    must not match: "1989/90" "and/or"
_SYMBOL_LIKE = re.compile(
    r"\b[A-Z]{1,8}(?:/[A-Za-z0-9.()]*\d[A-Za-z0-9.()]*|/[A-Z][A-Za-z0-9.()]*)+"
)
# Punctuation that does not change a value ("Glasnost, December" is "Glasnost December").
# must match: "," ":" "'" "-"    must not match: "/" (document symbols) "a" " "
_PUNCTUATION = re.compile(r"[^\w\s/]")
# A note that names the host volume by its editor ("in Smith", the usual short form of a
# chapter's book once the book was cited in full).
# must match: "in K6r~s" "in Lee and Orme"    must not match: "interview by" "in press" "in 3 vols"
_IN_HOST_NOTE = re.compile(r"^in\s+(?!press\b|preparation\b)(?P<host>[^\W\d][^,;:]{1,60})$")
# One word of a value, for abbreviation checks (dots and punctuation dropped).
# must match: "Colo" in "Colo."; "Md" in "Md."    must not match: "." ","
_WORD = re.compile(r"[^\W_]+")
# A token of OCR text as printed (to cut a found value out of a citation's text).
# must match: "E17721" in "Document E17721 (1970)"    must not match: " " "("
_OCR_TOKEN = re.compile(r"[^\s,;()]+")

# Single characters OCR reads for one another (lower case; both directions count).
_OCR_PAIRS = frozenset(
    frozenset(p)
    for p in ("bh", "bo", "ce", "co", "ao", "il", "1l", "1i", "0o", "5s", "6o", "8b", "3e",
              "/i", "/l", "/1", "/|", "un", "nh", "ft", "rt", "ij", "uv", "yv", "mn", "~e",
              "'i", ".,", "kh", "ec")
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Plain data


@dataclass(frozen=True)
class KnownEntry:
    """One entry of the user's bibliography: its key (BibTeX key, CSL id) and fields."""

    key: str
    csl: CSLItem


@dataclass(frozen=True)
class FieldDiff:
    """One field where the citation and the known entry differ, and why (see DIFF_KINDS)."""

    field: str
    cited: str
    known: str
    kind: str


@dataclass(frozen=True)
class Match:
    """The outcome for one citation: its entry (or None), score 0-100, diffs and why.

    ``footnote`` and ``index`` place the citation (None and the position in the input when
    bare citations were given); ``work`` is the work id it was matched through, if any.
    """

    footnote: int | None
    index: int
    citation: Citation
    entry: KnownEntry | None
    score: float
    diffs: tuple[FieldDiff, ...] = ()
    reason: str = ""
    work: str | None = None


@dataclass(frozen=True)
class EntryKeys:
    """The normalised fields matching compares (see :func:`entry_keys`)."""

    names: tuple[str, ...] = ()  # authors' family names (corporate names whole), name_key'd
    editors: tuple[str, ...] = ()
    title: str = ""  # fuzzy.title_key of the title
    short_title: str = ""  # title_key of title-short
    container: str = ""  # title_key of container-title
    date: tuple[int, ...] = ()  # (year, month, day) as far as known
    volume: str = ""  # Arabic digits when the volume is a Roman numeral
    issue: str = ""
    number: str = ""  # a document symbol, upper case, without spaces
    title_words: tuple[str, ...] = ()  # normalised title (or container) words for blocking

    @property
    def year(self) -> int | None:
        return self.date[0] if self.date else None


class KnownEntries(Protocol):
    """A store of known entries that can propose candidates for a citation.

    :class:`KnownList` keeps entries in memory; :class:`citex.catalog.Catalog` reads an
    SQLite file's posting lists. Both rank with :func:`rank_by_votes` and answer with
    (entry id, keys) pairs; the full entry is fetched only for the winner.
    """

    def __len__(self) -> int: ...

    def candidates(self, keys: EntryKeys, *, limit: int) -> list[tuple[int, EntryKeys]]:
        """The entries most likely to be the one ``keys`` describes, best first."""
        ...

    def entry(self, entry_id: int) -> KnownEntry:
        """The full entry for an id returned by :meth:`candidates`."""
        ...


# ---------------------------------------------------------------------------------------
# Keys and blocking


def entry_keys(csl: CSLItem) -> EntryKeys:
    """Reduce a CSL item to the normalised fields matching compares.

    Args:
        csl: a CSL-JSON item (a known entry, or a citation's parsed fields).

    Returns:
        Its :class:`EntryKeys`.

    Example:
        >>> k = entry_keys({"author": [{"family": "Kőrös"}], "title": "The Old Roads",
        ...                 "volume": "XVIII", "issued": {"date-parts": [[1975, 3]]}})
        >>> k.names, k.title, k.volume, k.year
        (('koros',), 'oldroads', '18', 1975)
    """
    title = _text(csl.get("title"))
    container = _text(csl.get("container-title")) or _host_in_note(csl)
    number = _text(csl.get("number")) or _symbol_in(csl)
    if number and _symbol(container) == _symbol(number):
        container = ""  # the parser took a bare document symbol for a periodical's name
    words = _title_words(title or container or _text(csl.get("title-short")))
    return EntryKeys(
        names=_name_keys(csl.get("author")),
        editors=_name_keys(csl.get("editor")),
        title=title_key(title) if title else "",
        short_title=title_key(_text(csl.get("title-short"))),
        container=title_key(container) if container else "",
        date=_date(csl),
        volume=_numeral(_text(csl.get("volume"))),
        issue=_numeral(_text(csl.get("issue"))),
        number=_symbol(number),
        title_words=words,
    )


def block_tokens(keys: EntryKeys) -> list[str]:
    """The blocking tokens of an entry or citation: names, title words, document digits.

    Tokens are prefixed by kind so a surname never meets a title word: ``n:`` family
    name, ``t:`` title word, ``o:`` the title's opening letters, ``d:`` digits of a
    document number.

    Example:
        >>> block_tokens(entry_keys({"author": [{"family": "Lee"}], "title": "Old Roads of Kent",
        ...                          "number": "E/811"}))
        ['n:lee', 't:old', 't:roads', 't:kent', 'o:oldroadsof', 'd:811']
    """
    tokens = [f"n:{n}" for n in (*keys.names, *keys.editors) if n]
    tokens += [f"t:{w}" for w in keys.title_words]
    if len(keys.title) >= MAIN_TITLE:
        # Spaces do not count in the opening, so it survives words OCR ran together
        # ("InterpretationCultures"), which no title-word token does.
        tokens.append(f"o:{keys.title[:TITLE_OPENING]}")
    # Every number of a document symbol counts ("44" in "COS/R/44/Add.3"); in titles only
    # numbers of three digits or more, which are rarer than "2" or "19".
    digits = [d for d in _DIGITS.findall(keys.number) if len(d) >= 2]
    digits += [d for d in _DIGITS.findall(keys.title + " " + keys.container) if len(d) >= 3]
    tokens += [f"d:{d}" for d in digits]
    return list(dict.fromkeys(tokens))


class KnownList:
    """Known entries held in memory, with an inverted index of blocking tokens.

    Args:
        items: CSL-JSON items; each needs an ``id`` (BibTeX key or CSL id).

    Raises:
        FormatError: an item has no id, or two items share one.

    Example:
        >>> known = KnownList([{"id": "lee", "title": "Old Roads of Kent"}])
        >>> len(known), known.entry(0).key
        (1, 'lee')
    """

    def __init__(self, items: Iterable[CSLItem]) -> None:
        self._entries: list[KnownEntry] = []
        self._keys: list[EntryKeys] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        self._sizes = bytearray()
        seen: set[str] = set()
        for item in items:
            key = str(item.get("id") or "")
            if not key:
                raise FormatError(f"a known entry has no id: {_describe(item)}")
            if key in seen:
                raise FormatError(f"two known entries share the key {key!r}")
            seen.add(key)
            keys = entry_keys(item)
            index = len(self._entries)
            self._entries.append(KnownEntry(key, item))
            self._keys.append(keys)
            tokens = block_tokens(keys)
            self._sizes.append(entry_size(tokens))
            for token in tokens:
                self._postings[token].append(index)
        self._mean_size = sum(self._sizes) / len(self._sizes) if self._sizes else 0.0
        for ids in self._postings.values():
            sort_postings(ids, self._sizes)

    def __len__(self) -> int:
        return len(self._entries)

    def candidates(self, keys: EntryKeys, *, limit: int) -> list[tuple[int, EntryKeys]]:
        """Entries sharing the rarest blocking tokens with ``keys``, by summed rarity."""
        total = len(self._entries)
        chosen = query_tokens(keys, lambda t: len(self._postings.get(t, ())), cap=token_cap(total))
        postings = [self._postings[t] for t in chosen]
        best = rank_by_votes(postings, total, limit, sizes=self._sizes, mean_size=self._mean_size)
        return [(i, self._keys[i]) for i in best]

    def entry(self, entry_id: int) -> KnownEntry:
        return self._entries[entry_id]

    def __iter__(self) -> Iterator[KnownEntry]:
        return iter(self._entries)


def query_tokens(keys: EntryKeys, frequency: Any, *, cap: int) -> list[str]:
    """The blocking tokens of ``keys`` worth querying: present, not too common, rarest first.

    Args:
        keys: the citation's keys.
        frequency: a callable giving how many entries hold a token (0 when none).
        cap: tokens held by more entries than this are skipped.
    """
    found = [(n, t) for t in block_tokens(keys) if 0 < (n := frequency(t)) <= cap]
    return [t for _, t in sorted(found)[:MAX_QUERY_TOKENS]]


def rank_by_votes(
    postings: Sequence[Sequence[int]],
    total: int,
    limit: int,
    *,
    sizes: Sequence[int],
    mean_size: float,
) -> list[int]:
    """The entries holding the most, and the rarest, of the query tokens, best first.

    A BM25 ranking with every term frequency 1: each token votes
    ``log(1 + total / entries holding it)`` for each of its entries (a shared rare surname
    counts more than a shared common title word), scaled down for entries holding many
    tokens (see BM25_B); ties go to the lower id.

    Most entries hold just one of the query's tokens, and among those the smallest win;
    so with each token's ids sorted smallest entry first (:func:`sort_postings`), only
    the entries holding several tokens (found with set operations) and the first
    ``limit`` others of each token are scored, not every entry of every token.

    Args:
        postings: per query token, the ids of the entries holding it, smallest entry
            first (ties by id).
        total: the number of entries in the store.
        limit: how many ids to return.
        sizes: per entry id, its number of blocking tokens (:func:`entry_size`).
        mean_size: the mean of ``sizes`` over the store.

    Example:
        >>> sizes = [0, 0, 0, 9, 0, 0, 0, 3, 0, 2]
        >>> rank_by_votes([[7, 3], [9, 7]], total=100, limit=3, sizes=sizes, mean_size=4.0)
        [7, 9, 3]
    """
    factor = _length_factors(mean_size)
    lists = [ids for ids in postings if ids]
    weights = [math.log(1 + total / len(ids)) for ids in lists]
    members = [set(ids) for ids in lists]
    seen: set[int] = set()
    several: set[int] = set()
    for held in members:
        several |= seen & held
        seen |= held
    scores = {
        i: sum(w for w, held in zip(weights, members, strict=True) if i in held) * factor[sizes[i]]
        for i in several
    }
    for ids, weight in zip(lists, weights, strict=True):
        taken = 0
        for i in ids:
            if taken == limit:
                break
            if i not in several:
                scores[i] = weight * factor[sizes[i]]
                taken += 1
    return heapq.nsmallest(limit, scores, key=lambda i: (-scores[i], i))


def sort_postings(ids: list[int], sizes: Sequence[int]) -> None:
    """Sort one token's entry ids in place as :func:`rank_by_votes` needs: smallest entry first,
    then by id (the sort is stable and ids are appended in ascending order)."""
    ids.sort(key=sizes.__getitem__)


def entry_size(tokens: Sequence[str]) -> int:
    """An entry's size for ranking: its number of blocking tokens, at most 255 (one byte)."""
    return min(len(tokens), 255)


@functools.lru_cache(maxsize=8)
def _length_factors(mean_size: float) -> tuple[float, ...]:
    """BM25's term-frequency factor (tf = 1) for each entry size 0-255."""
    mean = mean_size or 1.0
    return tuple(
        (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B + BM25_B * size / mean)) for size in range(256)
    )


def token_cap(total: int) -> int:
    """How many entries a query token may hold before it is skipped as uninformative."""
    return total if total <= SMALL_STORE else MAX_TOKEN_ENTRIES


# ---------------------------------------------------------------------------------------
# Loading known entries


def load_known(path: str | Path) -> KnownEntries:
    """Open a known-entries file: .bib/.biblatex, CSL-JSON (or JSON Lines), or a catalogue.

    The kind is told by the content (an SQLite header, JSON, else BibTeX), so a file's
    extension may lie.

    Args:
        path: the file.

    Returns:
        A :class:`KnownEntries` store: the catalogue itself, or the entries in memory.

    Raises:
        InputError: the file is missing, a directory or unreadable.
        FormatError: the content cannot be read as any of the kinds, or holds no entries.
    """
    if _is_sqlite(path):
        from .catalog import open_catalog

        return open_catalog(path)
    known = KnownList(read_known_items(path))
    if not len(known):
        raise FormatError(f"{path} holds no entries")
    return known


def read_known_items(path: str | Path) -> Iterator[CSLItem]:
    """The CSL items of a .bib/.biblatex, CSL-JSON or JSON Lines file, in file order.

    JSON Lines (one CSL-JSON object per line) is read in a stream, for catalogues too big
    to load at once; the other kinds are read whole.

    Raises:
        InputError: the file is missing, a directory, unreadable, or an SQLite file.
        FormatError: the content is malformed.
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a directory, not a bibliography")
    if _is_sqlite(p):
        raise InputError(f"{path} is already an SQLite catalogue")
    try:
        stream = p.open(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with stream:
        try:
            first = stream.readline()
            while first and not first.strip():
                first = stream.readline()
            if first.lstrip().startswith("{") and first.rstrip().endswith("}"):
                yield from _json_lines(path, first, stream)
                return
            text = first + stream.read()
        except UnicodeDecodeError:
            raise FormatError(f"{path}: not UTF-8 text") from None
    if not text.strip():
        raise FormatError(f"{path} is empty")
    if text.lstrip().startswith(("[", "{")):
        from .export.csl_json import read_csl_json

        yield from read_csl_json(text)
    else:
        from .export.bibtex import read_bibtex

        yield from read_bibtex(text)


def _json_lines(path: str | Path, first: str, rest: Iterable[str]) -> Iterator[CSLItem]:
    """CSL items from JSON Lines, one object per line (blank lines skipped)."""
    import json
    from itertools import chain

    for number, line in enumerate(chain([first], rest), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FormatError(f"{path}: line {number} is not JSON ({exc.msg})") from None
        if not isinstance(item, dict):
            raise FormatError(f"{path}: line {number} is not a JSON object")
        yield item


def _is_sqlite(path: str | Path) -> bool:
    """Whether the file starts with the SQLite header."""
    try:
        with Path(path).open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


# ---------------------------------------------------------------------------------------
# Matching


def match_citations(
    source: Document | Sequence[Footnote] | Sequence[Citation],
    known: KnownEntries,
    *,
    works: Sequence[Work] = (),
    min_score: float = MIN_SCORE,
) -> list[Match]:
    """Find the known entry each citation cites, or report it unmatched.

    Args:
        source: a processed document, its footnotes, or bare citations.
        known: the known entries (:class:`KnownList`, a catalogue, ...).
        works: the document's works, to match resolved back-references through their
            work (taken from ``source`` when it is a Document).
        min_score: the lowest score (0-100) taken as a match.

    Returns:
        One :class:`Match` per citation, in document order.

    Raises:
        ValueError: ``min_score`` outside 0-100.

    Example:
        >>> known = KnownList([{"id": "lee72", "author": [{"family": "Lée"}],
        ...                     "title": "Old Roads of Kent", "issued": {"date-parts": [[1972]]}}])
        >>> cite = Citation("A. Lee, 0ld Roads of Kent (1972)", (), "full",
        ...                 csl={"author": [{"family": "Lee"}], "title": "0ld Roads of Kent",
        ...                      "issued": {"date-parts": [[1972]]}})
        >>> [m] = match_citations([cite], known)
        >>> m.entry.key, m.score, [(d.field, d.kind) for d in m.diffs]
        ('lee72', 100.0, [('author', 'diacritics'), ('title', 'ocr')])
    """
    if not 0 <= min_score <= 100:
        raise ValueError(f"min_score must be between 0 and 100, not {min_score}")
    if isinstance(source, Document):
        works = works or source.works
        source = source.footnotes
    by_id = {w.id: w for w in works}
    placed = list(_placed(source))
    return [_match_one(note, index, cite, known, by_id, min_score) for note, index, cite in placed]


def _placed(
    source: Sequence[Footnote] | Sequence[Citation],
) -> Iterator[tuple[int | None, int, Citation]]:
    """(footnote number, index, citation) for footnotes' citations or bare citations."""
    for position, item in enumerate(source):
        if isinstance(item, Footnote):
            for index, cite in enumerate(item.citations):
                yield item.number, index, cite
        elif isinstance(item, Citation):
            yield None, position, item
        else:
            raise TypeError(f"expected footnotes or citations, not {type(item).__name__}")


def _match_one(
    note: int | None,
    index: int,
    cite: Citation,
    known: KnownEntries,
    works: Mapping[str, Work],
    min_score: float,
) -> Match:
    """Match one citation: a back-reference through its work, a full citation by its fields.

    A full citation's own fields are what its note says; its work may merge it with
    another item (a reprint location, a host volume), which is not what it cites.
    """
    work = works.get(cite.work) if cite.work and cite.kind != "full" else None
    csl = work.csl if work is not None else cite.csl
    found = best_entry(csl, known, min_score=min_score)
    if isinstance(found, str):
        if not csl and cite.kind != "full":
            found = f"unresolved {cite.kind}: no fields to match"
        return Match(note, index, cite, None, 0.0, reason=found, work=cite.work)
    entry, score = found
    diffs = field_diffs(csl, entry.csl, text=cite.text)
    how = f"through work {work.id}" if work is not None else "own fields"
    return Match(note, index, cite, entry, round(score, 1), tuple(diffs), how, cite.work)


def best_entry(
    csl: CSLItem, known: KnownEntries, *, min_score: float = MIN_SCORE
) -> tuple[KnownEntry, float] | str:
    """The best known entry for one set of fields with its score, or why there is none.

    Example:
        >>> known = KnownList([{"id": "a", "author": [{"family": "Lee"}], "title": "Old Roads"}])
        >>> best_entry({"author": [{"family": "Lee"}]}, known)
        'too little to identify a work: no title, document number or periodical issue'
    """
    probe = entry_keys(csl)
    if not _identifiable(probe):
        return "too little to identify a work: no title, document number or periodical issue"
    best: tuple[float, float, int] | None = None
    reasons: Counter[str] = Counter()
    for entry_id, cand in known.candidates(probe, limit=MAX_CANDIDATES):
        scored = _score(probe, cand)
        if isinstance(scored, str):
            reasons[scored] += 1
            continue
        if best is None or scored > best[:2]:
            best = (*scored, entry_id)
    if best is None:
        if not reasons:
            return "no candidate shares a name, title word or document number"
        return f"no candidate agrees: {reasons.most_common(1)[0][0]}"
    _, score, entry_id = best
    if score < min_score:
        return f"best candidate scores {score:.1f}, below {min_score:g}"
    return known.entry(entry_id), score


def score_keys(probe: EntryKeys, cand: EntryKeys) -> float | str:
    """Score a candidate 0-100 against a citation's keys, or say why it cannot be the one.

    Example:
        >>> lee = entry_keys({"author": [{"family": "Lee"}], "title": "Old Roads of Kent"})
        >>> score_keys(lee, lee)
        100.0
        >>> score_keys(lee, entry_keys({"author": [{"family": "Lee"}], "title": "New Roads"}))
        'another title'
        >>> orme = entry_keys({"author": [{"family": "Orme"}], "title": "Old Roads of Kent"})
        >>> score_keys(lee, orme)
        'another author'
    """
    scored = _score(probe, cand)
    return scored if isinstance(scored, str) else scored[1]


def _score(probe: EntryKeys, cand: EntryKeys) -> tuple[float, float] | str:
    """(confirmation, score) of a candidate, or why it cannot be the one.

    The score (what the threshold judges) weighs only the fields both sides have. The
    confirmation (what ranks candidates) also counts each field the citation gives and
    the entry lacks, at SILENT_FIELD: of two records of one title, the one that confirms
    the cited author or year beats the one that says nothing about it.
    """
    if not probe.title and probe.container and cand.title and not (cand.container or cand.number):
        # A whole periodical issue: its title is the periodical the citation names.
        cand = replace(cand, title="", container=cand.title)
    scores: dict[str, float] = {}
    numbers = _numbers_score(probe, cand)
    if isinstance(numbers, str):
        return numbers
    if numbers is not None:
        scores["numbers"] = numbers
    # The same document symbol outweighs a title: citations describe documents loosely.
    same_symbol = numbers == 1.0 and bool(probe.number and cand.number)
    probe, glued = _unglue_author(probe, cand)
    title = _title_score(probe, cand)
    if title is not None:
        if title >= TITLE_VETO:
            scores["title"] = title
        elif not same_symbol:
            return "another title"
    names = 1.0 if glued else _names_score(probe, cand)
    if names is not None:
        if names < NAME_VETO:
            return "another author"
        scores["names"] = names
    if probe.year is not None and cand.year is not None:
        gap = abs(probe.year - cand.year)
        scores["year"] = 1.0 if gap == 0 else 0.5 if gap == 1 else 0.0
    container = _container_score(probe, cand)
    if container is not None:
        scores["container"] = container
    if not _has_evidence(probe, cand, scores):
        return "nothing but weak agreement"
    total = sum(WEIGHTS[f] for f in scores)
    agreed = sum(WEIGHTS[f] * s for f, s in scores.items())
    silent = [f for f, given in _given(probe).items() if given and f not in scores]
    if glued:
        silent = [f for f in silent if f != "names"]
    confirmation = (agreed + SILENT_FIELD * sum(WEIGHTS[f] for f in silent)) / (
        total + sum(WEIGHTS[f] for f in silent)
    )
    return round(100 * confirmation, 2), round(100 * agreed / total, 2)


def _given(probe: EntryKeys) -> dict[str, bool]:
    """Which scored fields the citation gives."""
    return {
        "title": bool(probe.title or probe.short_title),
        "names": bool(probe.names),
        "year": probe.year is not None,
        "container": bool(probe.container),
        "numbers": bool(probe.volume or probe.issue or probe.number),
    }


def _unglue_author(probe: EntryKeys, cand: EntryKeys) -> tuple[EntryKeys, bool]:
    """Take the entry's first author off the front of a cited title the parser glued it to.

    "Eduard Smith letter to X" parsed as a title with no author, or "Ann Smith, interview"
    parsed with "Ann" as the family name: when the entry's first family name stands in
    the first words of the cited title, the rest is the title and the name agrees.
    """
    if not cand.names or not probe.title:
        return probe, False
    family = cand.names[0]
    at = probe.title.find(family)
    if len(family) < 4 or at < 0 or at > GLUED_NAME_OFFSET:
        return probe, False
    rest = probe.title[at + len(family) :]
    if not rest or (probe.names and (_names_score(probe, cand) or 0.0) >= NAME_VETO):
        return probe, False
    return replace(probe, title=rest, names=()), True


def _identifiable(probe: EntryKeys) -> bool:
    """Whether the fields could single out a work (a name alone cannot)."""
    return bool(
        probe.title or probe.short_title or probe.number
        or (probe.container and (probe.volume or probe.issue or len(probe.date) == 3))
    )  # fmt: skip


def _has_evidence(probe: EntryKeys, cand: EntryKeys, scores: Mapping[str, float]) -> bool:
    """A match needs a title, a document number, or a pinned periodical issue to agree."""
    if scores.get("numbers") == 1.0 and probe.number and cand.number:
        return True
    title = scores.get("title")
    if title is not None and title >= TITLE_EVIDENCE:
        if not _whole_title_alike(probe, cand):
            # A title that agrees only with the opening or a part of the entry's longer
            # title (a main title without its subtitle, or "Schooling in Capitalist
            # America" against "... Revisited") needs the author or the periodical to
            # agree: a year is shared by too many works ("Psychology" 2009 against
            # "Psychology: Principles of ..." 2009).
            return any(scores.get(f, 0) >= 0.9 for f in ("names", "container"))
        if len(probe.title or probe.short_title) >= SHORT_TITLE:
            return True
        # A short title identifies only with a second field agreeing.
        return any(scores.get(f, 0) >= 0.9 for f in ("names", "year", "container"))
    if not probe.title and not cand.title and probe.container:
        pinned = scores.get("numbers") == 1.0 or (len(probe.date) == 3 and probe.date == cand.date)
        return scores.get("container", 0) >= CONTAINER_SAME and pinned
    return False


def _whole_title_alike(probe: EntryKeys, cand: EntryKeys) -> bool:
    """Whether the cited title stands for the entry's whole title, not just its opening or a part.

    A cited title that opens with the entry's carries citation text after it (a pinpoint
    "chapter 3", a volume statement): it still names the whole entry. One that holds the
    entry's title further in ("Rialto, Nuovo Archivio" for a periodical "Nuovo Archivio")
    may cite a part of it; a glued author is taken off before (see _unglue_author). A
    shorter cited title that matches only the opening or a part of the entry's may be
    another work, unless it is long: a main title of LONG_MAIN_TITLE letters rarely
    opens another's.
    """
    if not (probe.title and cand.title):
        return True
    if key_ratio(probe.title, cand.title) >= TITLE_EVIDENCE:
        return True
    if len(cand.title) <= len(probe.title):
        return key_ratio(cand.title, probe.title[: len(cand.title)]) >= TITLE_EVIDENCE
    return len(probe.title) >= LONG_MAIN_TITLE


def _title_score(probe: EntryKeys, cand: EntryKeys) -> float | None:
    """How alike the titles are (None when either has none)."""
    if probe.title and cand.title:
        score = _title_similarity(probe.title, cand.title)
        short = len(probe.title)
        if score < PREFIX_TITLE_SCORE and MAIN_TITLE <= short < len(cand.title):
            # A main title cited without its subtitle ("The Arab Uprisings" for "The Arab
            # Uprisings: What Everyone Needs to Know"); _has_evidence then asks for a second
            # agreeing field, since the same words may open another work's title.
            opening = key_ratio(probe.title, cand.title[:short])
            if opening >= TITLE_EVIDENCE:
                score = max(score, PREFIX_TITLE_SCORE * opening)
        return score
    if probe.short_title and not probe.title and (cand.short_title or cand.title):
        return max(
            _title_similarity(probe.short_title, cand.short_title) if cand.short_title else 0,
            1.0 if cand.title.startswith(probe.short_title) else 0.0,
        )
    return None


def _title_similarity(a: str, b: str) -> float:
    """Similarity of two title keys: whole, as an opening, or as a substring."""
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    score = key_ratio(a, b)
    if len(short) >= SHORT_TITLE and long_.startswith(short):
        score = max(score, PREFIX_TITLE_SCORE)
    if len(short) >= SHORT_TITLE and len(short) >= PARTIAL_TITLE_SHARE * len(long_):
        score = max(score, 0.95 * key_partial_ratio(short, long_))
    return score


def _names_score(probe: EntryKeys, cand: EntryKeys) -> float | None:
    """How well the citation's first author matches any author (or editor) of the entry."""
    if not probe.names or not (cand.names or cand.editors):
        return None
    first = probe.names[0]
    best = max((_name_similarity(first, n) for n in cand.names), default=0.0)
    if best < 1.0 and cand.editors:
        editor = max(_name_similarity(first, n) for n in cand.editors) * EDITOR_AS_AUTHOR
        best = max(best, editor)
    return best


def _name_similarity(a: str, b: str) -> float:
    """fuzzy.name_similarity on keys already normalised (the catalogue stores them)."""
    if a == b:
        return 1.0
    ratio = key_ratio(a, b)
    short, long_ = sorted((a, b), key=len)
    if short and short[0] == long_[0] and short[-1] == long_[-1] and _subsequence(short, long_):
        ratio = max(ratio, 0.5 + 0.5 * len(short) / len(long_))
    # A corporate name against a longer form of itself ("harborwatch" in
    # "usharborwatchcommittee").
    if len(short) >= 8 and short in long_:
        ratio = max(ratio, 0.9)
    return ratio


def _numbers_score(probe: EntryKeys, cand: EntryKeys) -> float | str | None:
    """Volume, issue and document number: any conflict vetoes; agreement scores 1."""
    compared = 0
    for attr, reason in (("volume", "another volume"), ("issue", "another issue")):
        a, b = getattr(probe, attr), getattr(cand, attr)
        if a and b:
            if a != b:
                return reason
            compared += 1
    if probe.number and cand.number:
        if not _symbols_agree(probe.number, cand.number, cand):
            return "another document number"
        compared += 1
    return 1.0 if compared else None


def _symbols_agree(cited: str, known: str, cand: EntryKeys) -> bool:
    """Whether a cited document number agrees with the entry's (OCR-tolerant).

    Digits decide (OCR reads "/" as "1" or "I", so a digit may also stand for a lost
    slash); a cited number whose digits all appear in the entry's title agrees too, since
    parsers put a resolution's number where a catalogue puts the document symbol.
    """
    if cited == known:
        return True
    cited_digits, known_digits = _DIGITS.findall(cited), _DIGITS.findall(known)
    if cited_digits == known_digits:
        return True
    if "".join(cited_digits).replace("1", "") == "".join(known_digits).replace("1", "") and (
        _slashless(cited) == _slashless(known)
    ):
        return True
    title_digits = set(_DIGITS.findall(cand.title))
    return bool(cited_digits) and set(cited_digits) <= title_digits


def _slashless(symbol: str) -> str:
    """A symbol with slashes and the characters OCR reads for them removed."""
    return re.sub(r"[/1Il|]", "", symbol)


def _container_score(probe: EntryKeys, cand: EntryKeys) -> float | None:
    """Container agreement; an "in Editor" short form counts against the entry's editors."""
    if not probe.container or not (cand.container or cand.editors):
        return None
    score = _title_similarity(probe.container, cand.container) if cand.container else 0.0
    for editor in cand.editors:
        score = max(score, _name_similarity(probe.container, editor))
    return score


# ---------------------------------------------------------------------------------------
# Field differences


def field_diffs(cited: CSLItem, known: CSLItem, *, text: str = "") -> list[FieldDiff]:
    """Compare what a citation says with its known entry, classifying each difference.

    With ``text`` (the citation's OCR text), only values the text itself contains are
    compared: fields a resolver filled in from another note, or a work's merged fields
    behind an "Ibid.", are not what this citation's OCR says. A known name or document
    number the parser missed is looked up in the text instead.

    Args:
        cited: the citation's (or its work's) CSL fields.
        known: the matched entry's CSL fields.
        text: the citation's OCR text; empty to compare the fields as given.

    Returns:
        The differences, names first, then the text fields in a fixed order.

    Example:
        >>> field_diffs({"author": [{"family": "K6ros"}], "title": "Old Roads"},
        ...             {"author": [{"family": "Koros"}], "title": "Old Roads"})
        [FieldDiff(field='author', cited='K6ros', known='Koros', kind='ocr')]
    """
    diffs: list[FieldDiff] = []
    for role in ("author", "editor"):
        diffs += _name_diffs(role, cited.get(role) or [], known.get(role) or [], text)
    for name in _TEXT_FIELDS:
        c_value, k_value = _text(cited.get(name)), _text(known.get(name))
        if name == "container-title" and not c_value:
            c_value = _host_in_note(cited)
        if text and c_value and not _in_text(c_value, text):
            c_value = ""
        if name == "title" and c_value and k_value:
            c_value = _without_glued_author(c_value, known)
        if name == "container-title" and c_value and k_value:
            editor = _editor_short_form(c_value, known)
            if editor is not None:
                if not any(d.field == "editor" for d in diffs):
                    kind = classify_difference(c_value, editor)
                    if kind:
                        diffs.append(FieldDiff("editor", c_value, editor, kind))
                continue
        if name == "number" and k_value and not _number_given(c_value, k_value):
            c_value = _find_in_text(k_value, text) or c_value
        if name in ("volume", "issue") and _numeral(c_value) == _numeral(k_value):
            continue  # "V" and "5" are one volume
        if c_value and k_value:
            kind = classify_difference(c_value, k_value)
            if kind:
                diffs.append(FieldDiff(name, c_value, k_value, kind))
    c_year, k_year = _date(cited)[:1], _date(known)[:1]
    if c_year and k_year and c_year != k_year and (not text or str(c_year[0]) in text):
        diffs.append(FieldDiff("issued", str(c_year[0]), str(k_year[0]), "different"))
    return diffs


def _name_diffs(role: str, cited: list[Any], known: list[Any], text: str) -> list[FieldDiff]:
    """Differences between cited and known family names of one role, pairwise in order.

    A cited name missing from the OCR text (filled in from elsewhere), or a known name the
    citation has no field for, is looked for among the text's words.
    """
    diffs = []
    for position, k_name in enumerate(known):
        k_family = _family(k_name)
        c_name = cited[position] if position < len(cited) else None
        c_family = _family(c_name) if c_name is not None else ""
        if c_family and _is_given_name(c_family, k_name):
            continue  # the parser took a given name for the family: not damage
        if text and not (c_family and _in_text(c_family, text)):
            personal = isinstance(k_name, dict) and "literal" not in k_name
            c_family = (_name_in_text(k_family, text) if personal else None) or ""
        if not c_family or not k_family:
            continue
        kind = classify_difference(c_family, k_family)
        if kind:
            diffs.append(FieldDiff(role, c_family, k_family, kind))
    return diffs


def _in_text(value: str, text: str) -> bool:
    """Whether a value occurs in the text, spaces ignored (the parser mends run-together words)."""
    return "".join(value.split()) in "".join(text.split())


def _name_in_text(family: str, text: str) -> str | None:
    """The word of ``text`` most like a known family name, if alike enough to be it."""
    if not family:
        return None
    if fold(family).casefold() in fold(text).casefold():
        return family
    key = name_key(family)
    best, best_score = None, NAME_IN_TEXT
    for token in _OCR_TOKEN.findall(text):
        word = token.strip(".,;:'\"")
        if len(word) < 2 or not word[0].isupper():
            continue
        score = _name_similarity(name_key(word), key) if name_key(word) else 0.0
        if score >= best_score:
            best, best_score = word, score
    return best


def _is_given_name(family: str, known_name: Any) -> bool:
    """Whether a cited family name is one of the known name's given names."""
    given = _text(known_name.get("given")) if isinstance(known_name, dict) else ""
    return bool(family) and fold(family).casefold() in fold(given).casefold().split()


def _without_glued_author(title: str, known: CSLItem) -> str:
    """A cited title without the known first author's name the parser glued in front."""
    authors = known.get("author") or []
    family = _family(authors[0]) if authors else ""
    if len(family) < 4:
        return title
    at = fold(title).casefold().find(fold(family).casefold())
    if at < 0 or at > 2 * GLUED_NAME_OFFSET:
        return title
    return title[at + len(family) :].lstrip(" ,.:;") or title


def _editor_short_form(container: str, known: CSLItem) -> str | None:
    """The editor's family name when a cited container is "in <Editor>" for the entry's book."""
    known_container = _text(known.get("container-title"))
    if known_container and (
        _title_similarity(title_key(container), title_key(known_container)) >= TITLE_VETO
    ):
        return None
    for editor in known.get("editor") or []:
        family = _family(editor)
        if family and _name_similarity(name_key(container), name_key(family)) >= 0.75:
            return family
    return None


def _number_given(cited: str, known: str) -> bool:
    """Whether the citation's number field holds the entry's number (maybe damaged)."""
    return bool(cited) and _DIGITS.findall(_symbol(cited)) == _DIGITS.findall(_symbol(known))


def _find_in_text(value: str, text: str) -> str | None:
    """The OCR token(s) of ``text`` that best match ``value``, if alike enough to be it."""
    if not text or len(value) < 3:
        return None
    found = best_window(value, text)
    if found is None or found[0] < 0.7:
        return None
    _, start, end = found
    tokens = [m for m in _OCR_TOKEN.finditer(text) if m.end() > start and m.start() < end]
    if not tokens:
        return None
    piece = text[tokens[0].start() : tokens[-1].end()].rstrip(".,;:")
    return piece if _DIGITS.findall(piece) or not _DIGITS.findall(value) else None


def classify_difference(cited: str, known: str) -> str | None:
    """Say how a cited value differs from the known one, or None when they agree.

    Case and surrounding punctuation do not count. The kinds, tried in this order:
    ``diacritics`` (only accents differ), ``spacing`` (only spaces differ),
    ``abbreviation`` (every cited word opens a known word, or the known value's
    initials), ``ocr`` (every edit is a character OCR confuses, an accented letter
    misread or lost, or one dropped character in a long value; digits unchanged) and
    ``different``.

    Example:
        >>> [classify_difference(c, k) for c, k in [("Koros", "Kőrös"), ("K6r6s", "Kőrös"),
        ...  ("BostonJournal", "Boston Journal"), ("Colo.", "Colorado"), ("Lander", "Howard")]]
        ['diacritics', 'ocr', 'spacing', 'abbreviation', 'different']
    """
    c, k = _plain(cited), _plain(known)
    if c == k or _PUNCTUATION.sub("", c) == _PUNCTUATION.sub("", k):
        return None
    fc, fk = fold(c), fold(k)
    if fc == fk:
        return "diacritics"
    if fc.replace(" ", "") == fk.replace(" ", ""):
        return "spacing"
    if _abbreviates(fc, fk):
        return "abbreviation"
    if _is_ocr_damage(c, k):
        return "ocr"
    return "different"


def _plain(value: str) -> str:
    """Lower case, single spaces, no surrounding punctuation, NFC."""
    value = unicodedata.normalize("NFC", value).casefold()
    return " ".join(value.split()).strip(" .,;:")


def _abbreviates(cited: str, known: str) -> bool:
    """Every cited word opens the known word at its place, at least one shortened.

    Also the reverse (the known value is the cited one's opening words), initials ("un"
    for "united nations") and a short title (the known value's opening words).
    """
    c_words, k_words = _WORD.findall(cited), _WORD.findall(known)
    if not c_words or not k_words:
        return False
    if "".join(c_words) == "".join(w[0] for w in k_words) and len(k_words) > 1:
        return True
    if len(c_words) > len(k_words):
        # The known value is the short one ("Press" for "Press, Inc."): its words open the
        # cited value's.
        return c_words[: len(k_words)] == k_words
    if not all(k.startswith(c) for c, k in zip(c_words, k_words, strict=False)):
        return False
    shortened = any(len(c) < len(k) for c, k in zip(c_words, k_words, strict=False))
    return shortened or len(c_words) < len(k_words)


def _is_ocr_damage(cited: str, known: str) -> bool:
    """Whether the edits from known to cited are the kind OCR makes (see classify_difference)."""
    if normalise(cited).replace(" ", "") == normalise(known).replace(" ", ""):
        return True  # digit-for-letter and letter-group confusions ("K6r6s", "rn" for "m")
    if _DIGITS.findall(_symbol_digits(cited)) != _DIGITS.findall(_symbol_digits(known)):
        if not _slash_digit_confusion(cited, known):
            return False
    ops = edit_operations(known, cited)
    if not ops:
        return True
    if len(ops) == 1 and len(known) >= 8:
        return True  # one character dropped or misread in a long value
    if edit_similarity(fold(known), fold(cited)) < 0.5:
        return False
    for tag, src_pos, dest_pos in ops:
        k_char = known[src_pos] if tag != "insert" else ""
        c_char = cited[dest_pos] if tag != "delete" else ""
        if k_char and not k_char.isascii():
            continue  # OCR misreads or drops accented letters
        if not k_char or not c_char:
            if (k_char or c_char).isalnum():
                return False
            continue  # punctuation or a space lost or gained
        if frozenset((k_char, c_char)) not in _OCR_PAIRS:
            return False
    return True


def _symbol_digits(value: str) -> str:
    """Digits that are digits (those inside words read as letters are not)."""
    return normalise(value)


def _slash_digit_confusion(cited: str, known: str) -> bool:
    """ "E17721" for "E/7721": the digits differ only by a "1" standing for a slash."""
    return _slashless(cited.upper()) == _slashless(known.upper())


# ---------------------------------------------------------------------------------------
# Report


def match_report(matches: Sequence[Match]) -> dict[str, Any]:
    """The JSON-ready report of ``citex check``: one record per citation and a summary.

    Example:
        >>> match_report([])["summary"]
        {'citations': 0, 'matched': 0, 'unmatched': 0, 'entries_used': 0, 'diffs': {}}
    """
    records = []
    kinds: Counter[str] = Counter()
    for m in matches:
        kinds.update(d.kind for d in m.diffs)
        records.append(
            {
                "footnote": m.footnote,
                "index": m.index,
                "text": m.citation.text,
                "kind": m.citation.kind,
                "work": m.work,
                "match": None if m.entry is None else {"key": m.entry.key, "score": m.score},
                "reason": m.reason,
                "diffs": [
                    {"field": d.field, "cited": d.cited, "known": d.known, "kind": d.kind}
                    for d in m.diffs
                ],
            }
        )
    matched = [m for m in matches if m.entry is not None]
    summary = {
        "citations": len(matches),
        "matched": len(matched),
        "unmatched": len(matches) - len(matched),
        "entries_used": len({m.entry.key for m in matched if m.entry is not None}),
        "diffs": {k: kinds[k] for k in DIFF_KINDS if kinds[k]},
    }
    return {"citations": records, "summary": summary}


# ---------------------------------------------------------------------------------------
# CSL helpers


def _text(value: Any) -> str:
    """A CSL text value as a clean string ('' when missing)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split())


def _family(name: Any) -> str:
    """The family (or literal) part of one CSL name."""
    if isinstance(name, dict):
        return _text(name.get("family") or name.get("literal"))
    return _text(name)


def _name_keys(names: Any) -> tuple[str, ...]:
    """name_key of each family (or literal) name in a CSL name list."""
    if not isinstance(names, list):
        return ()
    keys = (name_key(_family(n)) for n in names)
    return tuple(k for k in keys if k)


def _title_words(title: str) -> tuple[str, ...]:
    """Normalised words of a title worth blocking on (no stopwords, three letters or more)."""
    words = _BLOCK_WORD.findall(normalise(title)) if title else []
    return tuple(dict.fromkeys(w for w in words if w not in _STOPWORDS))


def _date(csl: CSLItem) -> tuple[int, ...]:
    """(year, month, day) of the issued date, as far as given."""
    issued = csl.get("issued")
    if not isinstance(issued, dict):
        return ()
    parts = issued.get("date-parts")
    if not parts or not parts[0]:
        raw = str(issued.get("raw") or issued.get("literal") or "")
        year = re.search(r"\b(1[5-9]\d\d|20\d\d)\b", raw)
        return (int(year.group(1)),) if year else ()
    try:
        return tuple(int(p) for p in parts[0][:3])
    except (TypeError, ValueError):  # a reader's malformed date-parts
        return ()


def _numeral(value: str) -> str:
    """A volume or issue for comparison: Arabic digits for Roman numerals, lower case."""
    if not value:
        return ""
    from .export.bibtex import arabic_volume

    value = arabic_volume(value.strip(" .")).lower()
    return re.sub(r"\s+", "", value)


def _symbol(value: str) -> str:
    """A document number for comparison: folded, upper case, separators kept, no spaces."""
    return _SYMBOL_CHARS.sub("", fold(value).upper())


def _host_in_note(csl: CSLItem) -> str:
    """The host named by an "in <Editor>" note, when the parser left it there."""
    found = _IN_HOST_NOTE.match(_text(csl.get("note")))
    return found.group("host") if found else ""


def _symbol_in(csl: CSLItem) -> str:
    """A document symbol found in the title, container or note when there is no number."""
    for name in ("title", "container-title", "note"):
        found = _SYMBOL_LIKE.search(_text(csl.get(name)))
        if found and _DIGITS.search(found.group(0)):
            return found.group(0)
    return ""


def _subsequence(short: str, long_: str) -> bool:
    """Whether the letters of ``short`` occur in ``long_`` in order."""
    it = iter(long_)
    return all(ch in it for ch in short)


def _describe(item: CSLItem) -> str:
    """A short description of a CSL item for messages."""
    return (_text(item.get("title")) or _text(item.get("container-title")) or "?")[:60]
