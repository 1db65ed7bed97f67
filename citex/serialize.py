"""citex's own output formats: the extract JSON (see ``citex/schema/extract.schema.json``)
and the plain-text listing for people.

The JSON keys are a stable interface; add keys, never rename or remove them.
"""

from __future__ import annotations

import json
from typing import Any

from ._version import __version__
from .models import Citation, Document, Footnote, Work


def document_to_json(doc: Document) -> dict[str, Any]:
    """The extract JSON object of a processed document.

    Example:
        >>> document_to_json(Document(source="a.txt", footnotes=()))["footnotes"]
        []
    """
    return {
        "citex_version": __version__,
        "source": doc.source,
        "footnotes": [_footnote(f) for f in doc.footnotes],
        "works": [_work(w) for w in doc.works],
        "warnings": list(doc.warnings),
    }


def dumps_document(doc: Document) -> str:
    """The extract JSON as text: deterministic (fixed key order), UTF-8, final newline."""
    return json.dumps(document_to_json(doc), ensure_ascii=False, indent=2) + "\n"


def _footnote(note: Footnote) -> dict[str, Any]:
    return {
        "number": note.number,
        "page": note.page,
        "text": note.text,
        "spans": [list(span) for span in note.spans],
        "marker": (
            {"start": note.marker.start, "end": note.marker.end, "text": note.marker.text}
            if note.marker is not None
            else None
        ),
        "citations": [_citation(c) for c in note.citations],
        "number_span": list(note.number_span) if note.number_span else None,
    }


def _citation(cit: Citation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": cit.text,
        "spans": [list(span) for span in cit.spans],
        "kind": cit.kind,
        "signal": cit.signal,
        "relation": cit.relation,
        "pinpoint": cit.pinpoint,
        "csl": public_csl(cit.csl),
        "work": cit.work,
    }
    if cit.resolution is not None:
        out["resolution"] = {
            "method": cit.resolution.method,
            "confidence": round(cit.resolution.confidence, 3),
            "reason": cit.resolution.reason,
        }
    return out


def _work(work: Work) -> dict[str, Any]:
    return {
        "id": work.id,
        "csl": public_csl(work.csl),
        "cited_in": [
            {"footnote": c.footnote, "citation": c.citation, "pinpoint": c.pinpoint}
            for c in work.cited_in
        ],
    }


def public_csl(item: dict[str, Any]) -> dict[str, Any]:
    """A CSL-JSON item without citex's private working keys (those starting with ``_``)."""
    return {k: v for k, v in item.items() if not k.startswith("_")}


def document_to_text(doc: Document) -> str:
    """A readable listing: one block per note with its number, page and text.

    Example:
        >>> doc = Document("a.txt", (Footnote(1, 1, "Ibid.", ((0, 5),)),))
        >>> print(document_to_text(doc), end="")
        a.txt: 1 footnote
        <BLANKLINE>
        [1] page 1  (no marker found)
            Ibid.
    """
    count = len(doc.footnotes)
    out = [f"{doc.source}: {count} footnote{'' if count == 1 else 's'}"]
    for note in doc.footnotes:
        marker = f"marker {note.marker.text!r}" if note.marker else "(no marker found)"
        out.append("")
        out.append(f"[{note.number}] page {note.page}  {marker}")
        out.append("    " + note.text)
        for cit in note.citations:
            label = cit.kind + (f", {cit.relation}" if cit.relation else "")
            where = f" -> {cit.work}" if cit.work else ""
            out.append(f"      - ({label}) {cit.text}{where}")
    for warning in doc.warnings:
        out.append(f"warning: {warning}")
    return "\n".join(out) + "\n"
