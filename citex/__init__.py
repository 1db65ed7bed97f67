"""citex: footnote references from OCR'd scholarship.

The public API is a handful of pipeline functions; each takes plain data and returns the
next stage's plain data (see :mod:`citex.models`).
"""

from __future__ import annotations

from ._version import __version__
from .citations import find_citations, split_citations
from .errors import CitexError, FormatError, InputError, OutputError
from .footnotes import extract_footnotes, find_footnotes, text_span_to_source
from .models import Citation, CitedIn, Document, Footnote, Line, Marker, Resolution, Work
from .pipeline import process_text
from .reference import parse_reference, parse_references
from .resolve import resolve_citations
from .works import build_works

__all__ = [
    "Citation",
    "CitedIn",
    "CitexError",
    "Document",
    "Footnote",
    "FormatError",
    "InputError",
    "Line",
    "Marker",
    "OutputError",
    "Resolution",
    "Work",
    "__version__",
    "build_works",
    "extract_footnotes",
    "find_citations",
    "find_footnotes",
    "parse_reference",
    "parse_references",
    "process_text",
    "resolve_citations",
    "split_citations",
    "text_span_to_source",
]
