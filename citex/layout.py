"""OCR text -> physical lines with offsets, and the typography that tells notes from body.

Nothing here changes the text: every :class:`~citex.models.Line` points back into it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from .models import Line

# A line ends at LF, CRLF or a lone CR; a form feed also ends a line and starts a page.
# Must split: "a\nb", "a\r\nb", "a\rb", "a\fb". The CR of a CRLF is never part of a line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\f\v\x85\u2028\u2029]")

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
# Matches the end of: "1989).", "Ibid.", 'said."', "p. 3.)"; not: "America,", "Vol. 2 (June".
_FINISHED_LINE = re.compile(r"[.!?][\"'”’)\]]*\s*$")


def split_lines(text: str) -> list[Line]:
    """Split text into physical lines, keeping offsets and form-feed page numbers.

    Args:
        text: the decoded input.

    Returns:
        One :class:`Line` per physical line, in order; ``line.text`` is
        ``text[line.start:line.end]``. ``page`` counts form feeds (1 when there are none).

    Example:
        >>> [(ln.text, ln.page) for ln in split_lines("a\\r\\nb\\fc")]
        [('a', 1), ('b', 1), ('c', 2)]
    """
    lines: list[Line] = []
    page = 1
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(Line(len(lines), start, match.start(), text[start : match.start()], page))
        if match.group() == "\f":
            page += 1
        start = match.end()
    lines.append(Line(len(lines), start, len(text), text[start:], page))
    return lines


def content_bounds(line: Line) -> tuple[int, int]:
    """Source offsets of the line's text without leading and trailing white space."""
    stripped_left = len(line.text) - len(line.text.lstrip())
    stripped_right = len(line.text.rstrip())
    return line.start + stripped_left, line.start + max(stripped_right, stripped_left)


# A period that ends an abbreviation or an initial, not a sentence: a line ending so runs
# on. Must match the end of "Ed.", "eds.", "pp.", "Vol.", "J.", "cf.", "Hrsg.", "S.";
# must not match "Ibid.", "1990.", "Press.".
_ABBREVIATION_END = re.compile(
    r"(?:\b[A-Z]|\b(?:ed|eds|vol|vols|no|nos|pp?|cf|art|trans|transl|hrsg|vgl|ders|dies|bd|"
    r"hg|st|dr|prof|mr|mrs|ms|jr|sr|op|loc|ch|chap|sec|n|nn|fn|para|s|u|et al|i\.e|e\.g|"
    r"cit|ibid\., p|id\., p))\.\s*$",
    re.IGNORECASE,
)


# A line ending in a web address: the period is the URL's or the sentence's, and an
# access date ("Accessed 3 May 2020.", "Acesso em: ...") usually follows on the next line.
# Must match the end of "https://x.org/a.htm.", "www.un.org."; not "See p. 3."
_URL_END = re.compile(r"(?:https?://|www\.)\S*$")


def is_finished(text: str) -> bool:
    """True when a line ends a sentence (so a note may end there).

    Example:
        >>> is_finished("Ibid., 3."), is_finished("ed. J."), is_finished("(Place: Press,")
        (True, False, False)
    """
    return (
        bool(_FINISHED_LINE.search(text))
        and not _ABBREVIATION_END.search(text)
        and not _URL_END.search(text)
    )


def join_text_lines(pieces: Sequence[str]) -> tuple[str, list[int]]:
    """Join stripped line texts into running text, rejoining words hyphenated at line ends.

    Returns the joined text and, for each piece, the position in the joined text where the
    piece begins (so callers can map positions back to their source).

    Rules: a line ending in letter + hyphen before a lowercase letter loses the hyphen and
    joins with no space ("administra-" + "tive" -> "administrative"); before anything else
    the hyphen stays, with no space ("Franco-" + "Prussian"); otherwise one space.

    Example:
        >>> join_text_lines(["struc-", "tural change", "in Franco-", "Prussian ties"])[0]
        'structural change in Franco-Prussian ties'
    """
    out: list[str] = []
    starts: list[int] = []
    length = 0
    for piece in pieces:
        if out:
            prev = out[-1]
            if len(prev) >= 2 and prev[-1] == "-" and prev[-2].isalpha() and piece:
                if piece[0].islower():
                    out[-1] = prev[:-1]
                    length -= 1
            elif piece:
                out.append(" ")
                length += 1
        starts.append(length)
        out.append(piece)
        length += len(piece)
    return "".join(out), starts


@dataclass(frozen=True)
class WidthModel:
    """Typical full-line widths of body text and of notes (notes are set in smaller type).

    Printed notes use a smaller font than the body, so an OCR'd note line holds more
    characters than a body line. When the two widths differ clearly, width tells a note
    line from a body line; when they do not, citex falls back on structure alone.
    """

    body: float
    note: float

    def kind(self, length: int) -> str:
        """Classify a line length as ``"note"``, ``"body"`` or ``"short"`` (either)."""
        if length < SHORT_LINE_SHARE * self.body:
            return "short"
        # OCR sometimes glues two or three physical lines into one (often where it
        # rejoined a hyphenated word), so compare with multiples of each width.
        best_kind, best_distance = "body", float("inf")
        for kind, width in (("body", self.body), ("note", self.note)):
            for multiple in (1, 2, 3):
                distance = abs(length / (width * multiple) - 1.0)
                if distance < best_distance:
                    best_kind, best_distance = kind, distance
        return best_kind


# A line shorter than this share of the body width is "short": a paragraph's last line, a
# heading or a note's last line, which width alone cannot place.
SHORT_LINE_SHARE = 0.82

# Note lines must be at least this much wider than body lines for width to be trusted
# (measured: 1.3-1.45 on journal scans set in 10/8 point, 1.10-1.15 on born-digital PDFs
# set in 11/9.5; below ~1.08 the two distributions overlap and width misleads more than it
# helps). Chosen on the FOSSIL articles (1.12 -> 1.10 gained 0.3 points of line recall),
# so that figure is not a held-out one.
MIN_WIDTH_RATIO = 1.10

# Fewer full-width lines than these give no stable median. Body lines are plentiful; a
# short article may have only a few notes, and the ratio test below guards against noise.
MIN_NOTE_LINES_FOR_WIDTH = 3
MIN_BODY_LINES_FOR_WIDTH = 8


def estimate_widths(note_lengths: Sequence[int], body_lengths: Sequence[int]) -> WidthModel | None:
    """Estimate body and note widths from lines known to start notes and all other lines.

    Args:
        note_lengths: lengths of lines that start a note (mostly full width).
        body_lengths: lengths of all other non-blank lines (mostly body, some note lines).

    Returns:
        A :class:`WidthModel`, or None when the widths do not differ enough to be useful.
    """
    if len(note_lengths) < MIN_NOTE_LINES_FOR_WIDTH or len(body_lengths) < MIN_BODY_LINES_FOR_WIDTH:
        return None
    # The most common length band among other lines is the body's full width: body lines
    # outnumber note continuation lines in almost every article.
    body = _modal_width(body_lengths)
    if body is None:
        return None
    full_notes = [n for n in note_lengths if n >= body * SHORT_LINE_SHARE]
    if len(full_notes) < MIN_NOTE_LINES_FOR_WIDTH:
        return None
    # Upper-middle of note-start lengths: most starts are full lines, some notes are short.
    note = statistics.quantiles(full_notes, n=4)[2] if len(full_notes) >= 4 else max(full_notes)
    if note < body * MIN_WIDTH_RATIO:
        return None
    return WidthModel(body=float(body), note=float(note))


# Width of the bands used to find the most common line length; OCR'd justified lines of
# one column vary by a few characters either side of the measure.
_WIDTH_BAND = 6


def _modal_width(lengths: Sequence[int]) -> float | None:
    """Median of the lines in the most populated band of lengths (ignoring short lines)."""
    longish = [n for n in lengths if n >= 20]
    if not longish:
        return None
    counts: dict[int, int] = {}
    for n in longish:
        counts[n // _WIDTH_BAND] = counts.get(n // _WIDTH_BAND, 0) + 1
    # Merge each band with its neighbours so that a measure on a band edge is not split.
    best = max(counts, key=lambda b: (counts[b] + counts.get(b - 1, 0) + counts.get(b + 1, 0), -b))
    members = [n for n in longish if best - 1 <= n // _WIDTH_BAND <= best + 1]
    return float(statistics.median(members))
