"""Tokens and token features for the reference-string sequence labeller.

One reference string is split on whitespace (the unit AnyStyle's training data is labelled
in), and every token gets a list of string features for the CRF in
:mod:`citex.reference`. The same code runs at training time (``tools/train_parser.py``)
and at parse time, so a change here means retraining the shipped model.

The features describe what a token looks like (shape, punctuation, digits), what it is
(year, month, initial, page range, editor or volume cue...), where it sits (relative
position, parenthesis depth, inside quotes, after a year or an "in") and the same for its
neighbours. None of them names a particular work or person.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

# Relative position is given in this many equal bins: fine enough to tell "first third"
# from "last third", coarse enough not to overfit string length.
POSITION_BINS = 8
# Counts of earlier commas/periods are capped here: beyond a handful the count says nothing.
PUNCT_COUNT_CAP = 6
# Neighbour window: features of tokens up to this far left and right are copied in.
WINDOW = 2
# A token longer than this is cut before prefix/suffix features, so URLs do not explode
# the feature space.
AFFIX_LEN = 3
# Distinct tokens whose features are kept: a document's references repeat their tokens
# ("(New", "York:", "Press,", "1987),") and a token's own features do not depend on where
# it sits, so each is worked out once.
TOKEN_CACHE_SIZE = 8192

# Whitespace-separated tokens.
# must match: "(Dover," "Del.:" "166"    must not match: " " (a run of spaces)
_TOKEN = re.compile(r"\S+")

# Four-digit year between 1400 and 2099, optionally with a disambiguation letter or range.
# must match: "1992" "(1992)." "1992a," "1991-92"    must not match: "12345" "3000" "A/921"
_YEAR = re.compile(r"^\W*(1[4-9]\d\d|20\d\d)([a-z]|[-–/]\d{2,4})?\W*$")
# Anything with a year inside (dates such as 1992-06-01 or 14.3.1992).
# must match: "1992-06-01" "14.3.1992"    must not match: "166" "A/921"
_HAS_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")
# A page range or a number range.
# must match: "8-9" "143–158," "pp.51-58" "S.29-38"    must not match: "1992" "A-3"
_RANGE = re.compile(r"\d+\s*[-–—]+\s*\d+")
# A plain number with optional surrounding punctuation.
# must match: "57" "(3)" "14," "3:"    must not match: "1992a" "A/921"
_NUMBER = re.compile(r"^\W*\d+\W*$")
# Roman numerals as used for volumes (upper case, or lower case for front matter pages).
# must match: "XXIV" "xii," "IV."    must not match: "I" or "V" alone (more often initials)
_ROMAN = re.compile(r"^\W*(?=[MDCLXVI]{2,}\W*$|[mdclxvi]{2,}\W*$)[MDCLXVImdclxvi]+\W*$")
# A personal initial: one capital, optional second with hyphen, followed by a dot.
# must match: "J." "J.-P." "R.L." "(J."    must not match: "USA" "Del.:" "Jr."
_INITIAL = re.compile(r"^\W*([A-Z]\.(-?[A-Z]\.)*)[,;]?$")
# Bare initials in Vancouver style.
# must match: "JJ," "OA." "A"    must not match: "USA," "The"
_BARE_INITIALS = re.compile(r"^[A-Z]{1,3}[,.;]?$")
# URL or DOI-like tokens.
# must match: "http://x.org/a" "www.un.org" "doi:10.1000/182" "10.1000/182"
# must not match: "A/921" "CERD/C/SR.512"
_URL = re.compile(r"^\W*(https?://|www\.|doi:|10\.\d{4,}/)", re.I)
# A UN-style document symbol or other slash-separated document number.
# must match: "A/921" "CERD/C/SR.512" "E/CN.4/1992/14"    must not match: "1991/92" "and/or"
_DOC_SYMBOL = re.compile(r"^\W*[A-Z][A-Z0-9.]*(/[A-Z0-9.()\-]+)+\W*$")
# Section sign and legal section cues.
# must match: "§5871" "§" "§§"    must not match: "S." "sect"
_SECTION = re.compile(r"§")
# Camel-case joint from OCR that swallowed a space.
# must match: "ModernHistory" "CourierArticle"    must not match: "McDonald" "iPhone" "USA"
_CAMEL_JOINT = re.compile(r"[a-z]{3,}[A-Z][a-z]{2,}")

_OPEN_QUOTES = "“«‘„\"'"
_CLOSE_QUOTES = "”»’\"'"

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz mai juni juli oktober dezember "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre dicembre "
    "enero febrero abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
)
SEASONS = frozenset("spring summer autumn fall winter frühjahr sommer herbst hiver été".split())
# Words that introduce editors, translators and other contributor roles.
EDITOR_CUES = frozenset(
    "ed ed. eds eds. edited editor editors hrsg hrsg. hg hg. herausgegeben dir. éd. éds. "
    "a cura curatore (ed.) (eds.) (hrsg.) (hg.) (ed) (eds) (éd.) (dir.)".split()
)
TRANSLATOR_CUES = frozenset("trans trans. translated translator tr. übers. übersetzt trad.".split())
# Words that announce a volume, issue or page locator.
VOLUME_CUES = frozenset("vol vol. vols vols. volume bd bd. band tome t. jg. jg jahrgang".split())
ISSUE_CUES = frozenset("no no. nos nos. nr nr. number issue heft h. n. núm. num.".split())
PAGE_CUES = frozenset("p p. pp pp. s. s page pages pg. seite seiten".split())
# Words typical of publisher names (a publisher rarely lacks one of these or a place cue).
PUBLISHER_WORDS = frozenset(
    "press university universitätsverlag verlag publishers publishing publisher books "
    "editions éditions edizioni editore editrice ltd ltd. inc inc. co co. company & sons "
    "gmbh kg ag verlagsgesellschaft presses universitaires university's routledge wiley "
    "springer elsevier sage blackwell penguin macmillan knopf norton "
    "dietz campus suhrkamp beck kohlhammer".split()
)
# Words typical of journal, magazine and newspaper titles.
SERIAL_WORDS = frozenset(
    "journal review quarterly bulletin studies proceedings annals transactions magazine "
    "letters zeitschrift revue rivista archiv archives times post monitor tribune herald "
    "gazette news daily weekly digest affairs policy international yearbook jahrbuch "
    "newsletter record report reports research science".split()
)
# Words marking legal and official documents.
LEGAL_WORDS = frozenset(
    "resolution document doc. act code u.s.c. stat. treaty convention covenant "
    "declaration v. vs. court congress session sess. cong. res. h.r. law decree "
    "article art. protocol agreement charter".split()
)
# Words marking a thesis, report or other genre.
GENRE_WORDS = frozenset(
    "thesis dissertation diss. phd ph.d. doctoral master's report paper working "
    "manuscript unpublished interview speech address remarks lecture typescript".split()
)
# Words that begin or join an "in" container or connect names.
CONNECTORS = frozenset("in in: and & und et y e and, reprinted see also".split())
# Lower-case name particles: they sit inside names, not at title starts.
NAME_PARTICLES = frozenset("van von der de del della di da du le la den ten dos das".split())


def fold(text: str) -> str:
    """Lowercase and strip accents.

    Args:
        text: Any text.

    Returns:
        The text lower-cased with combining accents removed.

    Example:
        >>> fold("Kovács")
        'kovacs'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Split a reference string into whitespace tokens with their offsets.

    Args:
        text: One reference string.

    Returns:
        ``(start, end, token)`` triples in order.

    Example:
        >>> tokenize("Smith, J. (1992)")
        [(0, 6, 'Smith,'), (7, 9, 'J.'), (10, 16, '(1992)')]
    """
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _core(token: str) -> str:
    """The token lower-cased without leading/trailing punctuation."""
    return fold(token).strip(".,;:()[]{}\"'“”‘’«»„!?*")


def _shape(token: str) -> str:
    """Collapsed character classes: "Del.:" -> "Xx.:", "1992)," -> "d),"."""
    out = []
    for ch in token:
        if ch.isupper():
            c = "X"
        elif ch.isalpha():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _word_features(token: str) -> list[str]:
    """Features of one token by itself, without context."""
    core = _core(token)
    low = token.lower()
    feats = [
        "w=" + core,
        "shape=" + _shape(token)[:8],
        "p1=" + core[:1],
        "p3=" + core[:AFFIX_LEN],
        "s3=" + core[-AFFIX_LEN:],
        "last=" + (token[-1] if not token[-1].isalnum() else "a"),
        "first=" + (token[0] if not token[0].isalnum() else "a"),
        "len=" + str(min(len(core), 10)),
    ]
    if len(token) >= 2 and not token[-2].isalnum() and not token[-1].isalnum():
        feats.append("last2=" + token[-2:])
    if _YEAR.match(token):
        feats.append("year")
    elif _HAS_YEAR.search(token):
        feats.append("hasyear")
    if _NUMBER.match(token):
        feats.append("num")
        feats.append("numlen=" + str(min(sum(c.isdigit() for c in token), 5)))
    elif any(c.isdigit() for c in token):
        feats.append("hasdigit")
    if _RANGE.search(token):
        feats.append("range")
    if _ROMAN.match(token):
        feats.append("roman")
    if _INITIAL.match(token):
        feats.append("initial")
    elif _BARE_INITIALS.match(token):
        feats.append("bareinit")
    if _URL.match(token):
        feats.append("url")
    if _DOC_SYMBOL.match(token) and not _URL.match(token):
        feats.append("docsym")
    if _SECTION.search(token):
        feats.append("section")
    if _CAMEL_JOINT.search(token):
        feats.append("camel")
    if core in MONTHS:
        feats.append("month")
    if core in SEASONS:
        feats.append("season")
    if low.strip(",;:") in EDITOR_CUES or core in {"ed", "eds", "hrsg", "hg", "edited"}:
        feats.append("editorcue")
    if core in TRANSLATOR_CUES or low.strip(",;:") in TRANSLATOR_CUES:
        feats.append("transcue")
    if core in VOLUME_CUES:
        feats.append("volcue")
    if core in ISSUE_CUES:
        feats.append("issuecue")
    if core in PAGE_CUES:
        feats.append("pagecue")
    if core in PUBLISHER_WORDS:
        feats.append("pubword")
    if core in SERIAL_WORDS:
        feats.append("serialword")
    if core in LEGAL_WORDS or low in LEGAL_WORDS:
        feats.append("legalword")
    if core in GENRE_WORDS:
        feats.append("genreword")
    if core in CONNECTORS:
        feats.append("connector")
    if core in NAME_PARTICLES:
        feats.append("particle")
    alpha = [c for c in token if c.isalpha()]
    if alpha:
        if all(c.isupper() for c in alpha):
            feats.append("allcaps" if len(alpha) > 1 else "onecap")
        elif alpha[0].isupper():
            feats.append("cap")
        else:
            feats.append("lower")
    if token[0] in _OPEN_QUOTES:
        feats.append("openquote")
    if token.rstrip(".,;:)").endswith(tuple(_CLOSE_QUOTES)) and len(token) > 1:
        feats.append("closequote")
    if "(" in token:
        feats.append("openparen")
    if ")" in token:
        feats.append("closeparen")
    if "[" in token or "]" in token:
        feats.append("bracket")
    return feats


def _context_states(tokens: Sequence[str]) -> list[list[str]]:
    """Running state features: parenthesis depth, quote state and what was seen before."""
    states: list[list[str]] = []
    depth = 0
    in_quote = False
    seen_year = False
    seen_close_quote = False
    seen_in = False
    seen_colon = False
    commas = 0
    periods = 0
    for tok in tokens:
        opens_quote = tok[0] in "“«„" or (tok[0] in "\"'" and not in_quote)
        feats = [
            "depth=" + str(min(depth + (1 if tok.startswith("(") else 0), 2)),
            "commas=" + str(min(commas, PUNCT_COUNT_CAP)),
            "periods=" + str(min(periods, PUNCT_COUNT_CAP)),
        ]
        if in_quote or opens_quote:
            feats.append("inquote")
        if seen_year:
            feats.append("afteryear")
        if seen_close_quote:
            feats.append("afterquote")
        if seen_in:
            feats.append("afterin")
        if seen_colon:
            feats.append("aftercolon")
        states.append(feats)
        # Update state after the token.
        depth += tok.count("(") - tok.count(")")
        depth = max(depth, 0)
        if opens_quote:
            in_quote = True
        stripped = tok.rstrip(".,;:)")
        if in_quote and (
            stripped.endswith(("”", "»")) or (stripped.endswith('"') and len(tok) > 1)
        ):
            in_quote = False
            seen_close_quote = True
        if _YEAR.match(tok) or _HAS_YEAR.search(tok):
            seen_year = True
        if _core(tok) in {"in", "in:"} or tok in {"In", "in", "In:", "in:"}:
            seen_in = True
        if tok.endswith(":"):
            seen_colon = True
        commas += tok.count(",")
        if tok.endswith(".") and not _INITIAL.match(tok):
            periods += 1
    return states


# Neighbour offsets, in the order their features are added.
_OFFSETS = tuple(off for off in range(-WINDOW, WINDOW + 1) if off != 0)


@functools.lru_cache(maxsize=TOKEN_CACHE_SIZE)
def _token_features(token: str) -> tuple[tuple[str, ...], ...]:
    """A token's own features, then what it contributes as a neighbour at each offset."""
    own = _word_features(token)
    # Neighbours contribute their word, shape and cue flags, not their affixes; tokens two
    # away contribute less still.
    near = [f for f in own if not f.startswith(("p1=", "p3=", "s3=", "len="))]
    far = [f for f in near if not f.startswith(("shape=", "last2=", "first="))]
    as_neighbour = [
        tuple(map(f"{off:+d}:".__add__, far if abs(off) == 2 else near)) for off in _OFFSETS
    ]
    return (tuple(own), *as_neighbour)


def sequence_features(tokens: Sequence[str]) -> list[list[str]]:
    """Feature lists for every token of one reference string.

    Args:
        tokens: The whitespace tokens of one reference (see :func:`tokenize`).

    Returns:
        One list of string features per token, for ``pycrfsuite``.

    Example:
        >>> feats = sequence_features(["Smith,", "J.", "1992."])
        >>> "year" in feats[2]
        True
    """
    n = len(tokens)
    cached = [_token_features(t) for t in tokens]
    states = _context_states(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias", *cached[i][0], *states[i]]
        feats.append("pos=" + str(min(i * POSITION_BINS // max(n, 1), POSITION_BINS - 1)))
        if i == 0:
            feats.append("BOS")
        if i == n - 1:
            feats.append("EOS")
        if i < 3:
            feats.append("idx=" + str(i))
        for k, off in enumerate(_OFFSETS, start=1):
            j = i + off
            if 0 <= j < n:
                feats.extend(cached[j][k])
        out.append(feats)
    return out
