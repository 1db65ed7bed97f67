"""Lines of OCR text -> the article's footnotes (numbers, split notes, body markers).

How it works, in four passes over the lines of :func:`citex.layout.split_lines`:

1. **Numbering.** Every line that could open a note (``12. ``, ``(12)``, ``12)``,
   ``[12]``, ``12 Text``, ``¹²``, or a bare ``12.`` printed in a column) is a candidate. The
   notes are the candidates that form the best sequence 1, 2, 3, ... (small gaps and
   restarts allowed, at a cost), found by dynamic programming in one pass.
2. **Typography.** Notes are set in smaller type than the body, so an OCR'd note line holds
   more characters. citex measures both widths on the document itself
   (:func:`citex.layout.estimate_widths`) and uses them when they differ clearly.
3. **Assembly.** Each note runs from its number until body text resumes; a note cut off by
   a page break is completed by the note-width lines that open the next page's block; a
   column of bare numbers is followed by one text per number (after the tail of an
   earlier note, if one is pending).
4. **Markers.** Each note's call in the body (``.19``, ``5 1``, ``' 0``, a number alone on
   a line) is looked for on the note's page, in order, strongest readings first.

Pages are form-feed pages when the input has form feeds; otherwise a page ends where a
block of notes ends and body text resumes.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .layout import (
    WidthModel,
    content_bounds,
    estimate_widths,
    is_finished,
    join_text_lines,
    split_lines,
)
from .models import Footnote, Line, Marker, Span

__all__ = ["FootnoteResult", "extract_footnotes", "find_footnotes", "text_span_to_source"]


@dataclass(frozen=True)
class FootnoteResult:
    """Footnotes found in a text, and what the user should know about the result."""

    footnotes: tuple[Footnote, ...]
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------
# Patterns. Each is applied to a line with its leading white space removed.

# "12. Text" or a bare "12." (a column of numbers whose texts follow elsewhere).
# OCR may read a 1 as l or I inside a number that has a real digit ("1l." for 11).
# Must match: "12. See", "3.Roberto", "20.", "1l. Ibid."; not: "1989. The", "12.5 per",
# "3-4.", "I. Introduction" (no real digit).
_START_DOT = re.compile(r"(?P<num>(?=[0-9lI]{0,2}\d)[0-9lI]{1,3})\.(?!\d)\s*")
# "(12) Text". Must match "(12) Ibid." and "(3)See"; not "(1948)" (four digits).
_START_PAREN = re.compile(r"\((?P<num>\d{1,3})\)\s*")
# "12) Text". Must match "12) Ibid."; not "12)." inside a reference continuation.
_START_CLOSE = re.compile(r"(?P<num>\d{1,3})\)\s+")
# "[12] Text". Must match "[12] Ibid."; not "[1948]".
_START_BRACKET = re.compile(r"\[(?P<num>\d{1,3})\]\s*")
# "12 Text": number, space, then a letter or opening quote. Must match "12 Vgl. ebd.",
# "3 'Title'"; not "29, No. 4", "12-13 (condensed", "1990 was", "98-99. The".
_START_SPACE = re.compile(r"(?P<num>\d{1,3})\s+(?=[^\W\d_]|[\"'“‘(])")
# A number alone on its line: the note's text follows on the next line (PDF text layers
# put the superscript note number on a line of its own). Also how a body marker set on
# its own line looks, so it is weak evidence; the sequence decides.
# Must match "12", " 7 "; not "1989" (four digits), "12 a".
_START_BARE = re.compile(r"(?P<num>\d{1,3})\s*$")
# Dot leaders of a table of contents: "2. Methods ........ 14", "1. Scope . . . . 3".
_DOT_LEADER = re.compile(r"\.{4,}|(?:\. ){3,}")
# Superscript digits as printed by some OCR engines: "¹² Text".
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_START_SUPER = re.compile(rf"(?P<num>[{_SUPERSCRIPTS}]{{1,3}})\s*")

# How much each form counts as evidence of a note start (the numbering pass adds these).
# "12." and bracketed forms are what typesetters use for notes; "12 Text" is also how a
# body line that begins with a number looks, so it counts less.
_STYLE_WEIGHTS = {
    "dot": 1.0,
    "paren": 1.0,
    "close": 0.9,
    "bracket": 0.9,
    "super": 1.0,
    "space": 0.7,
    "bare": 0.6,
}
# A number with a letter read for a digit ("1l.") is weaker evidence on its own; inside a
# sequence (10, 1l, 12) the neighbours make up for it.
OCR_NUMBER_SHARE = 0.7
_START_PATTERNS = (
    ("dot", _START_DOT),
    ("paren", _START_PAREN),
    ("bracket", _START_BRACKET),
    ("super", _START_SUPER),
    ("close", _START_CLOSE),
    ("space", _START_SPACE),
    ("bare", _START_BARE),
)

# A numbered line that looks like a section heading ("2. Methods", "3 The Brezhnev Era")
# rather than a note: short, no sentence end, no digits. Must match "Introduction",
# "Earlier Work"; not "Ibid.", "Smith, 10.", "See note 4".
_HEADING_LIKE = re.compile(r"^[^\d.;:,]{1,40}$")
# Short notes that look like headings but are back-references ("Ibid", "Ebd", "Id").
_SHORT_NOTE_WORDS = re.compile(r"^(?:ibid|ibidem|id|idem|ebd|ebenda|ders|dies|ivi|cit)\b", re.I)
HEADING_WEIGHT = 0.1
# A sequence must carry at least this much evidence to be taken for notes: one proper note
# ("7. Text") is enough; a lone "7 text" line or a few numbered headings are not.
MIN_CHAIN_SCORE = 0.75

# Cost of a gap in the numbering (per missing number): OCR loses a note number now and
# then ("l l." for 11), but a long gap means the sequence is something else.
GAP_PENALTY = 0.5
# PDF text layers sometimes drop note numbers altogether (a run of notes with no number),
# so a sequence may jump this far; the penalty above keeps such jumps rare.
MAX_GAP = 10
# Cost of restarting at 1: numbering restarts per page or per chapter in many books, but a
# numbered list in the body also restarts at 1. Cheaper across a form feed.
RESTART_PENALTY = 1.5
# At a form feed it is cheaper, but a restart must still be followed by a 2 to pay off: a
# lone "1 ..." line (a reference to volume 1) at the top of a page is not a new sequence.
RESTART_PENALTY_AT_PAGE_BREAK = 0.9
# Cost of a note whose style differs from the previous note's ("12." after "(11)").
STYLE_CHANGE_PENALTY = 0.3
# Cost per unit of a sequence starting above 1: a single OCR'd page, or an excerpt, starts
# mid-sequence, so this is small; it only breaks ties towards sequences that start at 1.
LATE_START_PENALTY = 0.02
MAX_FIRST_NUMBER = 500
# Typographic evidence in the second numbering pass: a candidate set at note width is
# more likely a note; one at body width is more likely a body line starting with a number.
NOTE_WIDTH_BONUS = 0.2
BODY_WIDTH_MALUS = 0.35

# Marks of a reference: body prose rarely has them, note continuations nearly always do.
# Used to keep a note's last line when it happens to be set at body width.
# Must find: "Press, 1962), 4; see also", "(May 1970): 33-35.", "ed. A. Name", "Ibid., 4",
# "Id. at 7", "Vol. 12, No. 2"; must not find: "the council's long quarrel with",
# "in 1970 the".
_CITATION_CUE = re.compile(
    r"\b\d{4}\)|\)[,:]\s*\d|\b(?:pp?|vol|no|ed|eds|trans|cf|ibid|op\. cit|supra)\.\s"
    r"|\bid\.(?:\s|$)|\bsupra note\b"
    r"|\bPress\b|\b\d+[-–]\d+\.\s*$|\b(?:19|20)\d{2}[),.]\s*\d+",
    re.IGNORECASE,
)

# A line that reads like part of a reference: a cue above, a year, a URL, "et al.", an
# initial before a surname, a page range. Must find: "2012, pp. 169-174, https://x.org/P",
# "ciak, T. Underwood, E. Dickson"; must not find: "More precisely, different kinds of
# transformation are being applied to the source".
_REFERENCE_LINE = re.compile(
    _CITATION_CUE.pattern
    + r"|\b(?:1[5-9]|20)\d{2}\b|https?://|\bdoi\b|\bet al\b"
    + r"|\b[A-Z]\.\s?[A-Z][a-z]|\d+\s?[-–]\s?\d+",
    re.IGNORECASE,
)

# Note-width lines in a row, with no number, that still count as note text.
MIN_UNNUMBERED_RUN = 2

# A line at least this share of the note width is a full line: a note does not end there.
FULL_LINE_SHARE = 0.9
# A body-width line after an unfinished note line stays in the note when more of the note
# block (a note-width line or a note number) follows within this many lines: a note's own
# lines are set at body width now and then; body text after a note block runs on longer.
MAX_SANDWICHED_LINES = 3


@dataclass(frozen=True)
class _Start:
    """A line that may open a note."""

    line: int
    number: int
    style: str
    weight: float
    content: int  # source offset where the note's text begins
    bare: bool  # the line holds only the number
    content_number_end: int  # source offset just after the printed number


@dataclass
class _NoteBuilder:
    """A note being assembled (private, mutable while the lines are walked)."""

    start: _Start
    lines: list[int] = field(default_factory=list)


def find_footnotes(text: str) -> list[Footnote]:
    """Find every footnote in OCR text.

    Args:
        text: the decoded OCR text of one document.

    Returns:
        The footnotes in reading order, each with its number, page, text, source spans
        and body marker (``None`` where the OCR lost it). Empty when there are none.

    Example:
        >>> doc = "Body text that cites a book.1\\n1. A. Author, Title (Place, 1990), 3.\\n"
        >>> [(f.number, f.text) for f in find_footnotes(doc)]
        [(1, 'A. Author, Title (Place, 1990), 3.')]
    """
    return list(extract_footnotes(text).footnotes)


def extract_footnotes(text: str) -> FootnoteResult:
    """Like :func:`find_footnotes`, with warnings about what could not be found."""
    lines = split_lines(text)
    candidates = _drop_page_numbers(_note_start_candidates(lines), lines)
    chain = _best_numbering(candidates, lines, None)
    if not chain:
        return FootnoteResult((), ("no footnotes found",))
    widths = _measure_widths(lines, chain)
    if widths is not None:
        chain = _best_numbering(candidates, lines, widths) or chain
        widths = _measure_widths(lines, chain) or widths
    builders, owner = _assemble(lines, chain, widths)
    pages = _pages(lines, owner)
    markers = _find_markers(lines, owner, builders, pages)
    warnings = _numbering_warnings(builders)
    footnotes = []
    for builder, marker in zip(builders, markers, strict=True):
        spans = _spans(lines, builder)
        if not spans:
            warnings.append(f"no text found for footnote {builder.start.number}")
            continue
        body, _ = _join_spans(text, spans)
        number_line = lines[builder.start.line]
        number_start = content_bounds(number_line)[0]
        footnotes.append(
            Footnote(
                number=builder.start.number,
                page=pages[builder.start.line],
                text=body,
                spans=spans,
                marker=marker,
                number_span=(number_start, builder.start.content_number_end),
            )
        )
    missing = sum(1 for m in markers if m is None)
    if missing:
        warnings.append(f"{missing} of {len(markers)} footnote markers not found in the body")
    return FootnoteResult(tuple(footnotes), tuple(warnings))


# ---------------------------------------------------------------------------------------
# 1. Numbering


def _note_start_candidates(lines: Sequence[Line]) -> list[_Start]:
    """Every line that could open a note, with the form of its number."""
    out = []
    for line in lines:
        stripped = line.text.lstrip()
        if not stripped or not (stripped[0].isdigit() or stripped[0] in "([lI" + _SUPERSCRIPTS):
            continue
        if _DOT_LEADER.search(stripped):
            continue  # a table of contents entry, not a note
        lead = len(line.text) - len(stripped)
        for style, pattern in _START_PATTERNS:
            match = pattern.match(stripped)
            if not match:
                continue
            number = _number_value(match.group("num"))
            if number is None or number == 0:
                continue
            rest = stripped[match.end() :].rstrip()
            bare = not rest
            if bare and style not in ("dot", "paren", "bracket", "bare"):
                break
            weight = _STYLE_WEIGHTS[style]
            if not match.group("num").isdigit() and style == "dot":
                weight *= OCR_NUMBER_SHARE
            if _heading_like(rest, lines, line.index):
                weight = HEADING_WEIGHT
            content = line.start + lead + match.end()
            number_end = line.start + lead + len(match.group().rstrip())
            out.append(_Start(line.index, number, style, weight, content, bare, number_end))
            break
    return out


# Page numbers printed alone on a line form a sequence too (325, 326, 327...), one per
# page. They are told from note numbers by their spacing: at least this many lines apart,
# in a run of at least PAGE_NUMBER_RUN, starting above 1 (articles rarely start on page 1;
# notes always start at 1), or sitting at the edge of a form-feed page.
MIN_LINES_PER_PAGE = 20
PAGE_NUMBER_RUN = 3


def _drop_page_numbers(candidates: Sequence[_Start], lines: Sequence[Line]) -> list[_Start]:
    """Candidates without the bare numbers that are page numbers."""
    edges = _page_edge_lines(lines)
    furniture = {c.line for c in candidates if c.bare and c.style == "bare" and c.line in edges}
    bare = [c for c in candidates if c.style == "bare" and c.line not in furniture]
    # Longest run n, n+1, ... of bare numbers spaced like pages (dynamic programming).
    run_end: dict[int, tuple[int, int]] = {}  # number -> (run length, index in bare)
    back: list[int | None] = []
    best: tuple[int, int] | None = None
    for index, cand in enumerate(bare):
        prev = run_end.get(cand.number - 1)
        length = 1
        pointer = None
        if prev is not None and cand.line - bare[prev[1]].line >= MIN_LINES_PER_PAGE:
            length, pointer = prev[0] + 1, prev[1]
        back.append(pointer)
        if cand.number not in run_end or length >= run_end[cand.number][0]:
            run_end[cand.number] = (length, index)
        if best is None or length > best[0]:
            best = (length, index)
    if best is not None and best[0] >= PAGE_NUMBER_RUN:
        members = []
        cursor: int | None = best[1]
        while cursor is not None:
            members.append(bare[cursor])
            cursor = back[cursor]
        if members[-1].number > 1:
            furniture.update(c.line for c in members)
    return [c for c in candidates if c.line not in furniture]


def _page_edge_lines(lines: Sequence[Line]) -> set[int]:
    """First and last non-blank line of every form-feed page (none without form feeds)."""
    if not lines or lines[-1].page == 1:
        return set()
    edges: set[int] = set()
    by_page: dict[int, list[int]] = {}
    for line in lines:
        if line.text.strip():
            by_page.setdefault(line.page, []).append(line.index)
    for indices in by_page.values():
        edges.update((indices[0], indices[-1]))
    return edges


def _heading_like(rest: str, lines: Sequence[Line], index: int) -> bool:
    """Does a numbered line read as a section heading ("2. Methods") rather than a note?"""
    if not rest or not _HEADING_LIKE.match(rest) or _SHORT_NOTE_WORDS.match(rest):
        return False
    if is_finished(rest) or rest[-1] in "-,(":
        return False
    following = next((ln.text.strip() for ln in lines[index + 1 :] if ln.text.strip()), "")
    # A heading is followed by a new sentence; a note's first line by its continuation.
    return not following or following[0].isupper()


def _number_value(token: str) -> int | None:
    """The value of a note number as OCR printed it ("1l" -> 11, "¹²" -> 12)."""
    token = token.translate(str.maketrans(_SUPERSCRIPTS + "lI", "0123456789" + "11"))
    return int(token) if token.isdigit() else None


def _best_numbering(
    candidates: Sequence[_Start], lines: Sequence[Line], widths: WidthModel | None
) -> list[_Start]:
    """The candidates that form the best note sequence (one pass of dynamic programming).

    ``best[n]`` holds the best-scoring sequence found so far that ends with number ``n``;
    a candidate extends ``best[n - 1]`` (or, at a cost, ``best[n - 2]``..., or restarts
    after the best sequence so far when it is number 1). Candidates are visited in
    reading order, so every sequence is in reading order too.
    """
    score: list[float] = []
    back: list[int | None] = []
    best: dict[int, int] = {}  # number -> index of the candidate ending the best sequence
    overall: int | None = None
    for index, cand in enumerate(candidates):
        weight = cand.weight + _width_evidence(cand, lines, widths)
        options: list[tuple[float, int | None]] = []
        if cand.number <= MAX_FIRST_NUMBER:
            options.append((weight - LATE_START_PENALTY * (cand.number - 1), None))
        for gap in range(1, MAX_GAP + 1):
            prev = best.get(cand.number - gap)
            if prev is None:
                continue
            cost = GAP_PENALTY * (gap - 1)
            if candidates[prev].style != cand.style:
                cost += STYLE_CHANGE_PENALTY
            options.append((score[prev] + weight - cost, prev))
        if cand.number == 1 and overall is not None:
            prev_line = lines[candidates[overall].line]
            cost = (
                RESTART_PENALTY_AT_PAGE_BREAK
                if lines[cand.line].page > prev_line.page
                else RESTART_PENALTY
            )
            options.append((score[overall] + weight - cost, overall))
        value, pointer = max(options, key=lambda option: option[0]) if options else (0.0, None)
        score.append(value)
        back.append(pointer)
        if not options:
            continue
        # On ties the later candidate wins: in a footnoted page the body (which may hold a
        # line starting with the same number) comes before the note itself.
        held = best.get(cand.number)
        if held is None or value >= score[held]:
            best[cand.number] = index
        if overall is None or value >= score[overall]:
            overall = index
    if overall is None or score[overall] < MIN_CHAIN_SCORE:
        return []
    chain = []
    cursor: int | None = overall
    while cursor is not None:
        chain.append(candidates[cursor])
        cursor = back[cursor]
    chain.reverse()
    return chain


def _width_evidence(cand: _Start, lines: Sequence[Line], widths: WidthModel | None) -> float:
    """Bonus or cost from how wide the candidate's line is set."""
    if widths is None or cand.bare:
        return 0.0
    kind = widths.kind(len(lines[cand.line].text.strip()))
    if kind == "note":
        return NOTE_WIDTH_BONUS
    if kind == "body":
        return -BODY_WIDTH_MALUS
    return 0.0


def _measure_widths(lines: Sequence[Line], chain: Sequence[_Start]) -> WidthModel | None:
    """Estimate note and body widths from the note starts found and the other lines."""
    starts = {c.line for c in chain}
    firsts: set[int] = set()  # first text lines of notes
    for c in chain:
        if not c.bare:
            firsts.add(c.line)
            continue
        # A number printed alone: the note's first line is the next line with text (in a
        # column of numbers, that is another number, which the check below skips).
        j = c.line + 1
        while j < len(lines) and not lines[j].text.strip():
            j += 1
        if j < len(lines) and j not in starts:
            firsts.add(j)
    note_lengths = [len(lines[i].text.strip()) for i in sorted(firsts)]
    body_lengths = [
        len(line.text.strip())
        for line in lines
        if line.index not in starts and line.index not in firsts and line.text.strip()
    ]
    return estimate_widths(note_lengths, body_lengths)


# ---------------------------------------------------------------------------------------
# 2-3. Assembly

_BODY = -1


class _Assembler:
    """Walks the lines once, giving each to a note or to the body."""

    def __init__(
        self, lines: Sequence[Line], chain: Sequence[_Start], widths: WidthModel | None
    ) -> None:
        self.lines = lines
        self.widths = widths
        self.starts = {c.line: c for c in chain}
        self.owner: list[int | None] = [None] * len(lines)  # note index, _BODY, or None
        self.notes: list[_NoteBuilder] = []
        self.current: int | None = None  # note being continued
        self.pending: int | None = None  # note cut off by body text, waiting for its tail
        self.furniture = _furniture_lines(lines, self.starts)

    def run(self) -> None:
        i = 0
        while i < len(self.lines):
            if not self._text(i):
                i += 1
                continue
            start = self.starts.get(i)
            if start is not None and start.bare:
                i = self._column(i)
            elif start is not None:
                self._take_tail_before(i)
                self.pending = None
                self._open(start)
                i += 1
            elif i in self.furniture:
                self._to_body(i)
                i += 1
            elif self.current is not None and self._continues(self.current, i):
                self._add(self.current, i)
                i += 1
            else:
                run = self._unnumbered_run(i)
                if run:
                    for k in run:
                        self._add(len(self.notes) - 1, k)
                    self.current = len(self.notes) - 1
                    i = run[-1] + 1
                    continue
                self._to_body(i)
                i += 1

    # -- helpers ------------------------------------------------------------------------

    def _text(self, i: int) -> str:
        return self.lines[i].text.strip()

    def _kind(self, i: int) -> str | None:
        return self.widths.kind(len(self._text(i))) if self.widths else None

    def _open(self, start: _Start) -> int:
        self.notes.append(_NoteBuilder(start=start, lines=[start.line]))
        index = len(self.notes) - 1
        self.owner[start.line] = index
        self.current = index
        return index

    def _add(self, note: int, i: int) -> None:
        self.notes[note].lines.append(i)
        self.owner[i] = note

    def _last_text(self, note: int) -> str:
        builder = self.notes[note]
        last = builder.lines[-1]
        if last == builder.start.line:
            return self.lines[last].text[builder.start.content - self.lines[last].start :].strip()
        return self._text(last)

    def _finished(self, note: int) -> bool:
        text = self._last_text(note)
        return bool(text) and is_finished(text)

    def _to_body(self, i: int) -> None:
        if self.current is not None:
            self.pending = None if self._finished(self.current) else self.current
        self.current = None
        self.owner[i] = _BODY

    def _page_break_between(self, a: int, b: int) -> bool:
        return self.lines[a].page != self.lines[b].page

    def _continues(self, note: int, i: int) -> bool:
        """Does line ``i`` continue ``note`` (whose last line precedes it)?"""
        prev = self.notes[note].lines[-1]
        if self._page_break_between(prev, i):
            return False
        blank_between = i - prev > 1
        unfinished = not self._finished(note)
        text = self._text(i)
        if self.widths is None:
            # Without typography: a note runs to the next note, unless a blank line after a
            # finished sentence, or a short capitalised line (a heading), shows body text.
            if blank_between and not unfinished:
                return False
            if unfinished or not (text[0].isupper() and self._is_short_line(i)):
                return True
            # A short capitalised line is a heading, unless the note goes on after it: a
            # PDF layer may break "Available at: URL" into a word per line.
            following = self._next_text(i)
            return following is not None and bool(
                _URL_START.match(self._text(following)) or self._text(following)[0].islower()
            )
        kind = self._kind(i)
        if blank_between and not unfinished:
            return False
        if kind == "note":
            return True
        if kind == "short":
            return unfinished or not text[0].isupper()
        if not unfinished:
            return False
        return self._sandwiched(i) or (is_finished(text) and bool(_CITATION_CUE.search(text)))

    def _unnumbered_run(self, i: int) -> list[int]:
        """Note-width lines whose note lost its number: they join the note before them.

        PDF text layers and OCR sometimes drop note numbers (a law review may keep one in
        six). A run with at least MIN_UNNUMBERED_RUN note-width lines after the first note,
        running on to the next note, page furniture or page break, is still note text; it
        is kept with the preceding note rather than lost. A run that runs into body text
        is a block quotation set in small type, and stays in the body.
        """
        if self.widths is None or not self.notes:
            return []
        kind = self._kind(i)
        # A body-width line that ends no sentence starts no run (the loop below stops at
        # it): asked first, this spares the reference pattern most lines of the body.
        if kind == "body" and not is_finished(self._text(i)):
            return []
        if kind != "note" and not self._reads_like_note(i):
            return []
        run: list[int] = []
        note_lines = 0
        j = i
        while j < len(self.lines) and j not in self.starts and j not in self.furniture:
            if self._text(j):
                if self._page_break_between(i, j):
                    break
                kind = self._kind(j)
                if kind == "body":
                    # Only a note's last line may be set at body width: after it the
                    # block ends, or another note (a reference, a note-width line)
                    # follows.
                    if not is_finished(self._text(j)):
                        return []
                    run.append(j)
                    following = self._next_text(j)
                    if self._ends_block(j):
                        break
                    if following is None or not (
                        self._kind(following) == "note" or self._reads_like_note(following)
                    ):
                        return []
                    j += 1
                    continue
                note_lines += kind == "note"
                run.append(j)
            j += 1
        if not run or not self._ends_block(run[-1]):
            return []
        if note_lines >= MIN_UNNUMBERED_RUN:
            return run
        # Short notes ("Id.", "See supra note 7.") right before the next note block.
        if all(self._reads_like_note(k) for k in run):
            return run
        return []

    def _reads_like_note(self, k: int) -> bool:
        """A short line that reads like a whole note or reference ("Id. at 4.")."""
        text = self._text(k)
        return bool(_SHORT_NOTE_WORDS.match(text) or _REFERENCE_LINE.search(text))

    def _next_text(self, k: int) -> int | None:
        """Index of the next non-blank line after ``k``."""
        return next((j for j in range(k + 1, len(self.lines)) if self._text(j)), None)

    def _ends_block(self, k: int) -> bool:
        """Is line ``k`` followed by a note, page furniture, a page break or the end?

        Unnumbered note text sits at the foot of a page; a block quotation set in the same
        small type sits inside the body and is followed by body text.
        """
        for j in range(k + 1, len(self.lines)):
            if not self._text(j):
                continue
            if self._page_break_between(k, j):
                return True
            return j in self.starts or j in self.furniture
        return True

    def _is_short_line(self, i: int) -> bool:
        """A line well short of its neighbours (a heading or a paragraph's last line)."""
        lengths = [
            len(self._text(j))
            for j in range(max(0, i - 3), min(len(self.lines), i + 4))
            if j != i and self._text(j)
        ]
        return bool(lengths) and len(self._text(i)) < 0.6 * max(lengths)

    def _sandwiched(self, i: int) -> bool:
        """Is body-width line ``i`` followed closely by more of the note block?"""
        seen = 0
        j = i + 1
        while j < len(self.lines) and seen < MAX_SANDWICHED_LINES:
            if self._text(j):
                if j in self.starts or self._kind(j) == "note":
                    return True
                if j in self.furniture or self._page_break_between(i, j):
                    return False
                seen += 1
            j += 1
        return False

    def _starts_body(self, k: int) -> bool:
        """Does line ``k`` (after a finished note text) begin body text, not another note?"""
        if self.widths is None:
            return False
        kind = self._kind(k)
        if kind == "body":
            return True
        if kind == "short" and not is_finished(self._text(k)):
            following = next((j for j in range(k + 1, len(self.lines)) if self._text(j)), None)
            return following is not None and self._kind(following) == "body"
        return False

    def _full_width(self, i: int) -> bool:
        """A full note line (width mode only: without widths any line may end a note)."""
        return self.widths is not None and len(self._text(i)) >= FULL_LINE_SHARE * self.widths.note

    def _take_tail_before(self, i: int) -> bool:
        """Give the note-width lines just before a note block to the note they continue."""
        note = self.pending
        if note is None:
            return False
        if self.widths is None:
            return self._take_reference_tail_before(i, note)
        run: list[int] = []
        j = i - 1
        while j >= 0 and self.owner[j] in (None, _BODY):
            if not self._text(j):
                j -= 1
                continue
            kind = self._kind(j)
            if kind == "note" or (kind == "short" and not run):
                run.append(j)
                j -= 1
                continue
            break
        run.reverse()
        if any(self._kind(k) == "note" for k in run):
            while self._kind(run[0]) != "note":
                run.pop(0)
        elif not (run and self._lone_tail(run[0])):
            return False
        for j in run:
            self._add(note, j)
        return True

    def _take_reference_tail_before(self, i: int, note: int) -> bool:
        """Without widths: take the lines before a note block that read like references.

        Body prose rarely carries a year, page range, "pp." or URL on every line; the tail
        of a note cut by a page break nearly always does. Only used when the pending note
        was left mid-sentence, so a finished note never gains body text this way.
        """
        run: list[int] = []
        misses = 0
        j = i - 1
        while j >= 0 and self.owner[j] in (None, _BODY) and j not in self.furniture:
            text = self._text(j)
            if not text:
                j -= 1
                continue
            if _REFERENCE_LINE.search(text):
                misses = 0
            else:
                misses += 1
                if misses > 1 or not run:
                    # Two prose-like lines in a row, or a prose line right before the
                    # block (a body paragraph's end), mark where the body stops.
                    if not run and not self._lone_tail(j):
                        break
                    if misses > 1:
                        run.pop()  # the previous prose line was body too
                        break
            run.append(j)
            j -= 1
        while run and not _REFERENCE_LINE.search(self._text(run[-1])):
            run.pop()  # the run starts with a reference-like line
        if not run:
            return False
        for k in reversed(run):
            self._add(note, k)
        return True

    def _lone_tail(self, k: int) -> bool:
        """Is short line ``k``, alone before a note block, the end of a cut-off note?

        A body paragraph's last line continues the sentence above it; a note's tail reads
        like a reference, or starts mid-sentence right after a finished body sentence.
        """
        text = self._text(k)
        if _CITATION_CUE.search(text):
            return True
        above = next((j for j in range(k - 1, -1, -1) if self._text(j)), None)
        return above is not None and is_finished(self._text(above)) and not text[0].isupper()

    def _column(self, i: int) -> int:
        """A column of bare numbers at ``i``: their texts (and a pending tail) follow."""
        pending = self.pending
        if pending is not None and self._take_tail_before(i):
            pending = None
        self.pending = None
        column: list[int] = []
        j = i
        while j < len(self.lines):
            if not self._text(j):
                j += 1
                continue
            start = self.starts.get(j)
            if start is None or not start.bare:
                break
            column.append(self._open(start))
            j += 1
        self.current = None
        needed = len(column) + (1 if pending is not None else 0)
        segments, j = self._segments(j, needed)
        if pending is not None and len(segments) == needed:
            for k in segments.pop(0):
                self._add(pending, k)
        for note, segment in zip(column, segments, strict=False):
            for k in segment:
                self._add(note, k)
            self.current = note
        # The last text may run on (more sentences, a second paragraph): the ordinary
        # continuation rules decide from here.
        return j

    def _segments(self, j: int, needed: int) -> tuple[list[list[int]], int]:
        """Split the text block from line ``j`` into up to ``needed`` note texts."""
        block: list[int] = []
        k = j
        while k < len(self.lines) and len(block) < 200:
            if self._text(k):
                if k in self.starts or k in self.furniture:
                    break
                if block and self._page_break_between(block[-1], k):
                    break
                block.append(k)
            k += 1
        segments: list[list[int]] = []
        current: list[int] = []
        end = j
        for k in block:
            if len(segments) >= needed:
                break
            if not current and segments and self._starts_body(k):
                break
            current.append(k)
            end = k + 1
            if is_finished(self._text(k)) and not self._full_width(k):
                segments.append(current)
                current = []
        if current and len(segments) < needed:
            segments.append(current)
        return segments, end


# A line ending mid-sentence is text running on, not a running head or footer.
# Must match the end of "held in the city from 7 to", "the rights of", "Smith, Jones,";
# must not match "Law Review", "JOURNAL OF HISTORY".
_ENDS_MID_SENTENCE = re.compile(
    r"(?:[,;:(]|\b(?:of|the|to|and|in|from|for|a|an|with|by|on|at|de|da|do|e|em|und|der|"
    r"die|di|del|la|le|et|du|des))\s*$",
    re.IGNORECASE,
)
# A line that starts with a web address. Must match "https://x.org/a", "www.un.org";
# must not match "See https://x.org".
_URL_START = re.compile(r"(?:https?://|www\.)")
# A line repeated this often (digits ignored) is a running head or footer, never a note.
MIN_REPEATS_FOR_FURNITURE = 3
# Shorter lines repeat inside notes legitimately ("Ibid., 4.", "Id. at 12.", "Smith, 3.");
# running heads and publisher footers are longer.
MIN_FURNITURE_LENGTH = 18
_DIGITS = re.compile(r"\d+")


def _furniture_lines(lines: Sequence[Line], starts: dict[int, _Start]) -> set[int]:
    """Running heads, footers and page numbers: lines that never belong to a note.

    Lines holding only a number are page numbers (or body markers on their own line).
    Lines repeated on many pages (digits ignored) are running heads or footers when
    they sit by page numbers or page edges, or do not read like a reference: a reference
    repeated word for word in several notes is not furniture.
    """
    counts: dict[str, list[int]] = {}
    all_counts: dict[str, list[int]] = {}  # note starts included, for repeated passages
    digit_lines: list[int] = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        if text.isdigit() and line.index not in starts:
            digit_lines.append(line.index)
            continue
        key = _DIGITS.sub("#", " ".join(text.split())).lower()
        all_counts.setdefault(key, []).append(line.index)
        if len(key) >= MIN_FURNITURE_LENGTH and line.index not in starts:
            counts.setdefault(key, []).append(line.index)
    repeated = [ix for ix in counts.values() if len(ix) >= MIN_REPEATS_FOR_FURNITURE]
    edges = _page_edge_lines(lines)

    def near(index: int, marks: set[int]) -> bool:
        window = range(max(0, index - 2), min(len(lines), index + 3))
        return any(j in marks for j in window if j != index)

    # Every line holding only a number is taken for a page number (or a body marker set
    # on its own line); both stay out of notes. A date split word by word ("30" /
    # "March" / "2010.") inside a note is the rare casualty.
    page_numbers = set(digit_lines)
    furniture = set(page_numbers)
    in_repeats = {
        i
        for indices in all_counts.values()
        if len(indices) >= MIN_REPEATS_FOR_FURNITURE
        for i in indices
    }
    for indices in repeated:
        if _repeated_passage(lines, indices, in_repeats, page_numbers):
            continue
        beside = sum(1 for i in indices if i in edges or near(i, page_numbers))
        text = lines[indices[0]].text
        if beside * 2 >= len(indices) or not (
            _REFERENCE_LINE.search(text) or _ENDS_MID_SENTENCE.search(text)
        ):
            furniture.update(indices)
    return furniture


def _repeated_passage(
    lines: Sequence[Line], indices: Sequence[int], in_repeats: set[int], skip: set[int]
) -> bool:
    """Is a repeated line part of a repeated passage (a text pasted twice), not a head?

    A running head stands among different text on every page; a line of a passage that
    occurs several times (a document concatenated with itself, a quotation repeated) has
    repeated lines around it too.
    """

    def neighbour(i: int, step: int) -> int | None:
        j = i + step
        while 0 <= j < len(lines) and (not lines[j].text.strip() or j in skip):
            j += step
        return j if 0 <= j < len(lines) else None

    surrounded = sum(
        1 for i in indices if neighbour(i, -1) in in_repeats and neighbour(i, 1) in in_repeats
    )
    return surrounded * 2 > len(indices)


def _assemble(
    lines: Sequence[Line], chain: Sequence[_Start], widths: WidthModel | None
) -> tuple[list[_NoteBuilder], list[int | None]]:
    """Give every line to a note or to the body."""
    assembler = _Assembler(lines, chain, widths)
    assembler.run()
    return assembler.notes, assembler.owner


def _pages(lines: Sequence[Line], owner: Sequence[int | None]) -> list[int]:
    """Page number of every line: form-feed pages, else pages inferred from note blocks."""
    if lines and lines[-1].page > 1:
        return [line.page for line in lines]
    pages = []
    page = 1
    in_notes = False
    for who in owner:
        if who == _BODY and in_notes:
            page += 1
            in_notes = False
        elif who is not None and who != _BODY:
            in_notes = True
        pages.append(page)
    # Blank lines between a note block and the next page's body belong to the new page.
    for i in range(len(lines) - 2, -1, -1):
        if owner[i] is None and pages[i + 1] > pages[i]:
            pages[i] = pages[i + 1]
    return pages


def _spans(lines: Sequence[Line], builder: _NoteBuilder) -> tuple[Span, ...]:
    """Source spans of a note: one per run of consecutive lines, in reading order."""
    spans: list[list[int]] = []
    previous = None
    for i in builder.lines:
        start, end = content_bounds(lines[i])
        if i == builder.start.line:
            start = max(start, builder.start.content)
        if start >= end:
            previous = i
            continue
        if spans and previous is not None and i == previous + 1 and start >= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
        previous = i
    return tuple((a, b) for a, b in spans)


def _join_spans(source: str, spans: Sequence[Span]) -> tuple[str, list[tuple[int, Span]]]:
    """Join a note's pieces; also return each line piece's text position and source span."""
    pieces: list[str] = []
    origins: list[Span] = []
    for start, end in spans:
        for line in split_lines(source[start:end]):
            a, b = content_bounds(line)
            if a < b:
                pieces.append(source[start + a : start + b])
                origins.append((start + a, start + b))
    text, starts = join_text_lines(pieces)
    return text, list(zip(starts, origins, strict=True))


# Notes joined recently, for mapping each of a note's citations back to the source: a
# note is mapped once per citation, and joining it again each time made a note with n
# citations cost n times its length. A few entries suffice (citations go note by note).
_JOIN_CACHE_SIZE = 4


@functools.lru_cache(maxsize=_JOIN_CACHE_SIZE)
def _joined_note(
    source: str, spans: tuple[Span, ...]
) -> tuple[str, tuple[int, ...], tuple[Span, ...]]:
    """The note's joined text, the text position of each piece, and each piece's source span."""
    text, pieces = _join_spans(source, spans)
    return text, tuple(p for p, _ in pieces), tuple(o for _, o in pieces)


def text_span_to_source(footnote: Footnote, source: str, start: int, end: int) -> tuple[Span, ...]:
    """Map a range of ``footnote.text`` back to spans of the source text.

    Args:
        footnote: a footnote found in ``source``.
        source: the text the footnote was found in.
        start: start of the range in ``footnote.text``.
        end: end of the range in ``footnote.text``.

    Returns:
        One source span per line piece the range touches, in order.

    Example:
        >>> src = "1. A. Author, Title\\n(Place, 1990), 3.\\n"
        >>> note = find_footnotes(src)[0]
        >>> [src[a:b] for a, b in text_span_to_source(note, src, 3, 30)]
        ['Author, Title', '(Place, 1990)']
    """
    text, starts, origins = _joined_note(source, tuple(footnote.spans))
    start, end = max(0, start), min(end, len(text))
    out: list[Span] = []
    # Only the pieces from the one holding ``start`` on can overlap the range.
    first = max(0, bisect.bisect_right(starts, start) - 1)
    for k in range(first, len(starts)):
        piece_start, (origin, origin_end) = starts[k], origins[k]
        if piece_start >= end:
            break
        piece_end = starts[k + 1] if k + 1 < len(starts) else len(text)
        a, b = max(start, piece_start), min(end, piece_end)
        if a >= b:
            continue
        source_a = origin + (a - piece_start)
        # A range running on into the next piece takes this piece to its end in the source
        # (with a hyphen the joined text dropped); positions on a joining space clamp to it.
        source_b = origin_end if end > piece_end else min(origin + (b - piece_start), origin_end)
        if source_a < source_b:
            out.append((source_a, source_b))
    return tuple(out)


# ---------------------------------------------------------------------------------------
# 4. Markers


@dataclass(frozen=True)
class _MarkerCandidate:
    start: int
    end: int
    weight: float


# Characters after which a superscript number sits: a word's end or closing punctuation.
_CALL_PRECEDERS = ".,;:!?\"')]’”"
# Words after which a number is a reference, not a note call ("No. 3", "p. 12", "§ 4").
_NOT_CALL_AFTER = re.compile(
    r"(?:\b(?:no|nos|p|pp|vol|art|arts|ch|chap|sec|para|fig|n|nn|note|notes|s|v)\.?|[§¶])\s*$",
    re.IGNORECASE,
)

# Evidence weights of each reading of a marker. A number where a superscript sits (after
# punctuation, or alone on its line) is near certain; the same digits after a plain word
# could be a quantity; split or partly lost digits are OCR damage that needs the position
# to be believed, so they only fill gaps left by the stronger readings.
EXACT_AFTER_PUNCTUATION = 1.0
ALONE_ON_LINE = 1.0
EXACT_AFTER_WORD = 0.5
SPLIT_DIGITS = 0.8
QUOTE_FOR_ONE = 0.6
LOST_DIGIT = 0.35
ANCHOR_WEIGHT = 0.8  # readings at least this strong are placed first


# A run of digits in a body line; the readings of a note call are worked out from the runs
# and the characters around them, so no pattern is built per note number.
_DIGIT_RUN = re.compile(r"\d+")
_QUOTES_FOR_ONE = "'’"
_LOST_DIGIT_FOLLOWERS = " \t\"'”’-"


def _marker_candidates(line: Line, number: int) -> list[_MarkerCandidate]:
    """Readings of ``number`` as a note call in one body line.

    The readings, strongest first: the digits after punctuation ("conformity.19",
    '"37', "rights. 16") or alone on the line; the digits after a word ("law 31 and");
    the digits split by a space ("5 1" for 51); a quote read for a leading 1 ("' 0" for
    10); one digit lost ("3--a" for 13, "standards. 2" for 28).
    """
    text = line.text
    digits = str(number)
    if not any(digit in text for digit in set(digits)):
        return []  # every reading, even with a digit lost, keeps one of the digits
    if text.strip() == digits:
        a, b = content_bounds(line)
        return [_MarkerCandidate(a, b, ALONE_ON_LINE)]
    runs = [(m.start(), m.end(), m.group()) for m in _DIGIT_RUN.finditer(text)]
    out: list[_MarkerCandidate] = []
    for k, (start, end, run) in enumerate(runs):
        if _continues_as_number(text, end):
            continue
        before, gap = _char_before(text, start)
        if _NOT_CALL_AFTER.search(text[: start - gap]):
            continue
        after_call = before != "" and before in _CALL_PRECEDERS
        after_word = before.isalpha()
        if run == digits and (after_call or after_word):
            weight = EXACT_AFTER_PUNCTUATION if after_call else EXACT_AFTER_WORD
            out.append(_MarkerCandidate(line.start + start, line.start + end, weight))
            continue
        if len(digits) < 2:
            continue
        following = runs[k + 1] if k + 1 < len(runs) else None
        if (
            run == digits[0]
            and following is not None
            and following[0] == end + 1
            and text[end] == " "
            and following[2] == digits[1:]
            and not _continues_as_number(text, following[1])
            and before != ""
            and not before.isdigit()
        ):
            out.append(
                _MarkerCandidate(line.start + start, line.start + following[1], SPLIT_DIGITS)
            )
            continue
        if digits[0] == "1" and run == digits[1:]:
            quote = start - 1 - (1 if start >= 2 and text[start - 1] == " " else 0)
            if quote >= 0 and text[quote] in _QUOTES_FOR_ONE:
                out.append(_MarkerCandidate(line.start + quote, line.start + end, QUOTE_FOR_ONE))
                continue
        if run in (digits[1:], digits[:-1]) and (
            end == len(text) or text[end] in _LOST_DIGIT_FOLLOWERS
        ):
            spaced = gap == 1 and before != "" and not before.isdigit()
            attached = gap == 0 and after_call
            if spaced or attached:
                out.append(_MarkerCandidate(line.start + start, line.start + end, LOST_DIGIT))
    return out


def _continues_as_number(text: str, end: int) -> bool:
    """Does a digit run go on as a larger number ("1,000", "3.5")?"""
    return end + 1 < len(text) and text[end] in ",." and text[end + 1].isdigit()


def _char_before(text: str, start: int) -> tuple[str, int]:
    """The character before ``start``, skipping one white-space character, and the gap."""
    if start >= 1 and text[start - 1].isspace():
        return (text[start - 2], 1) if start >= 2 else ("", 1)
    return (text[start - 1], 0) if start >= 1 else ("", 0)


def _find_markers(
    lines: Sequence[Line],
    owner: Sequence[int | None],
    notes: Sequence[_NoteBuilder],
    pages: Sequence[int],
) -> list[Marker | None]:
    """Each note's call in the body, strongest readings first, kept in reading order."""
    body = [line for line, who in zip(lines, owner, strict=True) if who == _BODY]
    body_starts = [line.start for line in body]
    page_first_body: dict[int, int] = {}
    for line in body:
        page_first_body.setdefault(pages[line.index], line.start)
    windows = []
    for note in notes:
        first = lines[note.start.line]
        page_start = page_first_body.get(pages[first.index])
        # A footnote is called on its own page; an endnote anywhere before it.
        low = page_start if page_start is not None and page_start < first.start else 0
        windows.append((low, first.start))
    chosen: list[_MarkerCandidate | None] = [None] * len(notes)
    for threshold in (ANCHOR_WEIGHT, 0.0):
        # Markers stay in reading order: each note's window is also bounded by the
        # markers already placed for the notes before and after it.
        next_start = [0] * len(notes)
        following = None
        for k in range(len(notes) - 1, -1, -1):
            next_start[k] = following if following is not None else windows[k][1]
            if chosen[k] is not None:
                following = chosen[k].start
        previous_end = 0
        for k, note in enumerate(notes):
            if chosen[k] is None:
                low = max(windows[k][0], previous_end)
                high = min(windows[k][1], next_start[k])
                chosen[k] = _best_marker(body, body_starts, low, high, note.start.number, threshold)
            if chosen[k] is not None:
                previous_end = chosen[k].end
    line_starts = [line.start for line in lines]
    return [
        Marker(c.start, c.end, _source_slice(lines, line_starts, c)) if c is not None else None
        for c in chosen
    ]


def _best_marker(
    body: Sequence[Line],
    body_starts: Sequence[int],
    low: int,
    high: int,
    number: int,
    threshold: float,
) -> _MarkerCandidate | None:
    """The strongest reading of ``number`` between offsets ``low`` and ``high``."""
    best: _MarkerCandidate | None = None
    first = max(bisect.bisect_right(body_starts, low) - 1, 0)
    for line in body[first:]:
        if line.start >= high:
            break
        for cand in _marker_candidates(line, number):
            if cand.start < low or cand.end > high or cand.weight < threshold:
                continue
            if best is None or cand.weight > best.weight:
                best = cand
    return best


def _source_slice(lines: Sequence[Line], line_starts: Sequence[int], cand: _MarkerCandidate) -> str:
    """The marker's text, read from the line that holds it."""
    line = lines[bisect.bisect_right(line_starts, cand.start) - 1]
    return line.text[cand.start - line.start : cand.end - line.start]


def _numbering_warnings(notes: Sequence[_NoteBuilder]) -> list[str]:
    """Gaps in the numbering, and notes whose text is missing."""
    warnings = []
    for prev, note in zip(notes, notes[1:], strict=False):
        a, b = prev.start.number, note.start.number
        if b > a + 1:
            missing = ", ".join(str(n) for n in range(a + 1, b))
            warnings.append(f"footnote numbering skips {missing} (after note {a})")
    return warnings
