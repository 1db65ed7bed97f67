"""The plain data that flows through the citex pipeline.

Every stage is a function from one of these types to the next. The classes are frozen
dataclasses and this module imports nothing else from citex, so any stage (and any user)
can depend on it without pulling in the rest.

Offsets are character offsets into the input text *as decoded* (after the byte decoding
in :mod:`citex.textio`, before any other change): ``text[start:end]`` is the piece.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]
"""A half-open ``(start, end)`` range of character offsets into the source text."""

CSLItem = dict[str, Any]
"""A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""


@dataclass(frozen=True)
class Line:
    """One physical line of the source, without its line terminator."""

    index: int  # 0-based line number in the source
    start: int
    end: int
    text: str
    page: int  # 1-based page of the input (form feeds or inferred page breaks)


@dataclass(frozen=True)
class Marker:
    """Where a footnote is called in the body text (the superscript number, as OCR kept it)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Resolution:
    """How a citation was linked to a work, and how sure citex is."""

    method: str  # "full", "ibid", "short-author", "short-title", "supra", "hereinafter", ...
    confidence: float
    reason: str


@dataclass(frozen=True)
class Citation:
    """One citation inside a footnote, with its parsed fields."""

    text: str
    spans: tuple[Span, ...]
    kind: str  # "full", "ibid", "short", "supra", "hereinafter", ...
    signal: str | None = None  # "see", "see also", "see for example", "cf." ...
    relation: str | None = None  # "as quoted in", "reprinted in", "in", "trans. in" ...
    pinpoint: str | None = None  # the page(s) this note cites, never the work's range
    csl: CSLItem = field(default_factory=dict)
    work: str | None = None
    resolution: Resolution | None = None


@dataclass(frozen=True)
class Footnote:
    """One footnote: its number, where it is, and its text with the pieces joined."""

    number: int
    page: int
    text: str
    spans: tuple[Span, ...]  # every piece of the note's text in the source, in reading order
    marker: Marker | None = None
    citations: tuple[Citation, ...] = ()
    number_span: Span | None = None  # where the note's own number is printed


@dataclass(frozen=True)
class CitedIn:
    """One place a work is cited: footnote number, citation index in it, its pinpoint."""

    footnote: int
    citation: int
    pinpoint: str | None


@dataclass(frozen=True)
class Work:
    """One distinct cited item, merged from all its citations."""

    id: str
    csl: CSLItem
    cited_in: tuple[CitedIn, ...] = ()


@dataclass(frozen=True)
class Document:
    """The result of processing one input text."""

    source: str
    footnotes: tuple[Footnote, ...]
    works: tuple[Work, ...] = ()
    warnings: tuple[str, ...] = ()
