"""find_footnotes on small made-up documents, one layout feature per case."""

from __future__ import annotations

import pytest

from citex import extract_footnotes, find_footnotes, text_span_to_source

BODY = [
    "The committee met in the spring and agreed on a short agenda",
    "for the following year, which the members then discussed at",
    "length before the chair closed the session with a summary of",
    "the points on which everyone could agree without reservation.",
]


def body(n: int = 4) -> str:
    """n lines of body text (about 60 characters each, as a body column)."""
    return "\n".join((BODY * (n // len(BODY) + 1))[:n])


def notes_of(text: str) -> list[tuple[int, str]]:
    return [(f.number, f.text) for f in find_footnotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            body() + ".1\n1. A. Author, A Title (Place: Press, 1990), 3.\n2. Ibid., 4.\n",
            [(1, "A. Author, A Title (Place: Press, 1990), 3."), (2, "Ibid., 4.")],
            id="dot_numbers",
        ),
        pytest.param(
            body() + "\n1 A. Author, A Title (Place: Press, 1990), 3.\n2 Ibid., 4.\n",
            [(1, "A. Author, A Title (Place: Press, 1990), 3."), (2, "Ibid., 4.")],
            id="space_numbers",
        ),
        pytest.param(
            body() + "\n(1) A. Author, A Title (Place: Press, 1990), 3.\n(2) Ibid., 4.\n",
            [(1, "A. Author, A Title (Place: Press, 1990), 3."), (2, "Ibid., 4.")],
            id="parenthesised_numbers",
        ),
        pytest.param(
            body() + "\n1) A. Author, A Title (Place: Press, 1990), 3.\n2) Ibid., 4.\n",
            [(1, "A. Author, A Title (Place: Press, 1990), 3."), (2, "Ibid., 4.")],
            id="close_paren_numbers",
        ),
        pytest.param(
            body() + "\n[1] A. Author, A Title (Place: Press, 1990), 3.\n[2] Ibid., 4.\n",
            [(1, "A. Author, A Title (Place: Press, 1990), 3."), (2, "Ibid., 4.")],
            id="bracketed_numbers",
        ),
        pytest.param(
            body()
            + "\n1. A. Author, A Title of Some Length (Place: Uni-\nversity Press, 1990), 3.\n",
            [(1, "A. Author, A Title of Some Length (Place: University Press, 1990), 3.")],
            id="hyphenation_across_lines",
        ),
        pytest.param(
            body() + "\n1. On the Soviet-\nAmerican talks see B. Writer, Talks (City, 1989).\n",
            [(1, "On the Soviet-American talks see B. Writer, Talks (City, 1989).")],
            id="hyphen_kept_before_capital",
        ),
        pytest.param(
            body().replace("\n", "\r\n") + "\r\n1. A. Author, A Title\r\n(Place, 1990), 3.\r\n",
            [(1, "A. Author, A Title (Place, 1990), 3.")],
            id="crlf",
        ),
        pytest.param(
            body() + "\n1. A. Author, A Title (Place, 1990), 3.\n\n2. Ibid., 4.\n",
            [(1, "A. Author, A Title (Place, 1990), 3."), (2, "Ibid., 4.")],
            id="blank_line_between_notes",
        ),
        pytest.param(
            body() + "\n1. A. Author, A Title, Document\n\nA/1234 (1966).\n2. Ibid., 4.\n",
            [(1, "A. Author, A Title, Document A/1234 (1966)."), (2, "Ibid., 4.")],
            id="blank_line_inside_unfinished_note",
        ),
        pytest.param(
            "1. Introduction\n" + body() + "\n2. Methods\n" + body() + "\n",
            [],
            id="numbered_headings_are_not_notes",
        ),
        pytest.param(
            body() + "\n1l. A. Author, A Title (Place, 1990), 3.\n",
            [],
            id="ocr_letter_in_a_lone_number_is_too_weak",
        ),
        pytest.param(
            body() + "\n10. Ibid., 2.\n1l. Ibid., 3.\n12. Ibid., 4.\n",
            [(10, "Ibid., 2."), (11, "Ibid., 3."), (12, "Ibid., 4.")],
            id="ocr_letter_in_number_inside_a_sequence",
        ),
    ],
)
def test_note_forms(text: str, expected: list[tuple[int, str]]) -> None:
    assert notes_of(text) == expected


def test_no_notes_gives_empty_list_and_warning() -> None:
    result = extract_footnotes(body(12))
    assert result.footnotes == ()
    assert result.warnings == ("no footnotes found",)


def test_numbering_restarts_on_each_page_with_form_feeds() -> None:
    text = (
        body()
        + "\n1. A. Author, A Title (Place, 1990), 3.\n2. Ibid., 4.\n\f"
        + body()
        + "\n1. B. Writer, Another Title (City, 1985), 7.\n2. Ibid., 9.\n"
    )
    notes = find_footnotes(text)
    assert [(f.number, f.page) for f in notes] == [(1, 1), (2, 1), (1, 2), (2, 2)]
    assert notes[2].text == "B. Writer, Another Title (City, 1985), 7."


def test_form_feeds_give_pages() -> None:
    text = (
        body()
        + "\n1. A. Author, A Title (Place, 1990), 3.\n\f"
        + body()
        + "\n2. Ibid., 4.\n\f"
        + body()
        + "\n3. Ibid., 5.\n"
    )
    assert [(f.number, f.page) for f in find_footnotes(text)] == [(1, 1), (2, 2), (3, 3)]


def test_endnotes_under_a_heading() -> None:
    text = (
        body() + " first claim.1\n" + body() + " second claim.2\n" + body() + " third.3\n"
        "\nNotes\n\n1. A. Author, A Title (Place, 1990), 3.\n"
        "2. B. Writer, Another Title\n(City: Press, 1985), 7.\n3. Ibid., 9.\n"
    )
    notes = find_footnotes(text)
    assert [(f.number, f.text) for f in notes] == [
        (1, "A. Author, A Title (Place, 1990), 3."),
        (2, "B. Writer, Another Title (City: Press, 1985), 7."),
        (3, "Ibid., 9."),
    ]
    assert [f.marker.text if f.marker else None for f in notes] == ["1", "2", "3"]


# A page-layout document: body lines ~60 characters, note lines ~85 (smaller type), notes
# at the bottom of each page, no form feeds. Note 3 runs over to the next page's block.
PAGED = "\n".join(
    [
        "The committee met in the spring and agreed on a short agenda",
        "for the following year, which the members discussed at some",
        "length before the chair closed the session with a summary.1",
        "Several delegates objected to the procedure adopted in the",
        "first session and asked for a second reading of the text. 2",
        "The chair agreed, and the second reading took place in June",
        "when the committee adopted the final wording of the text.3 Its",
        "members then turned to the question of the annual budget.",
        "1. A. Author, The History of Committees and Their Procedures (Place: Some Press, 1990), 3.",
        '2. B. Writer, "On Second Readings," Journal of Procedure Vol. 12, No. 3 (1985): 44-67,',
        "at 50; see also C. Critic, Rules of Order and Their Uses (City: Other Press, 1979), 12.",
        "3. D. Scholar, Budgets and Committees in Comparative Perspective (Town: Third Press,",
        " The budget discussion lasted for the rest of the year and the",
        "members met four more times before they reached an agreement",
        "that all of them could support. The final report was written",
        "by a small group of members chosen by the chair for the task.",
        "The report was adopted without a vote in the last meeting. 4",
        "It was then sent to the council, which approved it in turn.5",
        "1991), 88-90.",
        "4. Ibid., 91.",
        "5. E. Analyst, Councils and Their Committees: A Study (Capital: University Press, 2001), 5.",
        " After the approval the committee was dissolved, and its work",
        "was continued by a new body with a different composition.",
    ]
)


def test_paged_document_with_note_continued_on_next_page() -> None:
    notes = find_footnotes(PAGED)
    assert [(f.number, f.page) for f in notes] == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]
    assert notes[2].text == (
        "D. Scholar, Budgets and Committees in Comparative Perspective "
        "(Town: Third Press, 1991), 88-90."
    )
    assert len(notes[2].spans) == 2
    assert "The budget discussion" not in " ".join(f.text for f in notes)
    assert "After the approval" not in notes[4].text
    assert [f.marker.text if f.marker else None for f in notes] == ["1", "2", "3", "4", "5"]


def test_column_of_bare_numbers_with_texts_after() -> None:
    text = "\n".join(
        [
            "The committee met in the spring and agreed on a short agenda",
            "for the following year, which the members discussed at some",
            "length before the chair closed the session with a summary.1",
            "Several delegates objected to the procedure adopted in the",
            "first session and asked for a second reading of the text.2",
            "",
            "1.",
            "2.",
            "3.",
            "",
            "A. Author, The History of Committees and Their Procedures (Place: Some Press, 1990), 3.",
            "Ibid., 4.",
            "Ibid.",
            "\fThe chair agreed, and the second reading took place in June",
        ]
    )
    notes = find_footnotes(text)
    assert [(f.number, f.text) for f in notes] == [
        (
            1,
            "A. Author, The History of Committees and Their Procedures (Place: Some Press, 1990), 3.",
        ),
        (2, "Ibid., 4."),
        (3, "Ibid."),
    ]


@pytest.mark.parametrize(
    ("line", "number", "marker"),
    [
        pytest.param("the end of non-conformity.19 The next", 19, "19", id="attached_after_period"),
        pytest.param("the end of the sentence. 19 The next", 19, "19", id="spaced_after_period"),
        pytest.param('the end of a quotation."19 The next', 19, "19", id="after_quote"),
        pytest.param("the end of the sentence.5 1 The next", 51, "5 1", id="split_digits"),
        pytest.param("the end of the sentence.\"' 0 The next", 10, "' 0", id="quote_read_for_one"),
    ],
)
def test_marker_forms(line: str, number: int, marker: str) -> None:
    notes_text = "\n".join(f"{n}. Ibid., {n + 2}." for n in range(number - 2, number + 1))
    text = "\n".join(BODY) + "\n" + line + "\n" + "\n".join(BODY) + "\n" + notes_text + "\n"
    notes = {f.number: f for f in find_footnotes(text)}
    found = notes[number].marker
    assert found is not None
    assert found.text == marker
    assert text[found.start : found.end] == marker


def test_marker_alone_on_a_line() -> None:
    text = "\n".join(BODY[:2]) + "\n7\n" + "\n".join(BODY[2:]) + "\n7. Ibid., 3.\n"
    notes = find_footnotes(text)
    assert notes[0].number == 7
    assert notes[0].marker is not None and notes[0].marker.text == "7"


def test_spans_point_into_the_source() -> None:
    notes = find_footnotes(PAGED)
    for note in notes:
        pieces = " ".join(PAGED[a:b].replace("\n", " ") for a, b in note.spans)
        assert pieces.split() == note.text.split()


def test_text_span_to_source_maps_across_lines() -> None:
    src = body() + "\n1. A. Author, A Title of Some Length (Place: Uni-\nversity Press, 1990), 3.\n"
    note = find_footnotes(src)[0]
    start = note.text.index("University")
    spans = text_span_to_source(note, src, start, start + len("University Press"))
    assert [src[a:b] for a, b in spans] == ["Uni-", "versity Press"]


def test_joined_copies_give_every_note_of_each_copy() -> None:
    """A text repeated page after page is not a running head (regression: a note block
    next to a blank line was taken for page furniture once its lines repeated 3 times)."""
    from .conftest import SAMPLE

    one = SAMPLE.read_text(encoding="utf-8")
    single = [(f.number, f.text) for f in find_footnotes(one)]
    joined = [(f.number, f.text) for f in find_footnotes("\f".join([one] * 3))]
    assert joined == single * 3
