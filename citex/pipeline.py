"""The whole job for one document: text -> footnotes -> citations -> works.

Each stage is a plain function of the previous stage's output; this module only chains
them and gathers warnings, so a caller can run any prefix of the pipeline itself.
"""

from __future__ import annotations

from .citations import find_citations
from .footnotes import extract_footnotes
from .models import Document
from .resolve import resolve_citations
from .works import build_works, fold_relations


def process_text(text: str, *, source: str = "<text>") -> Document:
    """Run every stage of citex on one decoded document.

    Args:
        text: the OCR text.
        source: the name to record as the document's source (usually its path).

    Returns:
        The :class:`~citex.models.Document`: footnotes with their citations resolved to
        works, and the deduplicated works.

    Example:
        >>> doc = process_text("Text.1\\n1. A. Author, Title (Place, 1990), 3.\\n", source="x")
        >>> [f.number for f in doc.footnotes]
        [1]
    """
    found = extract_footnotes(text)
    footnotes = fold_relations(resolve_citations(find_citations(found.footnotes, text)))
    works = build_works(footnotes)
    return Document(source=source, footnotes=footnotes, works=works, warnings=found.warnings)
