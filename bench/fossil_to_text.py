"""FOSSIL segmentation TEI -> OCR-like plain text with a gold label per line.

The FOSSIL corpus (``/work/shared/corpus/fossil-footnote-segmentation``) holds GROBID
"segmentation" training files: the whole PDF text stream cut into zones (``<body>``,
``<listBibl>``, ``<note place="footnote">``, ``<page>`` ...), with ``<lb/>`` at every PDF
line end. This module turns one file into what citex normally reads, one PDF line per
text line, and keeps which zone every line came from.

Labels per line:

``footnote``
    a line of a ``<listBibl>`` zone (footnotes holding references; annotator typos such as
    ``<listbibl>``, ``<libBibl>``, ``<listBiblio>`` included) or of a
    ``<note place="footnote">`` zone (commentary footnotes).
``footer``
    a line of a ``<note place="footnote">`` zone that is really page furniture. The corpus
    README warns that this zone "sometimes holds page footers"; in practice these are
    publisher lines ("www.fsjeurostudies.eu", "Open Access - https://www.nomos-elibrary.de",
    a Creative Commons notice) repeated on every page. A zone counts as a footer when every
    one of its lines also occurs elsewhere in the same document (digits and spaces ignored,
    so dates and page numbers do not hide the repetition); real notes never repeat whole.
    The scorer treats ``footer`` as ``other`` by default and can also score it as the
    annotators tagged it.
``bibliography``
    a line of the reference list that closes some articles ("Bibliography", "REFERÊNCIAS",
    "references"), which five files tag as ``<listBibl>`` like the footnotes: from such a
    heading line in a footnote zone to the end of the document. These are not footnotes,
    so the scorer treats them like footers.
``other``
    everything else: body, front matter (including author notes marked ``*`` on the first
    page), running heads, page numbers, tables of contents.

Page breaks are not tagged in these files, and the whitespace between zones is the same
everywhere. They are inferred from the zone order instead, which on every page runs
(running head, page number) -> body -> footnotes -> (page number): see
:func:`_page_numbers_of_zones`. Checked against the printed page numbers (the ``<page>``
zones), the inferred pages hold one page number each, increasing by one from page to
page, in 25 of the 32 files; six files have one or two pages out of step and one file's
``<page>`` zones hold stray numbers. A form feed can still sit one furniture line
off (a page number printed at the foot of a page cannot be told from one printed in the
head of the next when no running head follows it). Real OCR text often has no form
feeds at all, so :func:`load_fossil` also gives the text without them
(``form_feeds=False``).

Example:
    >>> docs = load_fossil(Path("../shared/corpus/fossil-footnote-segmentation"))
    >>> doc = docs[0]
    >>> start, end = doc.line_spans[0]
    >>> doc.text[start:end], doc.labels[0]
    ('Bibliotheken', 'other')
"""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

FOOTNOTE = "footnote"
FOOTER = "footer"
BIBLIOGRAPHY = "bibliography"
OTHER = "other"

Span = tuple[int, int]

# Zone tags (lower-cased local names) that hold footnotes with references. The last three
# are annotator typos of ``listBibl`` found in the corpus; their content is footnotes.
_BIBL_TAGS = frozenset({"listbibl", "libbibl", "listbiblio"})

# Where a zone sits on a page, for inferring page breaks. Anything not listed (body,
# front, div, toc, titlePage, and the ``<biblio>`` typo, which holds body text) is the
# middle of a page.
_TOP, _MIDDLE, _BOTTOM, _PAGE_NUMBER = "top", "middle", "bottom", "page-number"
_NEUTRAL = "neutral"

# A note number opening a footnote line: "12 Vgl. ...", "12. See ...", "12) ...",
# "(12) See ..." or the number alone on its line (one journal sets it apart). Not
# "2007, S. 49" (four digits), not "12a", "1.2" or "3,5".
_NOTE_NUMBER = re.compile(r"^\(?(\d{1,3})(?:\)|\.)?(?=\s|$)")

# Documents whose gold zones cannot be scored against, with the reason. Benchmarks report
# them but keep them out of averages.
UNRELIABLE_GOLD = {
    "10.32361__201810011903": (
        "zone boundaries are shifted against the text: each <listBibl> holds a page of body"
        " text ending in the first lines of its footnotes, and the following <body> holds"
        " the rest of the footnotes and then body text"
    ),
}

# A line that is only the heading of an article's closing reference list. Must match
# "Bibliography", "references", "REFERÊNCIAS", "Literaturverzeichnis", "Works Cited:";
# not "references in note 94)." or "Literature on the subject is scarce".
_BIBLIOGRAPHY_HEADING = re.compile(
    r"(?:bibliograph(?:y|ie)|bibliografia|references|reference list|refer[eê]ncias"
    r"(?: bibliogr[aá]ficas)?|literatur(?:e|verzeichnis)?|works cited|sources)\s*:?",
    re.IGNORECASE,
)

_DIGITS_AND_SPACE = re.compile(r"[\d\s]+")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Doc:
    """One FOSSIL article as plain text with a gold label for every line."""

    name: str
    text: str
    labels: tuple[str, ...]  # FOOTNOTE, FOOTER, BIBLIOGRAPHY or OTHER, one per line
    line_spans: tuple[Span, ...]  # (start, end) of each line in text, without "\n" or "\f"
    zones: tuple[str, ...]  # the zone each line came from: "body", "listBibl", "note:footnote"
    pages: tuple[int, ...]  # 1-based inferred page of each line


@dataclass(frozen=True)
class _Zone:
    """One zone of the TEI text stream: its name and its non-empty lines."""

    name: str
    lines: tuple[str, ...]


def load_fossil(corpus: Path, *, form_feeds: bool = True) -> list[Doc]:
    """Read every TEI file of the FOSSIL corpus folder into a :class:`Doc`.

    Args:
        corpus: the corpus folder (holding ``tei/``) or the ``tei/`` folder itself.
        form_feeds: put a form feed before the first line of every inferred page after the
            first; without it the pages simply follow each other.

    Returns:
        One Doc per file, sorted by name (the file name without ``.training...xml``).

    Raises:
        FileNotFoundError: no TEI files in the folder.
    """
    folder = corpus / "tei" if (corpus / "tei").is_dir() else corpus
    paths = sorted(folder.glob("*.tei.xml"))
    if not paths:
        raise FileNotFoundError(f"no *.tei.xml files in {folder}")
    return [
        tei_to_doc(path.read_bytes(), name=_doc_name(path), form_feeds=form_feeds) for path in paths
    ]


def tei_to_doc(tei: bytes | str, *, name: str = "doc", form_feeds: bool = True) -> Doc:
    """Convert one segmentation TEI document to a :class:`Doc`.

    Args:
        tei: the XML, as bytes (encoding from the XML declaration) or str.
        name: what to call the document.
        form_feeds: separate inferred pages with a form feed.

    Returns:
        The text, one line per PDF line, "\\n" after every line, and the labels.

    Example:
        >>> doc = tei_to_doc('<TEI><text><body>A <lb/>B 1 <lb/></body>'
        ...                  '<listBibl>1 Ibid. <lb/></listBibl></text></TEI>')
        >>> doc.text, doc.labels
        ('A\\nB 1\\n1 Ibid.\\n', ('other', 'other', 'footnote'))
    """
    zones = _read_zones(tei)
    zone_labels = _label_zones(zones)
    zone_pages = _page_numbers_of_zones(zones, zone_labels)
    parts: list[str] = []
    labels: list[str] = []
    spans: list[Span] = []
    names: list[str] = []
    pages: list[int] = []
    offset = 0
    for zone, label, page in zip(zones, zone_labels, zone_pages, strict=True):
        for line in zone.lines:
            if form_feeds and pages and page != pages[-1]:
                parts.append("\f")
                offset += 1
            parts.append(line + "\n")
            spans.append((offset, offset + len(line)))
            offset += len(line) + 1
            labels.append(label)
            names.append(zone.name)
            pages.append(page)
    text = "".join(parts)
    return Doc(
        name=name,
        text=text,
        labels=_mark_bibliography(labels, [text[start:end] for start, end in spans]),
        line_spans=tuple(spans),
        zones=tuple(names),
        pages=tuple(pages),
    )


def gold_note_starts(doc: Doc) -> list[tuple[int, int]]:
    """Footnote lines that open a note, as (line index, note number); approximate.

    Boundaries between notes are not tagged. This takes the footnote lines that begin with
    a number and keeps the longest run of them whose numbers increase through the
    document: notes are numbered in reading order, so line-initial figures inside a note
    ("150 Jahre ...", "29 U.S.C. ...") fall out, while notes whose number the PDF lost only
    leave a gap. Numbering that restarts (per chapter) is counted up to the restart.
    """
    candidates: list[tuple[int, int]] = []
    for index, ((start, end), label) in enumerate(zip(doc.line_spans, doc.labels, strict=True)):
        match = _NOTE_NUMBER.match(doc.text[start:end]) if label == FOOTNOTE else None
        if match is not None:
            candidates.append((index, int(match.group(1))))
    return _longest_increasing(candidates)


def _longest_increasing(items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence whose second members strictly increase (patience sorting)."""
    tails: list[int] = []  # smallest last number of an increasing run of each length
    tail_at: list[int] = []  # where in items that run ends
    previous: list[int | None] = []
    for position, (_, number) in enumerate(items):
        length = bisect.bisect_left(tails, number)
        if length == len(tails):
            tails.append(number)
            tail_at.append(position)
        else:
            tails[length] = number
            tail_at[length] = position
        previous.append(tail_at[length - 1] if length else None)
    run: list[tuple[int, int]] = []
    cursor = tail_at[-1] if tail_at else None
    while cursor is not None:
        run.append(items[cursor])
        cursor = previous[cursor]
    return run[::-1]


def _doc_name(path: Path) -> str:
    """The file name without the ``.training.segmentation.tei.xml`` suffix."""
    return path.name.split(".training.")[0]


def _local(tag: str) -> str:
    """The lower-cased local name of an element tag, namespace dropped."""
    return tag.rsplit("}", 1)[-1].lower()


def _zone_name(element: ET.Element) -> str:
    """A zone's name: its tag, with the place of a note (``note:footnote``)."""
    local = element.tag.rsplit("}", 1)[-1]
    if local.lower() == "note":
        return f"note:{element.get('place', '')}"
    return local


def _read_zones(tei: bytes | str) -> list[_Zone]:
    """The zones of the ``<text>`` element in order, a zone nested in another split out."""
    root = ET.fromstring(tei)
    text = next((e for e in root.iter() if _local(e.tag) == "text"), None)
    if text is None:
        raise ValueError("no <text> element in the TEI")
    zones: list[_Zone] = []
    for element in text:
        zones.extend(_split_zone(element, _zone_name(element)))
    return [zone for zone in zones if zone.lines]


def _split_zone(element: ET.Element, name: str) -> list[_Zone]:
    """One zone's lines; a zone element nested inside (a listBibl in a note) becomes its own."""
    zones: list[_Zone] = []
    lines: list[str] = []
    current: list[str] = [element.text or ""]

    def end_line() -> None:
        line = _WHITESPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    for child in element:
        if _local(child.tag) == "lb":
            end_line()
        else:
            # A nested zone starts on a new PDF line: GROBID labels whole lines.
            end_line()
            zones.append(_Zone(name, tuple(lines)))
            lines = []
            zones.extend(_split_zone(child, _zone_name(child)))
        current.append(child.tail or "")
    end_line()
    zones.append(_Zone(name, tuple(lines)))
    return zones


def _label_zones(zones: list[_Zone]) -> list[str]:
    """FOOTNOTE, FOOTER or OTHER for each zone (see the module docstring)."""
    seen = Counter(_furniture_key(line) for zone in zones for line in zone.lines)
    labels = []
    for zone in zones:
        tag = zone.name.lower()
        if tag in _BIBL_TAGS:
            labels.append(FOOTNOTE)
        elif tag == "note:footnote":
            repeated = all(seen[_furniture_key(line)] > 1 for line in zone.lines)
            labels.append(FOOTER if repeated else FOOTNOTE)
        else:
            labels.append(OTHER)
    return labels


def _mark_bibliography(labels: list[str], lines: list[str]) -> tuple[str, ...]:
    """Relabel footnote lines from a reference-list heading to the end as BIBLIOGRAPHY."""
    heading = next(
        (
            index
            for index, (label, line) in enumerate(zip(labels, lines, strict=True))
            if label == FOOTNOTE and _BIBLIOGRAPHY_HEADING.fullmatch(line)
        ),
        len(labels),
    )
    return tuple(
        BIBLIOGRAPHY if index >= heading and label == FOOTNOTE else label
        for index, label in enumerate(labels)
    )


def _furniture_key(line: str) -> str:
    """A line with digits and spaces removed, so repeated furniture compares equal."""
    return _DIGITS_AND_SPACE.sub("", line).lower()


def _position(zone: _Zone, label: str) -> str:
    """Where on a page a zone of this kind sits; page footers are placed nowhere."""
    tag = zone.name.lower()
    if label == FOOTER:
        # pdfalto puts a footer at the top of a page's stream in some files and at the
        # bottom in others, so it says nothing about where a page starts.
        return _NEUTRAL
    if tag == "note:headnote":
        return _TOP
    if tag == "page":
        return _PAGE_NUMBER
    if label == FOOTNOTE:
        return _BOTTOM
    return _MIDDLE


def _page_numbers_of_zones(zones: list[_Zone], labels: list[str]) -> list[int]:
    """Infer the 1-based page of every zone from the order of zone kinds.

    A page reads: running head and page number, body, footnotes, maybe a page number.
    Footnotes, or a page number after body or footnotes, close a page; after that body
    opens the next one, and so do footnotes or a page number that come after a bottom
    page number (pages holding only endnotes: "notes, 7, notes, 8"). A running head after
    body or notes always opens a page (also after a page without footnotes), and so does a
    page number right before a running head or a publisher line: it is printed in the
    head of the next page. Where a journal prints the number twice, both then land on one
    page.
    """
    positions = [_position(zone, label) for zone, label in zip(zones, labels, strict=True)]
    page = 1
    has_content = False  # this page has had body or footnotes
    closed = False  # footnotes or a bottom page number came after the content
    bottom_number = False  # a page number came after the content
    pages = []
    for index, position in enumerate(positions):
        following = positions[index + 1] if index + 1 < len(positions) else None
        if has_content and position == _TOP:
            opens = True
        elif has_content and position == _PAGE_NUMBER and following in (_TOP, _NEUTRAL):
            opens = True
        elif closed and position == _MIDDLE:
            opens = True
        else:
            opens = bottom_number and position in (_PAGE_NUMBER, _BOTTOM)
        if opens:
            page += 1
            has_content = closed = bottom_number = False
        if position == _MIDDLE:
            has_content = True
        elif position == _BOTTOM:
            has_content = closed = True
        elif position == _PAGE_NUMBER and has_content:
            closed = bottom_number = True
        pages.append(page)
    return pages
