"""Hostile input through the library: any text in, no exception, output that round-trips.

Property-based (hypothesis). Two kinds of text are drawn: arbitrary unicode, and text
assembled from the pieces OCR'd notes are made of (numbered lines, Ibid., quotes,
parentheses, digit runs, initials, form feeds, CRLF, accents, superscripts), which reaches
far deeper into the rules than random characters do. The only exceptions allowed are
citex's own documented errors (:class:`citex.errors.CitexError`); none of these entry
points raises one on a string, so in practice any exception fails.

Inputs that once broke something are kept in tables at the end (regressions).
"""

from __future__ import annotations

import json
import os
import time

import bibtexparser
import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from citex.citations import split_citations_in_text
from citex.export import works_to_bibtex, works_to_csl_json, works_to_ris
from citex.footnotes import extract_footnotes, find_footnotes, text_span_to_source
from citex.pipeline import process_text
from citex.reference import parse_reference
from citex.serialize import document_to_text, dumps_document
from citex.works import WorkIndex, same_work

from .conftest import ROOT

SCHEMA = json.loads((ROOT / "citex" / "schema" / "extract.schema.json").read_text())

# Examples per property: enough to cover the OCR pieces in many orders, few enough that
# the whole file runs in well under a minute (process_text parses every full citation).
# CITEX_HOSTILE_SCALE=50 multiplies them for a long search.
SCALE = int(os.environ.get("CITEX_HOSTILE_SCALE", "1"))
FAST = settings(
    max_examples=400 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
SLOW = settings(
    max_examples=200 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# ---------------------------------------------------------------------------------------
# Strategies

# Characters OCR output is made of, plus the awkward ones: accents, combining marks,
# superscripts, dashes, curly quotes, NBSP, zero-width and right-to-left marks, CJK, emoji.
_ODD_CHARS = (
    "éőüßøł\u0301\u0308¹²³⁴⁵⁶⁷⁸⁹⁰–—‘’“”«»\u00a0\u200b\u200f§¶†‡•…ﬁ中文😀\ufffd\x0b\x85\u2028"
)

# fmt: off
_PIECES = [
    "1.", "2.", "3.", "12.", "(4)", "[5]", "6)", "7 ", "99.", "100.", "999.", "1000.",
    "1l.", "I.", "¹", "²³",
    "Ibid.", "ibid.,", "Ibid., 3.", "Id. at 4.", "Id.", "idem", "ebd.", "ivi", "op. cit.",
    "supra note 3", "supra n. 12,", "note 4 above", "(hereinafter X)", "hereinafter",
    "See", "see also", "Cf.", "as quoted in", "reprinted in", "trans.", "ed.", "eds.",
    "A. Author,", "Ann Lee,", "J. R. R. Smith", "A. A. A.", "Pérez de Cuéllar,", "O'Brien",
    "Old Roads", '"Title,"', "“Chapter,”", "'quoted'", "«Titre»", "„Zitat“",
    "(Boston: Beacon, 1972)", "(1990)", "(May 1970):", "1989", "19 89", "pp. 3-4",
    "p. 12", "12-13", "3–4", "vol. 2,", "Vol. XII,", "no. 4", "A/1234", "CAT/C/SR.12",
    "https://x.org/a", "doi:10.1/x", "et al.", "passim", "Press,", "(", ")", "((", "))",
    "[", "]", "\"", "'", "“", "”", ",", ";", ":", ".", "...", "-", "—", "/", "&", "§ 4",
    "\t", "  ",
]
# fmt: on
_BREAKS = ["\n", "\n", "\n", "\r\n", "\r", "\f", "\n\n", "\f\n"]

ocr_piece = st.one_of(
    st.sampled_from(_PIECES),
    st.integers(0, 3000).map(str),
    st.text(alphabet=_ODD_CHARS, min_size=1, max_size=3),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=6),
)
ocr_line = st.lists(ocr_piece, min_size=0, max_size=12).map(" ".join)


@st.composite
def ocr_document(draw: st.DrawFn) -> str:
    """Lines of OCR-like text with mixed line ends and page breaks, often numbered notes."""
    lines = draw(st.lists(ocr_line, min_size=0, max_size=25))
    if draw(st.booleans()):
        # Make a run of them numbered notes, so the note and citation rules engage.
        first = draw(st.integers(0, 5))
        lines = [f"{first + i}. {line}" for i, line in enumerate(lines)]
    out = []
    for line in lines:
        out.append(line)
        out.append(draw(st.sampled_from(_BREAKS)))
    return "".join(out)


any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
hostile_text = st.one_of(any_text, ocr_line, ocr_document())

# ---------------------------------------------------------------------------------------
# Properties of each entry point


@FAST
@given(hostile_text)
@example("")
@example("\f\f\f")
@example("1.\n2.\n3.")
@example("1. Ibid.\r\n2. Ibid., 3.\f3. Id. at 4.\n")
def test_find_footnotes_never_fails(text: str) -> None:
    result = extract_footnotes(text)
    for note in result.footnotes:
        assert isinstance(note.number, int)
        for start, end in note.spans:
            assert 0 <= start <= end <= len(text)
        if note.marker is not None:
            assert text[note.marker.start : note.marker.end] == note.marker.text
        # every range of the note's text maps back into the source
        for start, end in text_span_to_source(note, text, 0, len(note.text)):
            assert 0 <= start < end <= len(text)
    assert [n.number for n in find_footnotes(text)] == [n.number for n in result.footnotes]


@FAST
@given(hostile_text)
@example("Ibid.; Ibid.; (hereinafter ) ; supra note")
@example("((((((((((((((((((((((((((((((((((((((((")
def test_split_citations_never_fails(text: str) -> None:
    for cite in split_citations_in_text(text, aliases=["X", ""]):
        for start, end in cite.spans:
            assert 0 <= start <= end <= len(text)
        json.dumps(cite.csl)


@FAST
@given(hostile_text)
@example("")
@example(" ")
@example("A. A. A. A. A. A. A. A. A. A. A. A.")
def test_parse_reference_never_fails(text: str) -> None:
    item = parse_reference(text)
    assert isinstance(item, dict)
    json.dumps(item, ensure_ascii=False)


@SLOW
@given(st.one_of(ocr_document(), any_text))
def test_process_text_output_round_trips(text: str) -> None:
    doc = process_text(text, source="hostile.txt")
    data = json.loads(dumps_document(doc))
    jsonschema.validate(data, SCHEMA)
    document_to_text(doc)
    for dialect in ("bibtex", "biblatex"):
        library = bibtexparser.parse_string(works_to_bibtex(list(doc.works), dialect=dialect))
        assert library.failed_blocks == []
        assert len(library.entries) == len(doc.works)
    items = json.loads(works_to_csl_json(list(doc.works)))
    assert [i["id"] for i in items] == [w.id for w in doc.works]
    ris = works_to_ris(list(doc.works))
    assert ris.count("ER  - ") == len(doc.works)


# CSL values as readers and the parser may give them, including malformed ones.
_csl_text = st.sampled_from(["", "Old Roads", "Old Road", "0ld Roads", "Laws", "Lee", "Le3"])
_csl_item = st.fixed_dictionaries(
    {},
    optional={
        "title": _csl_text,
        "container-title": _csl_text,
        "author": st.lists(
            st.fixed_dictionaries({"family": st.sampled_from(["Lee", "Le3", "Orme", ""])}),
            max_size=2,
        ),
        "issued": st.sampled_from(
            [{"date-parts": [[1972]]}, {"date-parts": [[1980]]}, {"date-parts": [["x"]]}, {}]
        ),
        "number": st.sampled_from(["A/12", "AI12", "A/13", "12", "E/CN.4"]),
        "volume": st.sampled_from(["1", "2"]),
    },
)


@FAST
@given(st.lists(_csl_item, max_size=8), _csl_item)
def test_work_index_finds_every_same_work(heads: list[dict], item: dict) -> None:
    """The resolver's index may skip only items that same_work would reject anyway."""
    index = WorkIndex()
    for i, head in enumerate(heads):
        index.add(head, i)
    candidates = index.candidates(item)
    assert candidates == sorted(candidates)
    assert {i for i, h in enumerate(heads) if same_work(h, item)} <= set(candidates)


# ---------------------------------------------------------------------------------------
# Regressions: inputs that once made a stage slower than linear. Before the fix each took
# over ten seconds; the bound is a hang guard, far above the time they take now.

HANG_GUARD_SECONDS = 5.0


@pytest.mark.parametrize(
    "text",
    [
        # One note holding thousands of citations (numbers past 999 are not note numbers,
        # so everything after note 999 is its text): each citation re-joined the whole note
        # to map its span back to the source.
        pytest.param(
            "".join(f"{i}. Ibid., {i}.\n" for i in range(1, 3001)), id="one_note_many_citations"
        ),
        # Thousands of untitled full citations: each was compared with every earlier work
        # (same_work can never join them), and their ids, all one base key, were suffixed
        # by counting up from "a" each time.
        pytest.param(
            "".join(f"{i}. A. Author, Title (Place, 1990), {i}.\n" for i in range(1, 3001)),
            id="untitled_works",
        ),
        # One work cited fully and by short form thousands of times (pages of notes 1-100,
        # numbering restarting at each form feed): every short form was scored against
        # every earlier full citation, repeats included.
        pytest.param(
            "\f".join(
                [
                    "".join(
                        f"{n}. Ann Lee, Old Roads (Boston: Beacon, 1972), {n}.\n"
                        if n % 2
                        else f"{n}. Lee, {n}.\n"
                        for n in range(1, 101)
                    )
                ]
                * 60
            ),
            id="one_work_cited_thousands_of_times",
        ),
    ],
)
def test_large_documents_stay_linear(text: str) -> None:
    start = time.perf_counter()
    doc = process_text(text)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS
    assert doc.footnotes
