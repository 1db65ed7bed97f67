"""Reading CSL-JSON items: the pieces every exporter needs (text, names, dates, pages).

The exporters write different formats from the same CSL-JSON items; what an item *means*
(which date, which names, where a page range splits) is decided here once, so that the
BibTeX, RIS and CSL-JSON outputs cannot disagree about it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

CSLItem = dict[str, Any]

CSL_TYPES = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
        "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
        "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
        "personal_communication", "post", "post-weblog", "regulation", "report", "review",
        "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    }
)  # fmt: skip
"""Item types of CSL 1.0.2 (the ``type`` enum of the CSL-JSON schema)."""

GENERIC_TYPE = "document"
"""CSL 1.0.2's type "for use when no other type applies"; given to items without a type."""

NAME_VARIABLES = frozenset(
    {
        "author", "chair", "collection-editor", "compiler", "composer", "container-author",
        "contributor", "curator", "director", "editor", "editorial-director",
        "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
        "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
        "script-writer", "series-creator", "translator",
    }
)  # fmt: skip
"""CSL variables holding a list of names."""

DATE_VARIABLES = frozenset(
    {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
)
"""CSL variables holding a date object."""

TEXT_VARIABLES = frozenset(
    {
        "abstract", "annote", "archive", "archive_collection", "archive_location",
        "archive-place", "authority", "call-number", "chapter-number", "citation-key",
        "citation-label", "citation-number", "collection-number", "collection-title",
        "container-title", "container-title-short", "dimensions", "division", "DOI", "edition",
        "event", "event-place", "event-title", "first-reference-note-number", "genre", "ISBN",
        "ISSN", "issue", "journalAbbreviation", "jurisdiction", "keyword", "language", "locator",
        "medium", "note", "number", "number-of-pages", "number-of-volumes", "original-publisher",
        "original-publisher-place", "original-title", "page", "page-first", "part", "part-title",
        "PMCID", "PMID", "printing", "publisher", "publisher-place", "references",
        "reviewed-genre", "reviewed-title", "scale", "section", "shortTitle", "source", "status",
        "supplement", "title", "title-short", "URL", "version", "volume", "volume-title",
        "volume-title-short", "year-suffix",
    }
)  # fmt: skip
"""CSL variables holding a string (or a number) in the CSL-JSON schema."""

NAME_PARTS = frozenset(
    {
        "family", "given", "dropping-particle", "non-dropping-particle", "suffix",
        "comma-suffix", "static-ordering", "literal", "parse-names",
    }
)  # fmt: skip
"""Keys allowed in a CSL-JSON name object."""

DATE_PARTS = frozenset({"date-parts", "season", "circa", "literal", "raw"})
"""Keys allowed in a CSL-JSON date object."""

SEASON_NAMES = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
"""CSL numbers seasons 1-4 in this order; English names seen in citations map onto them."""

SEASON_WORDS = ("Spring", "Summer", "Autumn", "Winter")
"""The season 1-4 as a word, for formats that print seasons as text (BibTeX month, RIS)."""

# citeproc-js reads months 13-16 as the seasons 1-4 and EDTF (level 1) writes them 21-24;
# CSL-JSON from either source may carry a season in the month slot.
_SEASON_MONTH_OFFSETS = (12, 20)

_WHITESPACE = re.compile(r"\s+")

# An ISO or EDTF-like date as people type it into CSL "raw": 1989, 1989-06, 1989-06-15.
# Must not match "June 1989" or "1989a" (those stay literal).
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")

# Separators between the first and last page of a range: hyphen, en dash, em dash, minus,
# optionally doubled or spaced ("12-19", "12 – 19", "12--19"). Must not split "A/40/123".
_PAGE_RANGE = re.compile(r"^\s*([^\s\-\u2010-\u2015\u2212]+)\s*[-\u2010-\u2015\u2212]+\s*(\S+)\s*$")


@dataclass(frozen=True)
class CSLDate:
    """A CSL date made explicit: up to two (year, month, day) parts, season, circa, literal."""

    parts: tuple[tuple[int, ...], ...] = ()
    season: int | None = None
    circa: bool = False
    literal: str | None = None

    @property
    def year(self) -> int | None:
        """The (first) year, if the date has one."""
        return self.parts[0][0] if self.parts else None

    @property
    def month(self) -> int | None:
        """The (first) month, if the date has one."""
        return self.parts[0][1] if self.parts and len(self.parts[0]) > 1 else None

    @property
    def day(self) -> int | None:
        """The (first) day, if the date has one."""
        return self.parts[0][2] if self.parts and len(self.parts[0]) > 2 else None


def clean(value: object) -> str:
    """Text of a CSL value on one line: control characters dropped, whitespace collapsed."""
    text = "".join(
        " " if ch.isspace() else ch
        for ch in str(value)
        if ch.isspace() or not unicodedata.category(ch).startswith("C")
    )
    return _WHITESPACE.sub(" ", text).strip()


def text(item: CSLItem, variable: str) -> str | None:
    """A string or number variable as clean text, or None when absent or blank."""
    value = item.get(variable)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return clean(value) or None


def names(item: CSLItem, variable: str) -> list[dict[str, str]]:
    """The names of a name variable, each with clean string parts, empty names dropped."""
    result = []
    for name in item.get(variable) or ():
        if not isinstance(name, dict):
            continue
        parts = {k: clean(v) for k, v in name.items() if isinstance(v, (str, int)) and clean(v)}
        parts.pop("parse-names", None)
        if any(k in parts for k in ("family", "given", "literal")):
            result.append(parts)
    return result


def is_literal(name: dict[str, str]) -> bool:
    """Whether a name is an institution or other name not to be split or reordered."""
    return "literal" in name or ("family" in name and "given" not in name and " " in name["family"])


def family_part(name: dict[str, str]) -> str:
    """The family name with its non-dropping and dropping particles ("van der Berg")."""
    return " ".join(
        name[k] for k in ("dropping-particle", "non-dropping-particle", "family") if k in name
    )


def inverted(name: dict[str, str]) -> str:
    """A name as "Family, Given, Suffix" (or the literal), for RIS and display."""
    if "literal" in name:
        return name["literal"]
    pieces = [family_part(name) or name.get("given", "")]
    if "given" in name and pieces[0] != name["given"]:
        pieces.append(name["given"])
    if "suffix" in name:
        pieces.append(name["suffix"])
    return ", ".join(p for p in pieces if p)


def date(item: CSLItem, variable: str) -> CSLDate | None:
    """A date variable read into a :class:`CSLDate`, or None when absent or empty."""
    value = item.get(variable)
    if value is None:
        return None
    if isinstance(value, (str, int)):
        value = {"raw": str(value)}
    if not isinstance(value, dict):
        return None
    season = _season(value.get("season"))
    circa = bool(value.get("circa"))
    parts: list[tuple[int, ...]] = []
    for raw_part in value.get("date-parts") or ():
        part = _date_part(raw_part)
        if part is None:
            break
        if len(part) > 1 and _season(part[1]) is not None and part[1] > 12:
            season = season or _season(part[1])
            part = part[:1]
        parts.append(part)
    if parts:
        return CSLDate(parts=tuple(parts[:2]), season=season, circa=circa)
    for key in ("raw", "literal"):
        if key in value and clean(value[key]):
            return _parse_raw(clean(value[key]), season=season, circa=circa)
    return None


def _date_part(raw_part: object) -> tuple[int, ...] | None:
    """One ``date-parts`` entry as integers, or None if it is not a list of numbers."""
    if not isinstance(raw_part, (list, tuple)) or not raw_part:
        return None
    numbers = []
    for piece in raw_part[:3]:
        piece_text = str(piece).strip()
        if not piece_text.lstrip("-").isdecimal():
            return None
        numbers.append(int(piece_text))
    return tuple(numbers)


def _season(value: object) -> int | None:
    """A CSL season (1-4, a season month 13-16 or 21-24, or an English name) as 1-4."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and not value.strip().isdecimal():
        return SEASON_NAMES.get(value.strip().lower())
    number = int(value) if isinstance(value, (int, str)) else None
    if number is None:
        return None
    for offset in (0, *_SEASON_MONTH_OFFSETS):
        if 1 <= number - offset <= len(set(SEASON_NAMES.values())):
            return number - offset
    return None


def _parse_raw(raw: str, *, season: int | None, circa: bool) -> CSLDate:
    """A raw date string: ISO dates and ``start/end`` ranges are read, anything else is literal."""
    parts = []
    for piece in raw.split("/"):
        match = _ISO_DATE.match(piece.strip())
        if match is None:
            return CSLDate(literal=raw, season=season, circa=circa)
        numbers = tuple(int(g) for g in match.groups() if g is not None)
        if len(numbers) > 1 and numbers[1] > 12:
            season = season or _season(numbers[1])
            numbers = numbers[:1]
        parts.append(numbers)
    return CSLDate(parts=tuple(parts[:2]), season=season, circa=circa)


def page_range(page: str) -> tuple[str, str | None]:
    """Split a page value into first and last page; ``last`` is None for a single page.

    A list of pages ("12, 15") is not a range and is returned whole as the first page.
    """
    match = _PAGE_RANGE.match(page)
    if match is None or "," in page:
        return page.strip(), None
    return match.group(1), match.group(2)
