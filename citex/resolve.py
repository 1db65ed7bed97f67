"""Resolved citations: link every Ibid., short form, supra and alias to the work it means.

Notes refer back in a handful of ways, each one a row of :data:`BACK_REFERENCES` or a
rule below:

- **Ibid.** (ibid., ibidem, Id. with only a page, ivi, ebd., ebenda): the item cited just
  before. Just before means the preceding item of the same note, or the items of the last
  earlier note that cites anything. An item reprinted, translated or quoted in another
  source ("X, reprinted in Y") is one item: Ibid. repeats X. When that earlier note cites
  several items, Ibid. is linked only if its page lies in exactly one item's page range;
  otherwise it stays unresolved with the reason. Without a page it inherits the page of
  the item it repeats.
- **idem / eadem / ders. / Id. with a title**: the same author as the citation just
  before, in a new work (the author is filled in).
- **supra note 12 / supra n. 12 / note 12 above / cit. alla nota 12**: the item cited in
  note 12 (an author before the words picks one of several).
- **op. cit. / loc. cit. / a.a.O. / cit.** after an author (and maybe a short title): a
  short form.
- **Aliases** defined by "(hereinafter X)": X later means that item.
- **Short forms**: "Name, 5", "Name and Other, passim", "Name, Short Title, 5", or a short
  title alone. Names and titles are compared with OCR tolerance (:mod:`citex.fuzzy`).
  A short form that fits several works of one author is linked only if a short title or
  the page range decides.
- **Containers as short forms**: '"Chapter," in Name, 212' where Name is the editor of a
  volume cited earlier: the chapter is a new work, and its container is that volume
  (method ``"container"``). A short title naming such a volume ("Collected Laws Vol. 2,
  117") links to the volume as a work of its own.

Full citations are grouped into works with :func:`citex.works.same_work`, so a work cited
fully twice (with different OCR damage) is one work. Every citation gets ``work`` (a work
id from :func:`citex.works.work_ids`, or None) and a ``resolution`` saying how and why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .archival import (
    ArchivalReference,
    archival_csl,
    parse_archival,
    parse_archival_after_ibid,
)
from .archival import archive_key as _archive_key
from .citations import ALIAS_DEFINITION, BARE_NAME_OPENING, OCR_CIT, locator_start
from .citations import LEADING_FOREIGN_SIGNAL as _LEADING_SIGNAL
from .fuzzy import (
    MIN_FUZZY_TITLE,
    NameIndex,
    key_ratio,
    name_similarity,
    normalise,
    short_title_similarity,
    title_key,
    title_similarity,
    words_inside,
)
from .models import Citation, CSLItem, Footnote, Resolution
from .works import WorkIndex, issued_year, merge_csl, same_work, work_ids

__all__ = [
    "BACK_REFERENCES",
    "DEFAULT_MATCHER",
    "BackReference",
    "Matcher",
    "resolve_citations",
]

# ---------------------------------------------------------------------------------------
# Thresholds and confidences. Each says why it has its value.

# A short form's name matches an earlier author from this similarity (fuzzy.name_similarity):
# "Kvri" for "Kővári" scores 0.83 and "Bemio" for "Berrio" 0.73, while different surnames of
# similar shape stay lower ("Harland"/"Howard" 0.62, "Mercer"/"Marcus" 0.5).
NAME_MATCH = 0.72
# With a short title that matches too, a name counts from this lower similarity: OCR
# damages short names most ("Zalin" for "Zaun" scores 0.67), while different surnames stay
# lower ("Bianchi"/"Rossi" 0.17, "Lee"/"Orme" 0.29, "Harland"/"Howard" 0.62).
NAME_WITH_TITLE = 0.65
# The lowest name similarity any rule here accepts (NAME_WITH_TITLE): the name index
# returns every name that may reach it.
NAME_FLOOR = NAME_WITH_TITLE
# When several earlier authors pass NAME_MATCH, the best one wins only with this lead over
# the next (an exact "Smith" over an OCR-near "Smyth" leads by 0.2); a smaller lead is left
# unresolved, since it is OCR noise deciding.
NAME_MARGIN = 0.15
# A short title stands for a full title from this score (fuzzy.short_title_similarity: a
# prefix is 1.0, an OCR-damaged prefix about 0.85, an unrelated title of one author < 0.6).
SHORT_TITLE_MATCH = 0.8
# Between two works whose titles both pass SHORT_TITLE_MATCH, the better wins with this lead.
TITLE_MARGIN = 0.1

# Confidence of each way of linking. A direct Ibid. or a note number leaves little doubt;
# looking back past a note without citation, or deciding between works by a page range,
# rests on an assumption about the author's habits.
CONFIDENCE_FULL = 1.0
CONFIDENCE_IBID = 0.95
CONFIDENCE_IBID_LOOKBACK = 0.8
CONFIDENCE_BY_PAGE_RANGE = 0.8
CONFIDENCE_SUPRA_NOTE = 0.95
# A supra note whose note does not hold the author named, matched by the author instead.
CONFIDENCE_SUPRA_ELSEWHERE = 0.7
CONFIDENCE_ALIAS = 0.95
# A short title fitting several volumes of a series, decided by the years it prints found
# in one volume's printed text: sure of the series, less of the parse of its years.
CONFIDENCE_PRINTED_YEAR = 0.8
# A note that opens with a locator alone ("Vol. 14, pp. 42-43."), no author, title or
# Ibid.: it goes on with the work cited just before, as an Ibid. would, but the marker is
# implied, so the link is less sure than a printed Ibid.'s.
CONFIDENCE_LOCATOR_ONLY = 0.7
# A short form's confidence is its match score times this: a name alone never identifies
# a work as surely as an Ibid. does.
SHORT_FORM_WEIGHT = 0.9
# Two parts of archival paths (fonds, series) are one from this similarity (fuzzy.key_ratio
# on normalised text): OCR's "Consiglio dei Sayi" for "Consiglio dei Savi" scores 0.94,
# while "Procuratori de supra" against "Procuratori de citra" scores 0.85 too: the
# threshold trusts OCR over near-homonym series, which the units usually tell apart.
ARCHIVAL_PATH_MATCH = 0.86
# Two whole paths are one from this similarity however their commas fall: "Procuratori di
# S, Marco de Supra" for "Procuratori di S. Marco de supra" scores 1.0, while two series
# of one fond stay below ("Consiglio dei Savi, Misti" / "..., Comuni" 0.86).
ARCHIVAL_JOINED_MATCH = 0.92
# Under the very same series name, the fonds before it are one from this similarity, short
# names included: "Sayi" for "Savi" scores 0.75, "Senato" against "Savi" 0.4.
ARCHIVAL_FOND_MATCH = 0.6
# Parts shorter than this are compared exactly: one letter tells "Mar" from "Mat".
ARCHIVAL_PATH_MIN = 8
# A short form that matches no earlier citation starts a work of its own: that the work
# exists is certain, but not that no earlier citation of it was missed (OCR, splitting).
CONFIDENCE_SHORT_FORM_START = 0.5
# A title-only short form that matches nothing whole is tried by its part before the first
# comma when that part has this many letters (without a leading article): "manuale".
MIN_FIRST_PART = 6
# A short form's name printed cut short with a period ("Guar., doc. 52") stands for an
# earlier author whose family name opens with it, from this many letters: "Guar" for
# "Guarnieri"; three letters ("Gua.") begin too many names.
MIN_ABBREVIATED_NAME = 4
# ... at this confidence: one author whose name so opens, with no other to choose from.
CONFIDENCE_ABBREVIATED_NAME = 0.7
# A name-only short form matching no author, linked to the one work whose printed title
# names that person (an edition of a traveller's narrative, a writer's letters).
CONFIDENCE_NAMED_IN = 0.6


# ---------------------------------------------------------------------------------------
# The table of back-reference patterns.


@dataclass(frozen=True)
class BackReference:
    """One way a note refers back: a name, a pattern, and what it refers to.

    ``refers_to`` is one of ``"previous"`` (the item just cited: Ibid.), ``"author"`` (the
    author just cited, new work: idem), ``"note"`` (the item of a numbered note: supra
    note 12; the pattern has a group ``note``) or ``"work"`` (an earlier work named by the
    author or title before the pattern: op. cit.). Patterns for ``"previous"`` and
    ``"author"`` are matched at the start of a citation, the others anywhere.
    """

    name: str
    pattern: re.Pattern[str]
    refers_to: str


BACK_REFERENCES: tuple[BackReference, ...] = (
    # must match: "Ibid." "ibid., 13" "Ibidem, p. 5" "lbid" "1bid." "Ib., 4" "Ibid. The"
    # must not match: "Ibis" "Ibidian" "Ibsen"
    BackReference("ibid", re.compile(r"^(?i:[Il1]bid(?:em)?\b\.?|[Il1]b\.)"), "previous"),
    # must match: "Ebd., S. 5" "ebd." "Ebenda, 4"    must not match: "Ebdon" "Ebendorf"
    BackReference("ebd", re.compile(r"^(?i:ebd\.|ebenda\b\.?)"), "previous"),
    # must match: "Ivi, p. 3" "ivi, 7" "Ivi."    must not match: "Ivica" "Ivrea"
    BackReference("ivi", re.compile(r"^(?i:ivi\b\.?)"), "previous"),
    # Legal "Id." and humanities "Idem" with only a page repeat the work; with a title they
    # name the same author (decided by what follows, see _rest_is_locator).
    # must match: "Id. at 7" "Id., 12" "Id." "Idem, 4" "Idem, Storia" "Eadem" "Ead., X" "Iidem"
    # must not match: "Idaho" "Identity" "Idea" "Ideology"
    BackReference(
        "idem",
        re.compile(
            r"^(?:[a-z](?=Idem\b))?"  # "uIdem": a stray letter OCR read before it
            r"(?:\d{1,3}\s+(?=[Ii]d\.))?"  # Bluebook "2 id. at 4": volume 2 of the work before
            r"(?i:id\.|id(?=\s+at\b)|idem\b\.?|eadem\b\.?|ead\.|iidem\b\.?|eaedem\b\.?)"
            r"|^[Il1]o\.(?=\s*,)"  # "Io., Title": OCR's "Id.,"
        ),
        "author",
    ),
    # must match: "Ders., Geschichte" "Dies." "Derselbe, Titel"    must not match: "Dersim" "Dieses"
    BackReference(
        "ders", re.compile(r"^(?i:ders\.|dies\.|derselbe\b|dieselbe\b|dieselben\b)"), "author"
    ),
    # must match: "supra note 12" "supra n. 12" "Smith, supra note 4" "supra, nota 35"
    #             "above, note 4" "cit. alla nota 12" "(wie Anm. 12)" "oben Anm. 3"
    # must not match: "note 12" (no supra word) "supranational" "22 n. 4"
    BackReference(
        "supra-note",
        re.compile(
            r"(?i:\b(?:supra|above|sopra|cit\.?|oben|wie)\s*,?\s*(?:(?:alla|a|in)\s+)?"
            r"(?:note|nota|nn?\.|anm\.)\s*(?P<note>\d{1,4})\b)"
        ),
        "note",
    ),
    # German and OSCOLA (UK legal): the note number in brackets after the author, "Meier
    # (Fn. 12), S. 5", "Turner (n 13) 45".
    # must match: "Meier (Fn. 12), S. 5" "(FN 3)" "(Fußn. 4)" "(vgl. Fn. 7)" "(Anm. 2)"
    #             "Turner (n 13) 45" "(n. 16)" "(note 4)"
    # must not match: "Fn. 12" (no brackets: a footnote of the work cited) "(S. 12)"
    BackReference(
        "supra-note",
        re.compile(r"\((?:(?i:vgl|s)\.\s*)?(?:Fn|FN|Fußn|Anm|n|note)\.?\s*(?P<note>\d{1,4})\s*\)"),
        "note",
    ),
    # must match: "note 12 above" "n. 12 supra" "Smith, note 4 above"
    # must not match: "note 12" "note 12 above all" is matched too (rare; prose is dropped
    # by the splitter before it gets here)
    BackReference(
        "note-above",
        re.compile(r"(?i:\b(?:note|n\.)\s*(?P<note>\d{1,4})\s*,?\s*(?:above|supra)\b)"),
        "note",
    ),
    # must match: "op. cit." "op.cit." "loc. cit." "art. cit." "a.a.O." "a. a. O."
    #             "Rossi, cit., pp. 33" "Smith, supra, 5" "op.rii." "art. cil." "eri. cit." (OCR)
    #             "op. tit." "op. cìt." "op. ciL," "op. at.," "op. eu.,"
    # must not match: "citation" "cited" "Cité" "explicit" "supranational"
    BackReference(
        "op-cit",
        re.compile(
            r"(?<!\w)(?i:(?:op|loc|art|ouvr|ed)\.\s*cit\b\.?|a\.\s*a\.\s*o\b\.?|cit\b\.?|supra\b"
            r"|(?:op|loc|art)\.\s?(?!ed\b)[a-zìí][a-zA-Z1/ìí]{1,2}(?:[.,]|$)|\b[a-z]{2,3}\.\s*cit\b\.?)"
        ),
        "work",
    ),
    # "cit." as OCR misreads it, where the splitter takes it for one (citations.OCR_CIT).
    BackReference("cit-ocr", OCR_CIT, "work"),
)

# The words naming an entry of a reference work before its "in" ("sub voce in Enciclopedia").
_ENTRY_WORDS = r"(?:sub\s+voce|s\.\s?v\.|ad\s+vocem)"
_ENTRY_OF = r"(?:" + _ENTRY_WORDS + r"\s+)?"

# "sub voce", "s.v." before a reference work's title: the name before is a headword.
_SUB_VOCE = re.compile(r"(?i:\b" + _ENTRY_WORDS + r")")
# An entry of a reference work cited by its headword: "Headword, sub voce in Work, II, ...".
# must match: "Neri Anna, sub voce in Enciclopedia dei mulini, II, Roma 1971, p. 4"
#             "Bo, s.v. in Dizionario, Roma 1990"
# must not match: "Neri, Storia, in Atti, Roma 1990" (a chapter) "sub voce in Work" (no
#                 headword)
_REFERENCE_ENTRY = re.compile(
    r"^(?P<head>[^,]{2,80}),\s*" + _ENTRY_WORDS + r"\s*,?\s*in\s+"
    r"(?P<work>[A-Z«\"“][^,]{3,120})(?:,\s*(?P<volume>[IVXLC]{1,6}|\d{1,3})(?=\s*,))?"
)
# A chapter whose container is given by a short form at the end: '," in Name, 212'.
# must match: '"Title," in K0vari, 212' '"Title," in Lee and Orme, 118-19' '," in Lee, pp. 4-5'
# must not match: '"Title," in Old Roads (Boston, 1972), 3' (publication facts: a full
#                 container) '"Title," Journal 3 (1990): 4' '," in Lee 1990, 4' (a year)
# Digits are allowed inside the name, where OCR puts them for accented letters ("K6v~ri").
_CONTAINER_SHORT = re.compile(
    r"[,\"”]\s+in\s+(?P<short>[^\W\d_](?:[^\W\d_]|[ .'’~-]|\d(?!\d))*?)\s*,\s*(?:pp?\.\s*)?"
    r"(?:\d+(?:\s*[-–—]+\s*\d+)?|[ivxlc]{1,7}|passim)\s*\.?\s*$"
)
# A comma-separated part of a short form that begins its locator.
# must match: "13" "pp. 33" "p. 14" "passim" "xii" "22 n. 4" "at 7" "s.v. aça" "S. 5"
#             "col. 3" "III" "c. 12v" "nota 4" "esp. pp. 3" "vol. 2, p. 3" "N° 35" "N°s 3"
#             "voi. 45" (OCR for vol.) "doc. 52" "Chapter 5" "capitolo 3" "p.Ili"
# must not match: "Tre Savii" "Il Caso" "Storia di Venezia" "I Dogi" "Vol" alone
_LOCATOR_PART = re.compile(
    r"^(?:(?:pp?|ss?|S|col|coll|ff?|fol|cc?|nn?|nota|note|vol|vols|voi|voll|t|tomo|Bd|at|esp|sez"
    r"|cap|ch|doc|docs|[Cc]hapter|[Cc]apitolo|Kapitel|paras?|par|Rn|rn)\b\.?\s*|[Nn][°º]s?\s*"
    r"|§§?\s*)*(?:s\.\s?v\.|\d|passim\b|(?:[ivxlc]{1,6}|[IVXLC]{1,6})(?=\s*(?:$|[.:;]|\s*\d|\s+pp?\b)))"
    # a page whose digits OCR read as letters ("p.Ili" for "p. 111"), after its label
    r"|^pp?\.\s*[Iil1|]{2,5}\s*$"
)
# A surname among a long name's words: capitalised, then lower-case letters (no particle,
# roman numeral or abbreviation).
# must match: "Clavijo" "Gonçales" "D'Arco"    must not match: "de" "XIII" "Vol." "Laws."
_SURNAME_WORD = re.compile(r"[A-Z][a-zà-ÿ'’-]{2,}")
# CSL types of a part of a periodical or a volume, which have a page range of their own.
_PARTS = frozenset(
    {
        "article",
        "article-journal",
        "article-magazine",
        "article-newspaper",
        "chapter",
        "entry",
        "entry-encyclopedia",
        "entry-dictionary",
        "paper-conference",
    }
)
# A volume's label, as the parser may keep it in the volume field.
# must match: "voi. " "Vol." "vol " "t. "    must not match: "45" "XII"
_VOLUME_LABEL = re.compile(r"^\s*(?i:vol|voi|vols|voll|t|tomo|bd)\.?\s*")
# German: an author, then the footnote the work was cited in, "Meier, Fn. 12, S. 5".
# must match: "Nesterowicz, Fußnote 20, S. 101-102" "Meier, Fn. 12" "Meier, FN 3, Rn. 4"
# must not match: "Meier, Roads, S. 5, Fn. 12" (a note of the work cited: a title before)
_NAME_THEN_FOOTNOTE = re.compile(
    r"^(?P<head>[^,]{2,80}),\s*(?:Fußnote|Fußn\.|Fn\.?|FN)\s*(?P<note>\d{1,4})\b"
)
# A name and Ibid.: the work just cited, by that author.
# must match: "D. RODRIK, ibid., 6" "Neri, ivi, p. 4" "Meier, ebd., S. 5"
# must not match: "Neri, Storia, ibid." (a title: the same container) "Ibid., 4"
_NAME_THEN_IBID = re.compile(
    r"^(?P<name>[^,\d]{2,60}),\s*(?i:ibid(?:em)?|ivi|ebd|ebenda)\b\.?\s*(?:,|$)"
)
# A citation that opens with a labelled locator (no author or title before it).
# must match: "vol. 14, pp. 42-43" "Vol. 2, p. 3" "voi. 24, p. 3" "pp. 5-6" "col. 4" "t. IX, p. 3"
# must not match: "Volpe, 4" "Pisa, 4" "14, pp. 4" (a bare number: a year, a volume?)
#                 "Para 533" (legal notes give paragraphs of the judgment they discuss)
_LOCATOR_ONLY = re.compile(
    r"^(?i:vol|voi|voll|vols|t|tomo|bd|pp?|col|coll|fol|cc?|ff?|nn?|doc|docs)\.\s*[\dIVXLCivxlc]"
)
# The volume a chapter's short form names after its title: ", in Volume Title" to the end.
# must match: ",in The Age of Galleys" ", in «Studi»" '," in Essays'
#             ", sub voce in Enciclopedia" (an entry of a reference work)
# must not match: " in Venice" (no comma: a title's own words) ", in the" ", in 1990"
_CHAPTER_IN = re.compile(r"(?:,[\"”’]?|[\"”’],?)\s*" + _ENTRY_OF + r"in\s+(?=[A-Z«\"“‘']).*$")
# The "in" closing the words before "in op. cit.".
# must match: "Name, «word», in" '"Entry," in'    must not match: "Name, Storia" "Berlin"
_CLOSING_IN = re.compile(r"(?<=\s)in$")
# A title part that is only the volume a contribution is in: "in Volume".
# must match: "in Le Venezie" "in «Studi»" "sub voce in Enciclopedia"
# must not match: "Inverno" "in part"
_IN_OPENING = re.compile(_ENTRY_OF + r"in\s+[A-Z«\"“]")
# A volume designation opening what follows "op. cit." (no title).
# must match: "T. IV" "XIV (Supplementa)" "Tomo 2" "Vol. 3" "II" "Ili" (OCR for III)
# must not match: "Storia" "Il" (the Italian article)
_VOLUME_LEAD = re.compile(r"(?:[IVXLC]+\b|I[il]{2}\b|[Tt]\.|[Tt]omo\b|[Vv]ol)")
# The mark of a shortened title: "Title [...]", "Title...", "Title …" (OCR: "[■■■]").
# must match: " [...]" "..." "…" " [■■■]" "...cit" is cut before cit    must not match: "."
_ELLIPSIS = re.compile(r"(?<!\s)\s*+(?:\[\s*+(?:\.\s*+){2,}\]|\[■+\]|\.{3,}|…)")
# A locator right after a shortened title's dots, which the splitter could not cut off
# ("The Early History...pp. 20 sgg., 182 sgg.").
# must match: "pp. 20" " p. 5" ", col. 3" "ρ. 5"    must not match: " 1954-1955" " and Other"
# Also "cit." as OCR damages it ("...cìt.", "...ciL").
_LOCATOR_AFTER_ELLIPSIS = re.compile(
    r"[\s,]*(?:(?:[pPρ][pPρ]?\.|pagg?\.|coll?\.|nn?\.)\s*\d|(?:[cer][il1tìí¡][tleL]|ci[L!])\b)"
)
# Years (or a volume in roman numerals) alone after a shortened title's dots: they pick a
# volume, they are no words of the title (the tie-break reads years from the citation).
# must match: " 1954-1955" ". 1954-1955" ", 1959" "1954 - 55." " I" " XII," ",Ili" (OCR'd III)
# must not match: " 1954 e 1955 " " In" " Il Mulino"
_YEARS_AFTER_ELLIPSIS = re.compile(
    r"[\s,.]*(?:(?:1[5-9]\d\d|20\d\d)(?:\s*[-–]\s*\d{2,4})?|[IVXLC]{1,6}|I[IVXLCli]{1,5})[\s,.;]*"
)
# A parenthesis pointing back to where a work was cited, inside a short form.
# must match: "(cited in n. 5, above)" "(cit. alla nota 4)" "(see above, n. 3)" "(supra)"
# must not match: "(1313-1329)" "(Venezia)"
_CROSS_REFERENCE = re.compile(r"\([^()]{0,40}\b(?i:cit|above|supra|sopra)[^()]{0,40}\)")
# A year printed in a citation ("1959-1960" gives both; "19/2003/1" gives 2003, which the
# splitter's year pattern, reading dates of publication, leaves out).
# must match: "1959" "1960" in "1959-1960" "2003" in "19/2003/1"
# must not match: "19590" "p. 1156" "759"
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")
# A number after a locator's label, to tell pages from years.
# must match: "p. 1501" "pp.1620-21" "col. 1600" "n. 1590" "f. 1550"    must not match: "1501"
_LABELLED_NUMBER = re.compile(r"\b(?:pp?|pagg?|coll?|nn?|ff?|cc?|fol)\.\s*\d+")
# An editor or translator named after a short title's comma: initials and a surname, or
# a role word.
# must match: "A. Rossi ed." " a cura di A. Rossi" "ed. A. Rossi" "trans. Lee"
# must not match: " Grand Chamber" " Sumal" " II"
_EDITOR_AFTER = re.compile(
    r"\s*(?:(?:[A-Z]\.\s?)+[A-Z][\w'’-]+|(?:a\s+cura\s+di|eds?\.|trans\.|hrsg\.)\s)"
)
# A word a title needs to start a work: two letters at least ("MV" for a periodical).
_TITLE_WORD = re.compile(r"[^\W\d_]{2,}")
# A title given by its initials, maybe in quotes or guillemets.
# must match: "«CVI»" "CVI»" "ASL" '"NAV"'    must not match: "Gazzetta" "«Guv»" "A" "ROSSINI"
_ACRONYM = re.compile(r"[«\"“‘']?(?P<letters>[A-Z]{2,5})[»\"”’']?")
# The title of the volume a chapter was printed in: after ", in" up to the next comma.
# must match: "Roads, in Essays on Kent, Oslo 1990" "Roads,in Essays. A History, Oslo"
# must not match: "Roads in Kent, Oslo" (no comma) "Roads, in part" (lower case)
_PRINTED_VOLUME = re.compile(r"[,\"”’]\s*in\s+(?P<volume>[«\"“]?[A-Z][^,«»\"”]{3,120})")
# The "in" that opens a chapter's volume, to take the volume's title alone.
# must match: ",in " ', in ' '," in ' ", sub voce in "    must not match: "Venice in"
_VOLUME_TITLE = re.compile(r"^(?:,[\"”’]?|[\"”’],?)\s*" + _ENTRY_OF + r"in\s+")
# "op. cit." and its kin closing a short title.
# must match: ",cit" ", op. cit." " cit." ",loc. cit" "...cit" (after a shortened title)
# must not match: "Citeaux" "citta" "Explicit"
_OP_CIT_TAIL = re.compile(r"(?:,|\.|(?<!\s)\s)\s*+(?i:(?:op|loc|art|ed)\.\s*+)?cit\b\.?.*$")
# A volume in a short title.
# must match: " Vol. XVIII" " Vol. 2" " vol. II" " voi. 45" (OCR)
# must not match: "Volume" " No. 3" " voi siete"
# The match starts where the white space before it starts (never after a space) and takes
# that space possessively, so a long run of spaces costs linear time, not cubic.
_VOLUME = re.compile(
    r"(?<!\s)\s*+,?\s*+\b(?:[Vv]ols?\.|[Vv]oi\.(?=\s*\d))\s*(?P<volume>[\dIVXLCivxlc]+)\b.*$"
)
# Separators between the names of a short form.
# must match: " and " " & " " e " " und " " et " " - " "/" (German legal style "Lee/Orme")
#             " AND " (names in small capitals, as US law reviews print them)
# must not match: "Anderson" " ed. " "-" "Lee-Orme" " E " (an initial)
_NAME_SEPARATOR = re.compile(r"\s+(?:and|AND|&|e|und|UND|et|ET|[-–])\s+|\s*/\s*")
# A short form's name and its short title in square brackets, as US notes give it.
# must match: "POSNER [THE ECONOMICS OF JUSTICE]"    must not match: "[A. Neri], Title"
_BRACKETED_SHORT_TITLE = re.compile(r"^(?P<name>[^\[\]]{2,60}?)\s*\[(?P<title>[^\]]{2,120})\]\s*$")
# A short form's name closed by a period where a comma belongs, before a capitalised title.
# must match: "G. Lee. Storia" "Tacchi Neri. Storia" "Lee. La pittura"
# must not match: "G. Storia" (an initial) "Lee, Storia" "Lee. storia" "Storia della. Neri"
_NAME_CLOSED_BY_PERIOD = re.compile(
    r"(?P<name>(?:[A-Z]\.\s?){0,3}[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)\.\s+(?=[A-Z«\"“‘'])"
)
# A labelled locator after a period closing a short form's name or title (OCR's comma).
# must match: ". doc. 54" ". n. 3" ". cap. IV"    must not match: ". Storia" ". Doc" ". 54"
_DOT_LOCATOR = re.compile(r"\.\s+(?:docs?|nn?|nos?|cap|col|fol|cc?|ff?)\.\s*[\dIVXLC].*$")
# An initial whose period OCR read as a comma, before a name and its comma.
# must match: "S, Tramonti, La visita" -> "S, "    must not match: "S, La visita" (one comma)
#             "Lee, Roads, 4" "A, B e C"
_LONE_INITIAL = re.compile(r"^[A-Z],\s*(?=[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s*,)")
# An introduction or preface named with the volume it introduces (OCR may glue the "a").
# must match: "Introduzione a Vita" "Introduzionea Vita" "in the introduction to De Origine"
#             "preface to The Roads" "Einleitung zu Die Strassen" "Prefazione al Libro"
# must not match: "introduction" alone "Introduzione, p. 5" "introduction to the problem"
_INTRODUCTION_TO = re.compile(
    r"(?i:\b(?:introduction|preface|foreword|introduzione|introd\.|prefazione|einleitung|"
    r"vorwort|préface)\s*(?:to|a|al|alla|allo|zu|zum|zur|à)\s+)(?=[A-Z«\"“‘])"
)
_DIGITS = re.compile(r"\d+")
# "et al." and its kin after a first name of several authors.
# must match: " et al." " et al" " u. a." " e altri"    must not match: " et alia Press"
_ET_AL = re.compile(r"\s+(?:et\s+al\.?|u\.\s*a\.|e\s+altri)$")
# An initial or a given-name abbreviation in a short form's name ("G." "M.L." "J. C.").
# must match: "G." "M.L." "Th."    must not match: "Lee" "MARANINI"
_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.)+$")
# A page range: two numbers, the second may be abbreviated ("134-35").
# must match: "11-19" "134-35" "3 - 4"    must not match: "12" "xii-xv" "passim"
_PAGE_RANGE = re.compile(r"^\s*(?P<lo>\d+)\s*[-–—]+\s*(?P<hi>\d+)\s*$")


# ---------------------------------------------------------------------------------------
# The matcher: injectable comparison functions.


@dataclass(frozen=True)
class Matcher:
    """How names and titles are compared: functions returning a similarity in [0, 1].

    The defaults come from :mod:`citex.fuzzy`; a caller can pass stricter or looser ones
    (an exact matcher in tests, a transliteration-aware one for Cyrillic sources).
    """

    name: Callable[[str, str], float] = name_similarity
    title: Callable[[str, str], float] = title_similarity
    short_title: Callable[[str, str], float] = short_title_similarity


DEFAULT_MATCHER = Matcher()


# ---------------------------------------------------------------------------------------
# Public API


def resolve_citations(
    footnotes: Sequence[Footnote],
    *,
    patterns: Sequence[BackReference] = BACK_REFERENCES,
    matcher: Matcher = DEFAULT_MATCHER,
) -> tuple[Footnote, ...]:
    """Link every citation of a document to the work it means.

    Args:
        footnotes: the document's footnotes in order, with citations
            (see :func:`citex.citations.find_citations`).
        patterns: the back-reference table; defaults to :data:`BACK_REFERENCES`.
        matcher: the name and title comparison; defaults to OCR-tolerant fuzzy matching.

    Returns:
        The footnotes with each citation's ``work`` (a work id, or None when the evidence
        does not decide) and ``resolution`` set. An Ibid. without a page gets the page of
        the item it repeats as its ``pinpoint``; a chapter whose container was given as a
        short form gets the container's fields in its ``csl``.

    Example:
        >>> lee = Citation("Ann Lee, Roads (1972), 4", ((0, 1),), "full", pinpoint="4",
        ...                csl={"author": [{"family": "Lee"}], "title": "Roads",
        ...                     "issued": {"date-parts": [[1972]]}})
        >>> notes = [Footnote(1, 1, "", (), citations=(lee,)),
        ...          Footnote(2, 1, "", (), citations=(Citation("Ibid.", ((1, 2),), "ibid"),)),
        ...          Footnote(3, 1, "", (), citations=(Citation("Le3, 9", ((2, 3),), "short",
        ...                                                     pinpoint="9"),))]
        >>> for c in (c for f in resolve_citations(notes) for c in f.citations):
        ...     print(c.work, c.pinpoint, c.resolution.method)
        lee1972roads 4 full
        lee1972roads 4 ibid
        lee1972roads 9 short-author
    """
    state = _State(patterns=tuple(patterns), matcher=matcher)
    links: list[list[_Link]] = []
    for position, note in enumerate(footnotes):
        links.append(state.resolve_note(position, note, footnotes))
    ids = state.work_ids()
    out = []
    for note, note_links in zip(footnotes, links, strict=True):
        cites = tuple(
            _apply(cite, link, ids, state)
            for cite, link in zip(note.citations, note_links, strict=True)
        )
        out.append(replace(note, citations=cites))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# State of the walk through a document


@dataclass
class _Entry:
    """A work candidate: a full citation, or the container volume of one."""

    note: int
    index: int
    csl: CSLItem
    container: bool = False  # True: the volume a chapter citation is in
    cluster: int = -1
    lead: tuple[str, ...] = ()  # the first words of the citation as printed
    text: str = ""  # the citation as printed, for short forms its parsed fields miss
    provisional: bool = False  # a work known only from a short form (no full citation)
    pages: str | None = None  # the page range an article or chapter was cited with


@dataclass(frozen=True)
class _Link:
    """The outcome for one citation."""

    entry: int | None
    method: str
    confidence: float
    reason: str
    pinpoint: str | None
    csl: CSLItem | None = None  # replacement fields (containers), else None
    missing: bool = False  # unresolved because nothing earlier matched at all


@dataclass
class _Unit:
    """One cited item of a note for Ibid.: the item, its page, and where it was cited."""

    entry: int | None
    pinpoint: str | None
    note: int
    reason: str = ""


@dataclass
class _State:
    """Everything the walk has seen: entries, clusters, aliases and the last cited items."""

    patterns: tuple[BackReference, ...]
    matcher: Matcher
    entries: list[_Entry] = field(default_factory=list)
    clusters: list[list[int]] = field(default_factory=list)
    heads: WorkIndex = field(default_factory=WorkIndex)  # each cluster's first entry
    # Entries worth scoring a short form against: the first of each set of entries with the
    # same work, fields and lead words (a work cited fully again and again scores the same
    # each time, and scoring every repeat made a long document quadratic).
    scored: list[int] = field(default_factory=list)
    scored_set: set[int] = field(default_factory=set)
    signatures: set[str] = field(default_factory=set)
    aliases: dict[str, int] = field(default_factory=dict)
    containers: dict[int, int] = field(default_factory=dict)  # chapter entry -> volume entry
    notes: dict[int, list[_Unit]] = field(default_factory=dict)  # note number -> its items
    last_units: list[_Unit] = field(default_factory=list)
    last_note: int | None = None
    # The authors the citation just before names, resolved or not, for a following
    # "idem" when that citation found no work ("Eadem, A, cit.; Eadem, B, cit.").
    last_author: list[dict[str, str]] | None = None
    # The archive the last archival citation named, for the ones that name none after it
    # ("Senato, Lettere, reg. 20" and "Ibidem: Collegio, ..., filza 6").
    last_archive: str | None = None
    # Archival series cited so far: (archive key, normalised path parts, entry).
    archival: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)
    # Whether short forms are matched against works known only from short forms (tried
    # after full citations: a full citation of a work always wins).
    use_provisional: bool = False
    position: tuple[int, int] = (0, 0)  # (note number, index) of the citation in hand
    # Clusters of works known only from short forms, for a full citation to complete.
    provisional_clusters: list[int] = field(default_factory=list)
    # Spellings of a work's author in the short forms linked to it (cluster -> names):
    # OCR damages a name differently each time, and a later spelling may be closer to an
    # earlier short form's than to the full citation's ("Saotjto" after "Santjto" for
    # "Sanuto").
    name_variants: dict[int, set[str]] = field(default_factory=dict)
    name_cache: dict[int, tuple[tuple[str, ...], tuple[str, ...] | None]] = field(
        default_factory=dict
    )
    # Every name a scored entry may be matched by (authors, editors, printed author words,
    # lead words, short forms' spellings), to find the few worth scoring for a short
    # form without scoring every work cited before it.
    name_index: NameIndex = field(default_factory=NameIndex)

    # -- the walk ----------------------------------------------------------------------

    def resolve_note(
        self, position: int, note: Footnote, footnotes: Sequence[Footnote]
    ) -> list[_Link]:
        """Resolve the citations of one note, in order, updating the state."""
        units: list[_Unit] = []
        out: list[_Link] = []
        gap = self._skipped_notes(position, footnotes)
        for index, cite in enumerate(note.citations):
            before = units[-1:] if units else self.last_units
            self.position = (note.number, index)
            link = self._resolve(note.number, index, cite, before, gap if not units else "")
            out.append(link)
            self._note_author(cite, link)
            self._note_variant(cite, link)
            if cite.relation is None or not units:
                units.append(_Unit(link.entry, link.pinpoint, note.number))
            elif units[-1].pinpoint is None and link.pinpoint is not None:
                units[-1].pinpoint = link.pinpoint  # "X, trans. in Y, 11-19": X's place
        if units:
            self.notes[note.number] = units
            self.last_units, self.last_note = units, note.number
        return out

    def _note_variant(self, cite: Citation, link: _Link) -> None:
        """Remember the spelling of the name a short form linked its work by."""
        if link.entry is None or link.method not in ("short-author", "short-title"):
            return
        people = cite.csl.get("author")
        if isinstance(people, list) and len(people) == 1:
            family = _family(people[0])
            if family:
                cluster = self.entries[link.entry].cluster
                variants = self.name_variants.setdefault(cluster, set())
                if family not in variants:
                    variants.add(family)
                    for member in self.clusters[cluster]:
                        if member in self.scored_set:  # the index holds scored entries
                            self.name_index.add(family, member)

    def _note_author(self, cite: Citation, link: _Link) -> None:
        """Remember who the citation just resolved names, for an "idem" after it."""
        if link.entry is not None and self.entries[link.entry].csl.get("author"):
            self.last_author = list(self.entries[link.entry].csl["author"])
        elif cite.csl.get("author") and not _is_same_author_form(cite.text, self.patterns):
            self.last_author = list(cite.csl["author"])
        elif cite.kind == "full" and not _is_same_author_form(cite.text, self.patterns):
            self.last_author = None  # a work without a printed author

    def _skipped_notes(self, position: int, footnotes: Sequence[Footnote]) -> str:
        """A reason fragment when the notes just before cite nothing."""
        if position == 0 or self.last_note is None:
            return ""
        previous = footnotes[position - 1]
        if previous.citations:
            return ""
        return f"note {previous.number} cites nothing; looking back to note {self.last_note}"

    def _resolve(
        self, number: int, index: int, cite: Citation, before: list[_Unit], gap: str
    ) -> _Link:
        """Resolve one citation."""
        text = _LEADING_SIGNAL.sub("", cite.text.strip())
        if cite.kind in ("full", "short", "ibid"):
            archival = parse_archival_after_ibid(text) or (
                parse_archival(text) if cite.kind != "ibid" else None
            )
            if archival is not None:
                return self._archival(number, index, cite, archival)
        if cite.kind != "full":
            introduced = self._introduction_to(cite, text)
            if introduced is not None:
                return introduced
            footnote = _NAME_THEN_FOOTNOTE.match(text)
            if footnote:  # "Nesterowicz, Fußnote 20, S. 101": the work cited in note 20
                return self._supra_note(
                    number, cite, int(footnote.group("note")), footnote.group("head")
                )
        for ref in self.patterns:
            m = (
                ref.pattern.match(text)
                if ref.refers_to in ("previous", "author")
                else (ref.pattern.search(text))
            )
            if not m:
                continue
            if ref.refers_to == "previous":
                return self._ibid(cite, before, gap, ref.name)
            if ref.refers_to == "author":
                rest = text[m.end() :]
                if _rest_is_locator(rest):
                    return self._ibid(cite, before, gap, ref.name)
                return self._idem(number, index, cite, rest, before, ref.name)
            if ref.refers_to == "note":
                head = text[: m.start()].strip(" ,;:(")
                return self._supra_note(number, cite, int(m.group("note")), head)
            head = text[: m.start()].strip(" ,;:(")
            if not head:  # "Op. cit., 5" alone: the work just cited
                return self._ibid(cite, before, gap, ref.name)
            head = _without_entry_in(head)
            return self._short(cite, _with_title_after(head, text[m.end() :]), via=ref.name)
        if cite.kind == "full":
            return self._full(number, index, cite)
        if cite.kind == "ibid":  # a form the splitter knows and this table not ("bid.")
            return self._ibid(cite, before, gap, "ibid")
        named = _NAME_THEN_IBID.match(text)
        names = _names_of(named.group("name")) if named else []
        if names:
            # "D. Rodrik, ibid., 6": Ibid. with the author's name, which must be the
            # author of the work it repeats
            link = self._ibid(cite, before, gap, "ibid")
            if link.entry is not None and self._names_score(names, link.entry) < NAME_MATCH:
                return _unresolved(
                    "ibid",
                    cite,
                    f"'{named.group('name')}, ibid.' but the work before is"
                    f" {self._describe(link.entry)}",
                )
            return link
        if _LOCATOR_ONLY.match(text) and all(
            _LOCATOR_PART.match(part.strip()[:1].lower() + part.strip()[1:])
            for part in _comma_parts(text.rstrip(" .;:"))
        ):
            link = self._ibid(cite, before, gap, "a locator alone")
            return replace(
                link,
                confidence=min(link.confidence, CONFIDENCE_LOCATOR_ONLY),
                reason=f"no author or title, so the work cited just before: {link.reason}",
            )
        head, _ = _split_locator(text)
        cut = locator_start(text)  # the splitter's locator rules: "Titlepp. 17", "p. XI sgg"
        if 0 < cut < len(text) and len(text[:cut].strip(" ,.;:")) < len(head):
            head = text[:cut]
        return self._short(cite, head.strip(" ,.;:") or text, via=None)

    # -- forms ---------------------------------------------------------------------------

    def _introduction_to(self, cite: Citation, text: str) -> _Link | None:
        """'Name, Introduzione a Title, ed. cit., p. 10', 'Ibid., in the introduction to
        Title, p. XXI': an introduction is part of the volume it introduces, so the work
        is that volume when a title earlier cited opens the words after; None otherwise
        (the citation is then resolved as usual)."""
        m = _INTRODUCTION_TO.search(text)
        if m is None:
            return None
        title, _ = _split_locator(text[m.end() :])
        cited = _OP_CIT_TAIL.search(title)
        if cited:
            title = title[: cited.start()]
        title = _ELLIPSIS.sub("", title).strip(" ,.;:")
        if not _TITLE_WORD.search(title):
            return None
        link = self._short_by_title(cite, title, via=None)
        if link.entry is None:
            return None
        return replace(link, reason=f"an introduction to the volume: {link.reason}")

    def _ibid(self, cite: Citation, before: list[_Unit], gap: str, form: str) -> _Link:
        """Ibid. and its kin: the item cited just before."""
        word = f"'{form}'"
        if not before:
            return _unresolved("ibid", cite, f"{word} with no earlier citation in the document")
        distinct = _distinct_units(before, self.entries)
        lead = f"{gap}; " if gap else ""
        confidence = CONFIDENCE_IBID_LOOKBACK if gap else CONFIDENCE_IBID
        if len(distinct) > 1:
            unit = self._by_page_range(cite.pinpoint, distinct)
            if unit is None:
                where = ", ".join(self._describe(u.entry) for u in distinct)
                return _unresolved(
                    "ibid",
                    cite,
                    f"{lead}{word} follows a note citing {len(distinct)} works ({where}); "
                    f"no page range decides",
                )
            confidence = min(confidence, CONFIDENCE_BY_PAGE_RANGE)
            lead += f"page {cite.pinpoint} lies in {unit.pinpoint} of note {unit.note}; "
        else:
            unit = distinct[0]
        if unit.entry is None:
            return _unresolved("ibid", cite, f"{lead}{word} repeats an unresolved citation")
        pinpoint, inherited = cite.pinpoint, ""
        if pinpoint is None and unit.pinpoint is not None:
            pinpoint, inherited = unit.pinpoint, f"; page {unit.pinpoint} inherited"
        reason = f"{lead}{word} repeats {self._describe(unit.entry)}{inherited}"
        return _Link(unit.entry, "ibid", confidence, reason, pinpoint)

    def _idem(
        self, number: int, index: int, cite: Citation, rest: str, before: list[_Unit], form: str
    ) -> _Link:
        """idem / ders. with a title: the author just cited, a work named by the rest."""
        author = None
        for unit in reversed(before):
            if unit.entry is not None and self.entries[unit.entry].csl.get("author"):
                author = self.entries[unit.entry].csl["author"]
                break
        if author is None:  # the citation before found no work, but it named its author
            author = self.last_author
        if cite.kind == "full":
            csl = dict(cite.csl)
            if author is not None:
                csl["author"] = author
            link = self._full(number, index, replace(cite, csl=csl))
            why = f"author from '{form}': the author cited just before"
            if author is None:
                why = f"'{form}' but no author cited just before"
            return replace(link, reason=f"{link.reason}; {why}", csl=csl)
        title, _ = _split_locator(rest.strip(" ,.;:"))
        cited = _OP_CIT_TAIL.search(title)
        if cited:  # "Eadem, Title, cit., 4": the words before "cit." are the title
            title = title[: cited.start()].strip(" ,.;:")
        if author is None:
            if title and _TITLE_WORD.search(title):
                # the title alone may still name a work cited before ("Id., Les
                # archives, cit." after a citation whose author the parser missed)
                link = self._short_by_title(cite, title, via=form)
                if link.entry is not None:
                    return replace(link, reason=f"{link.reason}; no author cited just before")
            return _unresolved("short-author", cite, f"'{form}' but no author cited just before")
        families = [_family(a) for a in author]

        def attempt() -> _Link:
            link = self._short_by_names(cite, families, title, via=form)
            if link.entry is None and link.missing and len(families) > 1:
                # the citation before may name an editor among its authors ("Sarpi,
                # Gambarin, Scritti"): the same author is its first
                first = self._short_by_names(cite, families[:1], title, via=form)
                if first.entry is not None:
                    return first
            if link.entry is None and link.missing and title:
                # a work cited before with no author printed ("Office Seeking, cit."
                # before "Eadem, Office Seeking, cit."): its title alone
                return self._without_author(cite, title, form) or link
            return link

        return self._match_or_start(
            cite, attempt, {"author": list(author), "title": title} if title else None
        )

    def _archival(self, number: int, index: int, cite: Citation, ref: ArchivalReference) -> _Link:
        """An archival citation: the series it cites, one work per archive and path."""
        archive = ref.archive or self.last_archive
        inherited = ref.archive is None and archive is not None
        if ref.archive:
            self.last_archive = ref.archive
        key = _archive_key(archive or "")
        path = tuple(normalise(p) for p in ref.path)
        for a_key, a_path, entry in self.archival:
            if (a_key == key or not a_key or not key) and _paths_match(path, a_path):
                where = self.entries[entry].note
                return _Link(
                    entry,
                    "full",
                    CONFIDENCE_FULL,
                    f"archival: the same series as note {where}"
                    + (f" (archive {archive} from before)" if inherited else ""),
                    cite.pinpoint,
                )
        csl = archival_csl(ArchivalReference(archive, ref.path, ref.locator, ref.rest))
        entry = self._add_entry(_Entry(number, index, csl, text=cite.text), cluster_by_fields=False)
        self.archival.append((key, path, entry))
        reason = "archival: a series cited for the first time"
        if inherited:
            reason += f" (archive {archive} from the citation before)"
        return _Link(entry, "full", CONFIDENCE_FULL, reason, cite.pinpoint, csl)

    def _supra_note(self, number: int, cite: Citation, target: int, head: str) -> _Link:
        """supra note N: an item of note N, picked by the author before the words if needed.

        When note N cannot be the one meant (not an earlier note, or citing nothing by the
        author named) the author is looked for among all earlier works, as for "Name, op.
        cit.": OCR damages note numbers, and footnote numbering found in OCR text can be
        off. The reason says so, and the confidence is lower.
        """
        # "POSNER [THE ECONOMICS OF JUSTICE], supra note 2", "Posner, Economics, supra note
        # 2": a short title tells apart two works of the author in that note
        name_part, title_part = head, ""
        bracketed = _BRACKETED_SHORT_TITLE.match(head)
        if bracketed:
            name_part, title_part = bracketed.group("name"), bracketed.group("title")
        else:
            before, comma, after = _split_head(head)
            if comma == "," and after and _names_of(before):
                name_part, title_part = before, after
        names = _names_of(name_part) if name_part else []

        def elsewhere(why: str) -> _Link:
            if names:
                link = self._short(cite, head, via="supra", start=False)
                # by its author, not by a name found in some title (too weak here)
                if link.entry is not None and link.confidence != CONFIDENCE_NAMED_IN:
                    return replace(
                        link,
                        method="supra",
                        confidence=min(link.confidence, CONFIDENCE_SUPRA_ELSEWHERE),
                        reason=f"{why}; {link.reason}",
                    )
            return _unresolved("supra", cite, why)

        if target >= number:
            return elsewhere(f"note {target} is not an earlier note")
        units = self.notes.get(target)
        if not units:
            return elsewhere(f"note {target} cites nothing citex found")
        distinct = _distinct_units(units, self.entries)
        if all(u.entry is None for u in distinct):
            return elsewhere(f"note {target} cites nothing citex resolved")
        if names:
            scored = [(self._names_score(names, u.entry), u) for u in distinct]
            picked = [u for s, u in scored if s >= NAME_MATCH]
            if not picked:
                why = f"note {target} cites nothing by {' and '.join(names)}"
                link = elsewhere(why)
                if link.entry is not None or len(distinct) != 1 or distinct[0].entry is None:
                    return link
                # the note's one item all the same: its author may be what the parser
                # missed, unless it has an author the printed text confirms ("Starrett
                # Housing, supra note 17" is not Sedigh's article in note 17)
                entry = distinct[0].entry
                families, misread = self._entry_names(entry)
                if families and misread is None and not self.entries[entry].container:
                    return _unresolved(
                        "supra",
                        cite,
                        f"{why}; its one item is by {', '.join(families)}",
                    )
                return _Link(
                    entry,
                    "supra",
                    CONFIDENCE_SUPRA_ELSEWHERE,
                    f"refers to note {target}: {self._describe(entry)}, though its parsed"
                    f" author is not {' and '.join(names)}",
                    cite.pinpoint,
                )
            distinct = picked
        if len(distinct) > 1 and title_part:
            titled = [
                u for u in distinct if u.entry is not None and self._title_fits(title_part, u.entry)
            ]
            if len(titled) == 1:
                distinct = titled
        if len(distinct) != 1 or distinct[0].entry is None:
            return _unresolved(
                "supra",
                cite,
                f"note {target} cites {len(units)} items and '{head}' does not pick one",
            )
        entry = distinct[0].entry
        return _Link(
            entry,
            "supra",
            CONFIDENCE_SUPRA_NOTE,
            f"refers to note {target}: {self._describe(entry)}",
            cite.pinpoint,
        )

    def _full(self, number: int, index: int, cite: Citation) -> _Link:
        """A full citation: a new entry, joined to an earlier work when it is the same."""
        csl, method, reason, score = dict(cite.csl), "full", "", 1.0
        entry_of = _REFERENCE_ENTRY.match(cite.text)
        if entry_of:
            # "Neri Anna, sub voce in Enciclopedia dei mulini, II, Roma 1971, p. 499": an
            # entry of a reference work, which is the work cited (its entries are cited
            # in notes, the work in a bibliography); the headword stays in the reason.
            csl = _reference_work_csl(csl, entry_of)
            reason = f"; the entry '{entry_of.group('head').strip()}' of a reference work"
        container = _CONTAINER_SHORT.search(cite.text)
        if container:
            found = self._container(container.group("short"))
            if isinstance(found, str):
                reason = f"; container '{container.group('short')}' not resolved: {found}"
            else:
                volume, score = found
                csl = _with_container(csl, self.entries[volume].csl)
                method = "container"
                reason = f"; container '{container.group('short')}' is {self._describe(volume)}"
        # An article's or chapter's page range printed where a page would stand ("Nuova
        # Antologia 458 (1953): 455-68") is most likely its pages.
        part = bool(csl.get("container-title")) or csl.get("type") in _PARTS
        pages = cite.pinpoint if part and _parse_range(cite.pinpoint or "") else None
        entry = self._add_entry(
            _Entry(number, index, csl, lead=_lead_words(cite.text), text=cite.text, pages=pages)
        )
        alias = _alias_of(cite)
        if alias:
            self.aliases[_alias_key(alias)] = entry
            reason += f"; defines the alias '{alias}'"
        same = self.clusters[self.entries[entry].cluster]
        if same[0] != entry:
            first = self.entries[same[0]]
            reason = f"the same work as note {first.note}{reason}"
        else:
            reason = f"full citation{reason}"
        known = self._claim_provisional(entry)
        if known is not None:
            reason += f"; the work known before only from short forms (note {known})"
        confidence = CONFIDENCE_FULL if method == "full" else SHORT_FORM_WEIGHT * score
        return _Link(
            entry,
            method,
            confidence,
            reason,
            cite.pinpoint,
            csl if method != "full" or entry_of else None,
        )

    def _claim_provisional(self, entry: int) -> int | None:
        """Join to a full citation the one work known before only from its short forms
        that it completes (authors and short title match), so that the work is listed
        once; the note of that work's first short form, or None."""
        e = self.entries[entry]
        title = str(e.csl.get("title") or "")
        families = [_family(a) for a in e.csl.get("author") or []]
        if not title or not families:
            return None
        fits = []
        for cluster in self.provisional_clusters:
            members = self.clusters[cluster]
            head = self.entries[members[0]]
            if cluster == e.cluster:
                continue
            names = [_family(a) for a in head.csl.get("author") or []]
            short = str(head.csl.get("title") or "")
            years = {issued_year(head.csl), issued_year(e.csl)} - {None}
            if (
                names
                and short
                and len(years) <= 1  # a year the short forms print must be the work's
                and _list_score(names, families, self.matcher) >= NAME_MATCH
                and self.matcher.short_title(short, title) >= SHORT_TITLE_MATCH
            ):
                fits.append(cluster)
        if len(fits) != 1:
            return None  # none, or several: nothing decides
        old = fits[0]
        self.provisional_clusters.remove(old)
        note = self.entries[self.clusters[old][0]].note
        for i in self.clusters[old]:
            self.entries[i].cluster = e.cluster
            self.entries[i].provisional = False
        self.clusters[e.cluster].extend(self.clusters[old])
        self.clusters[old] = []  # an empty cluster: its id is never used
        return note

    def _short(self, cite: Citation, head: str, *, via: str | None, start: bool = True) -> _Link:
        """A short form (or op. cit.): an alias, author (+ title), or a title alone.

        ``start`` false: match only, never start a work of its own (a supra note whose
        note does not hold the work looks for it like this)."""
        head = head.strip(" ,.;:")
        alias = self.aliases.get(_alias_key(head)) or self.aliases.get(
            _alias_key(str(cite.csl.get("title-short") or ""))
        )
        if alias is not None:
            return _Link(
                alias,
                "hereinafter",
                CONFIDENCE_ALIAS,
                f"alias '{head}' defined in note {self.entries[alias].note}",
                cite.pinpoint,
                self._container_csl(alias),
            )
        head = _without_trailing_locators(_CROSS_REFERENCE.sub("", head).strip())
        head = _DOT_LOCATOR.sub("", head)  # "Name. doc. 54": the comma read as a period
        head = _LONE_INITIAL.sub("", head)  # "S, Name, Title": the initial's period read as a comma
        shortened = _ELLIPSIS.search(head)
        if shortened and _LOCATOR_AFTER_ELLIPSIS.match(head, shortened.end()):
            head = head[: shortened.start()]  # "Title...pp. 20 sgg": the title ends there
        elif shortened and _YEARS_AFTER_ELLIPSIS.fullmatch(head, shortened.end()):
            head = head[: shortened.start()]  # "Annuario .... 1954-1955": a volume's years
        head = _ELLIPSIS.sub("", head).strip(" ,.;:")
        name_part, comma, title_part = _split_head(head)
        names = _names_of(name_part) if comma or not shortened else []
        # "Name, Chapter, in Volume, cit.": the chapter's title names the work.
        volume = _CHAPTER_IN.search(head)
        title_part = _CHAPTER_IN.sub("", title_part).strip(" ,.;:")
        if _IN_OPENING.match(title_part):  # "Name, in Volume": no title of its own
            title_part = ""
        title_only = _CHAPTER_IN.sub("", head).strip(" ,.;:")

        def attempt() -> _Link:
            if names and comma and not title_part and volume:
                # "Name, in Volume, cit.": the author's contribution to a volume cited
                # before (an introduction, a catalogue entry): the volume is the work.
                link = self._short_by_title(cite, _in_volume(volume), via=via)
                if link.entry is not None:
                    role = (
                        f"the entry '{name_part}' of it"
                        if _SUB_VOCE.search(head)
                        else f"{name_part} wrote in it"
                    )
                    return replace(link, reason=f"{link.reason}; {role}")
                return link
            more = _names_of(title_part) if names and " " not in title_part.strip() else []
            if more and self._any_author(names + more):
                # "Lee, Orme, op. cit.": two authors, their names split by a comma
                return self._short_by_names(cite, names + more, "", via=via)
            if names and self._any_author(names):
                link = self._short_by_names(cite, names, title_part, via=via)
                if link.entry is None and link.missing and title_part:
                    return self._without_author(cite, title_part, via) or link
                return link
            if names and title_part and self._any_author(names, NAME_WITH_TITLE):
                # An OCR-damaged name ("Zalin" for "Zaun") with a title that matches too.
                link = self._short_by_names(
                    cite, names, title_part, via=via, name_match=NAME_WITH_TITLE
                )
                if link.entry is not None:
                    return link
            if names and title_part:
                # "Ansaldo Neri, Lettere, cit." after "Lettere di Ansaldo Neri a Sara Rossi":
                # the name stands in the work's printed text, not as its parsed author.
                link = self._short_by_title(cite, title_part, via=via)
                if link.entry is not None and self._named_in(names, link.entry):
                    return replace(
                        link,
                        reason=f"{link.reason}; {' and '.join(names)} is named in it",
                    )
            link = self._short_by_title(cite, title_only, via=via)
            if link.entry is None and link.missing and comma == "." and title_part:
                # "Neri. La pittura, cit." with no earlier work by Neri: the short title
                # alone (the name may be a title's first sentence after all)
                link = self._short_by_title(cite, title_part, via=via)
            if link.entry is None and link.missing and names and not title_part:
                named = self._named_work(cite, names, via=via)
                if named is not None:
                    return named
                cut = self._by_abbreviated_name(cite, names, via=via)
                if cut is not None:
                    return cut
            return link

        fields = _start_fields(names, comma, title_part, head, shortened=bool(shortened))
        if names and comma and not title_part and volume:  # the volume starts the work
            return self._match_or_start(
                cite, attempt, {"title": _in_volume(volume)} if start else None
            )
        if volume and fields is not None:
            fields["title"] = title_part if names and comma else title_only
            return self._match_or_start(
                cite, attempt, fields if start else None, in_volume=_in_volume(volume)
            )
        return self._match_or_start(cite, attempt, fields if start else None)

    def _match_or_start(
        self,
        cite: Citation,
        attempt: Callable[[], _Link],
        fields: CSLItem | None,
        *,
        in_volume: str | None = None,
    ) -> _Link:
        """Match a short form among full citations, then among works known only from
        short forms; when nothing matches, let it start such a work (with a title).

        A work whose full citation is in no note (cited in an earlier article, or lost by
        OCR) is still one work: its short forms link to the first of them, at a lower
        confidence, and the reason says so. A short form that fits several works, or only
        names an author, starts nothing. A chapter named with the volume it is in
        ("Name, Chapter, in Volume, cit.") whose volume was cited starts a chapter in it.
        """
        link = attempt()
        if link.entry is not None or not link.missing:
            return link
        self.use_provisional = True
        try:
            second = attempt()
        finally:
            self.use_provisional = False
        if second.entry is not None:
            return replace(
                second,
                confidence=second.confidence * SHORT_FORM_WEIGHT,
                reason=f"{second.reason}; that work has no full citation in the document",
            )
        if fields is None or not _TITLE_WORD.search(str(fields.get("title", ""))):
            return link
        if in_volume:
            chapter = self._chapter_in(cite, fields, in_volume, link)
            if chapter is not None:
                return chapter
        volume = _volume_of(str(fields["title"]))
        fields = {k: v for k, v in fields.items() if v}
        fields["title"] = _VOLUME.sub("", str(fields["title"])).strip(" ,")
        if volume:
            fields["volume"] = volume
        years = _printed_years(cite.text)
        if len(years) == 1 and "issued" not in fields:
            # "Committee, observations on X, 22 May 2009, cit.": the year tells this
            # document from another of the same title
            fields["issued"] = {"date-parts": [[int(next(iter(years)))]]}
        number, index = self.position
        entry = self._add_entry(
            _Entry(
                number, index, fields, lead=_lead_words(cite.text), text=cite.text, provisional=True
            )
        )
        if self.clusters[self.entries[entry].cluster] == [entry]:
            self.provisional_clusters.append(self.entries[entry].cluster)
        return _Link(
            entry,
            link.method,
            CONFIDENCE_SHORT_FORM_START,
            f"{link.reason}; it starts a work of its own, known only from its short forms",
            cite.pinpoint,
        )

    def _chapter_in(
        self, cite: Citation, fields: CSLItem, in_volume: str, link: _Link
    ) -> _Link | None:
        """A chapter not cited before, in a volume that was: a new work in that volume."""
        volume = self._short_by_title(cite, in_volume, via=None)
        if volume.entry is None:
            return None
        csl = _with_container(dict(fields), self.entries[volume.entry].csl)
        number, index = self.position
        entry = self._add_entry(
            _Entry(number, index, csl, lead=_lead_words(cite.text), text=cite.text)
        )
        return _Link(
            entry,
            "container",
            volume.confidence,
            f"{link.reason}; a chapter of its own in '{in_volume}', {self._describe(volume.entry)}",
            cite.pinpoint,
            csl,
        )

    def _short_by_names(
        self,
        cite: Citation,
        names: list[str],
        title: str,
        *,
        via: str | None,
        name_match: float = NAME_MATCH,
    ) -> _Link:
        """A short form naming authors, maybe with a short title."""
        form = f"'{via}' after " if via else ""
        who = " and ".join(names)
        scored = [
            (s, e)
            for e, s in self._score_entries(
                lambda e: self._names_score(names, e), self._name_candidates(names)
            )
            if s >= name_match and not self._year_conflicts(cite, e)
        ]
        if not scored:
            return _unresolved(
                "short-author", cite, f"{form}no earlier work by {who}", missing=True
            )
        best = max(s for s, _ in scored)
        scored = [(s, e) for s, e in scored if not _leads(best, s, NAME_MARGIN)]
        volume = _volume_of(title)
        title = _VOLUME.sub("", title).strip(" ,")
        if title:
            titled = [
                (self._title_score_by_author(title, e), s, e)
                for s, e in scored
                if _volume_fits(volume, e, self)
            ]
            titled = [t for t in titled if t[0] >= SHORT_TITLE_MATCH]
            if not titled:
                printed = self._short_by_printed(cite, names, title, volume, form=form)
                if printed is not None:
                    return printed
                return _unresolved(
                    "short-title",
                    cite,
                    f"{form}no earlier work by {who} has a title like '{title}'",
                    missing=True,
                )
            titled.sort(key=lambda t: (-t[0], -t[1]))
            tied = [e for t, _, e in titled if not _leads(titled[0][0], t, TITLE_MARGIN)]
            same = self._one_item(tied, cite, title)
            if same is None:
                where = ", ".join(self._describe(e) for _, _, e in titled)
                return _unresolved("short-title", cite, f"'{title}' fits several works: {where}")
            t_score, n_score, entry = next(t for t in titled if t[2] == same)
            link = _Link(
                entry,
                "short-title",
                SHORT_FORM_WEIGHT * min(t_score, n_score),
                f"{form}author {who} and title '{title}' match {self._describe(entry)}",
                cite.pinpoint,
                self._container_csl(entry),
            )
            if t_score < 1.0:
                # The parsed title matched only in part ("Del Gran Priorato" inside
                # "Dell'Archivio del Gran Priorato"): a work whose printed text opens with
                # the short title after the author's name is likelier, when one does
                # and scores higher (the parser lost the opening of its title).
                printed = self._short_by_printed(cite, names, title, volume, form=form)
                if (
                    printed is not None
                    and printed.entry is not None
                    and self.entries[printed.entry].cluster != self.entries[entry].cluster
                    and printed.confidence > link.confidence
                ):
                    return printed
            return link
        if len(scored) > 1:
            in_range = [(s, e) for s, e in scored if _in_range(cite.pinpoint, self._pages(e))]
            if len(in_range) == 1:
                s, entry = in_range[0]
                return _Link(
                    entry,
                    "short-author",
                    min(CONFIDENCE_BY_PAGE_RANGE, SHORT_FORM_WEIGHT * s),
                    f"{form}{who} fits {len(scored)} works; page {cite.pinpoint} lies in "
                    f"{self._describe(entry)}",
                    cite.pinpoint,
                )
            # An article or chapter whose pages the page cited lies outside cannot be the
            # work meant; when that leaves one work, the page range decides.
            possible = [
                (s, e) for s, e in scored if not _outside_range(cite.pinpoint, self._pages(e))
            ]
            if len(possible) == 1 and not in_range:
                s, entry = possible[0]
                ruled_out = ", ".join(self._describe(e) for _, e in scored if (s, e) != possible[0])
                return _Link(
                    entry,
                    "short-author",
                    min(CONFIDENCE_BY_PAGE_RANGE, SHORT_FORM_WEIGHT * s),
                    f"{form}{who} fits {len(scored)} works; page {cite.pinpoint} lies outside"
                    f" the pages of {ruled_out}, so {self._describe(entry)}",
                    cite.pinpoint,
                )
            where = ", ".join(self._describe(e) for _, e in scored)
            return _unresolved(
                "short-author",
                cite,
                f"{form}{who} fits {len(scored)} works ({where}); no title or page range decides",
            )
        score, entry = scored[0]
        return _Link(
            entry,
            "short-author",
            SHORT_FORM_WEIGHT * score,
            f"{form}{who} matches {self._describe(entry)}"
            + ("" if score == 1.0 else f" (name similarity {score:.2f})"),
            cite.pinpoint,
            self._container_csl(entry),
        )

    def _short_by_title(self, cite: Citation, head: str, *, via: str | None) -> _Link:
        """A short form that is a title alone (or a container's title)."""
        form = f"'{via}' after " if via else ""
        volume = _volume_of(head)
        # Of a reference work whose entries were cited as chapters, the volume may stand
        # among the locators cut off the head ("Dizionario, vol. 45, p. 3"): it tells the
        # volumes apart. (A work's own volumes are one work: "Atti, vol. 3" after "Atti,
        # ..., vol. 1".)
        volume_cited = volume or _volume_of(cite.text)
        title = _VOLUME.sub("", head).strip(" ,")
        if not title:
            return _unresolved("short-title", cite, f"{form}nothing to match")
        scored: list[tuple[float, int]] = []
        acronym = _ACRONYM.fullmatch(title)
        for entry in self._cluster_heads():
            e = self.entries[entry]
            if not _volume_fits(volume, entry, self) or self._year_conflicts(cite, entry):
                continue
            score = self._title_score(title, entry)
            if acronym and _initials(str(e.csl.get("title") or "")) == acronym.group("letters"):
                score = 1.0  # "«CVI»" for the "«Corriere Veneto Illustrato»" cited before
            if score >= SHORT_TITLE_MATCH:
                scored.append((score, entry))
        # Volumes that chapters were cited in: a short title may name the volume.
        for entry in list(range(len(self.entries))):
            e = self.entries[entry]
            if e.container or e.provisional or self.use_provisional:
                continue
            if (
                volume_cited
                and e.csl.get("volume")
                and not _same_volume(volume_cited, str(e.csl["volume"]))
            ):
                continue
            if (
                e.csl.get("container-title")
                and e.csl.get("type") not in _PERIODICAL
                and _is_book_part(e.csl)
            ):
                score = self.matcher.short_title(title, str(e.csl["container-title"]))
                if score >= SHORT_TITLE_MATCH:
                    scored.append((score, self._volume_entry(entry)))
                    continue
            # The volume as printed after ", in" when the parsed fields lost it.
            printed = _PRINTED_VOLUME.search(e.text)
            if printed and not printed.group("volume").startswith(("«", '"', "“")):
                score = self.matcher.short_title(title, printed.group("volume"))
                if score >= SHORT_TITLE_MATCH:
                    scored.append((score, self._volume_entry(entry, printed.group("volume"))))
        if not scored:
            name_part, comma, title_part = _split_head(title)
            names = _names_of(name_part) if comma else []
            printed = self._short_by_printed(
                cite, names, title_part if names else title, volume, form=form
            )
            if printed is not None:
                return printed
            first, *rest = _comma_parts(title)
            first = first.strip()
            if (
                not names
                and rest
                and _EDITOR_AFTER.match(",".join(rest))
                and len(title_key(first)) >= MIN_FIRST_PART
            ):
                # "Il manuale, A. Rossi ed., p. 137": what follows the short title's
                # comma was no part of it
                link = self._short_by_title(cite, first, via=via)
                if link.entry is not None:
                    return link
            return _unresolved(
                "short-title",
                cite,
                f"{form}no earlier work has a title like '{title}'",
                missing=True,
            )
        by_cluster: dict[int, tuple[float, int]] = {}
        for s, entry in scored:
            c = self.entries[entry].cluster
            if c not in by_cluster or s > by_cluster[c][0]:
                by_cluster[c] = (s, entry)
        ranked = sorted(by_cluster.values(), key=lambda t: -t[0])
        same = self._one_item(
            [e for t, e in ranked if not _leads(ranked[0][0], t, TITLE_MARGIN)], cite, title
        )
        if same is None:
            dated = self._by_printed_title_and_year(cite, title)
            if dated is not None:
                return _Link(
                    dated,
                    "short-title",
                    CONFIDENCE_PRINTED_YEAR,
                    f"{form}title '{title}' fits several works; of them {self._describe(dated)}"
                    " opens with it and prints its year as printed",
                    cite.pinpoint,
                    self._container_csl(dated),
                )
            where = ", ".join(self._describe(e) for _, e in ranked)
            return _unresolved("short-title", cite, f"'{title}' fits several works: {where}")
        score, entry = next(t for t in ranked if t[1] == same)
        return _Link(
            entry,
            "short-title",
            SHORT_FORM_WEIGHT * score,
            f"{form}title '{title}' matches {self._describe(entry)}",
            cite.pinpoint,
            self._container_csl(entry),
        )

    def _short_by_printed(
        self, cite: Citation, names: list[str], title: str, volume: str | None, *, form: str
    ) -> _Link | None:
        """A short form matched against earlier full citations as printed, or None.

        None when nothing matches; an unresolved link when several works fit.

        The field parser may miss the author or title of a full citation in a style it
        knows less well; a full citation still prints its author first and its title right
        after, so the short form's names must stand in that author part and its short title
        must open what follows (a title alone may also open the citation itself).
        """
        title = _VOLUME.sub("", title).strip(" ,.;:")
        if not title:
            return None
        by_cluster: dict[int, tuple[float, int]] = {}
        for entry in self._candidates():
            e = self.entries[entry]
            if e.container or not _volume_fits(volume, entry, self):
                continue
            author, rest = _printed_author(e.text)
            if names:
                words = _LEAD_WORD.findall(author)
                name_score = min(
                    max((self.matcher.name(n, w) for w in _word_runs(words, n)), default=0.0)
                    for n in names
                )
                variants = self.name_variants.get(e.cluster, ())
                if len(names) == 1 and variants:  # spellings its short forms gave
                    seen = max(self.matcher.name(names[0], v) for v in variants)
                    name_score = max(name_score, seen - LEAD_WORD_DISCOUNT)
                if name_score < NAME_MATCH:
                    continue
                openings = [rest]
            else:
                name_score, openings = 1.0, [rest, e.text]
            title_score = max(
                (self._opening_score(title, o) for o in openings if o),
                default=0.0,
            )
            score = min(name_score, title_score) - LEAD_WORD_DISCOUNT
            if title_score >= SHORT_TITLE_MATCH and (
                e.cluster not in by_cluster or score > by_cluster[e.cluster][0]
            ):
                by_cluster[e.cluster] = (score, entry)
        if not by_cluster:
            return None
        ranked = sorted(by_cluster.values(), key=lambda t: -t[0])
        same = self._one_item(
            [e for t, e in ranked if not _leads(ranked[0][0], t, TITLE_MARGIN)], cite, title
        )
        if same is None:
            where = ", ".join(self._describe(e) for _, e in ranked)
            return _unresolved(
                "short-title", cite, f"{form}'{title}' as printed fits several works: {where}"
            )
        score, entry = next(t for t in ranked if t[1] == same)
        who = f"author {' and '.join(names)} and " if names else ""
        return _Link(
            entry,
            "short-title",
            SHORT_FORM_WEIGHT * score,
            f"{form}{who}title '{title}' match {self._describe(entry)} as printed"
            " (its parsed fields do not)",
            cite.pinpoint,
        )

    # -- containers ----------------------------------------------------------------------

    def _container(self, short: str) -> tuple[int, float] | str:
        """The volume a container short form names (by its editor), or why not."""
        names = _names_of(short)
        if not names:
            return "not a name"
        found: dict[str, tuple[float, int]] = {}
        for entry, e in enumerate(self.entries):
            if e.container:
                continue
            editors = e.csl.get("editor") or []
            if e.csl.get("container-title") and editors:
                score = _list_score(names, [_family(n) for n in editors], self.matcher)
                key = title_key_of(str(e.csl["container-title"]))
                if score >= NAME_MATCH and (key not in found or score > found[key][0]):
                    found[key] = (score, entry)
        if not found:
            return "no earlier volume edited by that name"
        ranked = sorted(found.values(), key=lambda t: -t[0])
        if len(ranked) > 1 and not _leads(ranked[0][0], ranked[1][0], NAME_MARGIN):
            return f"{len(ranked)} earlier volumes fit"
        score, chapter = ranked[0]
        return self._volume_entry(chapter), score

    def _volume_entry(self, chapter: int, printed: str | None = None) -> int:
        """The entry of the volume a chapter entry was cited in, made on first use
        (``printed``: the volume's title as printed, when the parsed fields lost it)."""
        if chapter in self.containers:
            return self.containers[chapter]
        e = self.entries[chapter]
        csl = _volume_csl(e.csl)
        if printed:  # the parsed fields lost the title; the volume number and date stay
            csl = {"type": "book", "title": printed.strip(" .")} | {
                f: e.csl[f] for f in ("volume", "issued") if e.csl.get(f)
            }
        volume = self._add_entry(_Entry(e.note, e.index, csl, container=True))
        self.containers[chapter] = volume
        return volume

    def _container_csl(self, entry: int) -> CSLItem | None:
        """For a link to a volume known only as a container, that volume's fields."""
        e = self.entries[entry]
        return dict(e.csl) if e.container else None

    # -- entries and clusters ------------------------------------------------------------

    def _add_entry(self, entry: _Entry, *, cluster_by_fields: bool = True) -> int:
        """Add an entry and put it in the cluster of the first earlier entry of its work
        (``cluster_by_fields`` False: a cluster of its own, for archival series, which
        are grouped by archive and path instead)."""
        index = len(self.entries)
        self.entries.append(entry)
        for cluster in self.heads.candidates(entry.csl) if cluster_by_fields else ():
            members = self.clusters[cluster]
            if members and same_work(self.entries[members[0]].csl, entry.csl):
                members.append(index)
                entry.cluster = cluster
                self._note_signature(index)
                return index
        entry.cluster = len(self.clusters)
        self.clusters.append([index])
        self.heads.add(entry.csl, entry.cluster)
        self._note_signature(index)
        return index

    def _note_signature(self, index: int) -> None:
        """Add the entry to ``scored`` unless an entry scoring the same came before it."""
        e = self.entries[index]
        fields = json.dumps(e.csl, sort_keys=True, ensure_ascii=False, default=str)
        signature = json.dumps([e.cluster, e.container, list(e.lead), fields])
        if signature not in self.signatures:
            self.signatures.add(signature)
            self.scored.append(index)
            self.scored_set.add(index)
            self._index_names(index)

    def _index_names(self, index: int) -> None:
        """Put every name the entry may be matched by in the name index."""
        e = self.entries[index]
        families, _ = self._entry_names(index)
        words = _printed_author_words(e.text)
        joined = [" ".join(words[:k]) for k in range(1, len(words) + 1)]
        joined += [" ".join(words[-k:]) for k in range(1, len(words) + 1)]
        for name in (*families, *e.lead, *joined, *self.name_variants.get(e.cluster, ())):
            self.name_index.add(name, index)

    def _name_candidates(self, names: list[str]) -> list[int]:
        """The entries of the current tier a short form's names may match (all of them
        with a matcher other than the default: the index knows only its similarity)."""
        if self.matcher.name is not name_similarity or not names:
            return self._candidates()
        first = names[0]
        found = self.name_index.candidates(first, NAME_FLOOR)
        if len(first.split()) > 1:  # _one_name also tries the name's last word
            found |= self.name_index.candidates(first.split()[-1], NAME_FLOOR)
        # only scored entries are indexed; in document order, as _candidates gives them
        return sorted(i for i in found if self.entries[i].provisional == self.use_provisional)

    def _cluster_heads(self) -> list[int]:
        """The entries of full citations, one list for scoring (all, in order); works known
        only from short forms when ``use_provisional`` is set."""
        return [
            i
            for i, e in enumerate(self.entries)
            if not e.container and e.provisional == self.use_provisional
        ]

    def _candidates(self) -> list[int]:
        """The entries to score short forms against in the current tier."""
        return [i for i in self.scored if self.entries[i].provisional == self.use_provisional]

    def _score_entries(
        self, score: Callable[[int], float], among: list[int]
    ) -> list[tuple[int, float]]:
        """Score the entries ``among`` (best entry of each cluster), in document order."""
        best: dict[int, tuple[int, float]] = {}
        for i in among:  # a repeat scores as its first, never replacing it
            e = self.entries[i]
            s = score(i)
            if e.cluster not in best or s > best[e.cluster][1]:
                best[e.cluster] = (i, s)
        return sorted(best.values())

    def _pages(self, entry: int) -> str | None:
        """An entry's page range: its parsed "page" field, else the range its full citation
        printed where a page stands (an article's or a chapter's)."""
        e = self.entries[entry]
        return e.csl.get("page") or e.pages

    def _by_abbreviated_name(
        self, cite: Citation, names: list[str], *, via: str | None
    ) -> _Link | None:
        """'Guar., doc. 52': a lone name printed cut short with a period, standing for the
        one earlier author whose family name opens with it; None when there is no such
        author, unresolved when several are."""
        if len(names) != 1:
            return None
        short = normalise(names[0]).replace(" ", "")
        printed = re.match(re.escape(names[0]) + r"\.", _LEADING_SIGNAL.sub("", cite.text.strip()))
        if printed is None or len(names[0]) < MIN_ABBREVIATED_NAME:
            return None
        found: dict[int, int] = {}
        for entry in self._cluster_heads():
            families, _ = self._entry_names(entry)
            for family in families:
                # the family's own opening letters, normalised alone: normalising the whole
                # name may fold letters across the cut ("rn" read as "m")
                opening = normalise(family[: len(names[0])]).replace(" ", "")
                if len(family) > len(names[0]) and opening == short:
                    found.setdefault(self.entries[entry].cluster, entry)
        form = f"'{via}' after " if via else ""
        if not found:
            return None
        if len(found) > 1:
            where = ", ".join(self._describe(e) for e in found.values())
            return _unresolved(
                "short-author",
                cite,
                f"{form}'{names[0]}.' may shorten the names of {len(found)} works ({where})",
            )
        entry = next(iter(found.values()))
        return _Link(
            entry,
            "short-author",
            CONFIDENCE_ABBREVIATED_NAME,
            f"{form}'{names[0]}.' shortens the author's name of {self._describe(entry)}",
            cite.pinpoint,
            self._container_csl(entry),
        )

    def _any_author(self, names: list[str], threshold: float = NAME_MATCH) -> bool:
        """Whether some earlier work has authors that these names match."""
        return any(self._names_score(names, i) >= threshold for i in self._name_candidates(names))

    def _entry_names(self, entry: int) -> tuple[tuple[str, ...], tuple[str, ...] | None]:
        """An entry's family names (authors, else editors) and, when the parser misread
        them, the words of its printed author part; worked out once per entry (every
        short form scores every earlier work)."""
        cached = self.name_cache.get(entry)
        if cached is None:
            e = self.entries[entry]
            people = e.csl.get("author") or e.csl.get("editor") or []
            families = tuple(_family(p) for p in people)
            words = _printed_author_words(e.text) if people else ()
            cached = (families, words if people and _misread(people, words) else None)
            self.name_cache[entry] = cached
        return cached

    def _names_score(self, names: list[str], entry: int | None) -> float:
        """How well a short form's names match an entry's authors (editors for volumes)."""
        if entry is None:
            return 0.0
        e = self.entries[entry]
        families, misread_words = self._entry_names(entry)
        score = _list_score(names, list(families), self.matcher) if families else 0.0
        if e.container or len(names) != 1 or score == 1.0:
            return score
        variants = self.name_variants.get(e.cluster, ())
        if variants:  # spellings its short forms gave, at a discount
            seen = max(self.matcher.name(names[0], v) for v in variants) - LEAD_WORD_DISCOUNT
            score = max(score, seen)
        # The parser may have missed or mangled the author of a reference in a style it
        # knows less well ("Anna Maria Nada Patrone" read as "Maria, Anna"); a full
        # citation still names its author first, so a single-name short form may match one
        # of its first words (of its printed author part, when the parser found people),
        # at a discount.
        if families:  # the surname ends the author part ("Given Family") or opens it
            if misread_words is None:
                return score
            words = misread_words
            k = len(names[0].split())
            ends = {" ".join(words[-k:]), " ".join(words[:k])} if len(words) >= k else set()
            lead = max((self.matcher.name(names[0], w) for w in ends), default=0.0)
        else:
            lead = max((self.matcher.name(names[0], w) for w in e.lead), default=0.0)
        return max(score, lead - LEAD_WORD_DISCOUNT)

    def _without_author(self, cite: Citation, title: str, via: str | None) -> _Link | None:
        """A work cited before with no author printed whose title the short form gives
        ("Committee, observations on X, cit." after "observations on X, date", which
        continued a list under the committee's name); None when there is none."""
        alone = self._short_by_title(cite, title, via=via)
        if alone.entry is None or self.entries[alone.entry].csl.get("author"):
            return None
        return replace(alone, reason=f"{alone.reason}, which names no author")

    def _named_work(self, cite: Citation, names: list[str], *, via: str | None) -> _Link | None:
        """The one earlier work whose printed opening names these people, for a name-only
        short form that matches no author ("Clavijo, cit." after "Narrative of the Embassy
        of Ruy de Clavijo"); None when no work or several do."""
        works = {self.entries[e].cluster: e for e in reversed(self._candidates())}
        named = [
            e for e in works.values() if not self.entries[e].container and self._named_in(names, e)
        ]
        if len(named) != 1:
            return None
        form = f"'{via}' after " if via else ""
        return _Link(
            named[0],
            "short-author",
            CONFIDENCE_NAMED_IN,
            f"{form}{' and '.join(names)} is no earlier author but is named in"
            f" {self._describe(named[0])}, the only such work",
            cite.pinpoint,
        )

    def _named_in(self, names: list[str], entry: int) -> bool:
        """Whether every name matches a capitalised word of the entry's printed opening.

        Closely (NAMED_IN_MATCH): any capitalised word of a title may be compared, and a
        looser match takes "Premessa" for "Promessi"."""
        words = _named_words(self.entries[entry].text)

        def found(key: str, threshold: float) -> bool:
            return max((self.matcher.name(key, w) for w in words), default=0.0) >= threshold

        for name in names:
            parts = name.split()
            if len(parts) <= 2:
                if not found(name, NAMED_IN_MATCH):
                    return False
                continue
            # A long name ("Ruy de Gonzales de Clavijo") is found by its surnames: each of
            # two or more a little looser (OCR spells both, "Clavija de Gonzales"), or the
            # last one alone closely.
            surnames = [w for w in parts[1:] if _SURNAME_WORD.fullmatch(w)]
            if len(surnames) >= 2 and all(found(w, NAMED_IN_SURNAMES_MATCH) for w in surnames):
                continue
            if not found(parts[-1], NAMED_IN_MATCH):
                return False
        return True

    def _title_fits(self, title: str, entry: int) -> bool:
        """Whether a short title matches an entry's parsed title or, when the parser lost
        it, the words its printed text opens with after the author part."""
        if self._title_score(title, entry) >= SHORT_TITLE_MATCH:
            return True
        _, rest = _printed_author(self.entries[entry].text)
        return bool(rest) and self._opening_score(title, rest) >= SHORT_TITLE_MATCH

    def _opening_score(self, title: str, printed: str) -> float:
        """How well a short title stands for the opening of a printed text (as long as the
        title and a little more: the place, publisher or journal that follow)."""
        return self.matcher.short_title(title, printed[: len(title) + PRINTED_TITLE_SLACK])

    def _title_score_by_author(self, title: str, entry: int) -> float:
        """A short title's score against a work of the author it names: as for any work,
        or SHORT_TITLE_MATCH when its words stand whole inside the work's title ("Lee,
        Women Triumphant" after "Ian Lee in his Women Triumphant: Feminism"), which
        from an unknown author would be too weak."""
        score = self._title_score(title, entry)
        if score < SHORT_TITLE_MATCH and words_inside(
            title, str(self.entries[entry].csl.get("title") or "")
        ):
            return SHORT_TITLE_MATCH
        return score

    def _title_score(self, title: str, entry: int) -> float:
        """How well a short title matches an entry's title (or its short title)."""
        csl = self.entries[entry].csl
        scores = [
            self.matcher.short_title(title, str(csl[f]))
            for f in ("title", "title-short")
            if csl.get(f)
        ]
        return max(scores, default=0.0)

    def _by_page_range(self, pinpoint: str | None, units: list[_Unit]) -> _Unit | None:
        """The one unit whose page range (fields or printed range) holds the pinpoint."""
        if pinpoint is None:
            return None
        hits = []
        for u in units:
            ranges = [u.pinpoint]
            if u.entry is not None:
                ranges.append(self.entries[u.entry].csl.get("page"))
            if any(_in_range(pinpoint, r) for r in ranges):
                hits.append(u)
        return hits[0] if len(hits) == 1 else None

    def _one_item(self, tied: list[int], cite: Citation, title: str) -> int | None:
        """Of works tied for a short form, the first when they are one item cited apart
        (same author and the same title as printed: volumes of one edition the field
        parser read differently); else, when the short ``title`` opens every tied title
        (volumes of a series), the one whose year the short form prints ("Annuario...,
        1959-1960" among yearbooks of several years); else None (a real ambiguity)."""
        if len(tied) == 1:
            return tied[0]
        keys = {self._item_key(e) for e in tied}
        if len(keys) == 1 and all(next(iter(keys))):
            return min(tied)
        # One title, parsed with an author in one citation and none in another ("I
        # registri..., ed. R. Neri, Napoli, 1950" and "I registri..., voll. 1-46, Napoli"),
        # and no two years (two reports of one title are two documents).
        titles = {title_key(str(self.entries[e].csl.get("title") or "")) for e in tied}
        authors = {
            normalise(_family(a[0])) for e in tied if (a := self.entries[e].csl.get("author"))
        }
        years = {y for e in tied if (y := issued_year(self.entries[e].csl))}
        if len(titles) == 1 and all(titles) and len(authors) <= 1 and len(years) <= 1:
            return min(tied)
        printed = _printed_years(cite.text)
        # Years left out: they tell the volumes apart, and OCR damages them ("¡559-1560")
        short = _DIGITS.sub("", title_key(title))
        if (
            not printed
            or not short
            or not all(_DIGITS.sub("", t).startswith(short) for t in titles)
        ):
            return None  # "Title on Cambodia, 2009" is not "Title on Australia, 2009"
        dated = {self.entries[e].cluster: e for e in tied if printed & self._years_of(e)}
        return next(iter(dated.values())) if len(dated) == 1 else None

    def _by_printed_title_and_year(self, cite: Citation, title: str) -> int | None:
        """Of the volumes of a series, the one whose printed text opens with the short
        title and prints the years the short form prints ("Annuario...,1959-1960" and
        "Annuario della stampa italiana ... 1959-1960, Milano 1960"), read from the text
        as printed since the field parser often loses such titles; None unless exactly one
        work does."""
        printed = _printed_years(cite.text)
        short = title_key(title)
        if not printed or len(short) < MIN_FUZZY_TITLE:
            return None
        found: dict[int, int] = {}
        for entry in self._candidates():
            e = self.entries[entry]
            if e.container or not e.text or not title_key(e.text).startswith(short):
                continue
            if printed <= set(_YEAR_IN_TEXT.findall(e.text)):
                found.setdefault(e.cluster, entry)
        return next(iter(found.values())) if len(found) == 1 else None

    def _year_conflicts(self, cite: Citation, entry: int) -> bool:
        """Whether the short form prints one year (before its locator, outside the
        entry's title) and the entry is dated another: "observations on X, 22 May 2009,
        cit." is not the report on X of 2022."""
        printed = _printed_years(cite.text)
        if len(printed) != 1:
            return False
        e = self.entries[entry]
        printed -= set(_YEAR_IN_TEXT.findall(str(e.csl.get("title") or "")))
        year = issued_year(e.csl)
        return bool(printed) and year is not None and str(year) not in printed

    def _years_of(self, entry: int) -> set[str]:
        """The years an entry gives: its date and those printed in its title."""
        e = self.entries[entry]
        years = set(_YEAR_IN_TEXT.findall(str(e.csl.get("title") or "")))
        year = issued_year(e.csl)
        if year:
            years.add(str(year))
        return years

    def _item_key(self, entry: int) -> tuple[str, str]:
        """(author, title) of an entry as printed, normalised, to tell repeats apart."""
        e = self.entries[entry]
        if e.container or not e.text:
            people = e.csl.get("author") or e.csl.get("editor") or []
            who = _family(people[0]) if people else ""
            return normalise(who), title_key_of(str(e.csl.get("title") or ""))
        author, rest = _printed_author(e.text)
        words = _LEAD_WORD.findall(author)
        title = _comma_parts(rest)[0] if rest else ""
        return normalise(words[-1] if words else ""), title_key_of(title)

    def _describe(self, entry: int | None) -> str:
        """'note 3 (Lee, Old Roads)' for reasons."""
        if entry is None:
            return "an unresolved citation"
        e = self.entries[entry]
        csl = e.csl
        who = ", ".join(_family(a) for a in (csl.get("author") or csl.get("editor") or [])[:2])
        what = str(csl.get("title") or csl.get("container-title") or "")[:50]
        label = ", ".join(x for x in (who, what) if x)
        kind = "the volume of the chapter in note" if e.container else "note"
        return f"{kind} {e.note} ({label})" if label else f"{kind} {e.note}"

    def work_ids(self) -> list[str]:
        """Ids of the clusters, from the merged fields of their entries."""
        merged = []
        for members in self.clusters:
            full = [self.entries[i].csl for i in members if not self.entries[i].container]
            merged.append(merge_csl(full or [self.entries[i].csl for i in members]))
        return work_ids(merged)


# ---------------------------------------------------------------------------------------
# Helpers

_PERIODICAL = frozenset({"article-journal", "article-newspaper", "article-magazine"})


def _apply(cite: Citation, link: _Link, ids: list[str], state: _State) -> Citation:
    """The citation with its work, resolution, pinpoint and (for containers) fields."""
    work = ids[state.entries[link.entry].cluster] if link.entry is not None else None
    resolution = Resolution(link.method, round(link.confidence, 3), link.reason)
    csl = link.csl if link.csl is not None else cite.csl
    return replace(cite, work=work, resolution=resolution, pinpoint=link.pinpoint, csl=csl)


@lru_cache(maxsize=4096)
def _printed_years(text: str) -> frozenset[str]:
    """The years a short form prints before its locator; a number after a locator's
    label ("p. 1501", "col. 1620") is no year, even where the splitter took it for one."""
    head = _LABELLED_NUMBER.sub(" ", text[: locator_start(text)])
    return frozenset(_YEAR_IN_TEXT.findall(head))


def _initials(title: str) -> str:
    """The initials of a title's capitalised words ('Corriere Veneto Illustrato' -> 'CVI')."""
    return "".join(w[0] for w in _LEAD_WORD.findall(title) if w[0].isupper())


def _paths_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two archival paths (normalised parts) name one series, OCR tolerated: the
    series (last part) alike, and the fonds before it alike or one of them left out
    ("Savi, Misti" and "Consiglio dei Savi, Misti")."""
    if not a or not b:
        return False
    if key_ratio(" ".join(a), " ".join(b)) >= ARCHIVAL_JOINED_MATCH:
        return True  # cut differently: "S, Marco de Supra" for "S. Marco de supra"
    if not _parts_alike(a[-1], b[-1]):
        return False
    head_a, head_b = " ".join(a[:-1]), " ".join(b[:-1])
    if not head_a or not head_b or _parts_alike(head_a, head_b):
        return True
    if a[-1] == b[-1] and key_ratio(head_a, head_b) >= ARCHIVAL_FOND_MATCH:
        return True  # the same series under an OCR-damaged fond ("Sayi" for "Savi")
    shorter, longer = sorted((set(head_a.split()), set(head_b.split())), key=len)
    return shorter <= longer


def _parts_alike(a: str, b: str) -> bool:
    """Two path parts alike: equal, or near enough when long enough for OCR to vary."""
    if a == b:
        return True
    return min(len(a), len(b)) >= ARCHIVAL_PATH_MIN and key_ratio(a, b) >= ARCHIVAL_PATH_MATCH


def _leads(best: float, other: float, margin: float) -> bool:
    """Whether a score leads another by the margin (to within float rounding: 1.0 - 0.9)."""
    return best - other >= margin - 1e-9


def _unresolved(method: str, cite: Citation, reason: str, *, missing: bool = False) -> _Link:
    """A citation left without a work, saying why (``missing``: nothing matched at all)."""
    return _Link(None, method, 0.0, reason, cite.pinpoint, missing=missing)


# A head in quotes or guillemets (OCR may lose one of them): a title, not a name.
# must match: '«GUV»' '"Report"' 'GUV»' '«Gazzetta'    must not match: 'Lee' 'LEE' '«GUV», 4'
_QUOTED = re.compile(r"^(?:[«\"“‘'][^«»\"“”,]+[»\"”’']?|[^«»\"“”,]+[»\"”’'])$")


def _start_fields(
    names: list[str], comma: str, title: str, head: str, *, shortened: bool = False
) -> CSLItem | None:
    """The fields a short form can start a work with: author and title, or a title.

    A lone name ("Lee, 5") names no work; a lone word is a title only in quotes or
    shortened with an ellipsis ("Verbali [...]").
    """
    if names and comma and title:
        return {"author": [{"family": n} for n in names], "title": title}
    if not comma and _QUOTED.match(head):
        return {"title": head.strip("«»\"“”‘’'")}
    if not names and (comma or shortened or len(head.split()) > 1):
        return {"title": head}
    return None


def _distinct_units(units: list[_Unit], entries: list[_Entry]) -> list[_Unit]:
    """Units of different works (the same work cited twice in a note counts once)."""
    seen: set[int | None] = set()
    out = []
    for u in units:
        key = entries[u.entry].cluster if u.entry is not None else None
        if key is None or key not in seen:
            out.append(u)
            seen.add(key)
    return out


def _is_same_author_form(text: str, patterns: tuple[BackReference, ...]) -> bool:
    """Whether a citation opens with "idem" or its kin (its author is the one before)."""
    text = _LEADING_SIGNAL.sub("", text.strip())
    return any(r.refers_to == "author" and r.pattern.match(text) for r in patterns)


def _rest_is_locator(rest: str) -> bool:
    """Whether what follows "Id."/"Idem" is only a page (so it repeats the work)."""
    rest = rest.strip(" ,.;:")
    return not rest or bool(_LOCATOR_PART.match(rest))


def _split_locator(text: str) -> tuple[str, str]:
    """Split a short form into its head and its locator at the first locator part."""
    parts = _comma_parts(text)
    for i, part in enumerate(parts):
        if i > 0 and _LOCATOR_PART.match(part.strip()):
            return ",".join(parts[:i]).strip(" ,.;:"), ",".join(parts[i:]).strip()
    return text.strip(" ,.;:"), ""


def _without_entry_in(head: str) -> str:
    """'Name, «word», in' (before "op. cit.") -> 'Name': the entry is only a place in the
    author's work."""
    if not _CLOSING_IN.search(head):
        return head
    body = head[:-2].rstrip().rstrip('"”’').rstrip(",").rstrip()
    comma = body.rfind(",")
    return body[:comma].strip() if comma > 0 else head


def _in_volume(volume: re.Match[str]) -> str:
    """The volume's title from a chapter's ', in Volume' (the "in" dropped)."""
    return _VOLUME_TITLE.sub("", volume.group(0)).strip(" ,.;:")


def _with_title_after(head: str, rest: str) -> str:
    """'Name' + ', Title, p. 3' after "op. cit." -> 'Name, Title' (the title names the work
    when the author has several: "Lee, op. cit., Roads, p. 3")."""
    title, _ = _split_locator(rest.strip(" ,.;:"))
    first = _comma_parts(title)[0].strip()
    if (
        not title
        or "," in head
        or not first
        or _LOCATOR_PART.match(first)
        or _VOLUME_LEAD.match(first)
        or not first[0].isupper()
        or not _names_of(head)
    ):
        return head
    return f"{head}, {first}"


def _without_trailing_locators(head: str) -> str:
    """'Title,vi' -> 'Title': volume or part numbers after a short title are no title."""
    parts = _comma_parts(head)
    while len(parts) > 1 and _LOCATOR_PART.match(parts[-1].strip()):
        parts.pop()
    return ",".join(parts).strip(" ,.;:")


def _word_runs(words: list[str], name: str) -> list[str]:
    """The words of a printed author part, and runs of them as long as a name of several
    words ("SOMMI PICENARDI" is compared with "SOMMI PiCENARDI", not with each word)."""
    k = len(name.split())
    if k < 2:
        return words
    return words + [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]


def _split_head(head: str) -> tuple[str, str, str]:
    """'Name, Short Title' -> ('Name', ',', 'Short Title'), commas in quotes protected;
    ('', '', title) without a separator.

    OCR reads the comma after a name as a period: 'G. Name. Short Title' splits there
    too, with '.' as the separator.
    """
    m = _NAME_CLOSED_BY_PERIOD.match(head)
    if m and "," not in m.group("name"):
        return m.group("name"), ".", head[m.end() :].strip(' "“”')
    parts = _comma_parts(head)
    if len(parts) == 1:
        return parts[0].strip(), "", ""
    return parts[0].strip(), ",", ",".join(parts[1:]).strip(' "“”')


def _comma_parts(text: str) -> list[str]:
    """Split at commas outside double quotes."""
    parts, depth, start = [], False, 0
    for i, ch in enumerate(text):
        if ch in '"“”':
            depth = not depth if ch == '"' else ch == "“"
        elif ch == "," and not depth:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


_NAME_PARTICLES = frozenset(
    "de del della dei degli da dal di du des d' van von der den ten ter la le lo y e".split()
)


def _names_of(name_part: str) -> list[str]:
    """Family names of a short form's name part ('G. Rossi and Lee' -> ['Rossi', 'Lee'])."""
    name_part = name_part.strip(" ,.;:")
    if not name_part or len(name_part) > 80:  # checked first: the patterns below are
        return []  # quadratic on long runs of spaces, and names are short
    name_part = _ET_AL.sub("", name_part)
    names = []
    for piece in _NAME_SEPARATOR.split(name_part):
        words = [w for w in piece.split() if not _INITIAL.match(w)]
        # at most four words, or three besides particles ("Ruy de Gonzales de Clavijo");
        # "Revista Brasileira de Ciências Sociais" is a title
        core = sum(w.lower() not in _NAME_PARTICLES for w in words)
        if not words or (len(words) > 4 and core > 3):
            return []
        # "Relazione sulla organizzazione" is a title: names have no lower-case words
        # but their particles ("de Roover", "van der Berg").
        if any(w[0].islower() and w.lower() not in _NAME_PARTICLES for w in words):
            return []
        names.append(" ".join(words))
    return names


# A citation's author stands among its first few words ("A. B. Name, Title", "NAME,
# Title", "Name A., Title").
LEAD_WORDS = 4
# Matching a name among those words, rather than a parsed author, is weaker evidence.
LEAD_WORD_DISCOUNT = 0.05
# must match: "Name" "NAME" "Nàme" "O'Name" "Name-Name"; must not match "A" (an initial), "1990"
_LEAD_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")


# A short title is compared with as much of a printed citation as its own length and this
# many characters more: enough for OCR's extra spaces and letters, too few to reach the
# place, publisher or journal that follow a title.
PRINTED_TITLE_SLACK = 8
# The author part of a printed citation: its opening words up to the first comma or colon,
# when they are few enough to be names ("G. Name, Title", "NAME G.: Title").
# must match: "G. Lee, " "LEE G.: " "Ann B. Lee," "Lee,Title" (comma glued by OCR)
# must not match: "The History of the Roads of Kent and Other Places, " (too long)
_PRINTED_AUTHOR = re.compile(r"^[^,:;]{2,60}?[,:]\s*")


@lru_cache(maxsize=4096)  # each earlier citation is split again for every short form
def _printed_author(text: str) -> tuple[str, str]:
    """A printed citation split into its author part and the rest ('', text if none)."""
    m = BARE_NAME_OPENING.match(text) or _PRINTED_AUTHOR.match(text)  # "G. LEE. Title"
    if not m or len(_LEAD_WORD.findall(m.group(0))) > LEAD_WORDS + 2:
        return "", text
    return m.group(0), text[m.end() :]


@lru_cache(maxsize=4096)
def _printed_author_words(text: str) -> tuple[str, ...]:
    """The capitalised words of a printed citation's author part ("Marín Sañudo" of
    "Marín Sañudo, I Diarii, Venezia 1887"); none when it has no such part."""
    author, _ = _printed_author(text)
    return tuple(w for w in _LEAD_WORD.findall(author) if w[0].isupper())


# How much of a printed citation is searched for a name it holds outside its author part
# (an edition's title "Lettere di Ansaldo Neri a Sara Rossi"): its title, not its imprint.
NAMED_IN_CHARS = 160
# ... and how closely a name must match a word there (one OCR slip in a long name).
NAMED_IN_MATCH = 0.88
# ... or each of a long name's two or more surnames this closely ("Clavija" for "Clavijo"
# 0.83, "Gonzales" for "Gonçaleç" 0.88): two words matching are evidence enough.
NAMED_IN_SURNAMES_MATCH = 0.8


# A word there, an elided article or preposition left out ("Ansaldo" of "d'Ansaldo").
# must match: "Ansaldo" in "d'Ansaldo" "Neri-Rossi"    must not match: "d" "1859"
_NAMED_WORD = re.compile(r"[^\W\d_][\w-]{2,}")


@lru_cache(maxsize=4096)
def _named_words(text: str) -> tuple[str, ...]:
    """Capitalised words of a printed citation's opening, and each with the next (for
    two-word surnames)."""
    words = [w for w in _NAMED_WORD.findall(text[:NAMED_IN_CHARS]) if w[0].isupper()]
    return tuple(words) + tuple(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def _misread(people: list[object], printed: tuple[str, ...]) -> bool:
    """Whether the parsed people disagree with the printed author part: a parsed family
    name not printed there, or neither its first nor its last word a parsed family name
    (the surname closes "Given Family" and opens "FAMILY Given")."""
    families = {_family(p) for p in people}
    if not printed:
        return False
    return any(f not in printed for f in families) or not {printed[0], printed[-1]} & families


def _lead_words(text: str) -> tuple[str, ...]:
    """The first capitalised words of a citation, where its author is named."""
    words = [w for w in _LEAD_WORD.findall(text[:120]) if w[0].isupper()]
    return tuple(words[:LEAD_WORDS])


def _list_score(names: list[str], families: list[str], matcher: Matcher) -> float:
    """How well short-form names match a work's names: all, in order; 0 if counts differ.

    A single name may stand for a work of several authors only with "et al." (stripped
    before), which the caller cannot see; so a single name matches the first of up to
    three authors at a discount (short forms often keep just the first).
    """
    if not families:
        return 0.0
    if len(names) == len(families):
        return min(_one_name(n, f, matcher) for n, f in zip(names, families, strict=True))
    if len(names) == 1 and len(families) <= 3:
        return _one_name(names[0], families[0], matcher) - NAME_MARGIN
    return 0.0


def _one_name(short: str, family: str, matcher: Matcher) -> float:
    """A short name against a family name: whole, or its last word ('Mikhail S. Lee').

    A "family name" that is only a lower-case particle ("del", the parser's misreading of
    "Atti del Convegno") is no name and matches nothing.
    """
    if family in _NAME_PARTICLES:
        return 0.0
    scores = [matcher.name(short, family)]
    last = short.split()[-1] if short.split() else short
    if last != short:
        scores.append(matcher.name(last, family))
    return max(scores)


def _family(name: object) -> str:
    """The family (or literal) part of one CSL name."""
    if isinstance(name, dict):
        return str(name.get("family") or name.get("literal") or "")
    return str(name)


def _volume_of(text: str) -> str | None:
    """The volume a short title names ('Laws Vol. 2' -> '2')."""
    m = _VOLUME.search(text)
    return m.group("volume") if m else None


def _volume_fits(volume: str | None, entry: int, state: _State) -> bool:
    """False when both the short form and the entry give a volume and they differ."""
    given = state.entries[entry].csl.get("volume")
    return not (volume and given) or _same_volume(volume, str(given))


def _same_volume(a: str, b: str) -> bool:
    """Whether two volume fields name one volume, a label the parser kept left out
    ("voi. 45" and "45")."""
    return normalise(_VOLUME_LABEL.sub("", a)) == normalise(_VOLUME_LABEL.sub("", b))


def _spans(
    pinpoint: str | None, page_range: object
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(the page range's span, the pinpoint's span), or None when either is missing or not
    numeric (a page is a span of one)."""
    if not pinpoint or not isinstance(page_range, str):
        return None
    outer = _parse_range(page_range)
    inner = _parse_range(pinpoint) or (
        (int(pinpoint), int(pinpoint)) if pinpoint.strip().isdigit() else None
    )
    return (outer, inner) if outer and inner else None


def _in_range(pinpoint: str | None, page_range: object) -> bool:
    """Whether a pinpoint (a page or a range) lies within a page range ('17' in '11-19')."""
    spans = _spans(pinpoint, page_range)
    return spans is not None and spans[0][0] <= spans[1][0] and spans[1][1] <= spans[0][1]


def _outside_range(pinpoint: str | None, page_range: object) -> bool:
    """Whether a pinpoint (a page or a range) lies wholly outside a work's page range
    ('221' outside '455-68'); False when either is unknown or not numeric."""
    spans = _spans(pinpoint, page_range)
    return spans is not None and (spans[1][1] < spans[0][0] or spans[1][0] > spans[0][1])


def _parse_range(text: str) -> tuple[int, int] | None:
    """'134-35' -> (134, 135); None for anything but a numeric range."""
    m = _PAGE_RANGE.match(text)
    if not m:
        return None
    lo, hi = m.group("lo"), m.group("hi")
    if len(hi) < len(lo):  # abbreviated: "134-35"
        hi = lo[: len(lo) - len(hi)] + hi
    a, b = int(lo), int(hi)
    return (a, b) if a <= b else None


def _alias_of(cite: Citation) -> str | None:
    """The alias a full citation defines, from its fields or its text."""
    for key in ("hereinafter", "title-short"):
        value = cite.csl.get(key)
        if value:
            return str(value)
    m = ALIAS_DEFINITION.search(cite.text)
    return " ".join(m.group("alias").split()) if m else None


def _alias_key(alias: str) -> str:
    """Aliases compare without case, accents, punctuation and extra spaces."""
    return normalise(alias)


def title_key_of(title: str) -> str:
    """A container title's identity for grouping volumes."""
    return normalise(title).replace(" ", "")


def _is_book_part(csl: CSLItem) -> bool:
    """Whether a citation is a chapter of a book (not an article of a periodical)."""
    return csl.get("type") in (
        None,
        "chapter",
        "paper-conference",
        "entry-encyclopedia",
        "book",
    ) or bool(csl.get("editor") or csl.get("publisher"))


def _reference_work_csl(csl: CSLItem, entry_of: re.Match[str]) -> CSLItem:
    """The fields of the reference work an entry citation ("Headword, s.v. in Work, II,
    Roma 1971, p. 499") is in: its title as printed, and the volume, date and place the
    parser found."""
    out: CSLItem = {"type": "book", "title": entry_of.group("work").strip(' «»"“”')}
    if entry_of.group("volume"):
        out["volume"] = entry_of.group("volume")
    for f in ("issued", "publisher", "publisher-place", "editor"):
        if csl.get(f) and csl[f] != out.get("volume"):  # the parser may take "II" for a place
            out[f] = csl[f]
    return out


def _volume_csl(chapter: CSLItem) -> CSLItem:
    """The fields of the volume a chapter citation was in."""
    out: CSLItem = {"type": "book", "title": chapter.get("container-title")}
    for f in ("editor", "volume", "publisher", "publisher-place", "issued", "collection-title"):
        if chapter.get(f):
            out[f] = chapter[f]
    return out


def _with_container(chapter: CSLItem, volume: CSLItem) -> CSLItem:
    """A chapter's fields with its container filled in from the volume's."""
    out = {k: v for k, v in chapter.items() if k not in ("container-title", "note")}
    if chapter.get("note") and not str(chapter["note"]).lstrip().startswith("in "):
        out["note"] = chapter["note"]
    out["type"] = "chapter"
    out["container-title"] = volume.get("title")
    for f in ("editor", "volume", "publisher", "publisher-place", "issued"):
        if volume.get(f) and not out.get(f):
            out[f] = volume[f]
    return out
