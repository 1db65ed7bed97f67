"""OCR-tolerant comparison of names and titles: the only module that imports rapidfuzz.

Every score is a float in ``[0, 1]``. Before comparing, both strings are normalised the
way OCR damage asks for: accents folded ("Kővári" -> "kovari"), digits that stand for
letters inside a word read as those letters ("K6vdri" -> "kovdri", "Hens1ey" -> "hensley"),
letter pairs OCR confuses with one letter read as it ("Rarnsay" -> "ramsay"), and for
titles the spaces dropped, because OCR glues and splits words ("Lawsof the Realm").

The resolver (:mod:`citex.resolve`), the work builder (:mod:`citex.works`) and the matcher
against known bibliographies all call these functions, so a change of library or of a
confusion table happens here once.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

__all__ = [
    "OCR_DIGIT_LETTERS",
    "OCR_LETTER_GROUPS",
    "NameIndex",
    "best_window",
    "edit_operations",
    "edit_similarity",
    "fold",
    "key_partial_ratio",
    "key_ratio",
    "name_key",
    "name_similarity",
    "normalise",
    "short_title_similarity",
    "title_key",
    "title_similarity",
]

# Digits OCR reads for letters, applied only inside a word that has letters too (a page
# number "16" stays "16"). "6" is most often an accented "o" or "ó" ("K6vdri" for "Kővári").
OCR_DIGIT_LETTERS = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "o", "8": "b"}
# Letter groups OCR reads for one letter (applied after folding, in this order).
OCR_LETTER_GROUPS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))
# Letters with no decomposition in Unicode, folded by hand.
_UNDECOMPOSED = str.maketrans(
    {
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "þ": "th",
        "ð": "d",
        "’": "'",
        "‘": "'",
    }
)

# A word that mixes digits and letters, where digits may be misread letters.
# must match: "K6vdri" "Hens1ey" "0rme"    must not match: "1968" "42" "2d" (a suffix, kept)
_MIXED_WORD = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*\d)\w{3,}\b")
# Anything that is not a letter or a digit, for keys.
# must match: " " "," "~" "'"    must not match: "a" "7"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Leading articles a short title drops ("The Decline" -> "Decline").
# must match: "the " "a " "la " "il " "der "    must not match: "theory" "lane"
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an|la|le|les|il|lo|gli|i|l'|el|los|las|der|die|das)\s+")

# Titles shorter than this (letters, after normalising) match only by exact equality: a
# two-letter difference in "Opere" is another word, in a long title it is OCR noise.
MIN_FUZZY_TITLE = 8
# A short title whose leading article OCR glued to the next word ("IDolfin", "LaCarta")
# keeps the article in its key, so it is compared with the full title's key with its
# article too; from this many letters ("ilcaffe"), which a lone article and a letter
# ("ilc") never reach.
MIN_GLUED_TITLE = 5
# A short title too short for fuzzy matching may still be a whole word (or words) of the
# full title other than its opening, as notes shorten editions of records to a distinctive
# word ("Bandi" for "Duca di Candia, Bandi (1313-1329)"). That is weaker evidence than an
# opening (1.0) but passes resolve.SHORT_TITLE_MATCH; it needs this many letters, so that
# "di" or "Atti" alone finds nothing.
WORD_RUN_SCORE = 0.85
# A short title's last word is its most distinctive: when no word of the full title's
# opening is this much like it, the short title scores at most the cap (below
# resolve.SHORT_TITLE_MATCH). Formulaic openings ("concluding observations on X")
# otherwise make the ratios high when that word differs.
# The likeness is normalised Levenshtein similarity: OCR damage ("Riñosamente" for
# "Rinascimento" 0.67, "Hutnanism" for "Humanism" 0.78) stays above the limit, another
# name ("Colombia" for "Cambodia" 0.38, "Paraguay" for "Nicaragua" 0.56, "Chile" for
# "China" 0.6) falls below it.
LAST_WORD_MATCH = 0.65
# A word of roman numerals (OCR reads "I" as "l" or "i": "vili" for VIII) is a volume or
# document number, not a title's word.
_ROMAN_LETTERS = re.compile(r"[ivxlcdm]+")
_LETTERS = re.compile(r"[^\W\d_]+")
LAST_WORD_MISSING_CAP = 0.7
# A short title found anywhere in the full title scores its partial ratio times this: a
# match in the middle is weaker than at the opening, and an OCR-damaged opening ("Suor
# Arcangelo" for "Suor Arcangela ...", 0.92) must beat an exact match mid-title of
# another work by the same author by more than resolve.TITLE_MARGIN.
ANYWHERE_WEIGHT = 0.8
MIN_WORD_RUN = 5


# The same names and titles are compared again and again within a document (every short
# form against every earlier work); the pure normalisers and scores are cached.
_CACHE_SIZE = 65536


@functools.lru_cache(maxsize=_CACHE_SIZE)
def fold(text: str) -> str:
    """Fold accents and ligatures to ASCII letters, keeping case and punctuation.

    Example:
        >>> fold("Kővári, Núñez de Castro, Straße")
        'Kovari, Nunez de Castro, Strasse'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def normalise(text: str) -> str:
    """Lower-case, fold accents, read OCR digit/letter confusions, keep single spaces.

    Example:
        >>> normalise("K6vdri,  Anna B.")
        'kovdri anna b'
    """
    text = fold(text).lower()
    text = _MIXED_WORD.sub(_digits_to_letters, text)
    for group, letter in OCR_LETTER_GROUPS:
        text = text.replace(group, letter)
    return " ".join(_NON_ALNUM.sub(" ", text).split())


def name_key(name: str) -> str:
    """A family name as letters only, for comparison ("K6v~ri" -> "kovri")."""
    return normalise(name).replace(" ", "")


def _glued_key(title: str) -> str:
    """A title as letters and digits only, its leading article kept: the key of a title
    whose article OCR glued to the next word ("IDolfin", "TheJews") is found in it."""
    return normalise(title).replace(" ", "")


def title_key(title: str) -> str:
    """A title as letters and digits only, without a leading article or spaces."""
    return _LEADING_ARTICLE.sub("", normalise(title)).replace(" ", "")


@functools.lru_cache(maxsize=_CACHE_SIZE)
def name_similarity(a: str, b: str) -> float:
    """How alike two family names are, tolerating OCR damage.

    The score is the largest of an edit-distance ratio, a *dropped-letter* score and a
    *wildcard* score: OCR often loses an accented letter altogether ("Kvri" for "Kővári"), so
    a name whose letters are the other's in order, with the same first and last letter,
    scores by the share of letters kept; and it reads an accented letter as any glyph
    ("Kbvhri"), so against a name spelt with accents those letters may be anything.

    Example:
        >>> [round(name_similarity(ocr, "Kővári"), 2) for ocr in ("Kvri", "Kbvhri")]
        [0.83, 0.83]
        >>> round(name_similarity("Lee", "Orme"), 2)
        0.29
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    ratio = fuzz.ratio(ka, kb) / 100
    short, long_ = sorted((ka, kb), key=len)
    if short[0] == long_[0] and short[-1] == long_[-1] and _is_subsequence(short, long_):
        ratio = max(ratio, 0.5 + 0.5 * len(short) / len(long_))
    return max(ratio, _accent_wildcard_score(a, b), _accent_wildcard_score(b, a))


class NameIndex:
    """Names indexed so that those :func:`name_similarity` may score at least a floor
    against a query are found without scoring every one.

    ``name_similarity(a, b) >= floor`` (for a floor of 0.5 or more) needs one of: the
    keys' edit ratio at least the floor, found by rapidfuzz over all keys at C speed; the
    same first and last letter (the dropped-letter score); or, for the accent wildcard, a
    key as long as the other name's letters. So :meth:`candidates` returns a superset of
    the names scoring at least the floor, never missing one.

    Example:
        >>> index = NameIndex()
        >>> index.add("Kővári", 1); index.add("Lee", 2); index.add("Orme", 3)
        >>> sorted(index.candidates("Kvri", 0.65)), sorted(index.candidates("Le3", 0.65))
        ([1], [2])
    """

    def __init__(self) -> None:
        self._values: dict[str, set[int]] = {}  # key -> values
        self._keys: list[str] = []
        self._ends: dict[tuple[str, str], set[str]] = {}  # (first, last letter) -> keys
        self._length: dict[int, set[str]] = {}  # key length -> keys
        self._accented: dict[int, set[str]] = {}  # letters of accented names -> keys

    def add(self, name: str, value: int) -> None:
        """Index ``name`` under ``value``."""
        key = name_key(name)
        if not key:
            return
        if key not in self._values:
            self._values[key] = set()
            self._keys.append(key)
            self._ends.setdefault((key[0], key[-1]), set()).add(key)
            self._length.setdefault(len(key), set()).add(key)
        self._values[key].add(value)
        letters = [ch for ch in name if ch.isalpha()]
        if any(fold(ch) != ch for ch in letters):
            self._accented.setdefault(len(letters), set()).add(key)

    def candidates(self, name: str, floor: float) -> set[int]:
        """The values of every indexed name that may score ``floor`` or more."""
        key = name_key(name)
        if not key:
            return set()
        keys = {
            k
            for k, _, _ in process.extract_iter(
                key, self._keys, scorer=fuzz.ratio, score_cutoff=floor * 100 - 1e-6
            )
        }
        keys |= self._ends.get((key[0], key[-1]), set())
        keys |= self._accented.get(len(key), set())  # an indexed name spelt with accents
        letters = [ch for ch in name if ch.isalpha()]
        if any(fold(ch) != ch for ch in letters):  # the query spelt with accents
            keys |= self._length.get(len(letters), set())
        return {v for k in keys for v in self._values[k]}


def _accent_wildcard_score(clean: str, damaged: str) -> float:
    """Score a damaged name against one spelt with accents, each accented letter a wildcard.

    OCR reads an accented letter as any glyph ("Kővári" as "Kbvhri"); when the two names
    have the same length and every unaccented letter agrees, the names match, scored by
    the share of letters that agree.
    """
    letters = [ch for ch in clean if ch.isalpha()]
    accented = [fold(ch) != ch for ch in letters]
    other = name_key(damaged)
    if not any(accented) or len(other) != len(letters):
        return 0.0
    plain = [fold(ch).lower() for ch in letters]
    agree = [p == o for p, o, acc in zip(plain, other, accented, strict=True) if not acc]
    if not agree or not all(agree):
        return 0.0
    return 0.5 + 0.5 * len(agree) / len(letters)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def title_similarity(a: str, b: str) -> float:
    """How alike two full titles are: edit ratio of their keys (spaces and case ignored).

    Example:
        >>> title_similarity("Lawsof the Realm", "Laws of the Realm")
        1.0
    """
    ka, kb = title_key(a), title_key(b)
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    if min(len(ka), len(kb)) < MIN_FUZZY_TITLE:
        return 0.0
    return fuzz.ratio(ka, kb) / 100


def short_title_similarity(short: str, full: str) -> float:
    """How well a short title ("Military Organization") stands for a full one.

    A short title is the full title's opening words, or its main words; so the score is
    the best of: the full title's key starting with the short one's (1.0), the ratio
    against the full title's opening of the same length, and a partial match anywhere
    (discounted, since a word found in the middle is weaker evidence).

    Example:
        >>> short_title_similarity("Decline", "The Decline of the Venetian Nobility")
        1.0
    """
    ks, kf = title_key(short), title_key(full)
    if not ks or not kf:
        return 0.0
    if kf.startswith(ks):
        return 1.0
    glued_short, glued_full = _glued_key(short), _glued_key(full)
    if len(glued_short) >= MIN_GLUED_TITLE and glued_full.startswith(glued_short):
        return 1.0  # OCR glued the article to the next word: "IDolfin" for "I Dolfin"
    if len(ks) < MIN_FUZZY_TITLE:
        return WORD_RUN_SCORE if _is_word_run(short, full) else 0.0
    opening = fuzz.ratio(ks, kf[: len(ks)]) / 100
    anywhere = ANYWHERE_WEIGHT * fuzz.partial_ratio(ks, kf) / 100 if len(kf) > len(ks) else 0.0
    best = max(opening, anywhere, title_similarity(short, full))
    if not _last_word_found(short, full):
        # "concluding observations on Cambodia" is not "... on Australia": formulaic
        # openings make the ratios high when the distinctive last word differs
        return min(best, LAST_WORD_MISSING_CAP)
    return best


# ---------------------------------------------------------------------------------------
# Raw comparisons, for callers that normalise once and compare many times (the matcher
# scores a citation's keys against dozens of stored keys): no normalising, no cache, and
# rapidfuzz's results turned into plain Python values.


def key_ratio(a: str, b: str) -> float:
    """Edit-distance similarity (0-1) of two strings taken as they are.

    Example:
        >>> round(key_ratio("oldroads", "oldroad"), 3)
        0.933
    """
    return fuzz.ratio(a, b) / 100


def key_partial_ratio(short: str, long_: str) -> float:
    """Similarity (0-1) of ``short`` to the most alike stretch of ``long_``.

    Example:
        >>> key_partial_ratio("roads", "oldroadsofkent")
        1.0
    """
    return fuzz.partial_ratio(short, long_) / 100


def best_window(needle: str, text: str) -> tuple[float, int, int] | None:
    """(similarity 0-1, start, end) of the stretch of ``text`` most like ``needle``.

    Example:
        >>> score, start, end = best_window("E/7721", "Document E17721 (1970)")
        >>> round(score, 2), "Document E17721 (1970)"[start:end]
        (0.83, 'E17721')
    """
    found = fuzz.partial_ratio_alignment(needle, text)
    if found is None:
        return None
    return found.score / 100, found.dest_start, found.dest_end


def edit_operations(source: str, target: str) -> list[tuple[str, int, int]]:
    """The Levenshtein edits turning ``source`` into ``target``: (tag, source position,
    target position), tag one of "replace", "insert", "delete".

    Example:
        >>> edit_operations("Koros", "K6ros")
        [('replace', 1, 1)]
    """
    return [(op.tag, op.src_pos, op.dest_pos) for op in Levenshtein.editops(source, target)]


def edit_similarity(a: str, b: str) -> float:
    """Normalised Levenshtein similarity (0-1) of two strings taken as they are.

    Example:
        >>> edit_similarity("Koros", "K6ros")
        0.8
    """
    return Levenshtein.normalized_similarity(a, b)


def _digits_to_letters(m: re.Match[str]) -> str:
    """Read the digits of one mixed word as the letters OCR took them for."""
    word = m.group(0)
    if re.fullmatch(r"\d+(?:st|nd|rd|th|d|e|a|o)", word):  # ordinals: "19th", "2d", "1o"
        return word
    return "".join(OCR_DIGIT_LETTERS.get(ch, ch) for ch in word)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _is_word_run(short: str, full: str) -> bool:
    """Whether the short title's words stand as whole words, in a row, inside the full
    title ("Bandi" in "Duca di Candia, Bandi (1313-1329)"), with letters enough."""
    ws, wf = normalise(short).split(), normalise(full).split()
    if not ws or sum(len(w) for w in ws) < MIN_WORD_RUN:
        return False
    n = len(ws)
    return any(wf[i : i + n] == ws for i in range(1, len(wf) - n + 1))


def words_inside(short: str, full: str) -> bool:
    """Whether a short title of two words or more stands whole, its words in a row, anywhere
    in the full title ("Women Triumphant" in "Ian Lee in his Women Triumphant: Feminism").

    Example:
        >>> words_inside("Women Triumphant", "Ian Lee in his Women Triumphant: Feminism")
        True
        >>> words_inside("Women", "Ian Lee in his Women Triumphant")
        False
    """
    ws, wf = normalise(short).split(), normalise(full).split()
    if len(ws) < 2 or sum(len(w) for w in ws) < MIN_WORD_RUN:
        return False
    n = len(ws)
    return any(wf[i : i + n] == ws for i in range(len(wf) - n + 1))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _last_word_found(short: str, full: str) -> bool:
    """Whether the short title's last word (its most distinctive: letters only, four or
    more, no roman numeral) has a word like it (LAST_WORD_MATCH) among the full title's
    opening words (as many as the short title's and two more). False for "concluding
    observations on Cambodia" against "... on Australia"; True when there is no such
    word to check."""
    ws, wf = _letter_words(short), _letter_words(full)
    content = [w for w in ws if len(w) >= 4 and not _ROMAN_LETTERS.fullmatch(w)]
    if not content or len(ws) == 1:  # one word: see _is_word_run
        return True
    last = content[-1]
    return any(
        Levenshtein.normalized_similarity(last, f) >= LAST_WORD_MATCH for f in wf[: len(ws) + 2]
    )


def _letter_words(title: str) -> list[str]:
    """A title's runs of letters, folded and lower-cased, its leading article dropped
    ("Venera e i corsari1380-1613" -> venera, e, i, corsari)."""
    words = _LETTERS.findall(fold(title).lower())
    if words and _LEADING_ARTICLE.match(words[0] + " "):
        words = words[1:]
    return words


def last_words_agree(a: str, b: str) -> bool:
    """Whether two titles that differ only in their last word may still be one title:
    False for "concluding observations on Colombia" and "... on Cambodia" (two
    documents), True for OCR damage ("Humanism", "Hutnanism") and for titles that differ
    elsewhere too.

    Example:
        >>> last_words_agree("Report on Chile", "Report on China")
        False
    """
    wa, wb = _letter_words(a), _letter_words(b)
    shorter, longer = sorted((wa, wb), key=len)
    if longer[: len(shorter)] == shorter:  # one runs on from the other: not this test
        return True
    return _last_word_found(a, b) and _last_word_found(b, a)


def _is_subsequence(short: str, long_: str) -> bool:
    """Whether the letters of ``short`` occur in ``long_`` in order."""
    it = iter(long_)
    return all(ch in it for ch in short)
