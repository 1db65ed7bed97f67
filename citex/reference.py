"""One citation string -> one CSL-JSON item.

This is the field parser used for bibliography lines (``citex parse``) and for the full
citations inside footnotes. It works in four steps, each a pure function:

1. :func:`split_pinpoint` cuts a note-style pinpoint (the page a footnote cites, as in
   ``(Boston: Beacon, 1972), 8-9``) off the end of the string.
2. Legal and official material (U.S. Code, Statutes at Large, cases, bills, UN
   resolutions and documents) is recognised by rules (:data:`LEGAL_RULES`), since the
   training data holds little of it.
3. Everything else is labelled token by token by a linear-chain CRF (python-crfsuite)
   trained on the AnyStyle training sets by ``tools/train_parser.py``; the model
   ``citex/data/parser.crfsuite`` is loaded lazily, once.
4. The labelled segments are cleaned into CSL variables: names split into family/given
   (or kept as a corporate ``literal``), dates into ``date-parts`` (with ``season``),
   ``Vol. 70, No. 3`` into ``volume``/``issue``, role words (ed., trans., pp.) dropped,
   and the item ``type`` inferred.

The pinpoint is returned inside the item under the citex-private key ``"_pinpoint"``
(absent when there is none), and an introductory signal ("See", "Cf.", "Vgl.") under
``"_signal"``; exporters drop keys starting with ``_``. Nothing is dropped:
text the parser cannot place ends up in ``note``, and a string with no recognisable
field at all becomes ``{"type": "document", "title": <text>}``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from citex.reference_features import (
    MONTHS,
    NAME_PARTICLES,
    SEASONS,
    fold,
    sequence_features,
    tokenize,
)

__all__ = ["parse_reference", "parse_references", "split_pinpoint"]

CSLItem = dict[str, Any]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "parser.crfsuite"

# Longest multi-word family name accepted before initials ("Bueno de Mesquita, D. M."):
# more words than this before a comma is more likely a title or an organisation.
MAX_FAMILY_WORDS = 4

# Inputs longer than this are labelled only in their first part: a "reference" of
# thousands of characters is a segmentation error upstream, and CRF time grows with it.
# The rest is kept verbatim in ``note`` so nothing is lost.
MAX_TAGGED_CHARS = 2000

# ---------------------------------------------------------------------------
# Patterns. Each says what it must and must not match.
# ---------------------------------------------------------------------------

# A page locator: numbers, roman numerals, ranges, lists and note references.
# must match: "8-9" "143" "344-51" "xii" "12, 15" "57 n. 4" "pp. 3-18" "A1"
# must not match: "1992" (a year on its own is a date, not a pinpoint) "Vol. 2"
_LOCATOR = (
    r"(?:(?:pp?\.|S\.)\s*)?"
    r"(?:[A-Z]?\d{1,4}(?:\s*[-–—]\s*\d{1,4})?|[ivxlc]{1,6}(?:\s*[-–—]\s*[ivxlc]{1,6})?)"
    r"(?:\s*,\s*\d{1,4}(?:\s*[-–—]\s*\d{1,4})?)*"
    r"(?:\s*(?:n|nn)\.\s*\d+)?"
)
# Pinpoint after parenthesised publication facts that contain a year.
# must match: "... (Dover, Del.: Univ. Press, 1992), 8-9" "... (New York, 1976), 212."
# must not match: "... (1992): 627-70" (journal page range)  "Code §5 (3 May 1976)"
_PIN_AFTER_PAREN = re.compile(
    r"^(?P<head>.*\([^()]*\b(?:1[4-9]\d\d|20\d\d)[^()]*\))\s*,\s*(?P<pin>" + _LOCATOR + r")\s*\.?$"
)
# A single page after a journal's parenthesised date: in a note it is the cited page.
# must match: "... No. 76 (Autumn 1962): 166" "... 70, No. 3 (1992): 627."
# must not match: "... (1992): 627-70" (a range is the article's extent)
_PIN_AFTER_JOURNAL_DATE = re.compile(
    r"^(?P<head>.*\([^()]*\b(?:1[4-9]\d\d|20\d\d)\s*\))\s*:\s*(?P<pin>\d{1,5})\s*\.?$"
)
# Pinpoint (newspaper page) after a full day-month-year or month-day-year date.
# must match: "..., Courier, 14 March 1979, 3" "..., Times, May 2, 1992, A12."
# must not match: "..., Leeds, 1979, 3" (no day and month: could be volume/issue)
_PIN_AFTER_FULL_DATE = re.compile(
    r"^(?P<head>.*(?:\b\d{1,2}\.?\s+[A-Za-zé]{3,}\.?|\b[A-Za-zé]{3,}\.?\s+\d{1,2},)\s+"
    r"(?:1[4-9]\d\d|20\d\d))\s*,\s*(?P<pin>(?:p\.\s*)?[A-Z]?\d{1,4}(?:\s*[-–]\s*\d{1,4})?)\s*\.?$"
)

# Space damage from OCR: space before closing punctuation or after an opening bracket.
# must match: "Policy ," "( 1992" "word ."    must not match: "a , b" inside numbers? (fine)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.)\]”])(?=\s|$)")
_SPACE_AFTER_OPEN = re.compile(r"([(\[“])\s+")
# Words run together by OCR: a lower-case run of 3+ letters then a capitalised word.
# must match: "ModernHistory" "PublicHealth"    must not match: "McDonald" "LaGuardia"
_CAMEL_JOINT = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z]{2,})")
# A volume or issue cue glued to its number.
# must match: "Vol.2" "No.14" "pp.51-58"    must not match: "Vol. 2" "No 3" "Novel.3"
_CUE_GLUED = re.compile(r"\b(Vol|vol|No|no|Nr|nr|pp|Bd)\.(?=\d)")
# Digit glued to a following capitalised word after a quote/comma.
# must match: "1992Courier"  must not match: "19th" "2nd" "A/921"
_DIGIT_WORD_JOINT = re.compile(r"(?<=\d{4})(?=[A-Z][a-z]{2,})")

# A slash joining two names without spaces, as German notes list authors.
# must match: "Blossfeld/Erik" "Kurz/Nikolei"    must not match: "A/921" "90/Die" "and/or"
_NAME_SLASH = re.compile(r"(?<=[a-zß-ÿ]{2})/(?=[A-ZÀ-Þ][a-zß-ÿ])")
# An introductory signal before a citation; kept under "_signal".
# must match: "See " "See also " "Cf. " "Vgl. " "Siehe " "Voir "    must not match: "Seeley, J."
_SIGNAL = re.compile(
    r"^(?P<signal>(?:see(?:\s+also)?|cf\.|compare|vgl\.(?:\s+auch)?|siehe(?:\s+auch)?|voir|cfr\.)"
    r"(?:,?\s+e\.\s?g\.,?|,?\s+for\s+example,?|\s+z\.\s?B\.)?)\s+",
    re.I,
)
# Role words closing an author list, which make the names editors.
# must match: "Lee, Ann, ed." "Bundesamt (Hrsg.)" "Roth / Brandt (Hgg.):"
# must not match: "Ed Lee" "Fred"
_TRAILING_ROLE = re.compile(r"[,(\s](?:eds?|hrsg|hgg?|éds?|dir|editors?)\.?\)?[.,:;]*\s*$", re.I)

# Year anywhere.
# must match: "1992" "(1992a)" "1991-92"    must not match: "19891" "A/921"
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")
# ISO or numeric dates.
# must match: "1992-06-01" "1992/6/1"    must not match: "1991-92" "51-58"
_ISO_DATE = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
# must match: "14.3.1992" "1/6/1992"    must not match: "1.2.3" "14.12"
_DMY_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](1[4-9]\d\d|20\d\d)(?!\d)")
# Day next to a month word.
# must match: "14 March" "March 14," "1er mai"    must not match: "March 1992"
_DAY_BEFORE = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|\.)?\s+$")
_DAY_AFTER = re.compile(r"^\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d)")

# Roman numeral (for volumes kept as printed).
# must match: "XXIV" "iv"    must not match: "Vol" "MIX1"
_ROMAN = re.compile(r"^[MDCLXVI]+$|^[mdclxvi]+$")
# Volume with optional issue: "Vol. 57, No. 3", "57(3)", "57.3", "XXXV, No. 14", "Bd. 5, H. 2".
# must match: "Vol. 57, No. 3" "128(5)" "XXIV" "vol.36, no. 9" "57: 3"
# must not match: "No. 76" (issue only, handled by _ISSUE_ONLY)
_VOLUME_ISSUE = re.compile(
    r"^(?:(?:vol|vols|volume|bd|band|tome|t|jg|jahrgang|v)(?:\.\s*|\s+|(?=\d)))?"
    r"(?P<vol>\d+[a-z]?(?:[-–/]\d+)?|[MDCLXVI]+|[mdclxvi]+)\b"
    r"(?:\s*[,.;:]?\s*(?:\((?P<iss1>[^)]+)\)|(?:no|nos|nr|n°|n|number|issue|heft|h)\.?\s*(?P<iss2>[\w/–-]+)))?",
    re.I,
)
# Issue without a volume.
# must match: "No. 76" "no 3" "Heft 2" "n°59"    must not match: "Vol. 2"
_ISSUE_ONLY = re.compile(r"^(?:no|nos|nr|n°|n|number|issue|heft|h)\.?\s*(?P<iss>[\w/–-]+)", re.I)

# URLs, DOIs, ISBNs anywhere in the string.
# must match: "https://a.org/x" "www.un.org/rights"    must not match: "A/921"
_URL = re.compile(r"(?:https?://|www\.)\S+[^\s.,;)\]]")
# must match: "doi:10.1000/182" "10.3389/frma.2018.00021"    must not match: "10.5 cm"
_DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]]")
# must match: "ISBN 0-8191-7599-5" "ISBN: 9780691"    must not match: "1991-1992"
_ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*([\dXx][\dXx\s-]{8,16}[\dXx])")

# Leading container cue.
# must match: "In Guide" "in: Handbuch" "reprinted in Courier"    must not match: "India"
_IN_PREFIX = re.compile(r"^(?:(?:reprinted|repr\.|also|see|trans\.)\s+)?(?:in|im)\b:?\s*", re.I)
# Role words around editors/translators.
# must match: "ed." "(eds.)" "edited by" "Hrsg." "trans." "translated by" "(Hg.)"
# must not match: "Edward" "Transylvania"
_ROLE_WORDS = re.compile(
    r"\(?\b(?:eds?|editors?|edited\s+by|hrsg|hg|herausgegeben\s+von|éds?|dir|a\s+cura\s+di|"
    r"trans|translated\s+by|transl|tr|trad|übers|übersetzt\s+von)\b\.?\)?,?(?:\s+(?:by|von|par|fr\.))*",
    re.I,
)
# "et al." and its variants.
# must match: "et al." "et al" "u.a." "and others"    must not match: "Alan"
_ET_AL = re.compile(r"\b(?:et\.?\s*al\.?|u\.\s*a\.|and\s+others)", re.I)
# Separators between people in a name list.
# must match: " and " " & " "; " " und " " et " " y "    must not match: "Anderson" "et al."
_NAME_SEP = re.compile(r"\s*;\s*|\s*&\s*|\s+(?:and|und|et(?!\s*al)|y|e|u\.)\s+|\s*/\s*(?=[A-Z])")
# Vancouver-style "Family AB".
# must match: "Pérez-Higueras JJ" "Arias A" "Heidegger M."    must not match: "Anna K. Kovacs"
_FAMILY_INITIALS = re.compile(
    r"^(?P<family>[^\s,]+(?:\s+[^\s,]+)*?)\s+(?P<given>(?:[A-Z]\.?[- ]?){1,3})$"
)
# A word that is a personal initial or a given name.
# must match: "J." "J.-P." "R.L." "Anna"    must not match: "University" (checked separately)
_GIVENISH = re.compile(r"^(?:[A-Z]\.?(?:-?[A-Z]\.?)*|[A-ZÀ-Þ][a-zß-ÿ'’-]+\.?)$")
# Name suffixes.
# must match: "Jr." "Sr" "III"    must not match: "Jrs" "I"
_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")

# Words that make a name string an organisation rather than a person.
CORPORATE_WORDS = frozenset(
    "committee department office ministry association institute institut council commission "
    "organization organisation union nations bureau agency society foundation center centre "
    "watch group service services government assembly congress senate house parliament party "
    "league federation board academy university corporation company fund bank secretariat "
    "conference program programme project network states republic court administration "
    "amnesty research national international world press staff agencies ministère ministerium "
    "bundesamt amt verband gesellschaft stiftung who unesco unicef oecd".split()
)

_MONTH_NUMBERS: dict[str, int] = {}
for _names in (
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    "januar februar märz april mai juni juli august september oktober november dezember",
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
):
    for _i, _m in enumerate(_names.split(), start=1):
        _MONTH_NUMBERS.setdefault(_m, _i)
_MONTH_NUMBERS["sept"] = 9

_SEASON_NAMES = {
    "spring": "Spring",
    "summer": "Summer",
    "autumn": "Autumn",
    "fall": "Fall",
    "winter": "Winter",
    "frühjahr": "Spring",
    "sommer": "Summer",
    "herbst": "Autumn",
    "hiver": "Winter",
    "été": "Summer",
}

# OCR digit/letter confusions inside name words (a name never holds digits).
_NAME_DIGIT_FIX = str.maketrans({"0": "o", "1": "l", "5": "s", "4": "a", "8": "B"})
_NAME_DIGIT_FIX_INITIAL = str.maketrans({"0": "O", "1": "I", "5": "S", "4": "A", "8": "B"})

# Type cues.
# must match: "interview by the newspaper" "Interview with" "interviewed by"
# must not match: "Interviewing techniques"
_INTERVIEW = re.compile(r"\binterview(?:ed)?\s+(?:by|with)\b|^interview\b", re.I)
# must match: "Address to the United Nations" "speech at" "Remarks before"
# must not match: "Addressing poverty" "addresses"
_SPEECH = re.compile(
    r"^(?:address|speech|remarks|lecture)\b|\b(?:address|speech|remarks)\s+(?:to|at|before|on)\b",
    re.I,
)
# must match: "Ph.D. dissertation" "MA thesis" "Diss."
# must not match: "Dissenter" "Theses" (plural: usually a title word)
_THESIS = re.compile(r"\b(?:dissertation|thesis|doctoral|habilitation)\b|\bdiss\.", re.I)
# must match: "Technical report" "Working Paper No. 5" "Report of the"
# must not match: "Reporter" "reporting"
_REPORT = re.compile(
    r"\b(?:report|working\s+paper|discussion\s+paper|policy\s+brief|white\s+paper)s?\b", re.I
)
# must match: "Proceedings of" "Conference on" "Symposium"
# must not match: "Conferencing" "Meetings"
_CONFERENCE = re.compile(
    r"\b(?:proceedings|conference|symposium|workshop|congress|meeting|tagung)\b", re.I
)
# must match: "Convention on" "International Covenant" "Treaty of"
# must not match: "Conventional" "Treaty-making"
_TREATY = re.compile(
    r"\b(?:treaty|convention|covenant|protocol|agreement|charter|final\s+act|accords?)\b", re.I
)
# must match: "manuscript" "unpublished" "typescript" "mimeo"
# must not match: "Manuscripts" "published"
_MANUSCRIPT = re.compile(r"\b(?:unpublished|manuscript|typescript|mimeo(?:graph)?)\b", re.I)
# must match: "Magazine" "Weekly" "Newsweek"    must not match: "Weeks"
_MAGAZINE = re.compile(r"\b(?:magazine|weekly|newsweek|time)\b", re.I)


# ---------------------------------------------------------------------------
# Legal and official material.
# ---------------------------------------------------------------------------

# "33 U.S.C. §5871", "33 United States Code §5871", "33 U.S.C.A. § 1983".
# must match: "33 United States Code §5871" "33 U.S.C. § 1983 (1992)"
# must not match: "33 U.S. 1" (a case reporter)
_US_CODE = re.compile(
    r"(?P<vol>\d+)\s+(?P<code>U\.\s?S\.\s?C\.(?:\s?A\.)?|United\s+States\s+Code(?:\s+Annotated)?)\s*"
    r"(?:§+|sec(?:tion)?s?\.?)\s*(?P<sec>[\w.()\-–]+)"
)
# "88 Stat. 1979".
# must match: "88 Stat. 1979" "Pub. L. No. 93-618, 88 Stat. 1979"    must not match: "State 19"
_STATUTES = re.compile(r"(?P<vol>\d+)\s+Stat\.\s+(?P<page>\d+)")
# A case: "Name v. Name, 347 U.S. 483 (1954)".
# must match: "Brown v. Board of Education, 347 U.S. 483 (1954)"
# must not match: "Smith, J. v. 2 (1992)" without a reporter
_CASE = re.compile(
    r"^(?P<title>[^,]+?\s+v(?:s)?\.\s+[^,]+?),\s*(?P<vol>\d+)\s+(?P<reporter>[A-Z][\w.\s']*?)\s+"
    r"(?P<page>\d+)"
)
# Bills: "H.R. 1234", "S. 562", "H. Res. 12" with a Congress.
# must match: "H.R. 3, 100th Cong." "S. 2518, 99th Cong., 2d Sess."
# must not match: "S. 51-58" (German page cue, no Congress)
_BILL = re.compile(
    r"\b(?P<num>(?:H\.\s?R\.|S\.|H\.\s?Res\.|S\.\s?Res\.|H\.\s?J\.\s?Res\.)\s?\d+)\s*,\s*\d+\w*\s+Cong\."
)
# UN and similar resolutions.
# must match: "General Assembly Resolution 318(B)(IV)" "G.A. Res. 2201A (XXI)"
#             "Security Council Resolution 242"
# must not match: "resolution of the problem"
_RESOLUTION = re.compile(
    r"(?P<body>General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council|G\.\s?A\.|S\.\s?C\.|"
    r"Human\s+Rights\s+Council|Commission\s+on\s+Human\s+Rights)?\s*"
    r"(?P<kind>Resolution|Res\.)\s+(?P<num>\d+[\w()/.\-]*(?:\s?\([IVXLC]+\))?)"
)
# UN document symbols, with or without a "Doc." cue.
# must match: "U.N. Doc. A/921" "United Nations Document A/921" "CERD/C/SR.512" "E/CN.4/1992/14"
# must not match: "1991/92" "and/or" (needs a known body prefix)
_UN_SYMBOL = re.compile(
    r"(?:(?:U\.\s?N\.|United\s+Nations)\s+)?(?:Doc(?:ument)?\.?\s+)?"
    r"(?P<sym>\b(?:A|S|E|CCPR|CERD|CEDAW|CAT|CRC|HRC|ST|TD|UNEP|E/CN|A/HRC)"
    r"(?:/[A-Z0-9][\w.()\-]*){1,6})"
)
# A date right after a document symbol. must match: "6 May 1990", "May 6, 1990",
# "12 Dec. 1991"; must not match: "8" (a pinpoint), "para. 12".
_LEADING_DATE = re.compile(r"(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+(?:\d{1,2},\s+)?\d{4}\b")
# A trailing parenthesised date, as legal citations end.
# must match: "(1949)" "(3 January 1976)" "(Dec. 14, 1949)"    must not match: "(Vienna)"
_TRAILING_PAREN_DATE = re.compile(r"\((?P<date>[^()]*\b(?:1[4-9]\d\d|20\d\d)\b[^()]*)\)\s*\.?\s*$")


def _legal_item(text: str) -> CSLItem | None:
    """Build an item for legal/official citations by rule, or None when none applies."""
    item: CSLItem = {}
    tail_date = _TRAILING_PAREN_DATE.search(text)
    code = _US_CODE.search(text)
    stat = _STATUTES.search(text)
    case = _CASE.match(text)
    bill = _BILL.search(text)
    resolution = _RESOLUTION.search(text)
    symbol = _UN_SYMBOL.search(text)
    if code:
        item["type"] = "legislation"
        item["container-title"] = "United States Code"
        item["volume"] = code.group("vol")
        item["section"] = code.group("sec")
        head = text[: code.start()].strip(" ,;")
        item["title"] = head or _clean(
            text[code.start() : tail_date.start() if tail_date else None]
        )
    elif case:
        item["type"] = "legal_case"
        item["title"] = case.group("title").strip()
        item["container-title"] = case.group("reporter").strip()
        item["volume"] = case.group("vol")
        item["page"] = case.group("page")
    elif stat:
        item["type"] = "legislation"
        item["container-title"] = "Statutes at Large"
        item["volume"] = stat.group("vol")
        item["page"] = stat.group("page")
        head = text[: stat.start()].strip(" ,;")
        item["title"] = head or _clean(text[: tail_date.start() if tail_date else None])
    elif bill:
        item["type"] = "bill"
        item["number"] = bill.group("num")
        head = text[: bill.start()].strip(" ,;")
        item["title"] = head or bill.group("num")
    elif resolution and (resolution.group("body") or symbol):
        item["type"] = "legislation"
        item["number"] = resolution.group("num").strip()
        if resolution.group("body"):
            item["authority"] = " ".join(resolution.group("body").split())
        first = text.split(",")[0]
        item["title"] = _clean(
            first if resolution.start() < len(first) else text[: resolution.end()]
        )
        if symbol:  # the document symbol identifies the text better than the number
            item["number"] = symbol.group("sym")
    elif symbol and (
        re.search(r"\bDoc(?:ument)?\b|U\.\s?N\.|United Nations", text)
        or text.lstrip().startswith(symbol.group("sym"))  # cited by its symbol alone
    ):
        item["type"] = "report"
        item["number"] = symbol.group("sym")
        # The words before the symbol are an ordinary author/title: the CRF reads them.
        item["_head"] = text[: symbol.start()].strip(" ,;")
        if not item["_head"]:
            # A document cited by its symbol alone is titled by its designation.
            item["title"] = _clean(text[: symbol.end()])
        after = text[symbol.end() :].strip(" ,;.")
        date = _parse_date(after) if after and not tail_date else None
        if date and _LEADING_DATE.match(after):
            item["issued"] = date
    else:
        return None
    if tail_date:
        date = _parse_date(tail_date.group("date"))
        if date:
            item["issued"] = date
    return item


# ---------------------------------------------------------------------------
# Pinpoints and clean-up of the raw string.
# ---------------------------------------------------------------------------


def split_pinpoint(text: str) -> tuple[str, str | None]:
    """Cut a note-style pinpoint (the cited page) off the end of a citation.

    Only unambiguous note shapes are cut: a locator after parenthesised publication
    facts with a year, a single page after a journal's parenthesised date, and a page after
    a full newspaper date. A journal page *range* after ``(1992):`` is the article's
    extent and stays.

    Args:
        text: One citation string.

    Returns:
        ``(citation_without_pinpoint, pinpoint)``; the pinpoint is None when there is none.

    Example:
        >>> split_pinpoint("Ann Lee, Old Roads (Boston: Beacon Press, 1972), 8-9.")
        ('Ann Lee, Old Roads (Boston: Beacon Press, 1972)', '8-9')
        >>> split_pinpoint("Ann Lee, Old Roads (Boston: Beacon Press, 1972).")
        ('Ann Lee, Old Roads (Boston: Beacon Press, 1972).', None)
    """
    stripped = text.strip()
    for pattern in (_PIN_AFTER_PAREN, _PIN_AFTER_JOURNAL_DATE, _PIN_AFTER_FULL_DATE):
        m = pattern.match(stripped)
        if m and (pattern is not _PIN_AFTER_PAREN or not _is_bare_date_paren(m.group("head"))):
            return m.group("head").rstrip(), " ".join(m.group("pin").split())
    return text, None


def _is_bare_date_paren(head: str) -> bool:
    """True when the closing parenthesis of ``head`` holds only a date ("(Autumn, 1962)").

    After a bare date, ", 175-84" is a journal article's page range, not a pinpoint; after
    publication facts ("(Boston: Beacon, 1972)") it is the cited page.
    """
    inner = head[head.rfind("(") + 1 : -1]
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", inner)]
    return all(w in MONTHS or w in SEASONS or w in {"and", "n", "s", "d"} for w in words)


def _tighten_quotes(text: str) -> str:
    """Remove spaces inside quotation marks: '" Title , "' -> '"Title,"'.

    Straight double quotes are paired left to right (odd ones open, even ones close); an
    odd count is left alone, since then the pairing is unknowable.
    """
    text = re.sub(r"([“«])\s+", r"\1", re.sub(r"\s+([”»])", r"\1", text))
    if text.count('"') % 2:
        return text
    parts = text.split('"')
    for i in range(1, len(parts), 2):
        parts[i] = parts[i].strip()
    return '"'.join(parts)


# A comma OCR glued to the next word: "Storia,cit.", "Venezia,Vol. 2", "Costituzione,pp. 3".
# must match: ",pp" ",in" ",Vol"; must not match: "1,000" ", pp" ",\"" (a quote after it)
_COMMA_GLUED = re.compile(r",(?=[^\W\d_])")


def _repair_ocr(text: str) -> str:
    """Undo common OCR spacing damage (collapsed/stray spaces, glued words and cues)."""
    text = _tighten_quotes(" ".join(text.split()))
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACE_AFTER_OPEN.sub(r"\1", text)
    text = _CUE_GLUED.sub(r"\1. ", text)
    text = _NAME_SLASH.sub(" / ", text)
    text = _DIGIT_WORD_JOINT.sub(" ", text)
    text = _COMMA_GLUED.sub(", ", text)
    return _CAMEL_JOINT.sub(" ", text)


# ---------------------------------------------------------------------------
# The CRF.
# ---------------------------------------------------------------------------


@functools.cache
def _load_tagger(path: str) -> Callable[[list[list[str]]], list[str]]:
    """Open the CRF model once per path and return its tag function."""
    import pycrfsuite  # imported here so that importing citex stays cheap

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger.tag


def _label_segments(text: str, model: str) -> list[tuple[str, str]]:
    """Label the tokens of ``text`` and group consecutive equal labels into segments."""
    tokens = tokenize(text)
    if not tokens:
        return []
    words = [t for _, _, t in tokens]
    labels = _load_tagger(model)(sequence_features(words))
    runs: list[list[Any]] = []  # [label, start, end]
    for (start, end, _), label in zip(tokens, labels, strict=True):
        if runs and runs[-1][0] == label:
            runs[-1][2] = end
        else:
            runs.append([label, start, end])
    return [(label, text[s:e]) for label, s, e in runs]


# ---------------------------------------------------------------------------
# Field clean-up.
# ---------------------------------------------------------------------------

_EDGE_PUNCT = " ,;:.·/–-"
# An abbreviation whose period must survive trimming (an initial, "Del.", "Inc.", "Co.").
# must match: "Anna K." "Dover, Del." "Canada, Inc."    must not match: "Press." "NATO." "1992."
_FINAL_ABBREVIATION = re.compile(
    r"(?:^|[\s.])((?:[A-Z]|[A-Z][a-z]{1,2}|Inc|Ltd|Corp|Bros|Univ|Dept|etc|al))\.$"
)
_QUOTES = "\"'“”‘’«»„‚"


def _clean(value: str, *, keep_final_period: bool = False) -> str:
    """Trim edge punctuation, wrapping quotes and unbalanced brackets."""
    v = " ".join(value.split())
    for _ in range(3):
        before = v
        v = v.strip(_EDGE_PUNCT if not keep_final_period else _EDGE_PUNCT.replace(".", ""))
        v = v.strip(_QUOTES)
        if v.startswith("(") and (v.count("(") > v.count(")") or v.endswith(")")):
            v = v[1:] if not v.endswith(")") or v.count("(") == 1 else v
            if v.endswith(")") and v.count(")") > v.count("("):
                v = v[:-1]
        elif v.endswith(")") and v.count(")") > v.count("("):
            v = v[:-1]
        if v.startswith("[") and v.endswith("]"):
            v = v[1:-1]
        elif v.endswith("]") and "[" not in v:
            v = v[:-1]
        elif v.startswith("[") and "]" not in v:
            v = v[1:]
        if v == before:
            break
    v = v.strip()
    abbrev = _FINAL_ABBREVIATION.search(" ".join(value.split()).rstrip(" ,;:"))
    if abbrev and v.endswith(abbrev.group(1)) and not keep_final_period:
        v += "."
    return v


def _clean_title(value: str) -> str:
    """Title text: quotes and trailing separators removed, '?'/'!' kept."""
    v = _clean(value)
    # An abbreviation at the end ("Inc.") loses its period to _clean; titles rarely end so.
    return v


def _parse_date(value: str) -> dict[str, Any] | None:
    """Parse a date phrase into a CSL date object, or None when it holds no year.

    Args:
        value: e.g. "14 December 1992", "Autumn 1962", "(1992a)", "1992-06-01".

    Returns:
        ``{"date-parts": [[y, m, d]]}`` with as many parts as known, plus ``season``.
    """
    iso = _ISO_DATE.search(value)
    if iso:
        y, m, d = (int(g) for g in iso.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            return {"date-parts": [[y, m, d]]}
    dmy = _DMY_NUMERIC.search(value)
    if dmy:
        d, m, y = (int(g) for g in dmy.groups())
        if 1 <= m <= 12 and 1 <= d <= 31:
            return {"date-parts": [[y, m, d]]}
    year_m = _YEAR.search(value)
    if not year_m:
        return None
    parts: list[int] = [int(year_m.group(1))]
    out: dict[str, Any] = {}
    words = re.findall(r"[^\W\d_]+", value)
    month = None
    for w in words:
        lw = w.lower().rstrip(".")
        if lw in _MONTH_NUMBERS and (len(lw) > 3 or w[0].isupper()):
            month = (w, _MONTH_NUMBERS[lw])
            break
        if lw in SEASONS:
            out["season"] = _SEASON_NAMES.get(lw, w.capitalize())
    if month:
        parts.append(month[1])
        idx = value.find(month[0])
        before = _DAY_BEFORE.search(value[:idx])
        after = _DAY_AFTER.match(value[idx + len(month[0]) :].lstrip("."))
        day = int(before.group(1)) if before else int(after.group(1)) if after else None
        if day and 1 <= day <= 31 and not (after and _YEAR.match(after.group(0).strip())):
            parts.append(day)
    out = {"date-parts": [parts], **out}
    return out


def _split_volume(value: str) -> dict[str, str]:
    """'Vol. 57, No. 3' -> volume/issue; 'No. 14' -> issue; roman numerals kept."""
    v = _clean(value)
    if not v:
        return {}
    m = _ISSUE_ONLY.match(v)
    if m and not re.match(r"^(?:n|h)\.?\s*$", v, re.I):
        return {"issue": _clean(m.group("iss"))}
    m = _VOLUME_ISSUE.match(v)
    if m:
        out = {"volume": m.group("vol")}
        issue = m.group("iss1") or m.group("iss2")
        if issue:
            out["issue"] = _clean(issue)
        return out
    return {"volume": v}


def _clean_pages(value: str) -> str:
    """'pp. 1477–81.' -> '1477-81'; keeps letters of electronic page ids."""
    v = _clean(value)
    v = re.sub(r"^(?:pp?|S|pages?|Seiten?|pgs?)\.?\s*", "", v, flags=re.I)
    v = re.sub(r"\s*[-–—]+\s*", "-", v)
    v = re.sub(r"\s*(?:p|pp|S|pages)\.?$", "", v)
    return v.strip(" .,;:()")


def _fix_name_word(word: str) -> str:
    """Replace digits OCR put into a name word ("Hens1ey" -> "Hensley")."""
    if not any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
        return word
    return word[0].translate(_NAME_DIGIT_FIX_INITIAL) + word[1:].translate(_NAME_DIGIT_FIX)


def _is_corporate(value: str) -> bool:
    """True when a name string reads as an organisation, not people."""
    words = {w.strip(".,;:()").lower() for w in value.split()}
    return bool(words & CORPORATE_WORDS)


def _direct_name(value: str) -> dict[str, str]:
    """'Anna K. Kovács' -> family/given; particles and suffixes handled."""
    words = [_fix_name_word(w) for w in value.split()]
    suffix = None
    if len(words) > 1 and _SUFFIX.match(words[-1]):
        suffix = words.pop()
    if len(words) == 1:
        name = {"family": words[0]}
    else:
        cut = len(words) - 1
        for i in range(1, len(words) - 1):
            if words[i].lower() in NAME_PARTICLES:
                cut = i
                break
        name = {"family": " ".join(words[cut:]), "given": " ".join(words[:cut])}
    if suffix:
        name["suffix"] = suffix
    return name


def _is_family_piece(piece: str, next_piece: str) -> bool:
    """A comma piece that can be a family name alone ("Kovács", "van der Berg", "MEYER").

    Before bare initials ("Bueno de Mesquita, D. M.") a family name may have several words.
    """
    words = piece.split()
    if not words or any(_is_initialish(w) for w in words):
        return False
    if len(words) == 1 or words[0].lower() in NAME_PARTICLES:
        return True
    initials_next = all(_is_initialish(w) for w in next_piece.split())
    return initials_next and len(words) <= MAX_FAMILY_WORDS


def _is_initialish(word: str) -> bool:
    """'J.' 'J.-P.' 'R.L.' are initials."""
    return bool(re.fullmatch(r"[A-Z]\.(?:-?[A-Z]\.?)*|[A-Z]\.?-[A-Z]\.?", word))


def _is_given_piece(piece: str) -> bool:
    """A comma piece that can be given names ("J.", "Anna K.", "Anne-Marie")."""
    words = piece.split()
    if not words or len(words) > 3:
        return False
    if all(_is_initialish(w) or re.fullmatch(r"[A-Z]{1,3}", w) for w in words):
        return True
    return all(_GIVENISH.match(_fix_name_word(w)) for w in words) and len(words) <= 2


def _parse_names(value: str) -> list[dict[str, str]]:
    """Split a name list into CSL name objects.

    Args:
        value: e.g. "Kovács, Anna K., and Ann Lee" or "Lee A, Kim JJ" or "Harbour Trust".

    Returns:
        Name objects; organisations as ``{"literal": ...}``.
    """
    v = _ROLE_WORDS.sub(" ", value)
    had_et_al = bool(_ET_AL.search(v))
    v = _ET_AL.sub(" ", v)
    v = _clean(" ".join(v.split()))
    if not v:
        return []
    if _is_corporate(v):
        return [{"literal": _clean(p)} for p in re.split(r"\s*;\s*", v) if _clean(p)]
    names: list[dict[str, str]] = []
    for part in _NAME_SEP.split(v):
        pieces = [_clean(p) for p in part.split(",")]
        pieces = [p for p in pieces if p]
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            nxt = pieces[i + 1] if i + 1 < len(pieces) else None
            if _SUFFIX.match(piece) and names:
                names[-1]["suffix"] = piece
                i += 1
                continue
            if nxt is not None and re.fullmatch(r"[A-Z]", piece) and _is_family_piece(nxt, ""):
                # "L, Lee": OCR read an initial's period as a comma; no family name is a
                # single letter, so it is the given name of the word after it.
                names.append({"family": _fix_name_word(nxt), "given": piece + "."})
                i += 2
                continue
            if nxt is not None and _is_family_piece(piece, nxt) and _is_given_piece(nxt):
                names.append(
                    {
                        "family": _fix_name_word(piece),
                        "given": " ".join(_fix_name_word(w) for w in nxt.split()),
                    }
                )
                i += 2
                continue
            vanc = _FAMILY_INITIALS.match(piece)
            if vanc and " " in piece and not _is_initialish(piece.split()[0]):
                names.append(
                    {
                        "family": _fix_name_word(vanc.group("family")),
                        "given": vanc.group("given").strip(),
                    }
                )
            else:
                names.append(_direct_name(piece))
            i += 1
    if had_et_al:
        names.append({"literal": "others"})
    return names


# ---------------------------------------------------------------------------
# Segments -> CSL item.
# ---------------------------------------------------------------------------

# Segment labels copied to a CSL variable after _clean (labels with their own handling
# are absent here).
_PLAIN_FIELDS = {
    "publisher": "publisher",
    "location": "publisher-place",
    "collection-title": "collection-title",
    "genre": "genre",
    "citation-number": "citation-number",
}


def _add_note(item: CSLItem, text: str) -> None:
    """Append text to the item's note."""
    text = " ".join(text.split())
    if text:
        item["note"] = f"{item['note']}; {text}" if item.get("note") else text


def _item_from_segments(segments: list[tuple[str, str]]) -> CSLItem:
    """Turn labelled segments into CSL variables (without ``type``)."""
    item: CSLItem = {}
    seen: set[str] = set()
    container_had_in = False
    for label, raw in segments:
        first = label not in seen
        seen.add(label)
        if label == "author" and "editor" not in item and _TRAILING_ROLE.search(raw):
            label = "editor"  # "Lee, Ann, ed." / "Bundesamt (Hrsg.)": the names edited the work
        if label in ("author", "editor", "translator"):
            names = _parse_names(raw)
            if names:
                item.setdefault(label, []).extend(names)
            if label == "editor" and _IN_PREFIX.match(raw.strip()):
                container_had_in = True
            continue
        if not first and label not in ("note", "title", "container-title", "journal"):
            _add_note(item, raw)
            continue
        if label == "title":
            if first:
                item["title"] = _clean_title(raw)
            else:
                _add_note(item, raw)
        elif label in ("journal", "container-title"):
            container_had_in = container_had_in or bool(_IN_PREFIX.match(raw.strip()))
            value = _clean_title(_IN_PREFIX.sub("", raw.strip(), count=1))
            if "container-title" in item:
                _add_note(item, raw)
            elif value:
                item["container-title"] = value
                if label == "journal":
                    item["_journal"] = True
        elif label == "date":
            date = _parse_date(raw)
            if date:
                item["issued"] = date
            else:
                _add_note(item, raw)
        elif label == "volume":
            for k, v in _split_volume(raw).items():
                item.setdefault(k, v)
        elif label == "pages":
            pages = _clean_pages(raw)
            if pages:
                item["page"] = pages
        elif label == "edition":
            ed = re.sub(r"\b(?:ed|edn|edition|aufl|auflage|éd)\b\.?", "", _clean(raw), flags=re.I)
            item["edition"] = _clean(ed) or _clean(raw)
        elif label == "url":
            item["URL"] = _clean(raw).rstrip(">").lstrip("<")
        elif label == "doi":
            doi = _DOI.search(raw)
            item["DOI"] = doi.group(0) if doi else _clean(raw)
        elif label == "isbn":
            isbn = _ISBN.search(raw)
            item["ISBN"] = isbn.group(1).strip() if isbn else _clean(re.sub(r"ISBN:?", "", raw))
        elif label == "note":
            _add_note(item, _clean(raw, keep_final_period=True))
        elif label in _PLAIN_FIELDS:
            value = _clean(raw)
            if value:
                item[_PLAIN_FIELDS[label]] = value
        else:
            _add_note(item, raw)
    if container_had_in:
        item["_in"] = True
    return item


# A genre word standing where the CRF put a container title ("Report No. 5").
# must match: "Report" "Working Paper" "Technical Report"    must not match: "Report on Europe"
_GENRE_AS_CONTAINER = re.compile(
    r"^(?:technical\s+|research\s+|staff\s+|annual\s+)?(?:report|working\s+paper|discussion\s+paper|"
    r"paper|occasional\s+paper|policy\s+brief|memorandum|arbeitspapier)$",
    re.I,
)
# A container title with a volume number or roman numeral glued to its end.
# must match: "Quarterly Review of Law XXIV" "Slavic Review 57"
# must not match: "Studies in Law" "Chapter I" (one-letter numeral) "Review 1992" (a year)
_CONTAINER_THEN_VOLUME = re.compile(
    r"^(?P<container>.*[a-z].*?)\s+(?P<volume>[MDCLXVI]{2,}|(?!1[5-9]\d\d|20\d\d)\d{1,4})$"
)
# Interview phrase in a title: the interviewee's name is before it.
# must match: "Ann Lee, interview by the author"    must not match: "Interviews with Artists"
_NAME_THEN_INTERVIEW = re.compile(
    r"^(?P<name>[^,]{3,60}),\s*(?P<rest>interview(?:ed)?\s+(?:by|with)\b.*)$", re.I
)
# A title that begins with an organisation: "Committee on X, Annual Report".
# must match: "Office of Studies, Trade Controls"    must not match: "Trade, Aid and Growth"
_ORG_THEN_TITLE = re.compile(r"^(?P<org>[^,]{4,90}),\s+(?P<title>\S.{3,})$")


# A person's name at the start of an interview citation: two to four capitalised words
# or initials. must match: "Ann B. Lee" "J. R. Smith" "Maria de la Cruz"; must not match
# "The Times" (an article), "Interview" (the word itself), "Smith and Jones Ltd"
_PERSON_NAME = re.compile(
    r"^(?!(?:The|A|An|Interview)\b)(?:[A-Z]\.\s?|[A-Z][\w'’-]+\s+|(?:de|da|di|la|van|von|der)\s+){1,3}"
    r"[A-Z][\w'’-]+$"
)


def _interview_item(text: str) -> CSLItem | None:
    """ "Name, interview by X[, date]": the interviewee is the author, the phrase the title."""
    m = _NAME_THEN_INTERVIEW.match(text.strip())
    if not m or not _PERSON_NAME.match(m.group("name").strip()):
        return None
    rest = m.group("rest").strip(" .")
    title, _, after = rest.partition(", ")
    item: CSLItem = {
        "type": "interview",
        "author": _parse_names(m.group("name").strip()),
        "title": title,  # as printed; capitalising is the style's business
    }
    date = _parse_date(after) if after else None
    if date:
        item["issued"] = date
    item["_whole"] = True  # every part of the text is placed: nothing left for the note
    return item


# A quoted title: "…," or “…,”. must match '"The Charter of 1815, Revised,"';
# must not match an apostrophe "Lee's".
_QUOTED = re.compile(r"[\"“](?P<title>[^\"“”]{3,300}?)[,.]?[\"”]")
# Publication facts ending in a year: "(Place: Publisher, 1978)".
# must match "(Lake Town, N.J.: Harbor Books, 1962)"; must not match "(1962)", "(Spring 1962)".
_FACTS_YEAR = re.compile(r"\([^():]{2,80}:[^()]{2,120}?,\s*(?P<year>1[5-9]\d\d|20\d\d)\)")


def _year_from_facts(item: CSLItem, text: str) -> None:
    """A year inside a quoted title is the title's, not the work's date.

    The sequence model now and then reads the year of '"The Treaty of 1648," in ...' as the
    date; when publication facts give another year, that one is the date, and the
    quoted title is restored whole.
    """
    quoted, facts = _QUOTED.search(text), _FACTS_YEAR.search(text)
    parts = item.get("issued", {}).get("date-parts", [[None]])[0]
    if not (quoted and facts and parts and parts[0]):
        return
    year = int(facts.group("year"))
    if parts[0] == year or str(parts[0]) not in quoted.group("title"):
        return
    item["issued"] = {"date-parts": [[year]]}
    title = quoted.group("title").strip(" ,.")
    if item.get("title") and title.startswith(str(item["title"])):
        item["title"] = title
        # Pieces of the title (or the facts) the model had put aside are not a note.
        note = str(item.get("note", ""))
        words = [w.strip('"“”,;.()') for w in note.split()]
        if note and all(not w or w in title or w in facts.group() for w in words):
            del item["note"]


# A chapter title and the volume it is in, read as one title.
# must match: "A Life, in Lives of the Painters" '"Roads," in Essays' "Roads,in «Studi»"
# must not match: "Death in Venice" (no comma) "Roads, in part" (lower case)
_TITLE_THEN_CONTAINER = re.compile(
    r"^(?P<title>[^,]{3,}?(?:,[^,]+?)??)[\"”’]?,[\"”’]?\s*in\s+(?P<container>[«\"“‘]?[A-Z].{2,})$"
)


def _repair_fields(item: CSLItem) -> None:
    """General fixes of CRF output that rules see better than the sequence model."""
    authors = item.get("author", [])
    date_parts = item.get("issued", {}).get("date-parts", [[]])[0]
    # "Morning Star, 3 May 1981": a lone "author" and a full date, nothing else, is a
    # newspaper issue (a person is rarely cited by name and day alone).
    if (
        "title" not in item
        and "container-title" not in item
        and len(authors) == 1
        and len(date_parts) == 3
        and not {"publisher", "publisher-place", "volume", "page"} & item.keys()
    ):
        a = authors[0]
        item["container-title"] = a.get("literal") or " ".join(
            p for p in (a.get("given"), a.get("family")) if p
        )
        del item["author"]
        item["_journal"] = True
    title = item.get("title", "")
    # "Name, interview by the author" read as one title.
    m = _NAME_THEN_INTERVIEW.match(title)
    if m and "author" not in item:
        item["author"] = _parse_names(m.group("name"))
        item["title"] = m.group("rest")
    # "Committee on X, Some Report" read as one title: split off the organisation.
    m = _ORG_THEN_TITLE.match(item.get("title", ""))
    if m and "author" not in item and "editor" not in item and _is_corporate(m.group("org")):
        if not _TREATY.search(m.group("org")):
            item["author"] = [{"literal": m.group("org").strip()}]
            item["title"] = m.group("title").strip()
    # "Chapter, in Volume Title" read as one title: the volume is the container.
    m = _TITLE_THEN_CONTAINER.match(item.get("title", ""))
    if m and "container-title" not in item:
        item["title"] = m.group("title")
        item["container-title"] = m.group("container")
        if m.group("container")[0] not in '«"“‘':  # a quoted container is a periodical
            item["_in"] = True
    # "Quarterly Review XXIV" read as one container title: the volume is glued on.
    m = _CONTAINER_THEN_VOLUME.match(item.get("container-title", ""))
    if m and "volume" not in item and "issue" not in item:
        item["container-title"] = m.group("container")
        item["volume"] = m.group("volume")
    # "Report No. 88-4" read as a container title with an issue.
    container = item.get("container-title", "")
    if container and _GENRE_AS_CONTAINER.match(container):
        item["genre"] = container
        del item["container-title"]
        item.pop("_journal", None)
        number = item.pop("issue", None) or item.pop("volume", None)
        if number:
            item["number"] = number
        item["_report"] = True


def _infer_type(item: CSLItem, text: str) -> str:
    """Pick a CSL type from the fields found and cue words in the text."""
    title = item.get("title", "")
    genre = item.get("genre", "")
    container = item.get("container-title", "")
    date_parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if _INTERVIEW.search(text):
        return "interview"
    if item.get("_report"):
        return "report"
    if _SPEECH.search(title):
        return "speech"
    if _THESIS.search(genre) or (_THESIS.search(text) and not container):
        return "thesis"
    if container:
        if item.get("_journal") and not item.get("_in") and "editor" not in item:
            if len(date_parts) == 3 and "volume" not in item:
                return "article-magazine" if _MAGAZINE.search(container) else "article-newspaper"
            return "article-journal"
        if _CONFERENCE.search(container) and not item.get("_journal"):
            return "paper-conference"
        if item.get("_in") or "editor" in item or "publisher" in item or "publisher-place" in item:
            return "chapter"
        if len(date_parts) == 3 and "volume" not in item:
            return "article-newspaper"
        return "article-journal"
    if _REPORT.search(genre) or (
        _REPORT.search(title) and any("literal" in a for a in item.get("author", []))
    ):
        return "report"
    if _MANUSCRIPT.search(genre) or _MANUSCRIPT.search(text):
        return "manuscript"
    if "author" not in item and _TREATY.search(title) and "publisher" not in item:
        return "treaty"
    if "URL" in item and "publisher" not in item:
        return "webpage"
    if "publisher" in item or "publisher-place" in item or "edition" in item:
        return "book"
    if _REPORT.search(title):
        return "report"
    return "book" if "title" in item and "author" in item else "document"


def _extract_identifiers(text: str) -> CSLItem:
    """URL, DOI and ISBN found by pattern anywhere in the string."""
    out: CSLItem = {}
    doi = _DOI.search(text)
    if doi:
        out["DOI"] = doi.group(0)
    url = _URL.search(text)
    if url:
        out["URL"] = url.group(0)
    isbn = _ISBN.search(text)
    if isbn:
        out["ISBN"] = isbn.group(1).strip()
    return out


def parse_reference(text: str, *, model: str | Path | None = None) -> CSLItem:
    """Parse one citation string into a CSL-JSON item.

    A trailing note-style pinpoint (see :func:`split_pinpoint`) is not the work's
    ``page``: it is returned under the private key ``"_pinpoint"``. A leading signal
    ("See also", "Cf.", "Vgl.") is returned under ``"_signal"``.

    Args:
        text: One reference or full footnote citation (OCR text is fine).
        model: Path of a CRF model; the shipped ``citex/data/parser.crfsuite`` when None.

    Returns:
        A CSL-JSON item dict. It always has ``type`` and at least ``title`` or ``note``.

    Example:
        >>> item = parse_reference(
        ...     'Ann Lee, "Old Roads," Journal of Roads 70, no. 3 (1992): 70-70.')
        >>> item["type"], item["author"], item["volume"], item["issue"], item["page"]
        ('article-journal', [{'family': 'Lee', 'given': 'Ann'}], '70', '3', '70-70')
    """
    original = " ".join(text.split())
    if not original:
        return {"type": "document", "note": ""}
    repaired = _repair_ocr(original)
    signal = _SIGNAL.match(repaired)
    if signal and len(repaired) > signal.end():
        repaired = repaired[signal.end() :]
    body, pinpoint = split_pinpoint(repaired)
    tagged, rest = body[:MAX_TAGGED_CHARS], body[MAX_TAGGED_CHARS:]
    legal = _legal_item(tagged) or _interview_item(tagged)
    if legal is not None:
        item = legal
        head = item.pop("_head", "")
        if head:
            crf_item = _item_from_segments(_label_segments(head, str(model or MODEL_PATH)))
            _repair_fields(crf_item)
            for key, value in crf_item.items():
                if not key.startswith("_"):
                    item.setdefault(key, value)
            item["title"] = item.get("title") or _clean(head)
        rest_of_citation = tagged[len(head) :] if head else tagged
        if not head and item.get("title") and tagged.startswith(item["title"]):
            rest_of_citation = tagged[len(item["title"]) :]
        rest_of_citation = _TRAILING_PAREN_DATE.sub("", rest_of_citation)
        if item.pop("_whole", False):
            rest_of_citation = ""
        leftover = _clean(rest_of_citation)
        # Keep what the rules did not place (a date they read is placed already).
        if leftover and not (item.get("issued") and _parse_date(leftover) == item["issued"]):
            _add_note(item, leftover)
    else:
        item = _item_from_segments(_label_segments(tagged, str(model or MODEL_PATH)))
        _repair_fields(item)
        _year_from_facts(item, tagged)
        item["type"] = _infer_type(item, tagged)
        for key, value in _extract_identifiers(tagged).items():
            item.setdefault(key, value)
    if rest:
        _add_note(item, rest)
    if pinpoint:
        item["_pinpoint"] = pinpoint
    if signal:
        item["_signal"] = signal.group("signal")
    for private in ("_journal", "_in", "_report"):
        item.pop(private, None)
    if not item.get("title") and not item.get("note"):
        if len(item) <= 1 or not any(k in item for k in ("container-title", "author", "editor")):
            item["title"] = _clean(body) or body
        else:
            _add_note(item, body)
    return item


def parse_references(texts: Iterable[str], *, model: str | Path | None = None) -> list[CSLItem]:
    """Parse many citation strings (e.g. one bibliography entry per line).

    Args:
        texts: Citation strings; blank ones still give an item, so indexes line up.
        model: Path of a CRF model; the shipped one when None.

    Returns:
        One CSL-JSON item per input string, in order.

    Example:
        >>> [i["type"] for i in parse_references(["Ann Lee, Old Roads (Boston: Beacon, 1972)."])]
        ['book']
    """
    return [parse_reference(t, model=model) for t in texts]
