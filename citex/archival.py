"""Archival citations: an archive, the path of its fonds and series, and the unit cited.

Historians cite manuscripts by where they are kept, not by author and title:

    A.S.L., Consiglio dei Savi, Misti, reg. 12, f. 40v [3 May 1460]
    Archivio di Stato di Firenze (ASFi), Carte del Principe, filza 212, c. 3r
    BNM, It. VII, 1234, cc. 5-9
    PRO, SP 99/5, fol. 12

name an archive (its siglum or its name), the *path* of fonds and series down to the
series cited ("Consiglio dei Savi, Misti"), then the *unit* (busta, registro, filza,
fascicolo, codex) and the folios, and often a date and a description of the document.
The work such a citation belongs to is the series: the unit and folios are where in it
(the pinpoint), as a page is in a book. This module reads that structure; the splitter
uses it to take archival references for citations, and the resolver to group them.

A reference whose archive was given before ("Senato, Lettere, reg. 20, f. 95" after an
"A.S.L." one, or "Ibidem: Collegio, Suppliche, filza 6") has no archive of its own
(``archive`` is ``None``) and is recognised only by its unit ("reg.", "busta", "filza").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fuzzy import normalise
from .models import CSLItem

# A path part this long is a description of the document, not the name of a fond.
MAX_PATH_PART = 60
# An archival path has at most this many parts before the unit (archive > fond > series >
# subseries); more comma-parts before a unit are prose or a bibliographic reference.
MAX_PATH_PARTS = 5

# The archive as a siglum: dotted capitals ("A.S.L.", "A. S. Lu.", "B.N.C."), compact
# capitals ("ASL", "ASLu", "AS LU", "BNC", "PRO", "TNA"), or an archive's name.
# must match: "A.S.L." "A. S. L." "A.S.Lu" "A.S.L" "ASL" "ASLu" "AS LU" "Aslu" "as lu" "BNC"
#             "PRO"
#             "Archivio di Stato di Roma (ASR)" "Biblioteca Civica di Udine"
#             "Staatsarchiv Basel" "Archives nationales" "Venezia, Archivio di Stato"
# must not match: "Ann Lee" "Storia" "Ibid." "The Times" "C. G. Lee" (initials and a name)
_ARCHIVE = re.compile(
    r"(?P<archive>"
    r"(?P<strong>(?:[A-Z]\.\s?){2,3}[A-Z](?:[a-z]|[A-Z]{1,2})?\b\.?-?"  # A.S.L. A. S. Lu.
    r"|A\s?S\s?[A-Z][A-Za-z]{0,2}\b"  # ASL ASLu AS LU ASFi
    r"|(?:[A-Z][A-Za-zà-ÿ]+,\s*)?"  # "Venezia, Archivio di Stato"
    r"(?:Archivio|Archivo|Archives?|Archiv|Staatsarchiv|Landesarchiv|Biblioteca|Bibliothèque"
    r"|Bibliothek|Library|Record\s+Office)\b[^,:;()]{0,80}(?:\([^()]{1,20}\))?)"
    r"|[A-Z]{2,6}\b"  # BNM PRO TNA AGS: an archive only when a unit follows
    r"|[Aa]\s?s\s?[a-z]{1,2}(?=\s*[:,])"  # Aslu: asl, as lu: likewise
    r")"
    r"\s*[,:]\s*"
)
# The words for an archive's units, shared by the patterns below. Containers: busta,
# registro (OCR: "teg", "ieg"), filza, fascicolo (OCR: "fase"), pacco; codices; leaves
# (folios, carte); and the volumes and boxes books and archives both have.
_CONTAINERS = (
    r"b|bb|busta|buste|reg|regg|teg|ieg|registro|registri|fz|filza|filze|fasc|fase|fascicolo"
    r"|pacco|cartella"
)
_CODICES = r"cod|codd|codice|ms|mss"
_LEAVES = r"ff|fol|fols|folio|cc|carta|carte"
_VOLUMES = r"cart|carton|box|file|folder|tomo|t|vol|voi|libro|lib"
# A single letter for a unit ("R. 44" registro, "f. 12" folio, "c. 4" carta, "n. 3")
# takes at most three digits: "R. 2006" is an initial and a year, "c. 1500" circa.
_SHORT_NUMBER = r"\.?\s*\d{1,3}(?!\d)"
# A unit of an archive and its number: busta, registro, filza, fascicolo, codex, folios.
# must match: "b. 40" "bb. 312" "busta 17" "reg. 12" "registro 13" "R. 44" "fz. 6"
#             "filza 210" "F. 215" "fasc. 1" "fase. 1" (OCR) "cod. 1234" "ms. 12" "f. 40v"
#             "ff. 110-118" "c. 84 v." "cc. 1-2" "fol. 12" "pacco 3" "n. 321" "libro X"
# must not match: "Storia 3" "vol" alone "Busta" alone "p. 5" (a page: books have them)
#                 "C.X." (an abbreviated council, not carta X) "R. 2006" "c. 1500" (circa)
_UNIT = re.compile(
    rf"(?i:{_CONTAINERS}|{_CODICES}|{_VOLUMES})\.?\s*(?:\d|[IVXLC]+\b|[ivxlc]+\b)"
    rf"|(?i:{_LEAVES}|nn)\.?\s*\d"
    rf"|(?i:r|f|c|n){_SHORT_NUMBER}"
)
# Units that name an archival container (not folios or numbers, which books have too):
# with one of these a reference is archival even without an archive named first.
# must match: "b. 40" "busta 17" "reg. 12" "registro 13" "fz. 6" "filza 210" "fasc. 1"
#             "pacco 3" "R. 44" "fase. 2" (OCR)
# must not match: "f. 40v" "c. 84" "n. 321" "vol. 3" "p. 5" "Reg" alone
_CONTAINER_UNIT = re.compile(rf"(?i:{_CONTAINERS})\.?\s*\d|[RF]{_SHORT_NUMBER}")
# What an archival path never holds: a year of publication, a quoted title, a page.
# must match: "Paris 1821" "Venice 1494" "“Il Gazzettino”" "«Studi»" "pp. 4" "dir. da"
#             "a cura di"
# must not match: "Misti" "8" "Senato Terra"
_NOT_IN_PATH = re.compile(
    r"\b1\d{3}\b|\b20\d\d\b|[“”«»\"]|\bpp?\.\s*\d|\bdir\.|\ba\s+cura\b|\bed\.\s"
)
# The units that make a reference archival after an archive known only by its capitals
# ("PRO", "BNC"): containers and leaves, not the volumes and numbers books have too.
# must match: "b. 40" "reg. 12" "filza 3" "f. 12v" "ff. 3-9" "c. 4" "cc. 1-2" "fol. 7" "ms. 3"
#             "cod. 12"
# must not match: "Vol. II" "vol. 3" "tomo 2" "n. 4" "t. 1"
_ARCHIVE_UNIT = re.compile(
    rf"(?i:{_CONTAINERS}|{_CODICES}|{_LEAVES})\.?\s*\d|(?i:f|c){_SHORT_NUMBER}|[RF]{_SHORT_NUMBER}"
)
# Words that open a bibliographic reference, not an archival path.
# must match: "in" "a cura di" "ed." "cit." "pp."    must not match: "Savi" "Misti"
_NOT_PATH = re.compile(r"^(?:in|a\s+cura|ed|eds|cit|op|pp?|vol|voi)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ArchivalReference:
    """An archival citation read into its parts."""

    archive: str | None  # the archive as printed ("A.S.L."), None when given before
    path: tuple[str, ...]  # fonds and series as printed ("Savi", "Misti")
    locator: str  # the unit and folios ("reg. 12, f. 40v"), as printed
    rest: str  # what follows: dates, a description of the document


@lru_cache(maxsize=1024)
def parse_archival(text: str) -> ArchivalReference | None:
    """Read an archival citation, or None when the text is no archival reference.

    An archive named first, then the path, then a unit; or, without an archive, a short
    path of capitalised parts and an archival container unit (busta, registro, filza).

    Example:
        >>> ref = parse_archival("A.S.L., Savi, Misti, reg. 12, f. 40v [3 May 1460]")
        >>> ref.archive, ref.path, ref.locator
        ('A.S.L.', ('Savi', 'Misti'), 'reg. 12, f. 40v')
        >>> parse_archival("Senato, Lettere, reg. 20, f. 95").archive is None
        True
        >>> parse_archival("Ann Lee, Old Roads, Boston 1972, p. 4") is None
        True
    """
    text = text.strip().lstrip(".").strip()
    if _SAME_ARCHIVE.match(text) or _IBID_WORD.match(text):
        return None  # "Ibidem, fz. 5": see parse_archival_after_ibid
    archive = None
    body = text
    m = _ARCHIVE.match(text)
    if m and (m.group("strong") or _UNIT.search(text, m.end())):
        archive = m.group("archive").strip()
        body = text[m.end() :]
    parts = [p.strip() for p in body.split(",") if p.strip()]  # ", ," is OCR noise
    path: list[str] = []
    for i, part in enumerate(parts):
        unit = _UNIT.match(part)
        if unit:
            if not path or len(path) > MAX_PATH_PARTS:
                return None
            if archive is None and not _CONTAINER_UNIT.match(part):
                return None
            if not (m and m.group("strong")) and not _ARCHIVE_UNIT.match(part):
                return None  # "UNCTAD, Title, Vol. II": a volume is no archival unit
            locator, rest = _split_locator(parts[i:])
            return ArchivalReference(archive, tuple(path), locator, rest)
        glued = _GLUED_UNIT.search(part)  # "Misti,reg. 12" split, but "Misti reg. 12" not
        if glued and path_part_ok(part[: glued.start()]):
            path.append(part[: glued.start()].strip())
            locator, rest = _split_locator([part[glued.start() :].strip(), *parts[i + 1 :]])
            if archive is None and not _CONTAINER_UNIT.match(locator):
                return None
            return ArchivalReference(archive, tuple(path), locator, rest)
        strong = archive is not None and m is not None and bool(m.group("strong"))
        if not path_part_ok(part, lower_ok=bool(path) or archive is not None, years_ok=strong):
            return None
        path.append(part)
    if archive is not None and m is not None and m.group("strong") and path:
        # "ASVE, Provveditori alla Sanità, Necrologi": a series named without a unit
        return ArchivalReference(archive, tuple(path[:MAX_PATH_PARTS]), "", "")
    return None


@lru_cache(maxsize=1024)
def parse_archival_after_ibid(text: str) -> ArchivalReference | None:
    """ "Ibidem: Collegio, Suppliche, filza 6": the archive just cited, another series.

    Archival notes use "Ibidem" (or "ivi", "ibi") for the archive alone when a path
    follows; a unit alone after it ("Ibid., b. 830") is the series just cited, an
    ordinary Ibid., and gives None here.

    Example:
        >>> parse_archival_after_ibid("Ibidem: Collegio, Suppliche, fz. 6, f. 352").path
        ('Collegio', 'Suppliche')
        >>> parse_archival_after_ibid("Ibid., b. 830") is None
        True
    """
    m = _SAME_ARCHIVE.match(text.strip())
    if not m:
        return None
    ref = parse_archival(text.strip()[m.end() :])
    return ref if ref is not None and ref.archive is None else None


def path_part_ok(part: str, *, lower_ok: bool = False, years_ok: bool = False) -> bool:
    """Whether a comma part can be the name of a fond or series (``lower_ok``: a part
    after the first may be lower case, "terza serie"; ``years_ok``: after an archive
    named for sure, a series may carry its years, "Prefettura 1820-1830")."""
    part = part.strip()
    if not (0 < len(part) <= MAX_PATH_PART) or _NOT_PATH.match(part):
        return False
    if not (part[0].isupper() or part[0].isdigit() or lower_ok):
        return False
    bad = _NOT_IN_PATH.search(part)
    return bad is None or (years_ok and bad.group(0)[0].isdigit())


def archival_csl(ref: ArchivalReference) -> CSLItem:
    """The CSL-JSON item of the series an archival citation cites (the unit is the
    pinpoint, not part of the item)."""
    csl: CSLItem = {"type": "manuscript", "title": ", ".join(ref.path)}
    if ref.archive:
        csl["archive"] = ref.archive
    return csl


# "Ibidem" and its kin standing for the archive, before a path.
# must match: "Ibidem: " "ibidem, " "Ivi: " "ibi, " "Ib., "    must not match: "Ibidem" "Ibis"
_SAME_ARCHIVE = re.compile(r"(?i:ibidem|ibid|ivi|ibi|ib)\b\.?\s*[:,]\s*")
# "Ibidem" and its kin however punctuated, which are never the name of a fond.
# must match: "Ibidem" "ibid." "Ivi" "ibi"    must not match: "Ibisco" "Ivrea"
_IBID_WORD = re.compile(r"(?i:ibidem|ibid|ivi|ibi)\b")
# A unit glued to the path part before it without a comma ("Misti reg. 12").
# must match: " reg. 12" " b. 40" " busta 3"    must not match: " Misti" " Regina"
_GLUED_UNIT = re.compile(rf"(?<=\w)\s+(?i:{_CONTAINERS}|{_CODICES})\.?\s*\d")
# Where the locator ends: a date or a description after the units and folios.
# must match: "reg. 12" "f. 40v" "ff. 110-118" "cc. 1-2" "n. 321" "84 v."
# must not match: "3 May 1460" "testamento di Anna" "alla data" "lettera a Neri"
_LOCATOR_PIECE = re.compile(
    rf"^(?:(?i:{_CONTAINERS}|{_CODICES}|{_LEAVES}|{_VOLUMES}|r|f|c|n|nn)\.?\s*)?"
    r"(?:\d[\w./ -]{0,20}|[IVXLCivxlc]+\b[\w./ -]{0,12})$"
)


def _split_locator(parts: list[str]) -> tuple[str, str]:
    """The comma parts that are units and folios, and the rest (a part may hold a folio
    and then a date: "f. 40v [3 May 1460]")."""
    taken = []
    for i, part in enumerate(parts):
        if (_UNIT.match(part) or _LOCATOR_PIECE.match(part)) and not _DATE_PART.search(part):
            taken.append(part)
            continue
        head = _UNIT_PREFIX.match(part)
        if head and (_UNIT.match(part) or taken):
            taken.append(head.group(0).strip())
            rest = ", ".join([part[head.end() :], *parts[i + 1 :]])
            return ", ".join(taken).strip(" .;"), rest.strip(" .;,")
        return ", ".join(taken).strip(" .;"), ", ".join(parts[i:]).strip(" .;")
    return ", ".join(taken).strip(" .;"), ""


# A unit and its number at the start of a part that goes on with a date or a note.
# must match: "f. 40v" in "f. 40v [3 May 1460]" "c. 12" in "c. 12 (1 June 1500)"
# must not match: "18 May" (a date, no unit)
_UNIT_PREFIX = re.compile(
    rf"(?i:{_CONTAINERS}|{_LEAVES}|f|c|n|nn)\.?\s*[\dIVXLC][\w.-]*"
    r"(?:\s*[-–]\s*[\dIVXLC][\w.]*)?(?=\s*[\[(]|\s+\d{1,2}\s+[A-Za-z])"
)


# A date in a locator part: a day and a month, or a year of four digits after a space.
# must match: "3 May 1460" "4 gennaio 1650" "1630"    must not match: "reg. 12" "b. 120/45"
_DATE_PART = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3,}|\b(?:1[2-9]|20)\d\d\b(?!/)")


def archive_key(archive: str) -> str:
    """An archive compared: a siglum without dots and spaces, lower case ("A. S. Ve." ->
    "asve"); a name normalised."""
    squeezed = re.sub(r"[\s.]", "", archive)
    return squeezed.lower() if len(squeezed) <= 6 else normalise(archive)
