"""The whole job for one document: text -> footnotes -> citations -> works.

Each stage is a plain function of the previous stage's output; this module only chains
them and gathers warnings, so a caller can run any prefix of the pipeline itself.
"""

from __future__ import annotations

from .citations import find_citations
from .footnotes import extract_footnotes
from .models import Document


def process_text(text: str, *, source: str = "<text>") -> Document:
    """Run every stage of citex on one decoded document.

    Args:
        text: the OCR text.
        source: the name to record as the document's source (usually its path).

    Returns:
        The :class:`~citex.models.Document` with footnotes and their citations.

    Example:
        >>> doc = process_text("Text.1\\n1. A. Author, Title (Place, 1990), 3.\\n", source="x")
        >>> [f.number for f in doc.footnotes]
        [1]
    """
    found = extract_footnotes(text)
    footnotes = find_citations(found.footnotes, text)
    return Document(source=source, footnotes=footnotes, warnings=found.warnings)
