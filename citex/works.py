"""Resolved citations -> Work[]: one entry per distinct cited item, with every place it is cited.

Two questions live here, both asked of CSL-JSON items:

- **Is this the same work?** (:func:`same_work`) Citations of one item in different notes
  differ by OCR damage ("A/4684" and "A14684"), spacing ("1514(XV)", "1514 (XV)") and
  by what the author chose to repeat. Different items often look alike: the issues of one
  periodical, two documents whose symbols differ in one digit, two books by one author.
  So identity is decided by the fields that tell works apart (document numbers, volume,
  issue, date, container) before titles and names are compared with OCR tolerance.
- **What is it called?** (:func:`work_ids`) A readable key, stable across runs and unique
  in the document: author family + year + first significant title word
  ("smith1990history"), a letter suffix on collision ("smith1990historya"). The keys become
  BibTeX keys, so they hold ``[a-z0-9]`` only.

:func:`citex.resolve.resolve_citations` uses both to give every citation its ``work``;
:func:`build_works` then gathers the resolved citations into :class:`~citex.models.Work`
objects with merged CSL.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .fuzzy import fold, last_words_agree, name_similarity, normalise, title_key, title_similarity
from .models import Citation, CitedIn, CSLItem, Footnote, Resolution, Work

__all__ = [
    "WorkIndex",
    "build_works",
    "fold_relations",
    "issued_year",
    "merge_csl",
    "same_work",
    "work_id",
    "work_ids",
]

# Relations that name where the preceding item appeared again (a reprint, a translation,
# a digest), not another work the note cites.
_APPEARED_IN = frozenset({"in", "reprinted in", "trans. in", "translated in", "excerpted in"})
# How sure citex is that a container-only citation after such a relation belongs to the
# item before it: the relation phrase says so; only the split could be wrong.
RELATION_CONFIDENCE = 0.9


def fold_relations(footnotes: Sequence[Footnote]) -> tuple[Footnote, ...]:
    """Keep a reprint's or translation's source with the item, and drop quoted persons.

    Two patterns of notes would otherwise give the bibliography entries that are not
    works:

    - "Item, reprinted in / trans. in / in Periodical Vol. 4, No. 2 (1990): 9", where the
      second part names only a periodical issue (no author, no title of its own): it is
      where the item appeared again, so it joins the item's work, and the item's CSL
      ``note`` records it.
    - "Person as quoted in Source": the person (a name without any title) is not a cited
      item; only the source is a work.

    Args:
        footnotes: footnotes whose citations were resolved.

    Returns:
        The footnotes with those citations re-linked.

    Example:
        >>> item = Citation("Ann Lee, 'Roads,' Daily, 2 May 1970", ((0, 1),), "full",
        ...                 csl={"author": [{"family": "Lee"}], "title": "Roads"}, work="lee1970")
        >>> again = Citation("Digest Vol. 2, No. 4 (1970): 9", ((2, 3),), "full",
        ...                  relation="trans. in", csl={"container-title": "Digest"},
        ...                  work="digest1970")
        >>> note = fold_relations([Footnote(1, 1, "", (), citations=(item, again))])[0]
        >>> [c.work for c in note.citations], note.citations[0].csl["note"]
        (['lee1970', 'lee1970'], 'Trans. in Digest Vol. 2, No. 4 (1970): 9')
    """
    out = []
    for note in footnotes:
        cites = list(note.citations)
        for i, cite in enumerate(cites):
            nxt = cites[i + 1] if i + 1 < len(cites) else None
            if _is_quoted_person(cite, nxt):
                cites[i] = replace(
                    cite,
                    work=None,
                    resolution=Resolution(
                        "quoted", 1.0, "a person quoted in the next citation, not a cited item"
                    ),
                )
            elif i > 0 and _is_appearance(cite) and cites[i - 1].work is not None:
                host = cites[i - 1]
                phrase = f"{cite.relation} {cite.text}"
                note_text = "; ".join(x for x in (host.csl.get("note"), phrase) if x)
                cites[i - 1] = replace(
                    host, csl={**host.csl, "note": note_text[0].upper() + note_text[1:]}
                )
                cites[i] = replace(
                    cite,
                    work=host.work,
                    resolution=Resolution(
                        "relation",
                        RELATION_CONFIDENCE,
                        f"where the preceding item appeared again ({cite.relation}); "
                        "recorded in its note",
                    ),
                )
        out.append(replace(note, citations=tuple(cites)))
    return tuple(out)


def _is_appearance(cite: Citation) -> bool:
    """A citation naming only the periodical or volume an item appeared in again.

    After "reprinted in" or "trans. in" the next part is where the item appeared, with
    no author of its own, even when the parser took the periodical's name for a title
    ("trans. in Daily Report: Region, 8 May 1990, 11"); after a bare "in", a part with a
    title of its own may be a separate work, so only a title-less one joins.
    """
    csl = cite.csl
    if cite.kind != "full" or cite.relation not in _APPEARED_IN or csl.get("author"):
        return False
    return cite.relation != "in" or not csl.get("title")


def _is_quoted_person(cite: Citation, following: Citation | None) -> bool:
    """A bare name followed by "as quoted in": the person, not a work."""
    csl = cite.csl
    return (
        following is not None
        and following.relation == "as quoted in"
        and cite.kind == "full"
        and not any(csl.get(k) for k in ("title", "container-title", "number"))
    )


# Two full titles at least this alike are one title: OCR changes a few letters of a long
# title ("InternationalHuman" vs "International Human" already scores 1.0 without spaces),
# while two different titles of one author rarely share 90% of their letters in order.
TITLE_SAME = 0.9
# A title that opens another by the same author in the same year is the same title cut
# short (or run on into the place) when it has at least this many letters.
TITLE_PREFIX_MIN = 12
# Two family names at least this alike are one name (see fuzzy.name_similarity: "Kvri" vs
# "Kővári" scores 0.83, "Harland" vs "Howard" 0.62).
NAME_SAME = 0.75
# Document symbols ("CAT/C/SR.512") at least this alike in their letters, with the same
# digits, are one symbol: OCR reads "C/SR" as "CISR", never "512" as "513".
SYMBOL_LETTERS_SAME = 0.75

# Words a key's title part skips (articles, prepositions, conjunctions in the languages of
# the corpora).
_STOPWORDS = frozenset(
    """a an the of on in and or for to at by with from as into about
    la le les l il lo gli i un une uno una des du de del della delle dei degli di da e ed
    der die das den dem des ein eine einer und im zum zur von vom el los las y en al""".split()
)
# Fields whose values identify a work; a difference in any of them means another work.
_DISTINGUISHING = ("volume", "issue", "section", "edition")

# A run of digits, for document symbols and numbers.
# must match: "512" in "CAT/C/SR.512"; "1514" in "1514(XV)"    must not match: "XV"
_DIGITS = re.compile(r"\d+")
# A year printed in a title.
# must match: "1954" in "Annuario. 1954-1955"    must not match: "12345" "A1954"
_TITLE_YEAR = re.compile(r"(?<![\w/])(?:1[5-9]\d\d|20\d\d)(?!\d)")
# Characters a work id may hold.
# must match: "a" "7"    must not match: "-" "é" " "
_ID_CHARS = re.compile(r"[^a-z0-9]")
# Where a title splits into key words: anything not a letter or digit.
# must match: " " ":" "/" "-"    must not match: "a" "7"
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


def same_work(a: CSLItem, b: CSLItem) -> bool:
    """Whether two CSL items (from two citations) describe the same work.

    Args:
        a: one citation's fields.
        b: another citation's fields.

    Returns:
        True when the distinguishing fields agree and titles and names match with OCR
        tolerance; False when anything tells them apart or there is too little to tell.

    Example:
        >>> lee = {"author": [{"family": "Lee"}], "title": "Old Roads",
        ...        "issued": {"date-parts": [[1972]]}}
        >>> same_work(lee, {**lee, "author": [{"family": "Le3"}]})
        True
        >>> same_work(lee, {**lee, "title": "New Roads of the South"})
        False
    """
    if _symbols_match(a, b):
        return not _conflict(a, b, fields=("volume", "issue"))
    if _conflict(a, b, fields=_DISTINGUISHING) or _years_conflict(a, b):
        return False
    if _numbers_conflict(a, b):
        # Different numbers are different documents unless the titles are identical:
        # parsers put different parts of one symbol into "number" (see module doc).
        if not (_titles(a) and _titles(b) and title_similarity(_titles(a), _titles(b)) == 1.0):
            return False
    if not _names_agree(a.get("author"), b.get("author")):
        return False
    ta, tb = _titles(a), _titles(b)
    if ta and tb:
        if title_similarity(ta, tb) < TITLE_SAME and not _title_extends(a, b):
            return False
        if not last_words_agree(ta, tb):  # "Report on Chile" and "Report on China"
            return False
        if _title_years_conflict(ta, tb):  # "Yearbook. 1954-1955" and "Yearbook. 1959-1960"
            return False
        return _containers_agree(a, b)
    if ta or tb:
        return False
    ca, cb = a.get("container-title"), b.get("container-title")
    if not ca and not cb and a.get("author") and b.get("author"):
        # Author-date citations ("SILVA, 2002, p. 28" twice): the authors and the year
        # name one work of the reference list
        ya, yb = issued_year(a), issued_year(b)
        return (
            ya is not None
            and ya == yb
            and len(a["author"]) == len(b["author"])
            and all(
                name_similarity(_family(x), _family(y)) >= NAME_SAME
                for x, y in zip(a["author"], b["author"], strict=True)
            )
        )
    # Neither has a title (an issue of a periodical, a newspaper of one day): the container
    # and the facts that pin the issue down must all be there and agree.
    if not (ca and cb) or title_similarity(str(ca), str(cb)) < TITLE_SAME:
        return False
    pinned = [f for f in ("volume", "issue") if a.get(f) and b.get(f)]
    same_date = _date_parts(a) is not None and _date_parts(a) == _date_parts(b)
    full_date = same_date and len((_date_parts(a) or [[]])[0]) == 3
    return bool(pinned) or full_date


class WorkIndex:
    """Items indexed by what :func:`same_work` needs them to share, to find candidates fast.

    ``same_work`` says no, whatever the names and titles, to two items that differ in
    whether they have an author or a title (or, untitled, a container) or that give two
    years; with document symbols it needs the same digits. Comparing a new item only with
    earlier items that pass these tests gives the same answers as comparing it with all
    of them, without n squared comparisons in a document citing thousands of works.

    Example:
        >>> index = WorkIndex()
        >>> index.add({"title": "Roads", "issued": {"date-parts": [[1972]]}}, 0)
        >>> index.add({"title": "Roads", "issued": {"date-parts": [[1980]]}}, 1)
        >>> index.add({"author": [{"family": "Lee"}], "title": "Roads"}, 2)
        >>> index.candidates({"title": "Road", "issued": {"date-parts": [[1980]]}})
        [1]
    """

    def __init__(self) -> None:
        # shape -> year (None: no year) -> values, each list in the order added
        self._by_shape: dict[tuple[bool, bool], dict[int | None, list[int]]] = {}
        self._by_symbol: dict[tuple[str, ...], list[int]] = {}

    def add(self, item: CSLItem, value: int) -> None:
        """Index ``item`` under ``value`` (values must be added in increasing order)."""
        shape = _shape(item)
        if shape is not None:
            self._by_shape.setdefault(shape, {}).setdefault(issued_year(item), []).append(value)
        for digits in _symbol_digits(item):
            self._by_symbol.setdefault(digits, []).append(value)

    def candidates(self, item: CSLItem) -> list[int]:
        """The values of indexed items that may be the same work as ``item``, in order."""
        found: set[int] = set()
        shape = _shape(item)
        by_year = self._by_shape.get(shape, {}) if shape is not None else {}
        year = issued_year(item)
        for y, values in by_year.items():
            if year is None or y is None or y == year:
                found.update(values)
        for digits in _symbol_digits(item):
            found.update(self._by_symbol.get(digits, ()))
        return sorted(found)


def _shape(item: CSLItem) -> tuple[bool, bool] | None:
    """Whether the item has an author and a title; None when it can match nothing.

    Two items :func:`same_work` joins without a document symbol have the same shape; an
    item with neither a title, a container nor an author is joined by its symbol or not
    at all (with an author alone, by its authors and year: "SILVA, 2002").
    """
    titled = bool(_titles(item))
    if not titled and not item.get("container-title") and not item.get("author"):
        return None
    return bool(item.get("author")), titled


def _symbol_digits(item: CSLItem) -> list[tuple[str, ...]]:
    """The digit runs of each document symbol of the item (a symbol match needs them equal)."""
    return [tuple(_DIGITS.findall(s)) for s in _symbols(item)]


def merge_csl(items: Sequence[CSLItem]) -> CSLItem:
    """Merge the CSL items of one work's citations, field by field.

    Each field takes its most frequent value among the items; a tie goes to the fullest
    value (the longest text, the name list with most given names), then to the earliest.

    Args:
        items: the fields of each citation of the work, in document order.

    Returns:
        One CSL item holding every field any citation gave.

    Example:
        >>> merge_csl([{"title": "Old Roads"}, {"title": "Old Roads", "volume": "2"},
        ...            {"title": "0ld Roads"}])
        {'title': 'Old Roads', 'volume': '2'}
    """
    values: dict[str, list[Any]] = defaultdict(list)
    for item in items:
        for key, value in item.items():
            if value not in (None, "", [], {}):
                values[key].append(value)
    merged: CSLItem = {}
    for key, vals in values.items():
        frozen = [_freeze(v) for v in vals]
        counts = Counter(frozen)
        if len(counts) == 1:  # most fields: every citation that gives one agrees
            merged[key] = json.loads(frozen[0])
            continue
        first: dict[str, int] = {}
        for i, f in enumerate(frozen):
            first.setdefault(f, i)
        best = max(counts, key=lambda k: (counts[k], _fullness(json.loads(k)), -first[k]))
        merged[key] = json.loads(best)
    return merged


def work_id(csl: CSLItem) -> str:
    """The readable base key of a work: author family + year + first significant title word.

    With no personal author, the corporate author's first significant word stands for the
    family; with no author at all, the title's (or the container's) first word does, and
    the title word is the next one. Only ``[a-z0-9]`` characters.

    Example:
        >>> work_id({"author": [{"family": "Pérez"}], "title": "The History of Salt",
        ...          "issued": {"date-parts": [[1990]]}})
        'perez1990history'
        >>> work_id({"title": "Old Roads", "issued": {"date-parts": [[1972, 5]]}})
        'old1972roads'
    """
    words = _significant_words(str(csl.get("title") or csl.get("container-title") or ""))
    name = _author_word(csl.get("author") or csl.get("editor") or [])
    if not name:
        name, words = (words[0], words[1:]) if words else ("", words)
    if not name:  # a document known by its symbol alone: "A/4684" -> "a4684"
        name = _ID_CHARS.sub("", fold(str(csl.get("number") or "")).lower())
    year = issued_year(csl)
    base = f"{name}{year or ''}{words[0] if words else ''}"
    return base or "work"


def work_ids(items: Sequence[CSLItem]) -> list[str]:
    """Unique ids for works in document order: the base key, then "a", "b", ... suffixes.

    The first work with a base key keeps it bare, so adding a note at the end of a
    document never renames an earlier work.

    Example:
        >>> lee = {"author": [{"family": "Lee"}], "title": "Roads",
        ...        "issued": {"date-parts": [[1972]]}}
        >>> work_ids([lee, lee, lee])
        ['lee1972roads', 'lee1972roadsa', 'lee1972roadsb']
    """
    taken: set[str] = set()
    # The next suffix to try per base: every earlier one is taken, and ``taken`` only
    # grows, so starting again from "a" would make n works with one base cost n squared.
    next_suffix: dict[str, int] = {}
    out: list[str] = []
    for item in items:
        base = work_id(item)
        candidate, n = base, next_suffix.get(base, 0)
        while candidate in taken:
            candidate = base + collision_suffix(n)
            n += 1
        next_suffix[base] = n
        taken.add(candidate)
        out.append(candidate)
    return out


def build_works(footnotes: Sequence[Footnote]) -> tuple[Work, ...]:
    """Gather resolved citations into works, each listed once with every place it is cited.

    A work's CSL merges the fields of its full citations (short forms and Ibid. only add
    places, since their fields are partial); a work cited only in short forms (an edited
    volume named by its chapters) takes the fields the resolver gave those citations.

    Args:
        footnotes: footnotes whose citations went through
            :func:`citex.resolve.resolve_citations`; unresolved citations (``work`` None)
            belong to no work.

    Returns:
        The works in order of first citation.

    Raises:
        ValueError: when citations were not resolved at all (no citation has a
            ``resolution``): call ``resolve_citations`` first.

    Example:
        >>> from citex.models import Citation
        >>> from citex.resolve import resolve_citations
        >>> lee = Citation("Ann Lee, Roads (1972), 4", ((0, 1),), "full", pinpoint="4",
        ...                csl={"author": [{"family": "Lee"}], "title": "Roads",
        ...                     "issued": {"date-parts": [[1972]]}})
        >>> ibid = Citation("Ibid., 5", ((2, 3),), "ibid", pinpoint="5")
        >>> notes = (Footnote(1, 1, "", (), citations=(lee,)),
        ...          Footnote(2, 1, "", (), citations=(ibid,)))
        >>> for work in build_works(resolve_citations(notes)):
        ...     print(work.id, [(c.footnote, c.pinpoint) for c in work.cited_in])
        lee1972roads [(1, '4'), (2, '5')]
    """
    cites = [(note, i, c) for note in footnotes for i, c in enumerate(note.citations)]
    if cites and all(c.resolution is None for _, _, c in cites):
        raise ValueError("build_works needs resolved citations: call resolve_citations first")
    places: dict[str, list[CitedIn]] = defaultdict(list)
    full: dict[str, list[CSLItem]] = defaultdict(list)
    other: dict[str, list[CSLItem]] = defaultdict(list)
    for note, i, cite in cites:
        if cite.work is None:
            continue
        places[cite.work].append(CitedIn(note.number, i, cite.pinpoint))
        defines = cite.resolution is not None and cite.resolution.method in ("full", "container")
        (full if defines else other)[cite.work].append(cite.csl)
    return tuple(
        Work(id=wid, csl=merge_csl(full[wid] or other[wid]), cited_in=tuple(where))
        for wid, where in places.items()
    )


# ---------------------------------------------------------------------------------------
# Identity helpers


def _title_extends(a: CSLItem, b: CSLItem) -> bool:
    """Whether one title runs on from the other, by one author in one year: the parser
    took the place glued after a period into one title ("La simbologia massonica.Bologna")
    or a note gave the title without its ending ("Palais des Papes" for "Le Palais des
    Papes ... au XIVe siècle"). Both need a year and an author, and the shorter title
    letters enough to name a work.
    """
    year = issued_year(a)
    if not (a.get("author") and b.get("author")) or year is None or year != issued_year(b):
        return False
    ka, kb = sorted((title_key(_titles(a)), title_key(_titles(b))), key=len)
    return len(ka) >= TITLE_PREFIX_MIN and kb.startswith(ka)


def _titles(item: CSLItem) -> str:
    """The item's title, or '' (a short title alone does not identify a work)."""
    return str(item.get("title") or "")


def _conflict(a: CSLItem, b: CSLItem, *, fields: Sequence[str]) -> bool:
    """True when both items give one of ``fields`` and the values differ."""
    for f in fields:
        va, vb = a.get(f), b.get(f)
        if va and vb and normalise(str(va)) != normalise(str(vb)):
            return True
    return False


def _date_parts(item: CSLItem) -> list[list[Any]] | None:
    """The item's issued date-parts, or None."""
    issued = item.get("issued")
    if isinstance(issued, dict) and issued.get("date-parts"):
        return issued["date-parts"]
    return None


def issued_year(item: CSLItem) -> int | None:
    """The first year of the item's date, or None."""
    parts = _date_parts(item)
    try:
        return int(parts[0][0]) if parts and parts[0] else None
    except (TypeError, ValueError):  # a malformed date-parts value from a reader
        return None


def _title_years_conflict(ta: str, tb: str) -> bool:
    """True when both titles print years and none is shared: volumes of a series, or
    reports of different years, under one title ("Annuario. 1954-1955" and "Annuario.
    1959-1960"). One shared year is enough to agree: OCR damages years ("¡559-1560")."""
    ya, yb = set(_TITLE_YEAR.findall(ta)), set(_TITLE_YEAR.findall(tb))
    return bool(ya) and bool(yb) and not ya & yb


def _years_conflict(a: CSLItem, b: CSLItem) -> bool:
    """True when both items have a year and the years differ (another edition or issue)."""
    ya, yb = issued_year(a), issued_year(b)
    return ya is not None and yb is not None and ya != yb


def _symbols(item: CSLItem) -> list[str]:
    """Document symbols of the item: its number when it has letters and digits."""
    number = str(item.get("number") or "")
    return [number] if _DIGITS.search(number) and re.search(r"[A-Za-z]", number) else []


def _symbols_match(a: CSLItem, b: CSLItem) -> bool:
    """Whether both items carry one document symbol, allowing OCR damage to its letters."""
    for sa in _symbols(a):
        for sb in _symbols(b):
            if _DIGITS.findall(sa) != _DIGITS.findall(sb):
                continue
            la, lb = _letters(sa), _letters(sb)
            if la == lb or name_similarity(la, lb) >= SYMBOL_LETTERS_SAME:
                return True
    return False


def _letters(symbol: str) -> str:
    """The letters of a symbol, with "I" and "l" read as "/" dropped ("CISR" -> "CSR")."""
    letters = re.sub(r"[^A-Za-z]", "", symbol)
    return re.sub(r"(?<=[A-Z])[Il](?=[A-Z])", "", letters).lower()


def _numbers_conflict(a: CSLItem, b: CSLItem) -> bool:
    """True when both items have numbers with different digits."""
    na, nb = str(a.get("number") or ""), str(b.get("number") or "")
    return bool(na and nb and _DIGITS.findall(na) != _DIGITS.findall(nb))


def _names_agree(a: Any, b: Any) -> bool:
    """Both author lists missing, or their first names match with OCR tolerance."""
    if not a and not b:
        return True
    if not a or not b:
        return False
    return name_similarity(_family(a[0]), _family(b[0])) >= NAME_SAME


def _containers_agree(a: CSLItem, b: CSLItem) -> bool:
    """Two containers given and different mean two works (one title, two periodicals)."""
    ca, cb = a.get("container-title"), b.get("container-title")
    return not (ca and cb) or title_similarity(str(ca), str(cb)) >= TITLE_SAME


def _family(name: Any) -> str:
    """The family (or literal) part of one CSL name."""
    if isinstance(name, dict):
        return str(name.get("family") or name.get("literal") or "")
    return str(name)


# ---------------------------------------------------------------------------------------
# Merge and id helpers


# json.dumps(value, sort_keys=True, ensure_ascii=False), without building an encoder per
# call: values are frozen for every field of every citation merged.
_FREEZER = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def _freeze(value: Any) -> str:
    """A hashable, order-stable form of a CSL value."""
    return _FREEZER.encode(value)


def _fullness(value: Any) -> int:
    """How much a value says: text length, or given names in a name list."""
    if isinstance(value, list):
        return sum(_fullness(v) for v in value)
    if isinstance(value, dict):
        return sum(len(str(v)) for v in value.values())
    return len(str(value))


def _significant_words(text: str) -> list[str]:
    """The title's words, ASCII-folded, lower case, without stopwords and lone letters."""
    # An apostrophe splits: "L'Ordre" -> "l", "ordre" (the elided article is one letter).
    words = _WORD_SPLIT.split(fold(text).lower())
    return [w for w in words if len(w) > 1 and w not in _STOPWORDS and not w.isdigit()]


def _author_word(names: Any) -> str:
    """The first author's family name as one key word, or a corporate name's first word."""
    if not names:
        return ""
    first = names[0]
    if isinstance(first, dict) and first.get("family"):
        return _ID_CHARS.sub("", fold(str(first["family"])).lower())
    words = _significant_words(_family(first))
    # "U.K. Transport Review Board": skip an abbreviation prefix for a readable key.
    long_words = [w for w in words if len(w) > 2]
    return (long_words or words or [""])[0]


def collision_suffix(n: int) -> str:
    """0 -> "a", 25 -> "z", 26 -> "aa": collision suffixes without end."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out
