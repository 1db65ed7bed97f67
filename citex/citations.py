"""Footnote -> Citation[]: split a note into its citations, classify them, parse their fields.

A note mixes commentary with citations. This module reads one note's text in four passes,
all on character offsets into the note so every citation keeps its way back to the source:

1. **Sentences and clauses.** The note is cut into sentences (a period, "?" or "!" before
   a capital, not after an abbreviation or an initial) and each sentence into clauses at
   semicolons. Text inside double quotes and parentheses is protected: a semicolon in a
   quoted title or a period in a quotation never splits.
2. **Signals and commentary.** A clause may open with a signal ("See also", "Cf.") or hold
   one after a commentary lead-in ("For a review, see ..."); the signal goes to
   ``Citation.signal`` and governs the following citations of the same sentence until
   another signal or a commentary clause. Each clause is scored: publication facts, dates,
   volume/issue cues, a trailing locator and quoted titles speak for a citation; ordinary
   lower-case prose speaks against. Commentary is dropped, except for a citation at its
   end after "in" ("The text is located in 42 U.S.C. §5 (1974)").
3. **Relations.** A citation clause is cut again where an item is reprinted, translated or
   quoted in another source ("reprinted in", "trans. in", "as quoted in", and a bare
   ", in" after an item that is complete on its own). The source after the phrase is a
   citation of its own with ``relation`` set; '"Title," in Book' stays one chapter.
4. **Classification and fields.** Each piece is an Ibid. form, a supra/op. cit. form, a
   use of an alias defined by "(hereinafter X)", a short form (author or short title and a
   locator, no publication facts) or a full citation. The pinpoint is cut from the end;
   short forms get their author or title by rule, full citations are parsed into CSL-JSON
   by :func:`citex.reference.parse_reference`.

Nothing here knows a particular document: every rule is about the shape of notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from .archival import archival_csl, parse_archival, parse_archival_after_ibid
from .models import Citation, CSLItem, Footnote, Span

__all__ = ["find_citations", "split_citations", "split_citations_in_text"]

Parser = Callable[[str], CSLItem]
"""A function from one citation string to a CSL-JSON item (``parse_reference``'s shape)."""

# ---------------------------------------------------------------------------------------
# Tunable limits. Each bounds the damage a piece of OCR noise can do.

# A "(" whose ")" is further than this is taken for a stray bracket: publication facts
# and annotations are short, and an unclosed bracket must not protect the rest of a note.
MAX_PAREN_SPAN = 400
# Clause score (see _citation_score) from which a clause counts as a citation, and the
# share of prose words under which it may. A short form ("Lee, 10") scores 3.
CITATION_SCORE = 2
PROSE_SHARE = 0.35
# A clause with much stronger evidence (publication facts and a locator) may carry more
# prose: sentence-case titles and words like "interview by" are lower case.
STRONG_SCORE = 5
STRONG_PROSE_SHARE = 0.5
# A citation cut off the end of a commentary clause ("... is located in 42 U.S.C. §5
# (1974)") needs this much evidence, and the lead-in before it this share of prose.
TAIL_SCORE = 4
LEAD_IN_PROSE_SHARE = 0.3
# ... and at least this many prose words, so that "Smith, interview in" is no lead-in.
LEAD_IN_PROSE_WORDS = 3
# A citation known by its shape ("Short Title, p. 41", "Title..., p. 4") may close a
# commentary clause after "in" with a shorter lead-in ("Lee issued a caveat in").
SHAPE_LEAD_IN_PROSE_WORDS = 2
# At most this many words of description ("her work", "the tract") may stand before a
# capitalised title with strong publication facts and no colon between them.
DESCRIPTION_WORDS = 4
# A German ordinal ("9. Aufl.", "20. März") has at most this many digits: editions, days
# and centuries stay below 1000, while a longer number before a period is a page or year.
MAX_ORDINAL_DIGITS = 3
# The splitter judges the same clause several times (alone, then joined to its neighbours);
# this many judgements are remembered (pure functions of the text). Few, so that a batch
# of long hostile notes cannot make the cache big: repeats come within one note.
CLAUSE_CACHE = 256
# Lead-ins before a signal or a trailing citation are a sentence's opening words; looking
# further would make a long clause of OCR junk cost quadratic time.
MAX_LEAD_IN = 300
# A sentence-case title with a subtitle is cut at its inner period ("A. Lee, La libreria.
# Libri e lettori, Milano 1987"). A name-opening sentence that is no citation alone is
# joined to at most this many sentences after it when together they read as one ...
JOIN_SENTENCES = 2
# An ABNT reference (Brazilian notes) closes each element with a period: authors, title,
# subtitle, edition, imprint. After an author block found within this many characters
# of a sentence's start (past a signal or a short lead-in), up to this many sentences are
# joined until one holds the year.
ABNT_AUTHOR_REACH = 60
ABNT_SENTENCES = 5
# ... and when at most this share of its words is prose: sentence-case titles carry lower-
# case words ("Identité, mariage, mobilité sociale" is half), commentary after a name more.
JOIN_PROSE_SHARE = 0.5
# ... or this share when a capitalised title follows the name's comma ("A. Lee, Il potere
# dogale come rappresentazione, ora in Stato: un'idea, una logica" is 0.64).
JOIN_TITLED_PROSE_SHARE = 0.75
# A sentence opening with no name is joined to the publication facts after it only when it
# is short enough to be a title's first part ("L'Ester", "Il giardino veneto").
TITLE_SENTENCE_LENGTH = 120
# ... and when it has at most this many words, no comma and none of the words that mark
# commentary, it may be mostly lower case (a sentence-case title's first part).
SHORT_TITLE_SENTENCE_WORDS = 6
SHORT_TITLE_SENTENCE_PROSE = 0.75
# Verbs, pronouns and signals that mark a short sentence as commentary, not a title.
_COMMENTARY_WORDS = frozenset(
    """is was are were be been has have had this these those that which who it he she they
    we see also cf è sono era erano fu ha hanno questo questa quello vedi anche ist war sind
    est sont était voir""".split()
)

# A title shortened with dots ("Title of the Work..., p. 4") is a short form when its
# words before the dots are at most this many: commentary trailing off runs longer.
SHORTENED_TITLE_WORDS = 12
# "Name, Short Title" with no locator is a short form when the title has at most this
# many words ...
BARE_TITLE_WORDS = 10
# ... and at most this share of them is lower-case prose (Romance titles are sentence
# case: "Storia dei mulini", "Il contesto economico").
BARE_TITLE_PROSE_SHARE = 0.7

# ---------------------------------------------------------------------------------------
# Word lists.

# Abbreviations after which a period does not end a sentence.
_NO_BREAK_ABBREVIATIONS = frozenset(
    """ed eds trans tr comp comps vol vols no nos p pp n nn cf e.g i.e viz esp repr rev ser
    art arts sec secs ch chap chaps fig supp sess para paras pt pts bk bks col cols
    mr mrs ms dr prof st jr sr gen col gov sen rep hon rt fr
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc ltd co corp bros assn dept univ
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la mass md mich minn miss
    mo mont neb nebr nev okla ore pa penn tenn tex va vt wash wis wisc wyo
    op loc cit al et seq ff
    cfr vgl doc docs fasc reg trad tav tab sg sgg lib cod mss
    sig sigg voi voll voli b bb c cc f fz fols pag pagg""".split()
) | frozenset(
    # German: editions, volumes, editors, margin numbers, columns, sections, notes,
    # judgments, gazettes
    """aufl bd bde hrsg hg bearb übers ausg jg jh jhd sp rn rdnr rdn randnr rz tz abs anm
    fn urt beschl drs bgbl abl gbl gvbl kap zit vgl ders dies""".split()
)
# Words whose final period stays in a citation's text when it ends the sentence.
_KEEP_PERIOD_WORDS = _NO_BREAK_ABBREVIATIONS | frozenset(
    "ibid id idem etc ss segg sq sqq v".split()  # "v": "s.v."
)
# Month names of Italian and French dates (lower case in those languages).
_ROMANCE_MONTH_NAMES = (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre"
    " dicembre janvier février fevrier mars avril mai juin juillet août aout septembre"
    " octobre novembre décembre decembre"
).split()
# Lower-case words that occur in titles and citations, so they are not evidence of prose.
_CITATION_LOWER_WORDS = frozenset(
    """a an the and or of in on at to for by with from as into under upon over via
    de del della der den di du da la le les van von y e et al i ed eds trans tr comp
    vol vols no nos p pp n nn ff passim supp sess ibid id idem op cit loc supra infra
    hereinafter hereafter s v vs
    doc docs col coll fol cap chap tav fig figg pag pagg sg sgg segg ss cfr voi voll nt ntt
    cit ad sub vocem voce
    con prefazione presentazione introduzione postfazione traduzione""".split()
) | frozenset(_ROMANCE_MONTH_NAMES)
# Words that open commentary, never a surname: "However, The Times reported" and "In
# Venice, Italy" are no "Name, Title" short forms.
_NOT_NAMES = frozenset(
    """however thus hence also moreover indeed here there yet still then now again finally
    first second third later earlier similarly likewise nevertheless nonetheless instead
    meanwhile besides furthermore otherwise therefore accordingly consequently today
    recently in on at for see but and or the a an of to by with from this that these those
    it he she they we i you his her their its our my as if when while since after before
    during although though because so unlike like according only even just perhaps
    inoltre tuttavia comunque però quindi infatti così ora qui poi anche ancora invece
    dunque oggi allora pertanto infine per su di da con tra fra il lo la le gli un una nel
    nella del della questo questa che come se ma non
    cependant ainsi toutefois enfin donc aussi ici puis pourtant dans pour par sur avec les
    une des du au aux ce cette il elle mais et ou
    jedoch also auch hier dann aber und oder der die das ein eine im auf mit von""".split()
)
# Words that cannot open a title after "Name,": pronouns and conjunctions start a clause.
_NOT_TITLE_STARTS = frozenset(
    """he she it they we i you this that these those there here but and or so then who
    which what when where while if as however also egli ella esso essi lui lei che
    ma e o se quando dove il elle ils nous je mais et ou si quand""".split()
    # "il" is the Italian article too, but opens French commentary ("Il faut")
) - {"il"}
# Lower-case function words of Romance and German titles ("Storia dei mulini nella valle"),
# not prose in a short title.
_TITLE_WORDS = frozenset(
    """il lo gli i un una uno dei degli delle dello della del nel nella nei negli nelle
    sul sulla sui al alla ai agli alle dal dalla dai tra fra per con su des du aux au sur
    dans pour par en une un im zur zum und der die das des ed""".split()
)
# Lower-case words that start a description rather than a citation after a signal
# ("see also the reports sent to the council: Doc. ...").
_DESCRIPTIVE_STARTS = frozenset("the a an his her its their these this those our my such".split())

# ---------------------------------------------------------------------------------------
# Patterns. Each says what it must match and what it must not.

_DOUBLE_QUOTES = '"“”„'

# A sentence end: terminal punctuation, optional closing quote, space, then a capital,
# digit, opening quote or bracket. The word before is checked separately.
# must match: "412. See" '1950." Ann' "3. (Preface"
# must not match: "Mass.: Beacon" "ed. john" (lower case after) "13.5"
_SENTENCE_END = re.compile(r"[.?!](?P<quote>[\"”’']?)\s+(?=[A-Z\d\"“(\[])")

# The word before a period, to tell abbreviations and initials from sentence ends.
# must match: "Inc" in "Press, Inc." ; "U.S" in "U.S."    must not match: across spaces
_LAST_WORD = re.compile(r"[^\s(\[\"“]*$")

# The capitalised last part of a glued token ("QuarterlyVol" -> "Vol").
# must match: "Vol" in "QuarterlyVol" "No" in "JournalNo"    must not match: "Vol" "NATO"
_GLUED_TAIL = re.compile(r"(?<=[a-z])[A-Z][a-z]*$")
# A comma or a short title's dots inside a token, after which a new word starts.
# must match: "," in "Title,pp" "..." in "Title...pp" "…"    must not match: "." in "U.S"
_AFTER_COMMA_OR_DOTS = re.compile(r",|\.\.+|…")
# "p."/"pp." glued by OCR to the word before (checked before a page number).
# must match: "Librarionp" "Chronicapp" "Lee’s Mapsp"    must not match: "op" "chap" "cap"
_GLUED_PAGE = re.compile(r"[a-zà-ÿ’']{4}pp?$")
# A page number after the period: "12" in ". 12".
# must match: " 12" "7"    must not match: " Lee" " (12)"
_DIGIT_AFTER = re.compile(r"\s?\d")
# The next author's initial after the dash joining two names.
# must match: "Neri-G" "Neri–G"    must not match: "Neri-Bo" "G" "1980-G" "NATO-G"
_INITIAL_AFTER_HYPHEN = re.compile(r"[a-zà-ÿ][-–][A-Z]$")
# An abbreviation glued by OCR to the initial after it.
# must match: "ed.J" "trad.G"    must not match: "U.S" "ed" "Ed.J" (a name?)
_ABBREVIATION_THEN_INITIAL = re.compile(r"^([a-z]{1,5})\.([A-Z])$")
# Abbreviations that break no sentence when a number follows ("t. IX", "Bd. 3", "Nr. 12",
# Portuguese months "dez. 2007") but are ordinary one-letter or short words otherwise.
_BEFORE_NUMBER = frozenset(
    "t tom bd hft nr cap jan fev abr mai jun jul ago set out nov dez".split()
)
# must match: " IX" " 3" " xii,"    must not match: " Il" " In" " Venezia"
_NUMBER_AFTER = re.compile(r"\s?(?:\d|[IVXLC]+\b|[ivxlc]+\b)")
# German ordinals: the period after a number is no sentence end before an edition, a
# volume or year of a journal, a century, a part, or a month with its year (a date).
# must match: " Aufl." " Auflage" " Bd." " Jg." " Jh." " Teil" " März 1980" " Juli 2008"
#             " Jänner 1990"
# must not match: " Auflagen" " Juli wurde" (a month and no year) " Bdx" " August" " Teile"
_GERMAN_MONTHS = (
    r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November"
    r"|Dezember)"
)
_AFTER_ORDINAL = re.compile(
    r"\s(?:(?:Aufl|Bd|Bde|Jg|Jh|Jhd|Ausg|Kap|Lfg)\.|(?:Auflage|Ausgabe|Band|Jahrgang"
    r"|Jahrhunderts?|Teil|Kapitel|Lieferung)(?!\w)|" + _GERMAN_MONTHS + r"\s+\d{4}(?!\d))"
)
# An initial after "v.": Italian "v." (vedi, see) before an author; "v." before a party's
# name or a date is "versus" or German "vom".
# must match: " G. Neri" " N. LUPO"    must not match: " Iran" " 8.9.2016" " U.S." (no space)
_INITIAL_AFTER = re.compile(r"\s[A-Z]\.\s")
# A year alone after a period, closing the note or followed by a locator: the period
# after a place is the comma before the publication year, as OCR read it.
# must match: " 1713" " 1977, pp. 3" " 1990."    must not match: " 1990 saw" " 19901"
_YEAR_AFTER_PLACE = re.compile(r"\s(?:1[5-9]\d\d|20\d\d)(?=[,.;]|\s*$)")
# A single initial or dotted initials ("S", "U.S", "D.C", "e.g", "V.F").
# must match: "S" "U.S" "D.C" "e.g"    must not match: "NATO" "Ibid" "13"
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)*[A-Z]$|^(?:[A-Za-z]\.)+[A-Za-z]$")

# A signal at the start of a clause.
# must match: "See for example, " "See also " "see " "Cf. " "See, e.g., " "But see "
# must not match: "Seeing " "Seen as" "Seeds of Change"
_SIGNAL_AT_START = re.compile(
    r"(?P<signal>(?:but\s+)?see(?:\s*,?\s*(?:also|for\s+example|e\.\s?g\.|generally))*"
    r"|(?:but\s+)?cf\.|compare|contra|accord|e\.\s?g\."
    # Portuguese (Brazilian notes): "Ver também: RIBAS, ...", "Nesse sentido: COIMBRA, ..."
    r"|ver(?:\s+também)?(?=\s*:|\s+[A-ZÀ-Ý]{2})|vide|nesse\s+sentido(?=\s*:))(?:\s*[,:])?\s+",
    re.IGNORECASE,
)
# A clause that is only a locator: more places in the work of the clause before.
# must match: "vol. 16, pp. 112-115" "voi. 9, p. 3" "pp. 4-5" "p. 7" "n. 12" "c. 12v"
#             "cap. 45, p. 662-672"
# must not match: "Vol. 2 of Lee, Roads" is matched too (rare) "Vola, Title, 4" "Pisa 1990"
_LOCATOR_CLAUSE = re.compile(
    r"(?:vol|voi|voll|vols|t|tomo|pp?|nn?|cc?|ff?|fol|col|doc|cap)\.\s*[\dIVXLCivxlc][^;]{0,80}$"
)
# "And" opening a clause that continues a list of citations, in the corpora's languages
# (Italian "ed" before a vowel); a capitalised word must follow.
# must match: "and Lee" "and the" (English "and" always) "ed Umberto" "e G. Lee" "et Lee"
# must not match: "edited" "ed. Lee" "Ed Lee" (a first name) "e 12" "e la"
_LEADING_CONJUNCTION = re.compile(r"and\s+|(?:ed|e|et|und)\s+(?=[A-Z])")
# Signals of other languages at the start of a sentence (kept in the citation's text; the
# resolver skips them).
# must match: "Cfr. " "cfr " "Vgl. " "Vgl " (Austrian style) "Vedi " "Voir "
# must not match: "Cfrancesco" "Vgl" (alone) "Vglx "
LEADING_FOREIGN_SIGNAL = re.compile(r"^(?i:cfr\.?|vgl\.?|vedi|voir|siehe)\s+(?=\S)")
# Adverbs that narrow a German signal ("Vgl. dazu nur", "s. auch", "Ausführlich dazu").
# must match: "dazu" "auch" "z.B." "z. B." "zB" "etwa" "nur" "näher" "statt aller"
# must not match: "dazwischen" "auchs" "zBx" "Näheres"
_GERMAN_SIGNAL_ADVERB = (
    r"(?i:auch|dazu|hierzu|etwa|nur|z\.\s?B\.|zB|insbesondere|ausführlich|näher|allgemein"
    r"|grundlegend|eingehend|ferner|weiterführend|kritisch|statt\s+aller|so\s+auch|aber)(?!\w)"
)
# A German signal at the start of a clause, with its adverbs and its colon: "Vgl." (also
# without its period, as Austrian notes print it), "siehe", "s." in lower case ("S." only
# before an adverb: "S. Lee" is an initial, "S. 5" a page). Adverbs alone ("Dazu:",
# "Ausführlich dazu") signal only before a colon or an author's initial or name and comma.
# must match: "Vgl. " "Vgl.: " "Vgl " "Vgl. dazu nur: " "Vgl. z.B. " "s. auch " "S. auch "
#             "Siehe " "Dazu: " "Dazu ausführlich: " "Näher dazu L. Lee" "So auch: "
# must not match: "S. 5" "S. Lee," (an initial) "Dazu kommt" "Siehen" "Vglx " "Näheres"
#                 "Auch Lee meint"
_GERMAN_SIGNAL_AT_START = re.compile(
    r"(?P<signal>(?:(?i:vgl\.?|siehe)|s\.)(?:\s+" + _GERMAN_SIGNAL_ADVERB + r")*"
    r"|S\.(?:\s+" + _GERMAN_SIGNAL_ADVERB + r")+"
    r"|" + _GERMAN_SIGNAL_ADVERB + r"(?:\s+" + _GERMAN_SIGNAL_ADVERB + r")*"
    r"(?=\s*:|\s+(?:[A-ZÄÖÜ]\.|[A-ZÄÖÜ][\w'’-]+(?:[/-][A-ZÄÖÜ][\w'’-]+)*\s?,)))"
    r"\s*:?\s+(?=\S)"
)
# A lower-case signal after a commentary lead-in inside a clause.
# must match: ", see U.S. Senate" " see also the reports" ", cf. Smith" ", vgl.: Lee"
#             " vgl. etwa Lee" ", siehe auch Lee"
# must not match: "we See" (capital) "oversee " "seemed" "vglx"
_SIGNAL_INSIDE = re.compile(
    r"(?:,\s+|\s)(?P<signal>see(?:\s*,?\s*(?:also|for\s+example|e\.\s?g\.|generally))*|cf\."
    r"|(?:vgl\.|siehe)(?:\s+" + _GERMAN_SIGNAL_ADVERB + r")*"
    # Portuguese "ver" before an ABNT author in capitals ("... mediação ver SPENGLER, F. M.")
    r"|ver(?:\s+também)?(?=\s+[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*,))"
    r"(?:\s*[,:])?\s+"
)

# A phrase that joins an item to the source it is reprinted, translated or quoted in.
# must match: ", reprinted in " " as quoted in " ", trans. in " ", in " ' trans. in '
#             ", [as quoted in:] " " [quoted in:] " (in brackets, as Polish journals print it)
# must not match: '," in ' (a chapter's container) "Vol. 2 in" "within" " [in:] " (a
#                 chapter's container)
# The spaces before the phrase are matched only from where they start (never after a
# space), so a long run of spaces is scanned once, not once per position (quadratic).
_RELATION = re.compile(
    r"(?:,\s*|(?<!\s)\s+)(?P<relation>(?:as\s+)?quoted\s+in|(?:as\s+)?cited\s+in|reprinted\s+in"
    r"|repr\.\s+in|trans(?:\.|lated)\s+in|excerpted\s+in)\s+"
    r"|(?:,\s*|(?<!\s)\s+)\[(?P<bracketed>(?:as\s+)?(?:quoted|cited)\s+in):?\]\s*"
    r"|,\s*(?P<bare>in)\s+"
)
# A relation phrase opening a clause: the whole note cites a source an item appears in.
# must match: "Quoted in " "As cited in " "Reprinted in " "Trans. in "    must not match: "In "
_RELATION_AT_START = re.compile(
    r"(?:as\s+)?(?:quoted|cited)\s+in\s+|(?:reprinted|repr\.|excerpted)\s+in\s+"
    r"|trans(?:\.|lated)\s+in\s+",
    re.IGNORECASE,
)
# A relation phrase ending a text (its "in" introduces a source, not a lead-in's object).
# must match: "..., reprinted in " " as quoted in "    must not match: "is located in "
_RELATION_BEFORE = re.compile(
    r"(?:quoted|cited|reprinted|repr\.|trans\.|translated|excerpted)\s+in\s+$"
)
# The word "in" between spaces, where a lead-in may end.
# must match: " in " in "printed in 42 U.S.C."    must not match: "within" "in," "Inside"
_IN_WORD = re.compile(r"\sin\s+")
# The end of an item that is complete on its own, before a bare ", in".
# must match: "Star, 3 May 1985, 6" "(Boston: Beacon, 1972), 8" "The Times, 4 June 1992"
# must not match: '"Title," 80' '"Title,"' "Vol. XII"
_COMPLETE_ITEM_END = re.compile(
    r"(?:\b(?:1[5-9]\d\d|20\d\d)|\))(?:\s*[,:]\s*(?:pp?\.\s*)?[\divxlc]+(?:\s*[-–—]\s*\d+)?)?$"
)

# Ibid. and its relatives at the start of a piece (OCR may read "I" as "l", "1" or "¡",
# or lose it: "bid."; "ivi" may come out as "ioi"); "ib." is Italian ibidem.
# must match: "Ibid., 13" "Ibid." "lbid, 5" "Id. at 7" "Idem, 4" "Ibid" "¡bid." "bid., 4"
#             "ib. p. 7" "ioi, col. 5" "2 id. at 4" (Bluebook: volume 2 of the work before)
# must not match: "Idaho" "Ibidem Press" is fine to match (it is "ibidem") "Identity"
#                 "Bid for Power" "Ibsen" "Ioio"
_IBID = re.compile(
    # Bluebook: a volume of the work just cited before "id." ("2 id. at 4")
    r"^(?:\d{1,3}\s+(?=id\.))?"
    r"(?:[Il1¡]bid(?:em)?|bid(?=\.)|ib(?=\.)|ioi(?=[.,])|Id|Idem|Eadem|Ead|Ivi|Ebd|Ebenda"
    r"|Ders|Dies)\b\s*\.?",
    re.IGNORECASE,
)

# "Idem" and its kin: the same author as the citation before (a new work when a title
# follows, the same work when only a page does).
# must match: "Idem, " "Id., " "Eadem " "ID. " "Ders., " "Io., " "lo., " (OCR'd "Id.,")
# must not match: "Identity" "Ibid." "Io sono" "Io. Title" (no comma)
_IDEM = re.compile(
    r"^(?:[a-z](?=Idem\b))?"  # "uIdem": a stray letter OCR read before it
    r"(?:(?:Id|Idem|Eadem|Ead|Ders|Dies|Dieselbe|Derselbe)\b\s*\.?|[Il1]o\.(?=\s*,))\s*,?\s*",
    re.IGNORECASE,
)
# What a legal "Id." takes before its page: "at 7".
# must match: "at 7" " at 12-13"    must not match: "Atlas, 7"
_LEGAL_AT = re.compile(r"\s*at\s+\d")
# A reference back to an earlier note or an earlier citation of the same work.
# must match: "supra note 4" "op. cit." "loc.cit." "Smith, supra, 5" "Rossi, Storia, cit., 4"
#             "Meier, a.a.O., S. 5" "Meier (Fn. 12), S. 5" "Turner (n 13) 45"
#             "op.rii." "op. dt." "op. ci/." "op. tit." "op. cìl." "op. cii" (period cut off)
#             "op. ciL," "op. at.," "op. eu.,"
# must not match: "Supranational Law" "copcit" "cited" "explicit." "op. 12" "op. ed."
#                 "op. Title"
# An OCR misreading of "cit." counts only between a comma and a locator (see
# OCR_CIT).
_SUPRA = re.compile(
    r"\bsupra\b|\b(?:op|loc|art)\.\s*cit\b|(?<![\w.])cit\.|\ba\.\s?a\.\s?O\."
    # German: the note of the full citation in brackets, "Meier (Fn. 12), S. 5"
    r"|\((?:(?:vgl|s)\.\s*)?(?:Fn|Fußn|Anm|n|note)\.?\s*\d{1,4}\s*\)"
    r"|^[^,]{2,80},\s*(?:Fußnote|Fußn\.|Fn\.?|FN)\s*\d{1,4}\b"
    # OCR'd: "op.rii." "art. cil." "op. tit."; the period may be the sentence's, cut off
    r"|\b(?:op|loc|art)\.\s?(?!ed\b)[a-zìí][a-zA-Z1/ìí]{1,2}(?:[.,]|$)",
    re.IGNORECASE,
)
# "cit." as OCR misreads it ("c" as "e" or "r", "i" as "l", "t", "1", "ì" or "í", "t" as
# "l", "L" or "e", "ci" as "d"), its period lost or read as a comma, taken only where
# "cit." stands: after a comma or a short title's dots, and before a locator or at the
# end; or glued to the title's last word ("Titlecit., p. 5").
# must match: ", eie., p. 3" "Title,dt., pp. 4" ", rit., 5" ", eit., I, p. 3" ", dl., 4"
#             ", cil., s.v. word" "Title,cit" ", dt" "Title...ciL,p. 3" "Title...cìt.,"
#             "Title..cit„ p. 7" "Title...ci!. pp. 4" "Wandbildercit., pp. 7" ",dt., voi. 3, p. 2"
#             "Title... rii., p. 5" "Greekscit., figg. 5"
# must not match: ", voi., 3" ", col. 4" ", pag. 5" ", doc. 3" ", nn. 4" ", fol. 3"
#                 ", dt. Ausgabe" (no locator after) "Edit., 5" (no comma before)
#                 ", etc." "Title, cited in" "explicit."
OCR_CIT = re.compile(
    r"(?:,|\.\.)\s*(?:[cer][il1tìí¡][tleLi]|d[tl]|ci[L!])[.,„]*"
    r"(?=\s*,?\s*(?:pp?\.|\d|[IVXLCivxlc]{1,6}\b|s\.\s?v\.|vo[il]\.)|[\s.,;:)]*$)"
    r"|(?<=[a-zà-ÿ])cit\.(?=\s*,?\s*(?:pp?\.|\d|figg?\.|coll?\.|nn?\.|vo[il]\.|[IVXL]+\b))"
)
# The author part of a supra form, before the supra words.
# must match: "Smith" in "Smith, supra note 4"  "Smith" in "Smith, op. cit., 5"
_SUPRA_HEAD = re.compile(r"^(?P<head>[^,]{1,80}?),?\s+(?:supra|op\.\s*cit|loc\.\s*cit)", re.I)

# An alias definition, in parentheses or brackets, in the languages of the corpora.
# must match: "(hereinafter Lee Report)" '[hereinafter cited as "Report"]' "(hereafter: HWR)"
#             "(d’ora in poi DBI)" "(da ora Storia 2004)" "(im Folgenden zitiert als GW)"
#             "(ci-après RHV)"
# must not match: "(hereinafter)" "(here in after)" "(da Roma)" "(in seguito)"
ALIAS_DEFINITION = re.compile(
    r"[(\[]\s*(?:hereinafter|hereafter|henceforth|d['’]\s?ora\s+in\s+(?:poi|avanti)|da\s+ora"
    r"(?:\s+in\s+poi)?|di\s+seguito|in\s+seguito|im\s+folgenden|künftig|ci-après|désormais)"
    r"(?:\s+(?:cited|referred\s+to|citato|citata|abbreviato|zitiert|cité))?"
    r"(?:\s+(?:as|come|als|comme))?\s*[,:]?\s*"
    r"[\"“'«]?(?P<alias>[^()\[\]\"”«»]{1,80}?)[\"”'»]?\s*[)\]]",
    re.IGNORECASE,
)

# The digits of a year of the periods cited (used inside the patterns below).
_YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
# What a locator gives: pages or a range, several joined by "and" (Italian "e"), a roman
# page, "passim", with a note number.
_PIN = (
    r"(?:\d+[a-z]?(?:\s*[-–—]+\s*\d+[a-z]?)?(?:\s*(?:and|&|e)\s*\d+(?:\s*[-–—]+\s*\d+)?)*"
    r"|[ivxlc]{1,7}(?:\s*[-–—]+\s*[ivxlc]{1,7})?|passim)(?:\s*nn?\.\s*\d+)?"
)
# A page whose digits OCR read as letters ("io" for 10, "ioi" for 101): up to four of
# 0-9 and lower-case o, i, l with at least one "o" (pure "ii" or "xi" stays a roman page), a range
# after it read alike. Taken only after a "p."/"pp.", where no word can stand.
# must match: "io" "ioi" "io-ii" "2o" "1o5"    must not match: "ii" "xi" "Io" "Iole" "12"
_OCR_PAGE = r"(?=[\dil]{0,3}o)[\dilo]{1,4}(?!\w)(?:\s*[-–—]+\s*[\dilo]{1,4})?"
# The pages after "p."/"pp.": one locator or a list of them separated by commas
# ("12-15, 20-22"), as Romance notes give several ranges of one work.
# must match: "12-15, 20-22" "5-6,9" "49, 67-68, 72-73" "io-ii" "xii"
# must not match: "12-15, Roma" "4, 1990" (a year after a page is no page; only "12-15"
#                 and "4" are taken)
_PAGE_LIST = (
    r"(?:" + _PIN + r"|" + _OCR_PAGE + r")"
    r"(?:\s*,\s*(?!" + _YEAR_DIGITS + r"(?!\d))\d+(?:\s*[-–—]+\s*\d+)?)*"
)
# The mark of a page: "p."/"pp.", also in capitals, or "pp"/"p" without its period before
# a number; German "S." (Seite) only before a digit, where it cannot be an initial.
# must match: "p." "pp." "PP." "pp 12" "p 48" "pag." "pagg." "S. 5" "S.12"
# must not match: "pa" "Pisa" "p x" "S. Lee" "S. XI" (an initial or a roman page)
_PAGE_MARK = r"(?:[pP][pP]?\.|pagg?\.|pp?(?=\s+\d)|S\.(?=\s?\d))"
# A locator at the very end of a citation: after a comma or colon, optional "p."/"at".
# must match: ", 13" ": 77" ", 4-5" ", 101-04" ", passim" ", xii" ", 22 n. 4" ", at 7"
#             " at 7" (legal "Id. at 7") '," 80' (after a quoted short title) ", p. 5 e 9"
#             "(n 16) 45" "(Oxford 1990) 12-14" (OSCOLA: the page after the bracket)
# must not match: "Vol. 2" "No. 27" " 1975" (no comma) "Article 12"
_END_LOCATOR = re.compile(
    r"(?:[,:][\"”]?\s*(?:(?:pp?\.|at)\s*)?|\sat\s+|(?<=\))\s+)(?P<pin>" + _PIN + r")\s*$"
)
# A page marked "p."/"pp.": after a comma, a space or a short title's dots, or glued by
# OCR to the title's last word; also a roman page in capitals, several pages or ranges
# separated by commas, and pages with OCR'd digits.
# must match: "Title p. 23" "Title...p. 39" "Title…, pp. 4-5" "Librarionp. 12" ", p. XI"
#             ", pp. 12-15, 20-22" ", pp 12-13" ", PP. 16" ", p. io-ii"
# must not match: "op. 12" "chap. 4" "cap. 6" (too short to be a glued word) "Vol. 2"
#                 ", p. Io" (a capitalised word) ", pp. 4, Roma"
# The spaces are matched only from where they start, so a run of them is scanned once.
_PAGE_LOCATOR = re.compile(
    r"(?:[,:]\s*|(?<!\s)\s+|\.\.|…|(?<=[a-zà-ÿ’']{4}))" + _PAGE_MARK + r"\s*"
    r"(?P<pin>" + _PAGE_LIST + r"|[IVXLC]{1,9}(?:\s*[-–—]+\s*[IVXLC]{1,9})?)\s*$"
)
# The label of a German margin number or column.
# must match: "Rn." "Rn" "Rdnr." "Rdn." "Randnr." "Rz." "Tz." "Sp."
# must not match: "Sp" (no period: a word) "Rna" "Spiel"
_MARGIN_MARK = r"(?:(?:Rn|Rdnr|Rdn|Randnr|Rz|Tz)\.?|Sp\.)(?!\w)"
# A page locator's opening after a comma: the comma, then "p."/"pp."/"pag." (OCR'd too).
# must match: ", p. 5" ",pp. 3" ", pagg. 4" ", ρ. 5" ", S. 44"
# must not match: ", 5" " p. 5" ", Pisa" ", S. Lee"
_MARKED_PAGE = re.compile(r",\s*(?:[pPρ][pPρ]?[.·]|pagg?\.|pp?\s|S\.(?=\s?\d))")
# ... or of another labelled locator: a document, numbered entry, column or folio.
# must match: ", doc. XII" ",N° 359" ", N°s 7-9" ", col. 4" ", f. 20v" ", c. 6r" ", Rn. 5"
#             ", Sp. 12"
# must not match: ", 5" ", Pisa" ", c. 1500" (circa a year: _OTHER_LOCATOR refuses it)
_MARKED_OTHER = re.compile(
    r",\s*(?:docs?\.|N°s?|nn?\.\s*\d|coll?\.|ff?\.|fol\.|cc?\.|" + _MARGIN_MARK + r"\s*\d)"
)
# Letters OCR gives for Latin ones in locators, mapped one to one (the text keeps its
# length, so offsets hold): Greek rho for "p", eta for "n", iota and omicron for "i" and
# "o" (digits in "ioi"), a raised dot for a period ("P· 45"), an asterisk for the dash of
# a range ("pp. 53*56").
_OCR_LOOKALIKES = str.maketrans("ρηιίο·*", "pniio.-")
# Letters read for digits in an OCR'd page, and a page token made of them.
_OCR_DIGITS = str.maketrans("iol", "101")
_OCR_PAGE_TOKEN = re.compile(r"[\diol]+")
# A locator other than pages: a column, document, folio, numbered entry, chapter or plate,
# kept with its label ("col. 276").
# Also the entry of a dictionary: "ad vocem", "s.v." and the headword.
# must match: ", col. 27" ",doc. 8" ", coll. 3-4" ",N° 35" ", N°s 7-9" ", fol. 2" ", f. 20v"
#             ", c. 6r" ", cap. 6" ", chap. XIII" ", n. 31" ", tav. 4" ", docs. 3-5"
#             ", does. 163 and 166" (OCR'd "docs.", a list) ",Chapter 5" ", capitolo 3"
#             ",ad vocem" ", ad v." ", s.v." ", s. v. Mulino" ", sub voce" ", §755-800"
#             ", § 802"
# must not match: ", c. 1500" (circa a year) ", Vol. 2" ", 1990" ", No. 3" ", col. blue"
#                 ", ad Roma" ", s.v. mulino e strada" ", ad valorem"
_OTHER_LOCATOR = re.compile(
    r"[,:]\s*(?P<pin>(?:coll?|docs?|does(?=\.)|fol|ff?|cap|chap|tav|nn?|N°s?"
    r"|[Cc]hapter|[Cc]apitolo|Kapitel)\.?\s*"
    r"(?:\d{1,5}[rv]?|[IVXLC]{1,7}|[ivxlc]{1,7})(?:\s*[-–]\s*(?:\d{1,5}[rv]?|[IVXLCivxlc]{1,7}))?"
    r"(?:\s*(?:,|and|e|&)\s*\d{1,5}[rv]?(?:\s*[-–]\s*\d{1,5}[rv]?)?)*"
    r"|cc?\.\s*\d{1,3}[rv]?(?:\s*[-–]\s*\d{1,3}[rv]?)?"
    r"|(?:ad|sub)\s+v(?:ocem|oce|oc\.?|\.)?(?!\w)|s\.\s?v(?:\.\s?[^\W\d][\w'’-]*|\.)?(?!\w)"
    r"|§§?\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?)"
    r"[°.]?\s*$"
)
# German margin numbers and columns, kept with their label ("Rn. 15", "Sp. 27"), after a
# comma, a colon or a space: a commentary cites a section and its margin number ("§ 27
# UrhG Rn. 15"). Several numbers or ranges may follow one label.
# must match: ", Rn. 15" " Rn. 32-35" ", Rdnr. 4" ", Rz 12" ", Sp. 27" " Tz. 31" " Rn. 1, 4"
#             ", Randnr. 3 und 5"
# must not match: ", Rn." (no number) ", Spanien 12" ", Sp 27" (a column takes its period)
#                 ", Rn. 2018 (Berlin)" (not at the end)
_MARGIN_LOCATOR = re.compile(
    r"(?:[,:]\s*|(?<!\s)\s+)(?P<pin>" + _MARGIN_MARK + r"\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?"
    r"(?:\s*(?:,|und|u\.)\s*\d{1,5}(?:\s*[-–]\s*\d{1,5})?)*)\s*$"
)
# The locator patterns, most specific first: marked pages, German margin numbers (before
# a bare page, so that "Rn. 1, 4" stays whole), a bare page at the end, other labelled
# locators.
_LOCATORS = (_PAGE_LOCATOR, _MARGIN_LOCATOR, _END_LOCATOR, _OTHER_LOCATOR)
# German notes give a chapter's or article's first page, then the page cited: "S. 223,
# 227 ff." cites page 227. A first page alone, then a later page or range after a comma.
# must match: "223, 227" "12, 14-16"    must not match: "12-15, 20" "176, 178, 180" "9, 3"
_FIRST_PAGE_THEN_PIN = re.compile(r"(?P<first>\d+)\s*,\s*(?P<pin>(?P<cited>\d+)(?:\s*[-–]\s*\d+)?)")
# The German page mark before a locator's pages.
# must match: ", S. 5" " S.5"    must not match: ", p. 5" ", 5"
_GERMAN_PAGE_MARK = re.compile(r"[,:\s]*S\.")
# A page right after a quoted title, before more of the citation.
# must match: '"The System," 80, in' '"Title," 12-13,'    must not match: '"Title," in'
_LOCATOR_AFTER_TITLE = re.compile(r",[\"”]\s*(?P<pin>\d+(?:\s*[-–—]\s*\d+)?)\s*,")
# A page after a UN/official-records supplement number.
# must match: "Supp. (No. 9) 66" "Supp. No. 9, at 66"    must not match: "Supp. (No. 9)"
_SUPPLEMENT_LOCATOR = re.compile(
    r"\bSupp\.\s*\(?No\.\s*\d+\)?\s*,?\s*(?:at\s+)?(?P<pin>\d+(?:\s*[-–—]\s*\d+)?)\b"
)
# "And following" after a page, in the abbreviations of several languages.
# must match: " sgg." " ss" " e ss." " ff." " s." " segg." " sq." " et seq." " sg" "12sgg"
#             " f." (German, the next page) "69ff" "142f."
# must not match: "Titles" (no space or page before) " sala" " ed." " e" " Segg." " fa"
# The spaces are matched only from where they start, so a run of them is scanned once.
_FOLLOWING_TAIL = re.compile(
    r"(?:(?<!\s)\s+|(?<=\d))(?:(?:e|et)\s+)?(?:sgg?|ss|segg|ff?|sqq?|seq|s)\.?$"
)
# A lower-case tail after the locator ("Lee, 16, as cited above"), a note on what the
# place holds: after a comma, or after a space when two lower-case words open it.
# must match: ", as cited above" ", emphasis added" ", da Roma l’oratore" ", l’oratore di Pisa"
#             " with further references"
# must not match: ", passim" ", Late Edition" " e 9" (one word) " sgg." ", e 128" ", at 78"
# The spaces are matched only from where they start, so a run of them is scanned once.
_LOWERCASE_TAIL = re.compile(
    r"(?:,\s+|(?<!\s)\s+(?=[a-z]{2,}\s+[a-z]))(?!passim\b)[a-zà-ÿ][a-zA-Zà-ÿ’' ]{0,40}$"
)

# A numbered part after the locator: a document, note, plate, figure, chapter, section
# or entry of the pages cited, after a comma or "and"/"e".
# must match: ", doc. XII" ", nota 8" ", no. 412" ", doc. XII.3" ", tav. 3" " e figg. 1-8"
#             " and n. 26" ", and chap. X" ", Sezione IV" ", nn. 281, 282" ", Fn. 12" " Anm. 3"
# ... or a bare "nota"/"note" right after the page: the passage is in a note there.
# must match also: "p. 172 nota" "p. 9, note"
# must not match: ", Vol. 2" ", 1990" ", Nota bene" (no number) " and 12"
_NUMBERED_TAIL = re.compile(
    r"(?:,\s*(?:(?:and|e)\s+)?|(?<!\s)\s+(?:and|e)\s+|(?<=\d)\s+(?=(?:Fn|Fußn|Anm)\.))"
    r"(?:docs?|nos?|nn?|nota|note|tav|tab|figg?|chap|cap|Fn|Fußn|Anm"
    r"|(?i:sezione|sez|parte|part|section))"
    r"\.?\s*[\dIVXLCivxlc][\w.\-–, ]{0,20}$"
    r"|(?<=\d)(?:,\s*|\s+)(?:nota|note)$"
)
# A span of years, as titles give them ("1500-1700", "1378-81").
# must match: "1500-1700" "1378-81" "1500 – 1700"    must not match: "1500" "pp. 15-17"
_YEAR_SPAN = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)\s*[-–—]\s*\d{2,4}(?!\d)")
# Four-digit years.
# must match: "1972" "2004"    must not match: "12345" "A14684" "198"
_YEAR = re.compile(r"(?<![\d/])(?:1[5-9]\d\d|20\d\d)(?!\d)")
# A parenthesis holding a year: publication facts or a date.
# must match: "(Boston: Beacon, 1972)" "(1960)" "(Spring 1984)" "(3 April 1975)"
# must not match: "(No. 9)" "(emphasis added)"
_YEAR_PAREN = re.compile(r"\([^()]{0,200}?(?<![\d/])(?:1[5-9]\d\d|20\d\d)(?!\d)[^()]{0,60}\)")
# Day-month-year or month-day-year dates (with or without the day); Italian and French
# dates day first, the month in lower case or capitalised, "del" before the year or not.
# must match: "3 May 1985" "December 2, 1971" "Oct. 3, 1990" "27 luglio 1943"
#             "3 aprile del 1823" "4 set. 1607" "14 juillet 1790" "1° Maggio 1890"
# must not match: "June 1984" "March of 1985" "May I" "1984-March" "luglio 1943" (no day)
#                 "3 setole 1900"
_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
    r"|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_ROMANCE_MONTHS = (
    r"(?i:" + "|".join(_ROMANCE_MONTH_NAMES) + r"|(?:genn?|febb?|mar|apr|magg?|giu|lug|ago"
    r"|sett?|ott|nov|dic)\.)"
)
_DATE = re.compile(
    r"\b(?:\d{1,2}\s+" + _MONTHS + r",?\s+|" + _MONTHS + r"\s+\d{1,2},?\s+"
    r"|\d{1,2}[°º]?\s+" + _ROMANCE_MONTHS + r"(?!\w)\s*(?:del\s+)?)(?:1[5-9]\d\d|20\d\d)\b"
)
# Volume, issue and similar cues followed by a number.
# must match: "Vol. 64" "No. 3" "Vols. I" "vol. xii" "Nos. 3-4"    must not match: "Novel 3"
# "voi." is how OCR reads "vol." in Italian notes ("voi. 3"); "voi" as a word takes no period
# and number.
# must match also: "voi. 3" "voi. XII"    must not match: "voi siete"
# German volume (Band), year of a journal (Jahrgang), issue (Heft) and number.
# must match also: "Bd. 7" "Bde. 1-3" "Jg. 12" "Heft 3" "Nr. 5"    must not match: "Bd 7"
#                  "Heft" (no number) "Nr.x"
_VOLUME_CUE = re.compile(
    r"\b(?:[Vv]o[li]s?|[Nn]os?|Bde?|Jg|Nr)\.\s*(?:\d+|[IVXLC]+\b|[ivxlc]+\b)|\bHeft\s+\d"
)
# Editor and translator cues of a chapter or edition, in the corpora's languages.
# must match: ", ed. Paul" " eds. " " trans. " " edited by " ",a cura di " ", a c. di "
#             " hrsg. von " " hg. v. " ", éd. par " ", trad. di " " (Hrsg.)" " (Hg.)" "(Hrsg)"
#             " übers. v. "
# must not match: "edited" alone "la cura di sé" (no comma or space before "a cura")
#                 "(Hrsg. Lee)" (not the editor mark alone)
_ROLE_CUE = re.compile(
    r"(?:,\s*|\s)(?:eds?|trans|comp|hrsg|hg|éd|trad|übers)\.\s|\bedited\s+by\b"
    r"|\btranslated\s+by\b|(?:,\s*|\s)a\s+(?:cura|c\.)\s+di\s|\bherausgegeben\s+von\b"
    r"|\((?:Hrsg|Hg|Red|Bearb)\.?\)"
)
# A quoted title followed by the rest of a citation: a comma inside the closing quote.
# must match: '"Salt Roads," in' '"Title," The Times'    must not match: '"word" said'
_TITLE_QUOTE = re.compile(r"[,?!][\"”]\s*(?:in\s|[A-Z\d(])")
# Legal and official references: document symbols, codes, articles, resolutions.
# must match: "A/4684" "E/CN.4/1990/22" "U.N. GAOR" "§44" "Article 12" "Resolution 242"
#             "U.S.C." "F.2d"
# must not match: "and/or" "1988/89" "Articles of Faith"
_LEGAL = re.compile(
    r"\b[A-Z]{1,6}\d*(?:/[A-Z0-9][A-Za-z0-9.]*)+|§|\bU\.\s?N\.|\bU\.\s?S\.\s?C\b|\bGAOR\b"
    r"|\b(?:Article|Art\.|Resolution|Res\.|Section|Sec\.)\s*\d+|\b(?:Code|Stat|Doc)\.?\s*§?\d"
)
# ABNT (Brazilian) references open with their authors: SURNAME in capitals, a comma, the
# given names, several authors separated by semicolons, a role after the last, then a
# period and the title ("COOTER, Robert; ULEN, Thomas. Direito e economia. 5. ed. Porto
# Alegre: Bookman, 2010"). Its period and semicolons end no citation.
# must match: "TONON, Rafael. O que" "SPENGLER, F. M. Retalhos" "SAAD-DINIZ, Eduardo. C"
#             "ALMEIDA, D.A.R.; PANTOJA, F.M. Title" "BURKARD, F.-P. Title"
#             "COIMBRA, Marcelo de Aguiar; MANZI, Vanessa Alessi (Coord.). Manual"
# must not match: "BOORSTIN, THE MYSTERIOUS SCIENCE" (no given name) "Lee, Ann. Title"
#                 "F. HÖLDERLIN, Patmos. Title" (an initial before: not ABNT)
#                 (the surname not in capitals) "UN, Doc. A/123" (no title after)
_ABNT_INITIALS = r"[A-ZÀ-Ý]\.(?:-?[A-ZÀ-Ý]\.)*"  # "F." "D.A.R." "F.-P."
_ABNT_GIVEN = (
    r"(?:[A-ZÀ-Ý][a-zà-ÿ'’-]+|" + _ABNT_INITIALS + r")"
    r"(?:\s+(?:[A-ZÀ-Ý][a-zà-ÿ'’-]+|" + _ABNT_INITIALS + r"|de|da|do|dos|das|e|van|von|der|del))*"
)
_ABNT_AUTHOR = r"[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*(?:\s+[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*){0,2},\s+" + _ABNT_GIVEN
# A word in capitals and a comma: what every ABNT author block holds.
_CAPITALS_COMMA = re.compile(r"[A-ZÀ-Ý]{2}[A-ZÀ-Ý'’-]*,\s")
_ABNT_AUTHORS = re.compile(
    # not after an initial: "F. HÖLDERLIN, Patmos." puts the given name first
    r"(?<![\w,])(?<![A-Z]\.\s)(?<![A-Z]\.)" + _ABNT_AUTHOR + r"(?:\s*;\s*" + _ABNT_AUTHOR + r")*"
    r"(?:\s*\((?i:coords?|orgs?|eds?|dir)\.\))?(?:\.|(?<=\.))(?=\s+[A-ZÀ-Ý\"“«])"
)
# Name particles that stay lower case: "O. von Name", "A. da Name", "J. van der Name".
_PARTICLE = r"(?:von|van|der|den|de|da|di|del|della|du|des|la|le|ten|ter|zu|y)\s+"
# A personal or corporate name opening a citation, followed by a comma; the initials may
# follow the surname, as in catalogues.
# must match: "Ann B. Lee," "Lee," "S. T. Orme," "J. Vik and S. Orme," "Orme S.,"
#             "Orme S. T.," "Ann Lee - Bo Orme," "Ann Lee ," (OCR's space before the comma)
#             "Fr. Thiriet," "J.-M. Lee," (a hyphenated given name's initials)
# must not match: "For example," "In that letter," "Orme S. Title,"
# Given names abbreviated to more than an initial, as French, German and Italian notes
# print them: "Fr. Thiriet", "Ch. Diehl", "Th. Mommsen", "Gius. Neri".
_GIVEN_ABBREVIATION = (
    r"(?:Fr|Ch|Chr|Th|Ph|Wm|Jas|Jos|Geo|Jac|Hy|Edw|Alex|Ant|Giov|Gius|Fed|Franc)\.\s?"
)
_NAME_LEAD = (
    r"(?:[A-Z]\.(?:-[A-Z]\.)?\s?|" + _GIVEN_ABBREVIATION + r"|[A-Z][\w'’-]+\s+|" + _PARTICLE + r")"
)
_ONE_NAME = _NAME_LEAD + r"{0,6}[A-Z][\w'’-]+(?:\s[A-Z]\.){0,2}"
# Each repeated piece is one token of a kind the others cannot match, so the pattern runs
# in linear time even on long runs of initials ("A.A.A.A...").
_NAME_START = re.compile(
    r"^" + _ONE_NAME + r"(?:\s+(?:and|&|e|und|et|y|[-–])\s+" + _ONE_NAME + r")* ?,"
)
# "Idem" and its kin as a whole sentence (OCR turned the comma after it into a period).
# must match: "Idem" "idem" "Id." "Id.." "Eadem" "Ead."    must not match: "Ibid" "Idem, 4"
_IDEM_ALONE = re.compile(r"(?:Id|Idem|Eadem|Ead|Iidem)\.{0,2}$", re.IGNORECASE)
# A sentence that is only an author's name, its comma read as a period by OCR ("S. LEE.
# Title, Roma 1990"): initials or a capitalised surname.
# must match: "S. ROSSINI" "G. Lee" "A. B. Lee" "ROSSINI" "G. Neri-Bo"
# must not match: "Lee" (one ordinary word) "See Lee" "Cfr" "The Town Hall" "D. Neri-C"
# A hyphen joins name parts of two letters or more: in "D. Neri-C. Bo, Title" the "-C."
# is the next author's initial, not the end of a name closed by a period.
_BARE_NAME_BODY = r"(?:(?:[A-Z]\.\s?)+[A-Z][\w'’]+(?:-[\w'’]{2,})*|[A-Z]{3,}(?:\s+[A-Z]{3,})?)"
_BARE_NAME = re.compile(r"^" + _BARE_NAME_BODY + r"$")
# A sentence that is a surname alone, one or two capitalised words (OCR read the comma
# after it as a period: "Neri. La pittura, cit.").
# must match: "Neri" "Tacchi Neri" "D'Arco"    must not match: "G. Neri" (see _BARE_NAME)
#             "Neri e Rossi" "neri" "La pittura del Seicento"
_SURNAME_ALONE = re.compile(r"^[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?$")
# ... and such a name opening a citation: "S. LEE. Title, Roma 1990".
BARE_NAME_OPENING = re.compile(r"^" + _BARE_NAME_BODY + r"\.\s")
# A place and a year, as continental references give publication facts.
# must match: "Milano 1981" "Roma, 1990" "Paris 1970, pp." "Leipzig 1975" "Venezia [1995]"
# must not match: "in 1981" "March 1981" (a date) "Vol. 1981"
_PLACE_YEAR = re.compile(
    r"\b(?!(?:" + _MONTHS + r")\b)[A-Z][a-zà-ÿ]{2,}\.?,?\s\[?(?:1[5-9]\d\d|20\d\d)\b"
)
# A year closing a clause after a comma, as publication facts end.
# must match: ", 2001" ",Roma, 1990."    must not match: "in 2001" ", 2001, p. 3" ", 20012"
_END_YEAR = re.compile(r",\s*(?:1[5-9]\d\d|20\d\d)\s*\.?$")
# A cross-reference to another place of the citing article itself, not to a work.
# must match: "infra, nota 35" "above, note 4" "below, pp. 14-15" "here, p. 13" ". infra,pp. 4"
#             "Cfr. infra, n. 6" "ultra,nota 8" "sopra, p. 5" "above, part II"
#             "supra text accompanying note 191" "See infra text accompanying notes 41-42"
# must not match: "Below the Salt, 4" (a title) "Lee, above, 4" "infra dig." "here and there"
#                 "supra note 12" (a work cited in note 12)
_INTERNAL_REFERENCE = re.compile(
    r"[\W\d]{0,3}(?i:(?:cfr|cf|vedi|see)\.?\s+)?(?:infra|ultra|above|below|here|sopra|sotto|qui"
    # US law reviews: "supra text accompanying note 191", "infra notes 45-54 and
    # accompanying text" point to the article's own text
    r"|supra(?=\s+text\s+accompanying))"
    r"(?=[\s,.:;]*(?:pp?\.|nn?\.|notes?\b|nota\b|nt\.|part\b|text\b|\d|$))"
)
# A journal or series named in guillemets after a comma or "in", as Romance references
# give containers.
# must match: ",«Rivista di studi», " ", « Annali veneti »," "in «Studi»" ",«Archivio»"
# must not match: "disse «la città è persa»" (lower case, no comma) "«Studi»" (at start)
_QUOTED_JOURNAL = re.compile(
    r"(?:,|\bin)\s*«\s*[A-Z][^«»]{0,120}»"
    # ... or in double quotes, closed with no comma inside (an English quoted title ends
    # ',"') and followed by its volume or issue number, as Italian notes cite newspapers.
    # must match: ', “Il Corriere” XX, 31' ', "Gazzetta veneta" 12'
    # must not match: ', "Old Roads," Journal' ', “la città è persa” disse'
    r"|,\s*[\"“]\s*[A-Z][^\"“”\n]{0,120}[^\s,.;:?!\"“”][\"”]\s*(?:[IVXLC]{1,8}|\d{1,4})\b"
)
# Dots closing a shortened title, before an optional locator's comma or a bracket.
# must match: "Title..." "Title..., " "Title…" "Title [...]," "Title . ..)" "Title..:"
#             "Title [...],I," (a volume after the dots) "Title..., 1954-1955," (a year)
# must not match: "Title." "Title, p. 3" "U.S."
_CLOSING_DOTS = re.compile(
    r"(?:\.\s?\.\.?|…|\[\.\.\.\])[\s,;:)\]]*"
    r"(?:(?:[IVXLC]{1,6}|(?:1[5-9]|20)\d\d(?:\s*[-–]\s*\d{2,4})?)[\s,;:]*)?$"
)
# A year printed in roman numerals, as early-modern imprints give it, in capitals or not,
# its letters spaced or dotted: an M, then D or C, then up to 14 more roman letters.
# must match: "MDCXX" "mdcxxiii" "m dc xix" "M.DC.XI" "MDLVI"
# must not match: "Mild" "MD" "Mac" "MIX"
_ROMAN_YEAR = r"(?<!\w)(?i:m[.\s]?[dc](?:[.\s]?[mdclxvi]){0,14})(?!\w)\.?"
# The "no place, no date, no printer" marks of a reference without an imprint.
# must match: "s.d." "s.a" "s. l." "[s.n.t.]" "(s.i.d.)" "s.l., s.d."
# must not match: "s.v." "sd" "s. Marco"
_NO_IMPRINT = (
    r"[\[(]?s\.\s?(?:[adl1]|n\.\s?t|i\.\s?d)\.?[\])]?"
    r"(?:\s*,?\s*[\[(]?s\.\s?(?:[adl1]|n\.\s?t|i\.\s?d)\.?[\])]?)?"
)
# A year of an era that imprints of its time print with the year or instead of it: the
# Italian republics of 1797-99 ("anno I della libertà italiana") and the Fascist era
# ("anno XV", "a. XV E.F.", "anno XV dell'era fascista").
# must match: "anno I della libertà italiana" "anno XV E.F." "anno XV dell’Era Fascista"
#             "a. XV E. F."
# must not match: "anno I" alone (a volume's year of issue) "anno 1990" "un anno"
_ERA_YEAR = (
    r"(?i:(?:anno|a\.)\s+[IVXL]{1,6}\s+(?:della\s+libertà(?:\s+italiana)?"
    r"|dell['’]\s*era\s+fascista|e\.\s?f\.?))"
)
# Publication facts closing a reference: a place (or places) and a year, with up to two
# parts of publisher between them and a number of volumes; the year may be a span, in
# roman numerals, or replaced by the marks of no date.
# must match: ",Venezia 1999" ", Roma, Viella, 2001" ",Padova. 1713" ", Paris-London 1980"
#             ", Casa editrice Neri, 1989" "In Roma 1590" ", Roma, Ed. del Borgo, 3 voll., 1880"
#             ", Roma, Borgo, 1806-1808" ", In Roma, Appresso Neri, MDCXX" ", Firenze, s.a"
#             ", Roma, Istituto di lettere, scienze ed arti, 2004" ", Rome 1914, 3 voll."
#             ", Venezia [1995]" (a year the book does not print) ", Parigi-L’Aja, 1966"
#             ",1797 anno I della libertà italiana" ", III, anno I della libertà italiana"
#             ", Friburgi Brisgoviae 1930" ", New York 1990"
# must not match: ", in 1999" ", June 1999" ", p. 1999" "Venezia 1999" (no comma before)
#                 ", Roma, s.v. mulino"
_CLOSING_FACTS = re.compile(
    # a year of an era alone after a comma, with or without the common year before it
    r",\s*(?:(?:1[5-9]\d\d|20\d\d)\s*,?\s*)?" + _ERA_YEAR + r"$|"
    r"(?:,|\bIn)\s*(?!(?:"
    + _MONTHS
    + r")\b)[A-Z][a-zà-ÿ]{2,}(?:[-–][A-Z](?:['’][A-Z])?[a-zà-ÿ]+|\s[A-Z][a-zà-ÿ]{2,})*\.?"
    r"(?:,\s*[^,\d]{2,60}){0,2}(?:,\s*\d{1,2}\s*vo[il]{1,2}\.)?,?\s*"
    r"(?:\[?(?:1[5-9]\d\d|20\d\d)(?:\d|\s*[-–]\s*\d{2,4})?\]?(?:,?\s*"
    + _ERA_YEAR
    + r")?|"
    + _ROMAN_YEAR
    + r"|"
    + _NO_IMPRINT
    + r"|"
    + _ERA_YEAR
    + r")"
    r"(?:,\s*\d{1,2}\s*vo[il]{1,2}s?\.?)?$"
)
# An imprint in brackets, as English notes give it: place, colon, publisher, year.
# must match: "(Venice: Neri, 1592)" "(Padua: Accademia de’ Ricovrati, 1729)"
#             "(New York: Ash Press, 1990)" "(Cambridge, MA: Belknap, 1999)"
# must not match: "(1592)" "(see below: p. 5, 1592)" (lower case) "(Venice, 1592)"
_BRACKETED_IMPRINT = re.compile(
    r"\((?:[A-Z][\w'’.-]*\s?){1,3}(?:,\s*[A-Z]{2}\.?)?:\s*[A-Z][^()]{1,80},\s*"
    r"(?:1[5-9]\d\d|20\d\d)\)"
)
# The bracketed marks of no date, no place or no printer closing a reference, as
# catalogues of pamphlets give them.
# must match: "Title[s.a.] [s.l.]" "Title [s.n.t.]." "Title[s.a.][s.l.]" "Title [s. l.]"
# must not match: "s.a." (no brackets: a word too) "[sic]" "[s.v. mulino]"
_NO_IMPRINT_AT_END = re.compile(
    r"\[s\.\s?(?:[adl1]|n\.\s?t|i\.\s?d)\.?\](?:\s*\[s\.\s?(?:[adl1]|n\.\s?t)\.?\])?[\s.]*$"
)
# An early-modern imprint: "In" and a place, then the printer introduced by "appresso",
# "presso", "dalle stampe", or "per" before a capitalised name (the year may be missing).
# must match: "In Roma, Appresso gli eredi" "In Roma. Presso Neri" "in Vinegia, per Nero"
#             "In Roma, dalle stampe di Neri" "In Roma per Nero Neri"
# must not match: "in Roma per vendere" "In Roma, per esempio" "In Roma si vedono"
#                 "in 1990, per"
_IMPRINT = re.compile(
    r"\b[Ii]n\s+[A-Z][a-zà-ÿ]{2,}[.,]?\s+(?:(?i:appresso|presso|dalle\s+stampe|nella\s+stamperia)"
    r"\s+[A-Za-zÀ-ÿ]|per\s+[A-Z])"
)
# Words, for the prose measure.
# must match: "Lee" "human" "L'Express" "Co-operation"    must not match: "1972" ","
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# A trailing "Vol. X" / "Vols. X" of a short-title form.
# must match: " Vol. XVIII" " Vol. 2" " Vols. 1-2"    must not match: "Volume" " No. 3"
# The match starts where the white space before it starts (never after a space) and takes
# that space possessively, so a long run of spaces costs linear time, not cubic.
_TRAILING_VOLUME = re.compile(
    r"(?<!\s)\s*+,?\s*+\b[Vv]ols?\.\s*(?P<volume>[\dIVXLCivxlc]+(?:\s*[-–]\s*\d+)?)$"
)
# One name of a short form: capitalised words or initials, with lower-case particles.
# must match: "Lee" "Ortiz de Rosas" "Ann B. Lee" "van der Berg"
# must not match: "the World" "Speeches and Writings" (has "and" -> split first)
# A run of initials is taken whole (possessive "++"): splitting "A. A. A. ..." among the
# repetitions in every way made the pattern O(n^4) on a long run of initials.
_NAME = re.compile(
    r"^(?:(?:[A-Z]\.\s?)++\s*|(?:[A-Z][\w'’~-]*|de|del|della|der|den|di|du|da|la|le|van|von)\s+)"
    r"{0,4}[A-Z\d][\w'’~-]*$"
)
# Lower-case name particles that belong to the family name.
_PARTICLES = frozenset("de del della der den di du da la le van von ten ter".split())


# ---------------------------------------------------------------------------------------
# Public API


def split_citations(
    footnote: Footnote,
    source: str,
    *,
    aliases: Collection[str] = (),
    parse: Parser | None = None,
) -> tuple[Citation, ...]:
    """Split one footnote into its citations, with spans into the source text.

    Args:
        footnote: a footnote found in ``source`` (see :func:`citex.footnotes.find_footnotes`).
        source: the decoded OCR text the footnote came from.
        aliases: short names defined by "(hereinafter X)" in earlier notes of the
            document; a citation that is just such a name (and a locator) gets kind
            ``"hereinafter"``.
        parse: the field parser for full citations; defaults to
            :func:`citex.reference.parse_reference`.

    Returns:
        The note's citations in reading order; empty for a note of pure commentary.

    Example:
        >>> from citex.footnotes import find_footnotes
        >>> src = "Text.1\\n1. See Ann Lee, Old Roads (Boston: Beacon, 1972), 8; Ibid., 9.\\n"
        >>> [(c.kind, c.signal, c.pinpoint) for c in split_citations(find_footnotes(src)[0], src)]
        [('full', 'see', '8'), ('ibid', 'see', '9')]
    """
    from .footnotes import text_span_to_source

    found = split_citations_in_text(footnote.text, aliases=aliases, parse=parse)
    return tuple(
        replace(c, spans=_to_source(footnote, source, c.spans, text_span_to_source)) for c in found
    )


def split_citations_in_text(
    text: str,
    *,
    aliases: Collection[str] = (),
    parse: Parser | None = None,
) -> list[Citation]:
    """Split the plain text of one note into its citations.

    The same as :func:`split_citations` without a source: each citation's ``spans`` hold
    one ``(start, end)`` range into ``text`` itself.

    Args:
        text: the text of one note, lines joined.
        aliases: short names defined by "(hereinafter X)" earlier in the document.
        parse: the field parser for full citations; defaults to
            :func:`citex.reference.parse_reference`.

    Returns:
        The citations in reading order.

    Example:
        >>> cites = split_citations_in_text("Lee, 10; see also Ibid., 12.")
        >>> [(c.text, c.kind, c.signal, c.pinpoint) for c in cites]
        [('Lee, 10', 'short', None, '10'), ('Ibid., 12', 'ibid', 'see also', '12')]
    """
    parser = parse if parse is not None else _default_parser()
    known = {_alias_key(a) for a in aliases}
    out: list[Citation] = []
    for piece in _find_pieces(text):
        citation = _make_citation(text, piece, known, parser)
        alias = _defined_alias(citation.text)
        if alias:
            known.add(_alias_key(alias))
        out.append(citation)
    return out


def find_citations(
    footnotes: Iterable[Footnote], source: str, *, parse: Parser | None = None
) -> tuple[Footnote, ...]:
    """Fill in the citations of every footnote of one document, in note order.

    Aliases defined by "(hereinafter X)" carry from each note to the later ones.

    Args:
        footnotes: the document's footnotes, in order.
        source: the decoded OCR text they were found in.
        parse: the field parser for full citations; defaults to
            :func:`citex.reference.parse_reference`.

    Returns:
        The footnotes with ``citations`` set.

    Example:
        >>> from citex.footnotes import find_footnotes
        >>> src = "Text.1 2\\n1. Ann Lee, Old Roads (Boston: Beacon, 1972) (hereinafter Roads).\\n"
        >>> src += "2. Roads, 4.\\n"
        >>> [c.kind for f in find_citations(find_footnotes(src), src) for c in f.citations]
        ['full', 'hereinafter']
    """
    aliases: list[str] = []
    out: list[Footnote] = []
    for note in footnotes:
        cites = split_citations(note, source, aliases=aliases, parse=parse)
        aliases.extend(a for a in (_defined_alias(c.text) for c in cites) if a)
        out.append(replace(note, citations=cites))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# Pass 1: sentences and clauses on protected text


@dataclass(frozen=True)
class _Piece:
    """One citation's place in the note, with what the split learnt about it."""

    start: int
    end: int
    signal: str | None
    relation: str | None
    followed_by_relation: bool


def _find_pieces(text: str) -> list[_Piece]:
    """Every citation of a note as a piece of its text, in reading order."""
    protected = _protected_mask(text)
    pieces: list[_Piece] = []
    for s_start, s_end in _join_continued(text, protected, _sentences(text, protected)):
        signal: str | None = None
        clauses = _join_clauses(text, _split_outside(text, protected, s_start, s_end, ";"))
        for c_start, c_end in clauses:
            if pieces and _LOCATOR_CLAUSE.match(text, c_start, c_end):
                # "Ivi, vol. 13, p. 46; vol. 16, p. 112": more places in the same work
                pieces[-1] = replace(pieces[-1], end=c_end)
                continue
            found = _citation_region(text, protected, c_start, c_end)
            if found is None:
                signal = None  # commentary ends the reach of a signal
                continue
            start, end, new_signal = found
            signal = new_signal or signal
            pieces.extend(_split_relations(text, protected, start, end, signal))
    return pieces


def _join_clauses(text: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clauses with a title cut at a semicolon (OCR for a colon) joined again.

    "A. Lee, The Towns; Kent and Essex, 1500-1700, Oslo 1986": a name-opening clause that
    is no citation alone, followed by one that continues it (no name, signal or Ibid. of
    its own) and together reads as a citation.
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(clauses):
        start, end = clauses[i]
        if i + 1 < len(clauses):
            first, (n_start, n_end) = text[start:end], clauses[i + 1]
            following = text[n_start:n_end]
            if (
                _NAME_START.match(first)
                and _prose_share(first, title_words=_TITLE_WORDS) <= JOIN_PROSE_SHARE
                and not _is_citation(first, by_shape=False)
                and not _opens_citation(following)
                and _reads_as_citation(text[start:n_end])
            ):
                out.append((start, n_end))
                i += 2
                continue
        out.append((start, end))
        i += 1
    return out


def _reads_as_citation(text: str) -> bool:
    """Whether joined pieces read as one citation (judged without the shape rules)."""
    return _is_citation(text, by_shape=False) or _reads_as_full(text)


def _protected_mask(text: str) -> bytearray:
    """1 for characters inside double quotes or brackets, where no split may happen, and
    for the semicolons and the closing period of an ABNT author block ("COOTER, Robert;
    ULEN, Thomas. Direito e economia ..."), which end no citation."""
    mask = bytearray(len(text))
    # (a surname in capitals and its comma first, a cheap test most notes fail)
    for m in _ABNT_AUTHORS.finditer(text) if _CAPITALS_COMMA.search(text) else ():
        for i in range(m.start(), m.end()):
            if text[i] == ";":
                mask[i] = 1
        mask[m.end() - 1] = 1  # the period closing the authors
    quotes = [i for i, ch in enumerate(text) if ch in _DOUBLE_QUOTES]
    for a, b in zip(quotes[::2], quotes[1::2], strict=False):
        mask[a + 1 : b] = b"\x01" * (b - a - 1)
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            a = stack.pop()
            if i - a <= MAX_PAREN_SPAN:
                mask[a + 1 : i] = b"\x01" * (i - a - 1)
    return mask


def _sentences(text: str, protected: bytearray) -> list[tuple[int, int]]:
    """Sentence ranges of the note, each trimmed, its closing period dropped."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        dot = m.start()
        # After '."' the closing quote decides: the period itself is inside the quotation.
        guard = m.start("quote") if m.group("quote") else dot
        if protected[guard] or not _ends_sentence(text, dot):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return [r for r in (_trim_sentence(text, a, b) for a, b in out) if r[0] < r[1]]


def _join_continued(
    text: str, protected: bytearray, sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences with a citation cut at a title's inner period joined again.

    A sentence that opens with a name but is no citation alone ("G. Lee, La libreria di
    San Marco") is joined to the next one or two when they continue it (no signal, Ibid.
    or new name and title of their own) and the join reads as a citation.
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        start, end = sentences[i]
        first = text[start:end]
        reach = i
        abnt = _last_abnt_block(first)
        if abnt and i + 1 < len(sentences) and not _YEAR.search(first, abnt.end()):
            # An ABNT reference runs, element after element each closed by a period,
            # to its year ("TONON, Rafael. Title? Journal, n. 247, p. 38-39, dez. 2007"),
            # unless another author block or a signal opens a citation first.
            k, opened = i + 1, i  # opened: the sentence the last reference opened in
            while k < len(sentences) and k <= opened + ABNT_SENTENCES:
                following = text[sentences[k][0] : sentences[k][1]]
                if _ABNT_AUTHORS.match(following) or (
                    _opens_citation(following) and not _ABNT_ELEMENT.match(following)
                ):
                    break
                reach = k
                if _YEAR.search(following):
                    # a later reference may open in the same sentence, after a semicolon
                    # ("..., 2010; DON, Peppers. Title."): it runs on to its own year
                    later = _last_abnt_block(following)
                    if later is None or _YEAR.search(following, later.end()):
                        break
                    opened = k
                k += 1
            if (
                reach + 1 < len(sentences)
                and _YEAR.search(text, start, sentences[reach][1])
                and _LOCATOR_CLAUSE.match(text, *sentences[reach + 1])
            ):
                reach += 1  # "... 2021. cap. 45, p. 662-672": the pages after the year
            if reach > i and _YEAR.search(text, start, sentences[reach][1]):
                out.append((start, sentences[reach][1]))
                i = reach + 1
                continue
            reach = i
        if (
            i + 1 < len(sentences)
            and _SURNAME_ALONE.match(first)
            and not any(w.lower() in _NOT_NAMES for w in first.split())
            and _back_to_a_title(text[sentences[i + 1][0] : sentences[i + 1][1]])
        ):
            # "Neri. La pittura, cit., p. 5": a surname whose comma OCR read as a period,
            # then a short title and cit.
            out.append((start, sentences[i + 1][1]))
            i += 2
            continue
        if (
            i + 1 < len(sentences)
            and _IDEM_ALONE.match(first)
            and not _opens_citation(text[sentences[i + 1][0] : sentences[i + 1][1]])
            and _reads_as_citation(text[sentences[i + 1][0] : sentences[i + 1][1]])
        ):
            # "Idem. Title, Place 1957": the same author's new work, its comma read as a
            # period; a page alone or prose after "Id." stays apart.
            out.append((start, sentences[i + 1][1]))
            i += 2
            continue
        if (
            i + 1 < len(sentences)
            and (_NAME_START.match(first) or _BARE_NAME.match(first))
            and not _has_unprotected(text, protected, start, end, ";")
            and _prose_share(first, title_words=_TITLE_WORDS) <= _join_prose_limit(first)
            and not _is_citation(first, by_shape=False)
        ):
            bare = not _NAME_START.match(first)  # "G. LEE. Title": any title may follow
            for k in range(i + 1, min(len(sentences), i + 1 + JOIN_SENTENCES)):
                k_start, k_end = sentences[k]
                if _opens_citation(text[k_start:k_end], after_bare_name=bare and k == i + 1):
                    break
                clause_end = _split_outside(text, protected, k_start, k_end, ";")[0][1]
                joined = text[start:clause_end]
                if _is_citation(joined, by_shape=False) or _reads_as_full(joined):
                    reach = k
                    break
        elif (
            i + 1 < len(sentences)
            and (idem := _IDEM.match(first))
            and _TITLE_START.match(first, idem.end())
            and not _YEAR.search(first)
            and _find_pinpoint(first).value is None
        ):
            # "Id., Una finanza d'ancien régime. La Repubblica, Napoli 1990": the same
            # author's title cut at its inner period, the facts in the next sentence.
            k_start, k_end = sentences[i + 1]
            clause_end = _split_outside(text, protected, k_start, k_end, ";")[0][1]
            if not _opens_citation(text[k_start:k_end]) and _reads_as_full(text[start:clause_end]):
                reach = i + 1
        elif i + 1 < len(sentences) and _title_sentence(text, protected, start, end):
            # "L'Orfeo. Tragedia in cinque atti, In Roma, Presso Neri, 1619": a
            # title cut at its inner period, the publication facts in the next sentence.
            k_start, k_end = sentences[i + 1]
            following = text[k_start:k_end]
            clause_end = _split_outside(text, protected, k_start, k_end, ";")[0][1]
            if not _opens_citation(following) and _reads_as_full(text[start:clause_end]):
                reach = i + 1
        out.append((start, sentences[reach][1]))
        i = reach + 1
    return _join_facts_only(text, protected, out)


# Elements of an ABNT reference that may read as a new citation's opening: the volume a
# chapter is in, the translator, the editor, where and when it was found online.
# must match: "In: SPENGLER, F.M. (orgs.)" "Tradução de Ana Lee, Rio" "Trad. Ana Lee"
#             "Disponível em: http" "Acesso em: 3 maio 2020"
# must not match: "Intervenção" "Traduzir" "In the"
_ABNT_ELEMENT = re.compile(
    r"(?:In:|Tradução\b|Trad\.|Organização\b|Coordenação\b|Disponível\s+em\b|Acesso\s+em\b)"
)


def _last_abnt_block(sentence: str) -> re.Match[str] | None:
    """The last ABNT author block of a sentence that opens a citation: near the sentence's
    start (past a signal or a short lead-in) or after a semicolon or a colon."""
    if not _CAPITALS_COMMA.search(sentence):
        return None
    last = None
    for m in _ABNT_AUTHORS.finditer(sentence):
        before = sentence[: m.start()].rstrip()
        if m.start() <= ABNT_AUTHOR_REACH or before.endswith((";", ":")):
            last = m
    return last


def _join_facts_only(
    text: str, protected: bytearray, sentences: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentences of publication facts alone ("1959-1960, Milano 1960, p. 1151", "Roma 1951,
    pp. 3-4") joined to the sentences before them that they close.

    Such a sentence names no work, so it cannot be a citation of its own: the period
    before it is a title's inner period or OCR's reading of a comma. It takes back up to
    ``JOIN_SENTENCES`` sentences that are no citation alone (a title's parts, an author's
    name), or one shortened title ("Annuario..." before "1954-1955, p. 7").
    """
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        sentence = text[start:end]
        if out and _FACTS_ONLY.match(sentence):
            taken = 0
            while (
                out
                and taken < JOIN_SENTENCES
                and not _has_unprotected(text, protected, out[-1][0], out[-1][1], ";")
                and _may_precede_facts(text[out[-1][0] : out[-1][1]], first=taken == 0)
            ):
                start = out.pop()[0]
                taken += 1
                if _is_shortened_title(text[start:end]):
                    break
        out.append((start, end))
    return out


def _may_precede_facts(sentence: str, *, first: bool) -> bool:
    """Whether a sentence may be the opening of the citation that publication facts close:
    capitalised, no internal cross-reference, signal or Ibid., and no citation alone
    unless it is a title shortened with dots (only right before the facts)."""
    if not sentence[:1].isupper() or _INTERNAL_REFERENCE.match(sentence):
        return False
    if _signal_at_start(sentence, 0, len(sentence)) or _IBID.match(sentence):
        return False
    if _YEAR.search(sentence):
        return False  # it has publication facts of its own
    if _is_citation(sentence, by_shape=False):
        return False
    return first or not _is_shortened_title(sentence)


# A sentence that is publication facts alone: a year or a span of years, or a place and a
# year, then at most a place, publisher and locators.
# must match: "1959-1960, Milano i960, p. 1151" "Roma 1951, pp. 376-378" "Venezia, 1978, p. 2"
#             "1954-1955, p. 1357" "Venezia [1995]" (a year the book does not print)
# must not match: "Roma e Venezia nel 1951" "1951 fu un anno" "Lee, Roads, 1951" "Storia, 1951"
_FACTS_ONLY = re.compile(
    r"^(?:(?:1[5-9]\d\d|20\d\d)(?:\s*[-–]\s*\d{2,4})?"
    r"|[A-Z][a-zà-ÿ]{2,}(?:[-–][A-Z][a-zà-ÿ]+)*,?\s\[?(?:1[5-9]\d\d|20\d\d)\]?)(?:\s*[,.;]|\s*$)"
)


# A title's first letter, after "Id., ": a capital or an opening quote.
_TITLE_START = re.compile(r"[«\"“‘']?[A-ZÀ-Ý]")


def _join_prose_limit(first: str) -> float:
    """The share of prose a name-opening sentence may hold and still be joined to the next.

    A name followed by a capitalised title ("A. Lee, Il potere dogale come
    rappresentazione") may hold more: an Italian or French sentence-case title is mostly
    lower case, and commentary after a name goes on in lower case ("Lee, however, ...").
    """
    m = _NAME_START.match(first)
    rest = first[m.end() :].lstrip() if m else ""
    if rest[:1].isupper() or rest[:1] in "\"“«‘'":
        return JOIN_TITLED_PROSE_SHARE
    return JOIN_PROSE_SHARE


def _back_to_a_title(sentence: str) -> bool:
    """'La pittura, cit., p. 5': a capitalised short title and op. cit. or cit., no name
    or signal of its own."""
    m = _SUPRA.search(sentence) or OCR_CIT.search(sentence)
    return (
        m is not None
        and sentence[:1].isupper()
        and not _opens_citation(sentence)
        and _is_short_title(sentence[: m.start()].strip(_TRAILING_PUNCTUATION))
    )


def _title_sentence(text: str, protected: bytearray, start: int, end: int) -> bool:
    """Whether a sentence may be the opening of a title cut at its inner period: short,
    capitalised, no citation alone, not mostly prose, no signal or Ibid."""
    first = text[start:end]
    words = _WORD.findall(first)
    # A short title ("L'Italia dei quarantacinque giorni") is mostly lower case in most
    # languages; commentary this short still has a verb or a pronoun.
    short = (
        len(words) <= SHORT_TITLE_SENTENCE_WORDS
        and "," not in first
        and not any(w.lower() in _COMMENTARY_WORDS for w in words)
    )
    prose_limit = SHORT_TITLE_SENTENCE_PROSE if short else JOIN_PROSE_SHARE
    return (
        len(first) <= TITLE_SENTENCE_LENGTH
        and first[:1].isupper()
        and not _opens_citation(first)
        and not _INTERNAL_REFERENCE.match(first)
        and not _has_unprotected(text, protected, start, end, ";")
        and _prose_share(first, title_words=_TITLE_WORDS) <= prose_limit
        and not _is_citation(first, by_shape=False)
    )


def _has_unprotected(text: str, protected: bytearray, start: int, end: int, ch: str) -> bool:
    """Whether ``ch`` stands in ``text[start:end]`` outside quotes and brackets."""
    return any(text[i] == ch and not protected[i] for i in range(start, end))


def _opens_citation(sentence: str, *, after_bare_name: bool = False) -> bool:
    """Whether a sentence begins a citation of its own rather than continuing a title.

    A signal, Ibid. or a relation opens one; so does a name followed by a capitalised
    title, unless what follows the comma is publication facts ("Six Essays,Roma 1979"),
    or the sentence before is an author's name alone (then a title opening with a name,
    "G. LEE. Anna Neri, una vita", is that author's).
    """
    if _signal_at_start(sentence, 0, len(sentence)) or _IBID.match(sentence):
        return True
    if _RELATION_AT_START.match(sentence) or LEADING_FOREIGN_SIGNAL.match(sentence):
        return True
    if after_bare_name:
        return False
    m = _NAME_START.match(sentence)
    if not m:
        return False
    rest = sentence[m.end() :].lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0] in "\"“«'‘") and not _PLACE_YEAR.match(rest)


# A page with "f."/"ff." (and the following pages) and a capitalised word after it.
# must match: "161 ff. Auf" "12 f. Die"    must not match: "161 ff. 2" "161 ff. in" "ff. Auf"
_PAGE_THEN_SENTENCE = re.compile(r"\d\s?ff?\.\s+[A-ZÄÖÜ][a-zäöüß]")


def _ends_sentence(text: str, dot: int) -> bool:
    """False when the punctuation at ``dot`` closes an abbreviation or an initial."""
    if text[dot] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, dot - 30), dot)
    # OCR drops the space after a comma ("Title,pp. 5") or a short title's dots
    # ("Title...pp. 5"): the word after them counts.
    token = _AFTER_COMMA_OR_DOTS.split(word.group(0) if word else "")[-1]
    token = token.translate(_OCR_LOOKALIKES)  # "η." and "ρρ." are "n." and "pp."
    # OCR glues words ("QuarterlyVol."): the last capitalised part is the abbreviation.
    glued = _GLUED_TAIL.search(token)
    tail = glued.group(0) if glued else token
    hyphen_tail = token.rpartition("-")[2]
    if _GLUED_PAGE.search(token) and _DIGIT_AFTER.match(text, dot + 1):
        return False  # "Librarionp. 12": a page glued to the title's last word
    if token[:1].isupper() and _YEAR_AFTER_PLACE.match(text, dot + 1):
        return False  # "Title,Padova. 1713": the comma before the year read as a period
    if _INITIAL_AFTER_HYPHEN.search(token):
        return False  # "L. Neri-G. Bo, Title": two authors joined by a dash, the initial's period
    glued_initial = _ABBREVIATION_THEN_INITIAL.match(token)
    if glued_initial and glued_initial.group(1) in _NO_BREAK_ABBREVIATIONS:
        return False  # "ed.J. Lee": the space after "ed." lost, the initial's period
    if token.lower() in _BEFORE_NUMBER and _NUMBER_AFTER.match(text, dot + 1):
        return False  # "a cura di G. Neri, t. IX, Venezia 1773": a tome, not a sentence end
    if token == "v" and not _INITIAL_AFTER.match(text, dot + 1):
        return False  # "Lee v. Iran", "Urt. v. 8.9.2016"; Italian "v. G. Neri" is "see"
    if token.isdigit() and len(token) <= MAX_ORDINAL_DIGITS and _AFTER_ORDINAL.match(text, dot + 1):
        return False  # "9. Aufl. 2016", "vom 20. März 1980": a German ordinal
    if token in ("f", "ff") and _PAGE_THEN_SENTENCE.search(text, max(0, dot - 12), dot + 6):
        return True  # "ZfRV 2000, 161 ff. Auf den ...": the page's "ff." ends the sentence
    return not (
        token.lower() in _NO_BREAK_ABBREVIATIONS
        or tail.lower() in _NO_BREAK_ABBREVIATIONS
        or _INITIALS.match(token)
        # after a hyphen: "Iran-U.S. C.T.R." (dotted initials), "BT-Drs. 18/123"
        or hyphen_tail.lower() in _NO_BREAK_ABBREVIATIONS
        or ("." in hyphen_tail and _INITIALS.match(hyphen_tail))
    )


def _trim_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and a sentence's own final period (an abbreviation keeps its period)."""
    start, end = _strip(text, start, end)
    if end > start and text[end - 1] == "." and not text.endswith("..", start, end):
        word = _LAST_WORD.search(text, max(start, end - 31), end - 1)
        token = (word.group(0) if word else "").rstrip(",").rpartition(",")[2]
        if not (token.lower() in _KEEP_PERIOD_WORDS or _INITIALS.match(token)):
            end -= 1
    return _strip(text, start, end)


def _split_outside(
    text: str, protected: bytearray, start: int, end: int, sep: str
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at unprotected ``sep`` characters; ranges trimmed."""
    out: list[tuple[int, int]] = []
    piece = start
    for i in range(start, end):
        if text[i] == sep and not protected[i]:
            out.append(_strip(text, piece, i))
            piece = i + 1
    out.append(_strip(text, piece, end))
    return [r for r in out if r[0] < r[1]]


def _strip(text: str, start: int, end: int, chars: str = " \t\n") -> tuple[int, int]:
    """Narrow a range past leading and trailing ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------
# Pass 2: signals and commentary


def _citation_region(
    text: str, protected: bytearray, start: int, end: int
) -> tuple[int, int, str | None] | None:
    """Where the citation of a clause lies and its signal, or None for commentary."""
    conjunction = _LEADING_CONJUNCTION.match(text, start, end)
    if conjunction:
        start, end = _strip(text, conjunction.end(), end)
    start = _skip_stray_opening(text, start, end)
    signal = None
    m = _signal_at_start(text, start, end)
    if m:
        signal = _normalise_signal(m.group("signal"))
        start = m.end()
    else:
        inside = _signal_inside(text, protected, start, end)
        if inside is not None:
            start, signal = inside
    start = _skip_description(text, protected, start, end)
    if start is None:
        return None
    tail = _citation_after_lead_in(text, protected, start, end)
    if tail is not None:
        return tail, end, signal
    return (start, end, signal) if _is_citation(text[start:end]) else None


# Punctuation OCR leaves before a clause's first word (".ivi, p. 4", "·Lee, 5"); an
# opening bracket with no closing one after it ("(ibid.") is stray too.
_STRAY_OPENING = ".,;:·"


def _skip_stray_opening(text: str, start: int, end: int) -> int:
    """The start of a clause past stray punctuation (a short title's dots stay)."""
    if text.startswith("..", start) or text.startswith("…", start):
        return start
    unclosed = text.find(")", start, end) < 0
    while start < end and (text[start] in _STRAY_OPENING or (text[start] == "(" and unclosed)):
        start += 1
    return _strip(text, start, end)[0]


def _signal_inside(text: str, protected: bytearray, start: int, end: int) -> tuple[int, str] | None:
    """A lower-case signal after a commentary lead-in: (citation start, signal)."""
    for m in _SIGNAL_INSIDE.finditer(text, start, min(end, start + MAX_LEAD_IN)):
        if protected[m.start("signal")]:
            continue
        signal = _normalise_signal(m.group("signal"))
        # German "vgl."/"siehe" stand in no title: a lead-in of capitalised nouns ("Zu den
        # Kaianlagen, vgl.") ends there too.
        german = signal.startswith(("vgl", "siehe"))
        if german or _prose_share(text[start : m.start()]) >= LEAD_IN_PROSE_SHARE:
            return m.end(), signal
    return None


def _skip_description(text: str, protected: bytearray, start: int, end: int) -> int | None:
    """Skip "the reports sent to the council:" before a citation; None if all description."""
    first = _WORD.match(text, start, end)
    if not first or first.group(0) not in _DESCRIPTIVE_STARTS:
        return start
    for i in range(start, end - 1):
        if text[i] == ":" and not protected[i] and text[i + 1] == " ":
            return _strip(text, i + 1, end)[0]
    if _prose_share(text[start:end]) < LEAD_IN_PROSE_SHARE:
        return start
    # "her work Title (Place: Publisher, 1600), 4": a few words of description before a
    # capitalised title and strong publication facts.
    for m in _WORD.finditer(text, start, min(end, start + MAX_LEAD_IN)):
        if m.group(0)[0].isupper():
            lead_words = len(_WORD.findall(text, start, m.start()))
            rest = text[m.start() : end]
            if lead_words <= DESCRIPTION_WORDS and _citation_score(rest) >= STRONG_SCORE:
                return m.start()
            break
    return None


def _signal_at_start(text: str, start: int, end: int) -> re.Match[str] | None:
    """A signal opening ``text[start:end]``, English or German, with its group "signal"."""
    return _SIGNAL_AT_START.match(text, start, end) or _GERMAN_SIGNAL_AT_START.match(
        text, start, end
    )


def _normalise_signal(signal: str) -> str:
    """'See for example,' -> 'see for example'; 'See, e.g.,' -> 'see e.g.';
    'Vgl. z. B.:' and Austrian 'Vgl zB' -> 'vgl. z.b.'."""
    words = signal.replace(",", " ").rstrip(" :").lower().split()
    words = [_SIGNAL_SPELLINGS.get(w, w) for w in words]
    return " ".join(words).replace("e. g.", "e.g.").replace("z. b.", "z.b.")


# German signal words printed without their periods (Austrian style), and their spelling
# with them.
_SIGNAL_SPELLINGS = {"vgl": "vgl.", "zb": "z.b."}


def _citation_after_lead_in(text: str, protected: bytearray, start: int, end: int) -> int | None:
    """Start of a citation closing a commentary clause after "in", or None."""
    for m in _IN_WORD.finditer(text, start, min(end, start + MAX_LEAD_IN)):
        cut = m.end()
        if cut >= end or protected[cut - 1] or not (text[cut].isupper() or text[cut].isdigit()):
            continue
        lead_in, tail = text[start:cut], text[cut:end]
        if (
            _NAME_START.match(lead_in)
            or _IDEM.match(lead_in)  # "idem, Libri ... allo studio in Venezia ...": a title
            or _RELATION_BEFORE.search(lead_in)
            or _prose_share(lead_in) < LEAD_IN_PROSE_SHARE
        ):
            continue
        words = _prose_words(lead_in)
        if (
            words >= LEAD_IN_PROSE_WORDS
            and _citation_score(tail) >= TAIL_SCORE
            and _prose_share(tail) < PROSE_SHARE
        ):
            return cut
        # "Lee issued a caveat in Short Title, p. 41": a citation by its shape.
        if words >= SHAPE_LEAD_IN_PROSE_WORDS and (
            _is_title_and_page(tail) or _is_shortened_title(tail)
        ):
            return cut
    return None


@lru_cache(maxsize=CLAUSE_CACHE)
def _is_citation(clause: str, *, by_shape: bool = True) -> bool:
    """Whether a clause reads as a citation rather than commentary.

    With ``by_shape`` a clause with no score of evidence counts too when its shape is a
    citation's: a title shortened with dots, "Name, Short Title" alone, or a sentence-case
    title closed by its place and year. A sentence that may continue in the next one is
    judged without them (``by_shape`` false), so that it is joined first.
    """
    if _INTERNAL_REFERENCE.match(clause):
        return False
    if parse_archival(clause) is not None or parse_archival_after_ibid(clause) is not None:
        return True  # "A.S.L., Senato, Lettere, reg. 20, f. 95" (see citex.archival)
    if by_shape and (
        _is_shortened_title(clause)
        or _is_bare_short_form(clause)
        or _is_title_and_page(clause)
        or _reads_as_full(clause)
    ):
        return True
    if _IBID.match(clause) or _SUPRA.search(clause) or OCR_CIT.search(clause):
        return True
    if _ABNT_AUTHORS.match(clause) and _YEAR.search(clause):
        return True  # "TONON, Rafael. Title. Journal, n. 247, dez. 2007": ABNT
    if _is_parenthetical_only(clause):
        return False
    score, prose = _citation_score(clause), _prose_share(clause)
    if (score >= CITATION_SCORE and prose < PROSE_SHARE) or (
        score >= STRONG_SCORE and prose < STRONG_PROSE_SHARE
    ):
        return True
    # Sentence-case titles (most languages but English) read as prose; a clause that opens
    # with a name and carries publication facts or a page is a citation all the same.
    return bool(_NAME_START.match(clause) or BARE_NAME_OPENING.match(clause)) and bool(
        _PLACE_YEAR.search(clause)
        or _END_YEAR.search(clause)
        or _YEAR_PAREN.search(clause)
        or _find_pinpoint(clause).value is not None
    )


def _is_shortened_title(clause: str) -> bool:
    """'Title of the Work..., p. 5', 'Lee, Title...': a title cut short with dots."""
    body = _before_locator(clause)  # "Prospetto [...], p.Ili" too: OCR'd page digits
    dots = _CLOSING_DOTS.search(body)
    if not dots or not clause[:1].isupper():
        return False
    words = _WORD.findall(body[: dots.start()])
    return 0 < len(words) <= SHORTENED_TITLE_WORDS


def _is_bare_short_form(clause: str) -> bool:
    """'Lee, Old Roads': a name and a short capitalised title, nothing else."""
    m = _NAME_START.match(clause)
    if not m:
        return False
    # Initials and the "and" between two names are no commentary words.
    names = [w for w in _WORD.findall(clause[: m.end()]) if len(w) > 1 and w[0].isupper()]
    if any(w.lower() in _NOT_NAMES for w in names):
        return False
    return _is_short_title(clause[m.end() :].strip(_TRAILING_PUNCTUATION))


def _is_title_and_page(clause: str) -> bool:
    """'Storia dei mulini, p. 5': a short capitalised title and a page after a comma.

    The title is held to the limits of a bare short form's title (few words, no digits,
    no opening pronoun or conjunction, little prose beyond the small words of titles).
    """
    pin = _find_pinpoint(clause)
    if pin.value is None or not (
        _MARKED_PAGE.match(clause, pin.start) or _MARKED_OTHER.match(clause, pin.start)
    ):
        return False
    return _is_short_title(clause[: pin.start].strip(_TRAILING_PUNCTUATION))


def _is_short_title(title: str) -> bool:
    """A capitalised title of a few words, with little prose, as short forms give it."""
    if not title[:1].isupper() or any(ch.isdigit() for ch in title):
        return False
    words = _WORD.findall(title)
    if not words or len(words) > BARE_TITLE_WORDS or words[0].lower() in _NOT_TITLE_STARTS:
        return False
    prose = sum(
        1 for w in words if w[0].islower() and w.lower() not in _CITATION_LOWER_WORDS | _TITLE_WORDS
    )
    return prose / len(words) <= BARE_TITLE_PROSE_SHARE


def _reads_as_full(clause: str) -> bool:
    """A sentence-case reference: closed by place and year, or in a journal in «», or
    with its imprint in brackets as English notes give it ("Title (Venice: Neri, 1592)")."""
    return (
        _closes_with_facts(clause)
        or _in_quoted_journal(clause)
        or (
            clause[:1].isupper()
            and bool(_BRACKETED_IMPRINT.search(clause) or _NO_IMPRINT_AT_END.search(clause))
        )
    )


def _in_quoted_journal(clause: str) -> bool:
    """'Name, Title, «Journal», xii, 1990, pp. 3-9': a journal in guillemets and a date."""
    if not clause[:1].isupper() or not _QUOTED_JOURNAL.search(clause):
        return False
    return bool(_YEAR.search(clause) or _find_pinpoint(clause).value is not None)


def _closes_with_facts(clause: str) -> bool:
    """'Sentence-case title of a work,Venezia 1999, p. 4': closed by place and year, or
    holding an early-modern imprint ('Title, In Roma, Appresso Neri')."""
    if not clause[:1].isupper():
        return False
    body = _before_locator(clause)  # "Torino, 1934, pp. vn-xxiv" too: OCR'd roman pages
    return bool(
        _CLOSING_FACTS.search(body.rstrip(_TRAILING_PUNCTUATION))
        # the whole clause too: a span of years closing it ("Roma, Neri, 2 voll.,
        # 1806-1808") may have been taken for a page range
        or (body != clause and _CLOSING_FACTS.search(clause.rstrip(_TRAILING_PUNCTUATION)))
        or _IMPRINT.search(clause)
    )


def _before_locator(clause: str) -> str:
    """A clause without its pinpoint, and without pages OCR made unreadable as numbers."""
    pin = _find_pinpoint(clause)
    body = clause[: pin.start] if pin.value is not None else clause
    unread = _UNREAD_PAGES.search(body)
    return body[: unread.start()] if unread else body


# Pages after "p."/"pp." that OCR made unreadable as numbers ("vn" for "vii"), closing a
# clause: one short token or a range of two.
# must match: ", pp. vn-xxiv." ", p. xn" ", p.Ili" (111, its digits read as letters)
# must not match: ", pp. Roma" ", p. 12, Roma 1990"
_UNREAD_PAGES = re.compile(
    r",\s*pp?\.\s*(?:[a-z]{1,6}|[Iil1|]{2,5})(?:\s*[-–]\s*[a-z]{1,6})?[.\s]*$"
)


def _is_parenthetical_only(clause: str) -> bool:
    """A sentence in parentheses after a citation is an annotation, not a citation."""
    return clause.startswith("(") and clause.rstrip(".").endswith(")")


@lru_cache(maxsize=CLAUSE_CACHE)
def _citation_score(clause: str) -> int:
    """Evidence that a clause is a citation: publication facts, dates, cues, locators."""
    outside = _without_quoted(clause)
    score = 0
    score += 3 if _YEAR_PAREN.search(clause) else 1 if _YEAR.search(outside) else 0
    score += 2 if _DATE.search(clause) else 0
    score += 2 if _VOLUME_CUE.search(outside) else 0
    score += 2 if _LEGAL.search(outside) else 0
    score += 2 if _TITLE_QUOTE.search(clause) else 0
    score += 1 if _ROLE_CUE.search(outside) else 0
    score += 1 if _NAME_START.match(clause) else 0
    score += 2 if _find_pinpoint(clause).value is not None else 0
    return score


def _prose_share(clause: str, *, title_words: Collection[str] = ()) -> float:
    """Share of a clause's words that are lower-case prose (titles in quotes skipped).

    ``title_words`` are small words to count as no prose besides the usual ones (the
    articles and prepositions of Romance titles, for a sentence that opens with a name).
    """
    words = [w for w in _WORD.findall(_without_titles(clause)) if w.lower() not in title_words]
    return _count_prose(words) / len(words) if words else 0.0


def _prose_words(clause: str) -> int:
    """Number of lower-case prose words in a clause (titles in quotes skipped)."""
    return _count_prose(_WORD.findall(_without_titles(clause)))


def _count_prose(words: Iterable[str]) -> int:
    """How many words are lower-case and not the small words of titles and citations."""
    return sum(1 for w in words if w[0].islower() and w.lower() not in _CITATION_LOWER_WORDS)


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of paired double quotes."""
    quotes = [i for i, ch in enumerate(text) if ch in _DOUBLE_QUOTES]
    return list(zip(quotes[::2], quotes[1::2], strict=False))


def _without_quoted(text: str) -> str:
    """The text with every quoted passage blanked out."""
    chars = list(text)
    for a, b in _quoted_ranges(text):
        chars[a + 1 : b] = " " * (b - a - 1)
    return "".join(chars)


def _without_titles(text: str) -> str:
    """The text with quoted titles (a quote closed by ',"' or followed by ',') blanked.

    Quoted prose (a quotation closed by '."') keeps its words: it is commentary.
    """
    chars = list(text)
    for a, b in _quoted_ranges(text):
        closes_title = text[b - 1] in ",?!" or text[b + 1 : b + 2] in (",", ":")
        if closes_title:
            chars[a + 1 : b] = " " * (b - a - 1)
    return "".join(chars)


# ---------------------------------------------------------------------------------------
# Pass 3: relations


def _split_relations(
    text: str, protected: bytearray, start: int, end: int, signal: str | None
) -> list[_Piece]:
    """Cut a citation clause at relation phrases into pieces with their relations."""
    cuts: list[tuple[int, int, str]] = []  # (end of previous piece, start of next, relation)
    first_relation = None
    opening = _RELATION_AT_START.match(text, start, end)
    if opening:
        first_relation = " ".join(opening.group(0).lower().split())
        start = opening.end()
    piece_start = start
    for m in _RELATION.finditer(text, start, end):
        if protected[m.start()] or m.end() >= end:
            continue
        if m.group("bare"):
            before = text[piece_start : m.start()].rstrip()
            if not _COMPLETE_ITEM_END.search(before):
                continue
        relation = " ".join(
            (m.group("relation") or m.group("bracketed") or m.group("bare")).split()
        )
        cuts.append((m.start(), m.end(), relation))
        piece_start = m.end()
    pieces: list[_Piece] = []
    piece_start, relation = start, first_relation
    for cut_end, next_start, next_relation in cuts:
        a, b = _strip(text, piece_start, cut_end, " ,")
        pieces.append(_Piece(a, b, signal, relation, True))
        piece_start, relation = next_start, next_relation
    a, b = _strip(text, piece_start, end, " ,")
    pieces.append(_Piece(a, b, signal, relation, False))
    return [p for p in pieces if p.start < p.end]


# ---------------------------------------------------------------------------------------
# Pass 4: classification and fields


def _make_citation(text: str, piece: _Piece, aliases: set[str], parse: Parser) -> Citation:
    """Classify one piece and extract its pinpoint and fields."""
    cited = text[piece.start : piece.end]
    pin = _find_pinpoint(cited)
    pinpoint, body, without_pin = (
        pin.value,
        cited[: pin.start],
        cited[: pin.start] + cited[pin.end :],
    )
    archival = parse_archival_after_ibid(cited) or parse_archival(cited)
    if archival is not None:  # a series of an archive: its unit and folios are the place
        return Citation(
            text=cited,
            spans=((piece.start, piece.end),),
            kind="full",
            signal=piece.signal,
            relation=piece.relation,
            pinpoint=archival.locator or None,
            csl=archival_csl(archival),
        )
    kind = _classify(cited, without_pin, pinpoint, piece, aliases)
    idem = _IDEM.match(cited) if kind != "ibid" else None
    if idem:  # "Idem, Title, ...": the fields of what follows, the author from before
        cited_rest = without_pin[idem.end() :]
        csl = {}
        if kind == "full":  # parsed with "Idem" where the author stands, the author dropped
            csl = _parse_full(without_pin, pinpoint, parse)[0]
            csl.pop("author", None)
        elif kind == "short":
            csl = _short_form_csl(_core(cited_rest[: max(0, pin.start - idem.end())]))
    elif kind == "ibid":
        csl: CSLItem = {}
    elif kind == "hereinafter":
        csl = {"title-short": _core(body)}
    elif kind == "supra":
        head = _SUPRA_HEAD.match(cited)
        csl = _short_form_csl(head.group("head")) if head else {}
    elif kind == "short":
        csl = _short_form_csl(_core(body))
    else:
        csl, pinpoint = _parse_full(without_pin, pinpoint, parse)
    return Citation(
        text=cited,
        spans=((piece.start, piece.end),),
        kind=kind,
        signal=piece.signal,
        relation=piece.relation,
        pinpoint=pinpoint,
        csl=csl,
    )


def _classify(cited: str, body: str, pinpoint: str | None, piece: _Piece, aliases: set[str]) -> str:
    """The kind of a citation: ibid, supra, hereinafter, short or full."""
    idem = _IDEM.match(cited)
    if idem and _core(body[idem.end() :]) and not _LEGAL_AT.match(body[idem.end() :]):
        # "Idem, Title, ...": the same author, a work of its own (a page alone repeats).
        rest = body[idem.end() :]
        return (
            "supra"
            if _SUPRA.search(rest) or OCR_CIT.search(cited)
            else _full_or_short(rest, pinpoint, piece)
        )
    if _IBID.match(cited):
        return "ibid"
    if _SUPRA.search(cited) or OCR_CIT.search(cited):
        return "supra"
    if _alias_key(_core(body)) in aliases:
        return "hereinafter"
    return _full_or_short(body, pinpoint, piece)


def _full_or_short(body: str, pinpoint: str | None, piece: _Piece) -> str:
    """A citation that is no back-reference word: full, or a short form.

    A title cut short with dots is a short form whatever follows it ("Annuario...,
    1954-1955": the year picks one of a series' volumes, no publication facts).
    """
    if _CLOSING_DOTS.search(body.rstrip(_TRAILING_PUNCTUATION)):
        return "short"
    if _looks_full(body) or (piece.followed_by_relation and pinpoint is None):
        return "full"
    return "short"


# A citation this long, in four or more comma-separated parts, is a full one even with no
# date ("A. Name, Long Title of the Work, Place, Publisher"); short forms ("Name, Short
# Title, 12") stay well below it.
FULL_WITHOUT_DATE_LENGTH = 70


def _looks_full(body: str) -> bool:
    """Whether a citation (without its pinpoint) carries publication facts of its own."""
    outside = _without_quoted(body)
    return bool(
        _YEAR.search(outside)
        or _ROLE_CUE.search(outside)
        or _LEGAL.search(outside)
        or re.search(r"[,?!][\"”]\s*in\s", body)
        # No date printed, but name, title and publication facts: a short form is short.
        or (len(body) >= FULL_WITHOUT_DATE_LENGTH and body.count(",") >= 3)
        # Place and year, the year with an edition number glued on ("Roma 19873").
        or _CLOSING_FACTS.search(body.rstrip(_TRAILING_PUNCTUATION))
        or _IMPRINT.search(body)
        or _NO_IMPRINT_AT_END.search(body)  # "Title [s.a.] [s.l.]": it says it has none
    )


@dataclass(frozen=True)
class _Pinpoint:
    """A citation's pinpoint and the range of the citation to cut out with it.

    ``cited[:start]`` is what precedes the locator (a short form's author or title);
    ``cited[:start] + cited[end:]`` is the citation without it, for the field parser.
    """

    value: str | None
    start: int
    end: int


def locator_start(cited: str) -> int:
    """Where a citation's locator (its pinpoint) begins, or ``len(cited)`` if it has none:
    what comes before is a short form's author and title.

    Example:
        >>> text = "Lee, Old Roadspp. 17-18."
        >>> text[: locator_start(text)]
        'Lee, Old Roads'
    """
    return _find_pinpoint(cited).start


@lru_cache(maxsize=CLAUSE_CACHE)
def _find_pinpoint(cited: str) -> _Pinpoint:
    """Find the locator a citation gives for the cited passage."""
    cited = cited.translate(_OCR_LOOKALIKES)
    body = _strip_tail(cited)
    for pattern in _LOCATORS:
        m = pattern.search(body)
        if m and not _is_lone_year(m.group("pin"), body[: m.start()], body):
            pin = " ".join(m.group("pin").split())
            if pattern is _PAGE_LOCATOR:
                pin = _read_ocr_digits(pin)
                if _GERMAN_PAGE_MARK.match(body, m.start()):
                    pin = _cited_page(pin)
            return _Pinpoint(pin, m.start(), m.end())
    m = _LOCATOR_AFTER_TITLE.search(cited)
    if m:  # '"Title," 80, in Book': cut the page, keep the quote and the comma
        return _Pinpoint(" ".join(m.group("pin").split()), m.start("pin") - 1, m.end() - 1)
    m = _SUPPLEMENT_LOCATOR.search(cited)
    if m:  # inside legal references: the parser needs the text whole
        return _Pinpoint(" ".join(m.group("pin").split()), len(cited), len(cited))
    return _Pinpoint(None, len(cited), len(cited))


def _cited_page(pin: str) -> str:
    """'223, 227' -> '227': after "S.", a first page and then the page cited."""
    m = _FIRST_PAGE_THEN_PIN.fullmatch(pin)
    if m and int(m.group("cited")) >= int(m.group("first")):
        return m.group("pin")
    return pin


def _read_ocr_digits(pin: str) -> str:
    """A page with OCR'd digits read as digits ("io-ii" -> "10-11"); others unchanged.

    Only a page holding an "o" among digit-like letters is read so: "ii" alone is a roman
    page, but "ii" in a range after "io" is 11.
    """
    tokens = _OCR_PAGE_TOKEN.findall(pin)
    if not any("o" in t for t in tokens):
        return pin
    return _OCR_PAGE_TOKEN.sub(lambda m: m.group(0).translate(_OCR_DIGITS), pin)


def _strip_tail(cited: str) -> str:
    """Drop trailing parentheticals and a lower-case tail that may follow a locator.

    Trailing punctuation goes too: a reference cut from a note may end in the comma or
    colon that led on to the next one ("Lee, Title, p. 5,").
    """
    body = cited.rstrip(_TRAILING_PUNCTUATION)
    while True:
        if body.endswith(")"):
            opening = body.rfind("(")
            if opening == 0:
                return body
            if opening < 0:  # stray brackets closing a parenthesis opened earlier in the note
                body = body.rstrip(")" + _TRAILING_PUNCTUATION)
            else:
                body = body[:opening].rstrip(" ,")
            continue
        m = _FOLLOWING_TAIL.search(body)
        if m and _ends_in_locator(body[: m.start()]):
            body = body[: m.start()].rstrip(_TRAILING_PUNCTUATION)
            continue
        m = _LOWERCASE_TAIL.search(body) or _NUMBERED_TAIL.search(body)
        if m and _ends_in_locator(body[: m.start()]):
            body = body[: m.start()]
            continue
        return body


def _ends_in_locator(text: str) -> bool:
    """Whether a locator of any kind closes ``text``, an "and following" after it or not.

    A year is no locator here: "Name's December 7, 1988, speech to ..." ends in a date.
    """
    text = text.rstrip(_TRAILING_PUNCTUATION)
    following = _FOLLOWING_TAIL.search(text)
    if following:
        text = text[: following.start()]
    for pattern in _LOCATORS:
        m = pattern.search(text)
        if m:
            return not _YEAR.fullmatch(m.group("pin"))
    return False


# Punctuation that may trail a citation cut from a longer note.
_TRAILING_PUNCTUATION = " .,;:·"  # "·": a period as OCR reads it


# A span of years where a locator would stand, and a place name ending what precedes it.
# must match: "1680-83" "1680-1683" "1879 - 1902"    must not match: "12-15" "1680" "1680-5"
_YEAR_RANGE_PIN = re.compile(r"(?:1[5-9]\d\d|20\d\d)\s*[-–]\s*\d{2,4}")
# must match: "Title, Lucca" "Title,Venezia." "Title, Paris"    must not match: "Title, p" "1990"
_PLACE_AT_END = re.compile(r"[,\s][A-Z][a-zà-ÿ]{2,}\.?$")


def _is_lone_year(pin: str, before: str, body: str = "") -> bool:
    """True when a 'locator' is a year that is the citation's date: its only year, or
    one closing a place and publisher ("Title, 1767, Roma, Neri, 1770").

    Years inside a title's span of years ("Towns, 1500-1700, Oslo, 1986") do not count.
    """
    if _YEAR_RANGE_PIN.fullmatch(pin):
        if _PLACE_AT_END.search(before):
            # "Title, Lucca, 1680-83": the years a work came out over, after its place
            return not _YEAR.search(_YEAR_SPAN.sub(" ", before))
        # "Title, Roma, Neri, 2 voll., 1806-1808": they close the publication facts
        return bool(_CLOSING_FACTS.search(body))
    if not _YEAR.fullmatch(pin):
        return False
    return not _YEAR.search(_YEAR_SPAN.sub(" ", before)) or bool(_CLOSING_FACTS.search(body))


def _core(body: str) -> str:
    """A short form's words without a leading foreign signal and edge punctuation."""
    return LEADING_FOREIGN_SIGNAL.sub("", body.strip(" ,.;:"))


def _parse_full(cited: str, pinpoint: str | None, parse: Parser) -> tuple[CSLItem, str | None]:
    """Parse a full citation into CSL-JSON; keep citex's pinpoint, else the parser's."""
    item = parse(_text_for_parser(cited))
    parsed_pin = item.get("_pinpoint")
    pinpoint = pinpoint or (str(parsed_pin) if parsed_pin else None)
    csl = {k: v for k, v in item.items() if not k.startswith("_")}
    if pinpoint is not None and csl.get("page") == pinpoint:
        del csl["page"]  # the cited page is the pinpoint, never the work's range
    alias = _defined_alias(cited)
    if alias:
        csl["title-short"] = alias
    return csl, pinpoint


def _text_for_parser(cited: str) -> str:
    """The citation without alias definitions and trailing annotations in parentheses;
    an author's name closed by a period ("G. LEE. Title") closed by a comma instead."""
    text = LEADING_FOREIGN_SIGNAL.sub("", ALIAS_DEFINITION.sub("", cited).rstrip())
    bare = BARE_NAME_OPENING.match(text)
    if bare:
        text = text[: bare.end() - 2] + "," + text[bare.end() - 1 :]
    while text.endswith(")"):
        opening = text.rfind("(")
        inner = text[opening + 1 : -1].lstrip()
        if opening <= 0 or not inner or not (inner[0].islower() or inner[0] in _DOUBLE_QUOTES):
            break
        text = text[:opening].rstrip()
    return text


def _defined_alias(cited: str) -> str | None:
    """The alias a citation defines with "(hereinafter X)", if any."""
    m = ALIAS_DEFINITION.search(cited)
    return " ".join(m.group("alias").split()) if m else None


def _alias_key(alias: str) -> str:
    """Aliases compare without case, quotes and extra spaces."""
    return " ".join(alias.strip(" ,.;:" + _DOUBLE_QUOTES).lower().split())


def _short_form_csl(core: str) -> CSLItem:
    """Fields of a short form: 'Lee' -> author; 'Title Vol. 2' -> title and volume."""
    core = _core(core)
    item: CSLItem = {}
    head, _, rest = core.partition(", ")
    names = _names(head, allow_full=bool(rest))
    if names and rest:
        item["author"], title = names, rest
    elif names and not rest:
        return {"author": names}
    else:
        title = core
    m = _TRAILING_VOLUME.search(title)
    if m:
        item["volume"] = m.group("volume")
        title = title[: m.start()]
    title = title.strip(" ," + _DOUBLE_QUOTES)
    if title:
        item["title"] = title
    return item


def _names(head: str, *, allow_full: bool) -> list[dict[str, str]] | None:
    """Parse 'Smith and Jones' into CSL names, or None when it does not read as names.

    Without a title after the names (``allow_full`` false) a short form names surnames
    only, so at most two words each ("Ortiz de Rosas" counts its particle apart).
    """
    parts = re.split(r"\s+(?:and|&)\s+", head)
    out = []
    for part in parts:
        if not _NAME.match(part):
            return None
        words = part.split()
        capitals = [w for w in words if w.lower() not in _PARTICLES]
        if not allow_full and len(capitals) > 2:
            return None
        out.append(_name(words, surname_only=not allow_full))
    return out


def _name(words: Sequence[str], *, surname_only: bool) -> dict[str, str]:
    """'Ann B. Lee' -> family/given; lower-case particles join the family name."""
    if surname_only:
        return {"family": " ".join(words)}
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    family, given = " ".join(words[i:]), " ".join(words[:i])
    return {"family": family, "given": given} if given else {"family": family}


# ---------------------------------------------------------------------------------------
# Boundaries to other modules


def _default_parser() -> Parser:
    """The reference parser, imported on first use (it loads a model)."""
    from .reference import parse_reference

    return parse_reference


def _to_source(
    footnote: Footnote,
    source: str,
    spans: tuple[Span, ...],
    mapper: Callable[[Footnote, str, int, int], tuple[Span, ...]],
) -> tuple[Span, ...]:
    """Map ranges of the note's text to source spans."""
    return tuple(s for start, end in spans for s in mapper(footnote, source, start, end))
