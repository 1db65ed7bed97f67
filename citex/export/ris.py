"""RIS: writing works as RIS records, tagged as Zotero's RIS translator reads them.

Where the RIS specification and Zotero disagree, Zotero wins: it is what most users import
into. The tag choices follow the field map of Zotero's ``RIS.js`` translator, e.g. a book's
editors go to ``A3`` (Zotero reads ``A2`` on a book as series editors) and a report's
number to ``SN``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import CSLItem, Work
from . import _csl

# RIS lines are "TAG  - value": two letters/digits, two spaces, hyphen, space.
_LINE = "{tag}  - {value}"
_END = "ER  - "

RIS_TYPES = {
    "article": "GEN",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "bill": "BILL",
    "book": "BOOK",
    "broadcast": "MPCT",
    "chapter": "CHAP",
    "classic": "BOOK",
    "collection": "BOOK",
    "dataset": "DATA",
    "entry-dictionary": "DICT",
    "entry-encyclopedia": "ENCYC",
    "graphic": "ART",
    "hearing": "HEAR",
    "interview": "PCOMM",
    "legal_case": "CASE",
    "legislation": "STAT",
    "manuscript": "MANSCPT",
    "map": "MAP",
    "motion_picture": "MPCT",
    "paper-conference": "CONF",
    "patent": "PAT",
    "personal_communication": "PCOMM",
    "post-weblog": "BLOG",
    "report": "RPRT",
    "software": "COMP",
    "song": "SOUND",
    "speech": "SLIDE",
    "thesis": "THES",
    "webpage": "ELEC",
}
"""CSL type -> RIS ``TY``, as Zotero exports the matching Zotero item type."""

DEFAULT_RIS_TYPE = "GEN"
"""Generic: what Zotero writes for types RIS has no name for."""

# Tags whose meaning depends on the RIS type in Zotero's field map.
_EDITOR_TAG = {"BOOK": "A3", "RPRT": "ED", "THES": "ED", "STAT": "ED", "BILL": "ED"}
_CONTAINER_TAG = {"BOOK": "T3", "RPRT": "T3"}  # a book's "container" is its series
_SERIES_TAG = {"BOOK": "T2", "RPRT": "T2"}
_NUMBER_TAG = {"RPRT": "SN", "PAT": "SN", "BILL": "M1", "STAT": "M1", "HEAR": "M1", "CASE": "SV"}
_STANDARD_NUMBER_TAG = "SN"  # ISBN or ISSN when the number did not take it

# CSL variable -> RIS tag, the same for every type.
_SIMPLE_TAGS = (
    ("volume", "VL"),
    ("issue", "IS"),
    ("edition", "ET"),
    ("publisher", "PB"),
    ("publisher-place", "CY"),
    ("genre", "M3"),
    ("section", "SE"),
    ("language", "LA"),
    ("title-short", "ST"),
    ("container-title-short", "J2"),
    ("DOI", "DO"),
    ("URL", "UR"),
    ("abstract", "AB"),
    ("note", "N1"),
    ("archive", "AV"),  # "location in archives": where a manuscript is kept
)


def works_to_ris(works: Sequence[Work]) -> str:
    """Write works as RIS records, one ``TY`` ... ``ER`` record per work, ``ID`` = work id.

    Args:
        works: the works, in the order the records should appear.

    Returns:
        The RIS text: plain ``\\n`` line ends, a blank line between records ("" for none).

    Example:
        >>> work = Work("doe1989", {"type": "article-journal", "title": "T",
        ...     "author": [{"family": "Doe", "given": "Jane"}], "container-title": "J",
        ...     "issued": {"date-parts": [[1989, 6]]}, "page": "3-9"})
        >>> works_to_ris([work]).splitlines()
        ['TY  - JOUR', 'ID  - doe1989', 'AU  - Doe, Jane', 'TI  - T', 'T2  - J', 'PY  - 1989', \
'DA  - 1989/06//', 'SP  - 3', 'EP  - 9', 'ER  - ']
    """
    return "\n".join("\n".join(_record(work.id, work.csl)) + "\n" for work in works)


def _record(key: str, csl: CSLItem) -> list[str]:
    """The lines of one RIS record."""
    ris_type = RIS_TYPES.get(str(csl.get("type")), DEFAULT_RIS_TYPE)
    lines = [_LINE.format(tag="TY", value=ris_type), _LINE.format(tag="ID", value=_csl.clean(key))]

    def add(tag: str, value: str | None) -> None:
        if value:
            lines.append(_LINE.format(tag=tag, value=value))

    for name in _csl.names(csl, "author"):
        add("AU", _csl.inverted(name))
    for name in _csl.names(csl, "editor"):
        add(_EDITOR_TAG.get(ris_type, "A2"), _csl.inverted(name))
    for name in _csl.names(csl, "translator"):
        add("A4", _csl.inverted(name))
    add("TI", _csl.text(csl, "title"))
    add(_CONTAINER_TAG.get(ris_type, "T2"), _csl.text(csl, "container-title"))
    add(_SERIES_TAG.get(ris_type, "T3"), _csl.text(csl, "collection-title"))
    issued = _csl.date(csl, "issued")
    if issued is not None:
        add("PY", str(issued.year) if issued.year is not None else issued.literal)
        add("DA", _ris_date(issued))
    for variable, tag in _SIMPLE_TAGS:
        add(tag, _csl.text(csl, variable))
    number = _csl.text(csl, "number")
    number_tag = _NUMBER_TAG.get(ris_type, "M1")
    add(number_tag, number)
    if number_tag != _STANDARD_NUMBER_TAG or number is None:
        add(_STANDARD_NUMBER_TAG, _csl.text(csl, "ISBN") or _csl.text(csl, "ISSN"))
    page = _csl.text(csl, "page")
    if page is not None:
        first, last = _csl.page_range(page)
        add("SP", first)
        add("EP", last)
    accessed = _csl.date(csl, "accessed")
    if accessed is not None:
        add("Y2", _ris_date(accessed))
    lines.append(_END)
    return lines


def _ris_date(value: _csl.CSLDate) -> str | None:
    """A date as RIS writes it: ``YYYY/MM/DD/other``, e.g. ``1989/06//`` or ``1989///Summer``."""
    if value.year is None:
        return None
    month = f"{value.month:02d}" if value.month else ""
    day = f"{value.day:02d}" if value.day else ""
    season = "" if value.season is None else _csl.SEASON_WORDS[value.season - 1]
    return f"{value.year}/{month}/{day}/{season}"
