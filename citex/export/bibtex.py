"""BibTeX and BibLaTeX: writing works as ``.bib`` entries, and reading ``.bib`` files back.

This is the only module that imports bibtexparser (and pylatexenc, which bibtexparser
itself depends on for LaTeX encoding). Everything crossing this boundary is plain
CSL-JSON on the citex side.

Two dialects are written:

* ``"biblatex"``: UTF-8, BibLaTeX entry types and fields (``journaltitle``, ``location``,
  ISO/EDTF ``date``), restricted per entry type to the fields of biber's default data
  model, so that ``biber --tool --validate-datamodel`` has nothing to complain about but
  genuinely missing authors.
* ``"bibtex"``: plain ASCII with LaTeX accents (``{\\H{o}}``), classic fields (``journal``,
  ``address``, ``year``, ``month``), for BibTeX and its ``.bst`` styles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Literal

import bibtexparser
from bibtexparser.middlewares import NormalizeFieldKeys
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)
from bibtexparser.model import Entry, Field
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexencode import UnicodeToLatexEncoder

from ..errors import FormatError
from ..models import CSLItem, Work
from . import _csl

Dialect = Literal["bibtex", "biblatex"]
DIALECTS: tuple[Dialect, ...] = ("bibtex", "biblatex")

INDENT = "  "
"""Two spaces, as bibtex-tidy and most hand-written .bib files indent fields."""

# A citation key both BibTeX and biber accept everywhere: ASCII letters and digits first,
# then also _ : . + - /. Keys are work ids chosen by citex, so anything else is a bug.
# Matches "smith1989", "un:a/40/123"; must not match "a b", "x,y", "{k}", "pérez1990".
_VALID_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_:.+/\-]*$")

# The ten characters LaTeX treats specially, written so that every reader agrees. Braces
# become commands rather than \{ \}: BibTeX and pybtex count a backslashed brace as a
# brace, so a lone "{" escaped as \{ would still unbalance the field.
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(ch) for ch in _LATEX_SPECIALS))

# In verbatim fields (url, doi) only what would break the .bib syntax is percent-encoded.
_URL_UNSAFE = {"{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"}

# Classic BibTeX predefines these month macros; styles localize and abbreviate them.
_MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS_IN_YEAR = len(_MONTH_MACROS)
_DAYS_IN_LONGEST_MONTH = 31

# EDTF level 1 (and biber) number the seasons 21-24: 1989-22 is summer 1989.
_EDTF_SEASON_BASE = 20

# A canonical Roman numeral, all upper or all lower case: "XVIII", "iv", "MCMLXXX".
# Must not match "IIII", "VX", "Xiv" or the empty string.
_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
# Alone, these letters name a part or series far more often than they count 50-1000.
_LETTERS_NOT_NUMERALS = frozenset("CDLM")

_EXPORTED_NAME_VARIABLES = ("author", "editor", "translator", "container-author")


# ---------------------------------------------------------------------------------------
# Entry types


_ARTICLE_TYPES = frozenset(
    {"article-journal", "article-magazine", "article-newspaper", "review", "review-book"}
)
_ARTICLE_SUBTYPES = {"article-newspaper": "newspaper", "article-magazine": "magazine"}
_BOOK_TYPES = frozenset({"book", "classic", "collection", "periodical"})
_PART_TYPES = frozenset({"chapter", "entry", "entry-dictionary", "entry-encyclopedia"})
_REFERENCE_PART_TYPES = frozenset({"entry", "entry-dictionary", "entry-encyclopedia"})
_WEB_TYPES = frozenset({"webpage", "post", "post-weblog"})
# BibLaTeX types whose "number" is the number in a series (CSL collection-number).
_BOOK_FIELD_TYPES = frozenset({"book", "collection", "inbook", "incollection", "inreference"})

# The fields biber's default data model allows per BibLaTeX entry type (from biber's
# biber-tool.conf, limited to the fields this module writes). Fields allowed for every
# type are in _BIBLATEX_GLOBAL_FIELDS. A field outside these sets is a data-model warning.
_BIBLATEX_GLOBAL_FIELDS = frozenset(
    {"abstract", "date", "doi", "entrysubtype", "origdate", "shortjournal", "shorttitle",
     "url", "urldate"}
)  # fmt: skip
_BOOK_FIELDS = frozenset(
    {"author", "chapter", "edition", "editor", "isbn", "location", "note", "number", "pages",
     "pagetotal", "publisher", "pubstate", "series", "title", "translator", "volume",
     "volumes"}
)  # fmt: skip
_PART_FIELDS = (_BOOK_FIELDS - {"pagetotal"}) | {"booktitle"}
_BIBLATEX_FIELDS = {
    "article": frozenset(
        {"author", "editor", "eid", "issn", "issue", "journaltitle", "note", "number", "pages",
         "pubstate", "series", "title", "translator", "version", "volume"}
    ),
    "book": _BOOK_FIELDS,
    "collection": _BOOK_FIELDS - {"author"},
    "inbook": _PART_FIELDS | {"bookauthor"},
    "incollection": _PART_FIELDS,
    "inreference": _PART_FIELDS,
    "inproceedings": (_PART_FIELDS - {"translator", "edition", "pagetotal"})
    | {"eventtitle", "organization", "venue"},
    "report": frozenset(
        {"author", "chapter", "institution", "location", "note", "number", "pages",
         "pagetotal", "pubstate", "title", "type", "version"}
    ),
    "thesis": frozenset(
        {"author", "chapter", "institution", "location", "note", "pages", "pagetotal",
         "pubstate", "title", "type"}
    ),
    "unpublished": frozenset(
        {"author", "howpublished", "location", "note", "pubstate", "title", "type", "venue"}
    ),
    "misc": frozenset(
        {"author", "editor", "howpublished", "location", "note", "organization", "pubstate",
         "title", "type", "version"}
    ),
    "online": frozenset({"author", "editor", "note", "organization", "pubstate", "title",
                         "version"}),
    "patent": frozenset({"author", "location", "note", "number", "pubstate", "title", "type",
                         "version"}),
    "dataset": frozenset(
        {"author", "edition", "editor", "location", "note", "number", "organization",
         "publisher", "pubstate", "series", "title", "type", "version"}
    ),
    "software": frozenset(
        {"author", "editor", "howpublished", "location", "note", "organization", "pubstate",
         "title", "type", "version"}
    ),
}  # fmt: skip

# Numbering a BibLaTeX type has no field for is kept in the note, labelled with
# BibLaTeX's own localized strings (a UN document number on a @misc, say).
_NOTE_RESCUE_BIBSTRINGS = (("volume", "volume"), ("number", "number"), ("pages", "page"))

# BibLaTeX field -> classic BibTeX field, where the names differ.
_CLASSIC_FIELD_NAMES = {"journaltitle": "journal", "location": "address"}
# BibLaTeX-only fields with no classic counterpart that .bst styles would print.
_CLASSIC_DROPPED = frozenset(
    {"bookauthor", "entrysubtype", "eid", "origdate", "pagetotal", "pubstate", "shortjournal",
     "urldate", "venue", "eventtitle", "version", "issue"}
)  # fmt: skip

_FIELD_ORDER = (
    "author", "editor", "bookauthor", "translator", "title", "shorttitle", "journaltitle",
    "journal", "shortjournal", "booktitle", "eventtitle", "howpublished", "series", "edition",
    "volume", "volumes", "number", "issue", "eid", "pages", "pagetotal", "chapter", "type",
    "institution", "school", "organization", "publisher", "location", "address", "venue",
    "date", "year", "month", "origdate", "entrysubtype", "pubstate", "version", "isbn",
    "issn", "doi", "url", "urldate", "note", "abstract",
)  # fmt: skip


def works_to_bibtex(works: Sequence[Work], *, dialect: Dialect = "bibtex") -> str:
    """Write works as a ``.bib`` file, one entry per work keyed by its id.

    Args:
        works: the works, in the order the entries should appear.
        dialect: ``"bibtex"`` (ASCII, LaTeX accents, classic fields) or ``"biblatex"``
            (UTF-8, BibLaTeX types and fields, ISO dates).

    Returns:
        The ``.bib`` text, entries separated by a blank line ("" for no works).

    Raises:
        ValueError: an unknown dialect, or a work id that is not a valid or unique key.

    Example:
        >>> work = Work("smith1990", {"type": "book", "title": "Édition",
        ...     "author": [{"family": "Smith", "given": "Ann"}],
        ...     "issued": {"date-parts": [[1990]]}})
        >>> print(works_to_bibtex([work]), end="")
        @book{smith1990,
          author = {Smith, Ann},
          title = {{\\'E}dition},
          year = {1990}
        }
    """
    if dialect not in DIALECTS:
        raise ValueError(f"unknown BibTeX dialect {dialect!r}; expected one of {DIALECTS}")
    _check_keys(work.id for work in works)
    entries = [_entry(work.id, work.csl, dialect) for work in works]
    if not entries:
        return ""
    bib_format = bibtexparser.BibtexFormat()
    bib_format.indent = INDENT
    bib_format.block_separator = "\n"
    return bibtexparser.write_string(bibtexparser.Library(entries), bibtex_format=bib_format)


def _check_keys(keys: Iterable[str]) -> None:
    """Raise ValueError unless every key is valid and unique."""
    seen: set[str] = set()
    for key in keys:
        if not _VALID_KEY.match(key):
            raise ValueError(f"work id {key!r} is not a valid BibTeX key")
        if key in seen:
            raise ValueError(f"work id {key!r} occurs twice")
        seen.add(key)


def _entry(key: str, csl: CSLItem, dialect: Dialect) -> Entry:
    """One bibtexparser entry for a CSL item."""
    escape = _escape_utf8 if dialect == "biblatex" else _escape_ascii
    entry_type = _biblatex_type(csl)
    fields = _biblatex_fields(csl, entry_type, escape)
    if dialect == "biblatex":
        issued = _csl.date(csl, "issued")
        if issued is not None and issued.literal:
            # biber reads only ISO dates; "n.d." or "Easter 1989" can live only in the note
            fields["note"] = _join_note(fields.get("note"), escape(issued.literal))
        fields = _fit_data_model(fields, entry_type)
        macro_fields: set[str] = set()
    else:
        entry_type, fields, macro_fields = _classic(csl, entry_type, fields)
    order = {name: i for i, name in enumerate(_FIELD_ORDER)}
    return Entry(
        entry_type,
        key,
        [
            Field(name, value, enclosing="no-enclosing" if name in macro_fields else None)
            for name, value in sorted(fields.items(), key=lambda kv: order[kv[0]])
        ],
    )


def _biblatex_type(csl: CSLItem) -> str:
    """The BibLaTeX entry type for a CSL item, falling back to ones whose demands it meets."""
    kind = csl.get("type")
    has = {v for v in ("container-title", "publisher", "URL", "DOI", "number") if _csl.text(csl, v)}
    if kind in _ARTICLE_TYPES:
        return "article" if "container-title" in has else "misc"
    if kind in _BOOK_TYPES:
        edited = _csl.names(csl, "editor") and not _csl.names(csl, "author")
        return "collection" if edited else "book"
    if kind in _PART_TYPES or kind == "paper-conference":
        if "container-title" not in has:
            return "misc"
        if kind == "paper-conference":
            return "inproceedings"
        if not _csl.names(csl, "editor"):
            return "inbook"
        return "inreference" if kind in _REFERENCE_PART_TYPES else "incollection"
    if kind in ("report", "thesis"):
        return kind if "publisher" in has else "misc"
    if kind in _WEB_TYPES:
        return "online" if {"URL", "DOI"} & has else "misc"
    if kind == "patent":
        return "patent" if "number" in has else "misc"
    return {"manuscript": "unpublished", "dataset": "dataset", "software": "software"}.get(
        str(kind), "misc"
    )


def _biblatex_fields(csl: CSLItem, entry_type: str, escape: Callable[[str], str]) -> dict[str, str]:
    """Every field the item has, named as in BibLaTeX, values escaped; not yet fitted."""
    fields: dict[str, str] = {}
    for variable in _EXPORTED_NAME_VARIABLES:
        people = _csl.names(csl, variable)
        if people:
            field = "bookauthor" if variable == "container-author" else variable
            fields[field] = " and ".join(_bib_name(name, escape) for name in people)

    def put(field: str, variable: str) -> None:
        value = _csl.text(csl, variable)
        if value is not None:
            fields[field] = escape(value)

    put("title", "title")
    put("shorttitle", "title-short")
    container = {
        "article": "journaltitle",
        "incollection": "booktitle",
        "inreference": "booktitle",
        "inbook": "booktitle",
        "inproceedings": "booktitle",
    }.get(entry_type, "howpublished")
    put(container, "container-title")
    put("shortjournal", "container-title-short")
    put("series", "collection-title")
    put("edition", "edition")
    if entry_type in _BOOK_FIELD_TYPES:
        put("number", "collection-number")
    else:
        put("eid" if entry_type == "article" else "number", "number")
    put("chapter", "chapter-number")
    put("pagetotal", "number-of-pages")
    put("volumes", "number-of-volumes")
    put("type", "genre")
    put("eventtitle", "event-title")
    put("venue", "event-place")
    put("pubstate", "status")
    put("version", "version")
    put("isbn", "ISBN")
    put("issn", "ISSN")
    put("note", "note")
    put("abstract", "abstract")
    publisher_field = {"report": "institution", "thesis": "institution"}.get(
        entry_type, "publisher" if "publisher" in _BIBLATEX_FIELDS[entry_type] else "organization"
    )
    put(publisher_field, "publisher")
    put("location", "publisher-place")
    if "howpublished" not in fields:
        put("howpublished", "archive")  # where a manuscript is kept ("A.S.V.")
    for field, variable in (("url", "URL"), ("doi", "DOI")):
        value = _csl.text(csl, variable)
        if value is not None:
            fields[field] = _verbatim(value)

    volume = _csl.text(csl, "volume")
    if volume is not None:
        fields["volume"] = escape(arabic_volume(volume))
    issue = _csl.text(csl, "issue")
    if issue is not None:
        # BibLaTeX's "number" is the issue number; "issue" is for "Spring", "Special issue".
        fields["number" if issue[0].isdigit() else "issue"] = escape(issue)
    page = _csl.text(csl, "page")
    if page is not None:
        first, last = _csl.page_range(page)
        fields["pages"] = escape(first) + ("--" + escape(last) if last else "")
    if entry_type == "article" and csl.get("type") in _ARTICLE_SUBTYPES:
        fields["entrysubtype"] = _ARTICLE_SUBTYPES[csl["type"]]
    if entry_type in ("report", "thesis") and "type" not in fields:
        fields["type"] = entry_type  # mandatory in BibLaTeX; the CSL type says just this

    _put_dates(csl, fields)
    return fields


def _put_dates(csl: CSLItem, fields: dict[str, str]) -> None:
    """Add ``date``, ``origdate`` and ``urldate`` where the item has a readable date."""
    for field, variable in (("date", "issued"), ("origdate", "original-date"),
                            ("urldate", "accessed")):  # fmt: skip
        value = _csl.date(csl, variable)
        edtf = None if value is None else _edtf(value)
        if edtf is not None:
            fields[field] = edtf


def _edtf(value: _csl.CSLDate) -> str | None:
    """An ISO 8601 / EDTF date as biber reads it ("1989", "1989-06-03", "1989-22", ranges)."""
    pieces = []
    for i, part in enumerate(value.parts):
        year = part[0]
        piece = f"-{-year:04d}" if year < 0 else f"{year:04d}"
        if len(part) > 1 and 1 <= part[1] <= _MONTHS_IN_YEAR:
            piece += f"-{part[1]:02d}"
            if len(part) > 2 and 1 <= part[2] <= _DAYS_IN_LONGEST_MONTH:
                piece += f"-{part[2]:02d}"
        elif i == 0 and value.season:
            piece += f"-{_EDTF_SEASON_BASE + value.season}"
        pieces.append(piece)
    if not pieces:
        return None
    if value.circa and len(pieces) == 1:
        pieces[0] += "~"
    return "/".join(pieces)


def _fit_data_model(fields: dict[str, str], entry_type: str) -> dict[str, str]:
    """Keep the fields biber's data model allows for the type; keep numbering in the note."""
    allowed = _BIBLATEX_FIELDS[entry_type] | _BIBLATEX_GLOBAL_FIELDS
    fitted = {name: value for name, value in fields.items() if name in allowed}
    rescued = [
        rf"\bibstring{{{bibstring}}}~{fields[name]}"
        for name, bibstring in _NOTE_RESCUE_BIBSTRINGS
        if name in fields and name not in allowed
    ]
    if rescued and "note" in allowed:
        fitted["note"] = _join_note(fitted.get("note"), ", ".join(rescued))
    return fitted


def _classic(
    csl: CSLItem, biblatex_type: str, fields: dict[str, str]
) -> tuple[str, dict[str, str], set[str]]:
    """Turn BibLaTeX fields into classic BibTeX ones; also return the fields holding macros."""
    entry_type = {
        "article": "article",
        "book": "book",
        "collection": "book",
        "inbook": "incollection",
        "incollection": "incollection",
        "inreference": "incollection",
        "inproceedings": "inproceedings",
        "report": "techreport",
        "thesis": "phdthesis",
        "unpublished": "unpublished",
    }.get(biblatex_type, "misc")
    classic = {
        _CLASSIC_FIELD_NAMES.get(name, name): value
        for name, value in fields.items()
        if name not in _CLASSIC_DROPPED and name not in ("date", "origdate", "urldate")
    }
    if "issue" in fields and "number" not in classic:
        classic["number"] = fields["issue"]
    if entry_type == "phdthesis" and "institution" in classic:
        classic["school"] = classic.pop("institution")
    if biblatex_type == "thesis" and csl.get("genre") is None:
        classic.pop("type", None)  # let the .bst style print its own "PhD thesis"
    macro_fields: set[str] = set()
    issued = _csl.date(csl, "issued")
    if issued is not None and issued.parts:
        years = [str(part[0]) for part in issued.parts]
        classic["year"] = "--".join(dict.fromkeys(years))
        if issued.month is not None and 1 <= issued.month <= _MONTHS_IN_YEAR:
            classic["month"] = _MONTH_MACROS[issued.month - 1]
            macro_fields.add("month")
        elif issued.season:
            classic["month"] = _csl.SEASON_WORDS[issued.season - 1]
    elif issued is not None and issued.literal:
        classic["year"] = _escape_ascii(issued.literal)  # BibTeX prints any year as given
    return entry_type, classic, macro_fields


def _join_note(note: str | None, addition: str) -> str:
    """Append to a note as a new sentence."""
    if not note:
        return addition
    return f"{note.rstrip('. ')}. {addition}"


def _bib_name(name: dict[str, str], escape: Callable[[str], str]) -> str:
    """One name as BibTeX reads it: "von Last, Jr, First", or a braced literal."""
    if _csl.is_literal(name):
        return "{" + escape(name.get("literal") or name["family"]) + "}"
    if "family" not in name:
        return "{" + escape(name["given"]) + "}"
    particles = " ".join(
        _protect(escape(name[k]))
        for k in ("dropping-particle", "non-dropping-particle")
        if k in name
    )
    family = escape(name["family"])
    family = "{" + family + "}" if " " in family else _protect(family)
    last = f"{particles} {family}" if particles else family
    given = _protect(escape(name.get("given", "")))
    if "suffix" in name:
        return f"{last}, {_protect(escape(name['suffix']))}, {given}"
    return f"{last}, {given}" if given else last


# A comma or the word "and" inside a name part would split the name or the name list.
# Matches "Smith, Jr", "Sons and Co"; must not match "Anderson" or "Sand".
_NAME_SEPARATOR = re.compile(r",|\band\b", re.IGNORECASE)


def _protect(part: str) -> str:
    """Brace a name part that BibTeX would otherwise split."""
    return "{" + part + "}" if _NAME_SEPARATOR.search(part) else part


def arabic_volume(volume: str) -> str:
    """A Roman volume numeral in Arabic digits; any other volume unchanged.

    biber drops a non-integer ``volume`` when it validates the data model, and styles
    sort "XVIII" before "IX"; the Arabic number is the same volume.

    Args:
        volume: the volume as printed.

    Returns:
        The volume with Roman numerals converted.

    Example:
        >>> arabic_volume("XVIII"), arabic_volume("xiv"), arabic_volume("C"), arabic_volume("3")
        ('18', '14', 'C', '3')
    """
    candidate = volume.strip()
    numeral = candidate.upper()
    single_case = candidate.isupper() or candidate.islower()
    if not single_case or numeral in _LETTERS_NOT_NUMERALS or not _ROMAN.match(numeral):
        return volume
    total = 0
    for current, following in zip(numeral, numeral[1:] + " ", strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return str(total)


def _escape_utf8(text: str) -> str:
    """Text for a BibLaTeX field: LaTeX's special characters escaped, Unicode kept."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX_SPECIALS[m.group()], text)


_ASCII_ENCODER = UnicodeToLatexEncoder(
    non_ascii_only=True,
    replacement_latex_protection="braces-all",
    unknown_char_policy="keep",
    unknown_char_warning=False,
)


def _escape_ascii(text: str) -> str:
    """Text for a classic BibTeX field: specials escaped, accents as ``{\\'e}`` commands."""
    return _ASCII_ENCODER.unicode_to_latex(_escape_utf8(unicodedata.normalize("NFC", text)))


def _verbatim(text: str) -> str:
    """A URL or DOI for a verbatim field: only what breaks .bib syntax is percent-encoded."""
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in text)


# ---------------------------------------------------------------------------------------
# Reading


_CSL_TYPE_OF_ENTRY = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "incollection": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "unpublished": "manuscript",
    "online": "webpage",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "booklet": "pamphlet",
    "manual": "report",
}
_CSL_SUBTYPES = {v: k for k, v in _ARTICLE_SUBTYPES.items()}

# BibTeX/BibLaTeX field -> CSL variable, for fields that map one to one.
_CSL_VARIABLE_OF_FIELD = {
    "title": "title",
    "shorttitle": "title-short",
    "journaltitle": "container-title",
    "journal": "container-title",
    "booktitle": "container-title",
    "howpublished": "container-title",
    "shortjournal": "container-title-short",
    "series": "collection-title",
    "edition": "edition",
    "volume": "volume",
    "volumes": "number-of-volumes",
    "pagetotal": "number-of-pages",
    "chapter": "chapter-number",
    "type": "genre",
    "publisher": "publisher",
    "institution": "publisher",
    "school": "publisher",
    "organization": "publisher",
    "location": "publisher-place",
    "address": "publisher-place",
    "eventtitle": "event-title",
    "venue": "event-place",
    "pubstate": "status",
    "version": "version",
    "isbn": "ISBN",
    "issn": "ISSN",
    "doi": "DOI",
    "url": "URL",
    "note": "note",
    "abstract": "abstract",
}
_CSL_NAME_OF_FIELD = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
_MONTH_NUMBERS = {name: i for i, name in enumerate(_MONTH_MACROS, start=1)}
_YEAR = re.compile(r"^-?\d{1,4}$")


def read_bibtex(text: str) -> list[CSLItem]:
    r"""Read a ``.bib`` file (BibTeX or BibLaTeX) into CSL-JSON items, ids = entry keys.

    LaTeX accents and escapes are decoded to Unicode; names are split into CSL name parts
    (a braced name like ``{United Nations}`` becomes a ``literal``).

    Args:
        text: the content of the ``.bib`` file.

    Returns:
        One CSL-JSON item per entry, in file order.

    Raises:
        FormatError: some block could not be parsed (unbalanced braces, a duplicate key,
            a broken entry).

    Example:
        >>> [item] = read_bibtex("@article{k, author = {Pal, J{\\'a}nos}, year = 1989}")
        >>> item["type"], item["author"], item["issued"]
        ('article-journal', [{'family': 'Pal', 'given': 'János'}], {'date-parts': [[1989]]})
    """
    library = bibtexparser.parse_string(
        text,
        append_middleware=[NormalizeFieldKeys()],
    )
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = "?" if block.start_line is None else block.start_line + 1
        raise FormatError(
            f"cannot read BibTeX: {len(library.failed_blocks)} block(s) failed, the first at "
            f"line {line}: {getattr(block, 'error', '')}".rstrip(": ")
        )
    return [_csl_item(entry) for entry in library.entries]


def _is_braced_whole(name: str) -> bool:
    """Whether one brace pair encloses the whole name."""
    name = name.strip()
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(name):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and i < len(name) - 1:
            return False
    return True


def _latex_decoder() -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-text, also knowing the commands this module writes."""
    context = get_default_latex_context_db()
    context.add_context_category(
        "citex",
        prepend=True,
        macros=[
            MacroTextSpec("url", simplify_repl="%s"),  # the URL, not "<URL>"
            MacroTextSpec("textbraceleft", simplify_repl="{"),
            MacroTextSpec("textbraceright", simplify_repl="}"),
            MacroTextSpec("textasciicircum", simplify_repl="^"),
            MacroTextSpec("textasciitilde", simplify_repl="~"),
        ],
    )
    return LatexNodes2Text(latex_context=context, math_mode="verbatim")


_DECODER = _latex_decoder()


# BibLaTeX's localization command, which pylatexenc does not know takes an argument:
# "\bibstring{number}~A/1" reads as "number A/1".
_BIBSTRING = re.compile(r"\\bibstring\{(\w+)\}")


def _decode(value: object) -> str:
    """A field value as clean Unicode text; values that are no text become ""."""
    if not isinstance(value, str):
        return ""
    return _csl.clean(_DECODER.latex_to_text(_BIBSTRING.sub(r"\1", value)))


def _csl_item(entry: Entry) -> CSLItem:
    """One parsed entry as a CSL-JSON item."""
    fields = {f.key: f.value for f in entry.fields}
    subtype = _decode(fields.get("entrysubtype")).lower()
    kind = _CSL_SUBTYPES.get(subtype) or _CSL_TYPE_OF_ENTRY.get(
        entry.entry_type.lower(), _csl.GENERIC_TYPE
    )
    item: CSLItem = {"id": entry.key, "type": kind}
    for field, variable in _CSL_NAME_OF_FIELD.items():
        value = fields.get(field)
        if isinstance(value, str) and value.strip():
            item[variable] = _csl_names(value)
    for field, variable in _CSL_VARIABLE_OF_FIELD.items():
        value = (
            _verbatim_text(fields.get(field))
            if field in ("url", "doi")
            else _decode(fields.get(field))
        )
        if value and variable not in item:
            item[variable] = value
    for field in ("number", "issue"):
        value = _decode(fields.get(field))
        if value:
            item["issue" if kind.startswith("article") else "number"] = value
    pages = _decode(fields.get("pages"))
    if pages:
        first, last = _csl.page_range(pages)
        item["page"] = f"{first}-{last}" if last else first
    issued = _csl_date(fields)
    if issued:
        item["issued"] = issued
    return item


def _verbatim_text(value: object) -> str:
    """A verbatim field (url, doi) as text: only whitespace is cleaned, nothing decoded."""
    return _csl.clean(value) if isinstance(value, str) else ""


def _csl_names(value: str) -> list[dict[str, str]]:
    """A BibTeX name list ("A and B") as CSL names; a wholly braced name is a literal."""
    result = []
    for raw in split_multiple_persons_names(value):
        if _is_braced_whole(raw):
            result.append({"literal": _decode(raw)})
            continue
        parts = parse_single_name_into_parts(raw, strict=False)
        csl_name = {
            "family": _decode(" ".join(parts.last)),
            "given": _decode(" ".join(parts.first)),
            "non-dropping-particle": _decode(" ".join(parts.von)),
            "suffix": _decode(" ".join(parts.jr)),
        }
        result.append({k: v for k, v in csl_name.items() if v})
    return [name for name in result if name]


def _csl_date(fields: dict[str, object]) -> dict[str, object] | None:
    """The CSL ``issued`` date from ``date`` or ``year``/``month``."""
    raw = _decode(fields.get("date")) or None
    if raw is not None:
        parsed = _csl.date({"issued": {"raw": raw.replace("~", "")}}, "issued")
    else:
        year = _decode(fields.get("year"))
        if not year:
            return None
        if not _YEAR.match(year):
            return {"literal": year}
        month_text = _decode(fields.get("month")).lower()
        month = _MONTH_NUMBERS.get(month_text[:3]) or (
            int(month_text) if month_text.isdecimal() else None
        )
        season = _csl.SEASON_NAMES.get(month_text)
        parsed = _csl.CSLDate(parts=((int(year), month) if month else (int(year),),),
                              season=season)  # fmt: skip
    if parsed is None:
        return None
    if parsed.literal:
        return {"literal": parsed.literal}
    result: dict[str, object] = {"date-parts": [list(p) for p in parsed.parts]}
    if parsed.season:
        result["season"] = parsed.season
    return result
