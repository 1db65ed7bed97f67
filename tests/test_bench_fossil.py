"""The FOSSIL benchmark's TEI-to-text conversion and line scoring, on hand-written TEI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))  # bench/ holds scripts, not a package

from bench_footnotes import DEFAULT_CORPUS, predicted_lines  # noqa: E402
from fossil_to_text import gold_note_starts, load_fossil, tei_to_doc  # noqa: E402

NS = 'xmlns="http://www.tei-c.org/ns/1.0"'


def tei(zones: str, *, root: str = "TEI", ns: str = NS) -> str:
    """A minimal segmentation TEI document around the given zones."""
    return f"<{root} {ns}><teiHeader/><text xml:lang='en'>{zones}</text></{root}>"


def lines_and_labels(xml: str, *, form_feeds: bool = True) -> list[tuple[str, str]]:
    """Each line of the converted text with its label."""
    doc = tei_to_doc(xml, form_feeds=form_feeds)
    return [
        (doc.text[s:e], label) for (s, e), label in zip(doc.line_spans, doc.labels, strict=True)
    ]


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        pytest.param(
            tei("<body>Text 1 <lb/>more <lb/></body><listBibl>1 Vgl. X. <lb/></listBibl>"),
            [("Text 1", "other"), ("more", "other"), ("1 Vgl. X.", "footnote")],
            id="body_then_listbibl",
        ),
        pytest.param(
            tei("<body>A <lb/></body><listBibl>1 B <lb/></listBibl>", root="tei", ns=""),
            [("A", "other"), ("1 B", "footnote")],
            id="old_layout_lowercase_root_no_namespace",
        ),
        pytest.param(
            tei(
                "<listbibl>1 a <lb/></listbibl><libBibl>2 b <lb/></libBibl>"
                "<listBiblio>3 c <lb/></listBiblio>"
            ),
            [("1 a", "footnote"), ("2 b", "footnote"), ("3 c", "footnote")],
            id="annotator_typos_of_listbibl",
        ),
        pytest.param(
            tei(
                '<note place="headnote">Journal <lb/></note><page>5</page>'
                '<front>Title <lb/></front><div type="toc">Contents <lb/></div>'
            ),
            [("Journal", "other"), ("5", "other"), ("Title", "other"), ("Contents", "other")],
            id="furniture_is_other_and_last_line_needs_no_lb",
        ),
        pytest.param(
            tei('<body>x <lb/></body><note place="footnote">7 Only a remark. <lb/></note>'),
            [("x", "other"), ("7 Only a remark.", "footnote")],
            id="commentary_note_is_footnote",
        ),
        pytest.param(
            tei(
                '<body>a <lb/></body><note place="footnote">www.journal.eu <lb/></note>'
                "<page>1</page><body>b <lb/></body>"
                '<note place="footnote">www.journal.eu 2 <lb/></note>'
            ),
            [
                ("a", "other"),
                ("www.journal.eu", "footer"),
                ("1", "other"),
                ("b", "other"),
                ("www.journal.eu 2", "footer"),
            ],
            id="repeated_footnote_zone_is_footer",
        ),
        pytest.param(
            tei('<note place="footnote">22 Note. <lb/><listBibl>23 Ref. <lb/></listBibl></note>'),
            [("22 Note.", "footnote"), ("23 Ref.", "footnote")],
            id="listbibl_nested_in_note",
        ),
        pytest.param(
            tei(
                "<listBibl><!-- mixed-reference -->1 See <lb/>\n\n\t <lb/>  id.   at 3 </listBibl>"
            ),
            [("1 See", "footnote"), ("id. at 3", "footnote")],
            id="comments_dropped_blank_lines_dropped_spaces_collapsed",
        ),
        pytest.param(
            tei(
                "<listBibl>1 See A. <lb/></listBibl><body>End. <lb/></body>"
                "<listBibl>References <lb/>Author, Book. <lb/></listBibl>"
                "<listBibl>Other, Book. <lb/></listBibl>"
            ),
            [
                ("1 See A.", "footnote"),
                ("End.", "other"),
                ("References", "bibliography"),
                ("Author, Book.", "bibliography"),
                ("Other, Book.", "bibliography"),
            ],
            id="closing_reference_list_is_bibliography",
        ),
    ],
)
def test_lines_and_labels(xml: str, expected: list[tuple[str, str]]) -> None:
    assert lines_and_labels(xml) == expected


@pytest.mark.parametrize(
    ("zones", "pages"),
    [
        pytest.param(
            "<body>a <lb/></body><listBibl>1 n <lb/></listBibl><page>1</page>"
            '<note place="headnote">Head <lb/></note><body>b <lb/></body>',
            [1, 1, 2, 2, 2],
            id="page_number_before_running_head_opens_page",
        ),
        pytest.param(
            '<body>a <lb/></body><note place="headnote">Head <lb/></note><page>2</page>'
            "<body>b <lb/></body>",
            [1, 2, 2, 2],
            id="running_head_after_body_opens_page_without_footnotes",
        ),
        pytest.param(
            "<page>1</page><body>a <lb/></body><listBibl>1 n <lb/></listBibl>"
            "<page>2</page><body>b <lb/></body>",
            [1, 1, 1, 1, 2],
            id="page_number_after_footnotes_stays_on_page",
        ),
        pytest.param(
            "<body>a <lb/></body><listBibl>1 n <lb/></listBibl>"
            "<listBibl>2 m <lb/></listBibl><body>b <lb/></body>",
            [1, 1, 1, 2],
            id="two_footnote_zones_one_page",
        ),
        pytest.param(
            "<body>a <lb/></body><listBibl>1 n <lb/></listBibl><page>7</page>"
            "<listBibl>2 m <lb/></listBibl><page>8</page><listBibl>3 o <lb/></listBibl>",
            [1, 1, 1, 2, 2, 3],
            id="pages_of_endnotes_only",
        ),
        pytest.param(
            '<body>a <lb/></body><note place="footnote">Licence <lb/></note><page>1</page>'
            '<note place="footnote">Licence <lb/></note><body>b <lb/></body>',
            [1, 1, 2, 2, 2],
            id="footer_after_page_number_marks_a_page_head",
        ),
        pytest.param(
            '<body>a <lb/></body><note place="footnote">Licence <lb/></note>'
            '<body>b <lb/></body><note place="footnote">Licence <lb/></note>',
            [1, 1, 1, 1],
            id="footer_alone_neither_opens_nor_closes_a_page",
        ),
    ],
)
def test_inferred_pages(zones: str, pages: list[int]) -> None:
    assert list(tei_to_doc(tei(zones)).pages) == pages


@pytest.mark.parametrize(
    ("form_feeds", "text"),
    [
        pytest.param(True, "a\n1 n\n\fb\n", id="form_feed_before_new_page"),
        pytest.param(False, "a\n1 n\nb\n", id="no_form_feeds"),
    ],
)
def test_form_feeds(form_feeds: bool, text: str) -> None:
    xml = tei("<body>a <lb/></body><listBibl>1 n <lb/></listBibl><body>b <lb/></body>")
    doc = tei_to_doc(xml, form_feeds=form_feeds)
    assert doc.text == text
    assert [doc.text[s:e] for s, e in doc.line_spans] == ["a", "1 n", "b"]


@pytest.mark.parametrize(
    ("footnote_lines", "starts"),
    [
        pytest.param(["1 Vgl. A.", "2 Ibid."], [1, 2], id="plain"),
        pytest.param(["(1) See A.", "(2) Ibid."], [1, 2], id="parenthesised"),
        pytest.param(["4", "World Press.", "5", "Res."], [4, 5], id="number_alone_on_line"),
        pytest.param(["1 See A,", "2007, S. 49.", "2. Ibid."], [1, 2], id="year_not_a_number"),
        pytest.param(["1 See", "150 Jahre", "2 Ibid."], [1, 2], id="far_jump_not_a_note"),
        pytest.param(["1 See", "3 Ibid."], [1, 3], id="gap_allowed"),
        pytest.param(["1 a", "2 b", "9 c", "10 d", "3 Id."], [1, 2, 9, 10], id="lost_numbers"),
        pytest.param(["Id.", "See"], [], id="no_numbers"),
    ],
)
def test_gold_note_starts(footnote_lines: list[str], starts: list[int]) -> None:
    body = "".join(f"{line} <lb/>" for line in footnote_lines)
    doc = tei_to_doc(tei(f"<listBibl>{body}</listBibl>"))
    assert [number for _, number in gold_note_starts(doc)] == starts


@pytest.mark.parametrize(
    ("spans", "marked"),
    [
        pytest.param([], [False, False], id="nothing"),
        pytest.param([(0, 4)], [False, False], id="exactly_half_is_not_most"),
        pytest.param([(0, 9)], [True, False], id="whole_first_line"),
        pytest.param([(3, 17)], [True, True], id="most_of_first_line_and_second"),
        pytest.param([(0, 3), (9, 18)], [False, True], id="less_than_half_of_first_line"),
    ],
)
def test_predicted_lines(spans: list[tuple[int, int]], marked: list[bool]) -> None:
    # "body text" is 9 characters, 8 of them visible; "1 Ibid." starts at 10.
    doc = tei_to_doc(tei("<body>body text <lb/></body><listBibl>1 Ibid. <lb/></listBibl>"))
    assert predicted_lines(doc, spans) == marked


@pytest.mark.skipif(not DEFAULT_CORPUS.is_dir(), reason="FOSSIL corpus not available")
def test_whole_corpus_converts() -> None:
    docs = load_fossil(DEFAULT_CORPUS)
    assert len(docs) == 32
    for doc in docs:
        assert doc.text.count("\f") == doc.pages[-1] - 1
        assert all(doc.text[s:e].strip() == doc.text[s:e] != "" for s, e in doc.line_spans)
        assert "footnote" in doc.labels
