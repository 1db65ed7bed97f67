"""Exporters: works -> BibTeX, BibLaTeX, CSL-JSON or RIS text, one module per format.

``FORMATS`` maps each output format name (as the CLI's ``--format`` takes it) to a function
from a list of works to the text of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from ..models import Work
from .bibtex import read_bibtex, works_to_bibtex
from .csl_json import read_csl_json, works_to_csl_json
from .ris import works_to_ris

Exporter = Callable[[Sequence[Work]], str]

FORMATS: dict[str, Exporter] = {
    "bibtex": partial(works_to_bibtex, dialect="bibtex"),
    "biblatex": partial(works_to_bibtex, dialect="biblatex"),
    "csl-json": works_to_csl_json,
    "ris": works_to_ris,
}
"""Output format name -> exporter. Example: ``FORMATS["ris"](works)``."""

__all__ = [
    "FORMATS",
    "Exporter",
    "read_bibtex",
    "read_csl_json",
    "works_to_bibtex",
    "works_to_csl_json",
    "works_to_ris",
]
