"""Tests of citex.reference: one citation string -> one CSL-JSON item.

All citations here are made up; they imitate the shapes of Chicago-style notes and
bibliography entries (books, chapters, journals, newspapers, corporate and legal
material, interviews) and common OCR damage.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citex.reference import parse_reference, parse_references, split_pinpoint


def name(family: str, given: str | None = None) -> dict[str, str]:
    """A CSL personal name."""
    return {"family": family, "given": given} if given else {"family": family}


def year(y: int, *rest: int) -> dict:
    """A CSL date."""
    return {"date-parts": [[y, *rest]]}


def assert_fields(item: dict, expected: dict) -> None:
    """Every expected key is in the item with the expected value."""
    for key, value in expected.items():
        assert item.get(key) == value, f"{key}: {item.get(key)!r} != {value!r} in {item}"


CASES = [
    pytest.param(
        "Margaret L. Hensley, The Quiet Frontier: Diplomacy in the North Sea "
        "(Ithaca, N.Y.: Cornell University Press, 1983), 41-42.",
        {
            "type": "book",
            "author": [name("Hensley", "Margaret L.")],
            "title": "The Quiet Frontier: Diplomacy in the North Sea",
            "publisher-place": "Ithaca, N.Y.",
            "publisher": "Cornell University Press",
            "issued": year(1983),
            "_pinpoint": "41-42",
        },
        id="book_note_with_pinpoint",
    ),
    pytest.param(
        "Colin Vance and Olga Marr, Borders of Conscience (London: Verso, 1979), 112.",
        {
            "type": "book",
            "author": [name("Vance", "Colin"), name("Marr", "Olga")],
            "title": "Borders of Conscience",
            "_pinpoint": "112",
        },
        id="book_two_authors",
    ),
    pytest.param(
        "Hensley, Margaret L. The Quiet Frontier. Ithaca: Cornell University Press, 1983.",
        {
            "type": "book",
            "author": [name("Hensley", "Margaret L.")],
            "title": "The Quiet Frontier",
            "publisher-place": "Ithaca",
            "issued": year(1983),
        },
        id="book_bibliography_inverted_name",
    ),
    pytest.param(
        "Gregor Lind, Tides and Reform, 2nd ed. (Boston: Beacon Press, 1988), 9.",
        {"type": "book", "title": "Tides and Reform", "edition": "2nd", "_pinpoint": "9"},
        id="book_edition",
    ),
    pytest.param(
        "Karl Weiss, The Long Road, trans. Mary Field (New York: Knopf, 1971), 23-24.",
        {
            "type": "book",
            "author": [name("Weiss", "Karl")],
            "translator": [name("Field", "Mary")],
            "title": "The Long Road",
        },
        id="book_translator",
    ),
    pytest.param(
        'Jonathan Ashby, "Courts and Conscience," in Essays on Modern Law, ed. Miriam Cole '
        "(Chicago: University of Chicago Press, 1977), 55-80.",
        {
            "type": "chapter",
            "author": [name("Ashby", "Jonathan")],
            "title": "Courts and Conscience",
            "container-title": "Essays on Modern Law",
            "editor": [name("Cole", "Miriam")],
            "publisher": "University of Chicago Press",
            "issued": year(1977),
            "_pinpoint": "55-80",
        },
        id="chapter_in_ed",
    ),
    pytest.param(
        'Helen T. Marsh, "The Politics of Grain," World Politics Vol. 38, No. 2 (1986): 214.',
        {
            "type": "article-journal",
            "author": [name("Marsh", "Helen T.")],
            "title": "The Politics of Grain",
            "container-title": "World Politics",
            "volume": "38",
            "issue": "2",
            "issued": year(1986),
            "_pinpoint": "214",
        },
        id="journal_vol_no_pinpoint",
    ),
    pytest.param(
        'Samuel R. Byrd, "Harbours After the Flood," Harbour Studies No. 41 (Winter 1987): 302.',
        {
            "type": "article-journal",
            "container-title": "Harbour Studies",
            "issue": "41",
            "issued": {"date-parts": [[1987]], "season": "Winter"},
            "_pinpoint": "302",
        },
        id="journal_issue_only_season",
    ),
    pytest.param(
        'Ann Lee, "Old Roads," Journal of Roads 12, no. 3 (1990): 45-67.',
        {"type": "article-journal", "volume": "12", "issue": "3", "page": "45-67"},
        id="journal_page_range_is_page",
    ),
    pytest.param(
        'Ruth Adler, "Border Studies," Quarterly Review of Law XXIV (1975): 12-40.',
        {"type": "article-journal", "volume": "XXIV", "page": "12-40"},
        id="journal_roman_volume_kept",
    ),
    pytest.param(
        'Owen Dunmore, "New Steps on Travel," Evening Herald, 14 April 1976, 2.',
        {
            "type": "article-newspaper",
            "author": [name("Dunmore", "Owen")],
            "title": "New Steps on Travel",
            "container-title": "Evening Herald",
            "issued": year(1976, 4, 14),
            "_pinpoint": "2",
        },
        id="newspaper_day_month_year",
    ),
    pytest.param(
        '"Editorial on Ferry Fares," Morning Star, 3 May 1981, 1.',
        {
            "type": "article-newspaper",
            "title": "Editorial on Ferry Fares",
            "container-title": "Morning Star",
            "issued": year(1981, 5, 3),
        },
        id="anonymous_quoted_title",
    ),
    pytest.param(
        "Morning Star, 3 May 1981",
        {
            "type": "article-newspaper",
            "container-title": "Morning Star",
            "issued": year(1981, 5, 3),
        },
        id="bare_newspaper_and_date",
    ),
    pytest.param(
        "Office of Technology Studies, Tidal Energy Controls, Report No. 88-4 "
        "(Washington, D.C.: Government Printing Office, 1988).",
        {
            "type": "report",
            "author": [{"literal": "Office of Technology Studies"}],
            "title": "Tidal Energy Controls",
            "number": "88-4",
            "publisher": "Government Printing Office",
        },
        id="corporate_report",
    ),
    pytest.param(
        "North Sea Rights Watch Committee, Prisoners of Opinion (New York: North Sea Rights Watch, "
        "1986), 5.",
        {
            "author": [{"literal": "North Sea Rights Watch Committee"}],
            "title": "Prisoners of Opinion",
            "issued": year(1986),
        },
        id="corporate_author_book",
    ),
    pytest.param(
        "22 United States Code §2304 (12 May 1976)",
        {
            "type": "legislation",
            "container-title": "United States Code",
            "volume": "22",
            "section": "2304",
            "issued": year(1976, 5, 12),
        },
        id="us_code",
    ),
    pytest.param(
        "Harbour Works Act of 1977, 45 U.S.C. § 118 (1977)",
        {
            "type": "legislation",
            "title": "Harbour Works Act of 1977",
            "volume": "45",
            "section": "118",
        },
        id="us_code_with_name",
    ),
    pytest.param(
        "Security Council Resolution 1234, United Nations Document S/RES/1234 (1971)",
        {"type": "legislation", "number": "S/RES/1234", "issued": year(1971)},
        id="un_resolution",
    ),
    pytest.param(
        "Human Rights Committee, Summary Record of the 512th Meeting, U.N. Doc. "
        "CERD/C/SR.512 (1984)",
        {"type": "report", "number": "CERD/C/SR.512", "issued": year(1984)},
        id="un_document_symbol",
    ),
    pytest.param(
        "Morrow v. Delaney, 512 F.2d 331 (1975)",
        {
            "type": "legal_case",
            "title": "Morrow v. Delaney",
            "volume": "512",
            "page": "331",
            "issued": year(1975),
        },
        id="legal_case",
    ),
    pytest.param(
        "Nikolai Orlov, interview by the author, Leningrad, 12 June 1990.",
        {"type": "interview", "author": [name("Orlov", "Nikolai")], "issued": year(1990, 6, 12)},
        id="interview",
    ),
    pytest.param(
        'Anatoly Rudin, "Address to the Conference on Disarmament," Geneva, 5 March 1988.',
        {"type": "speech", "title": "Address to the Conference on Disarmament"},
        id="speech",
    ),
    pytest.param(
        'Walter Brandt, "Die Ostpolitik," in Handbuch der Außenpolitik, Bd. 2, hrsg. von '
        "Hans Meier (München: Beck, 1980), S. 12-30.",
        {
            "type": "chapter",
            "container-title": "Handbuch der Außenpolitik",
            "editor": [name("Meier", "Hans")],
            "publisher-place": "München",
        },
        id="german_chapter_hrsg",
    ),
    pytest.param(
        "See also Ann Lee, Old Roads (Boston: Beacon Press, 1972), 14.",
        {"_signal": "See also", "author": [name("Lee", "Ann")], "_pinpoint": "14"},
        id="signal_kept_apart",
    ),
    pytest.param(
        "Vgl. Karl Brandt/Eva Roth (Hrsg.), Hafenstädte im Wandel, Hamburg 1999.",
        {"_signal": "Vgl.", "editor": [name("Brandt", "Karl"), name("Roth", "Eva")]},
        id="german_slash_editors",
    ),
    # OCR damage.
    pytest.param(
        'Helen T. Marsh, "The Politics of Grain," WorldPolitics Vol.38, No. 2 (1986): 214.',
        {"container-title": "World Politics", "volume": "38", "issue": "2"},
        id="ocr_words_run_together",
    ),
    pytest.param(
        "Margaret L. Hens1ey, The Quiet Frontier (Ithaca: Cornell University Press, 1983), 41.",
        {"type": "book", "title": "The Quiet Frontier", "issued": year(1983)},
        id="ocr_digit_in_name",
    ),
    pytest.param(
        'Jonathan Ashby , " Courts and Conscience , " in Essays on Modern Law , ed. Miriam '
        "Cole (Chicago : University of Chicago Press , 1977) , 55-80 .",
        {
            "type": "chapter",
            "title": "Courts and Conscience",
            "container-title": "Essays on Modern Law",
            "publisher-place": "Chicago",
            "_pinpoint": "55-80",
        },
        id="ocr_stray_spaces_and_quotes",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_reference(text: str, expected: dict) -> None:
    assert_fields(parse_reference(text), expected)


def test_digit_in_family_name_is_repaired() -> None:
    item = parse_reference("Margaret L. Hens1ey, The Quiet Frontier (Ithaca: Cornell, 1983), 41.")
    assert item["author"][0]["family"] == "Hensley"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ann Lee, Old Roads (Boston: Beacon Press, 1972), 8-9.",
            ("Ann Lee, Old Roads (Boston: Beacon Press, 1972)", "8-9"),
            id="after_publication_facts",
        ),
        pytest.param(
            'Ann Lee, "Roads," Trail Review No. 5 (Spring 1980): 17',
            ('Ann Lee, "Roads," Trail Review No. 5 (Spring 1980)', "17"),
            id="single_page_after_journal_date",
        ),
        pytest.param(
            'Ann Lee, "Roads," Trail Review 4 (1980): 17-30.',
            ('Ann Lee, "Roads," Trail Review 4 (1980): 17-30.', None),
            id="journal_range_stays",
        ),
        pytest.param(
            'Ann Lee, "Roads," Trail Review, 28 (1980), pp. 17-30.',
            ('Ann Lee, "Roads," Trail Review, 28 (1980), pp. 17-30.', None),
            id="range_after_bare_date_paren_stays",
        ),
        pytest.param(
            'Ann Lee, "Roads," Daily Courier, 2 June 1980, 4.',
            ('Ann Lee, "Roads," Daily Courier, 2 June 1980', "4"),
            id="newspaper_page",
        ),
        pytest.param(
            "Ann Lee, Old Roads (Boston: Beacon Press, 1972).",
            ("Ann Lee, Old Roads (Boston: Beacon Press, 1972).", None),
            id="no_pinpoint",
        ),
    ],
)
def test_split_pinpoint(text: str, expected: tuple[str, str | None]) -> None:
    assert split_pinpoint(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("   ", id="blank"),
        pytest.param("see above", id="no_fields"),
        pytest.param(")))(((", id="punctuation_only"),
        pytest.param("x" * 5000, id="very_long"),
    ],
)
def test_never_drops_input(text: str) -> None:
    item = parse_reference(text)
    assert item["type"]
    assert "title" in item or "note" in item


def test_parse_references_keeps_order_and_count() -> None:
    texts = [
        "Ann Lee, Old Roads (Boston: Beacon, 1972).",
        "",
        '"Rain," Daily Courier, 2 June 1980.',
    ]
    items = parse_references(texts)
    assert len(items) == 3
    assert items[0]["title"] == "Old Roads"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_string_gives_an_item(text: str) -> None:
    item = parse_reference(text)
    assert isinstance(item, dict)
    assert isinstance(item.get("type"), str)
    assert "title" in item or "note" in item


@pytest.mark.parametrize(
    ("text", "family", "title"),
    [
        pytest.param(
            "Ann B. Lee, interview by the author", "Lee", "interview by the author", id="by_author"
        ),
        pytest.param(
            "J. R. Vik, interview with a radio station, 3 June 1990",
            "Vik",
            "interview with a radio station",
            id="with_date",
        ),
    ],
)
def test_interview_names_the_interviewee(text: str, family: str, title: str) -> None:
    item = parse_reference(text)
    assert item["type"] == "interview"
    assert item["author"][0]["family"] == family
    assert item["title"] == title
    assert "note" not in item


@pytest.mark.parametrize(
    ("text", "title", "year"),
    [
        pytest.param(
            'Ann Lee, "The Treaty of 1648, Reconsidered," in Essays on Europe (London: Verso, 1990), 12.',
            "The Treaty of 1648, Reconsidered",
            1990,
            id="year_in_quoted_title",
        ),
        pytest.param(
            'Ann Lee, "Salt Roads," in Essays on Europe (London: Verso, 1990), 12.',
            "Salt Roads",
            1990,
            id="no_year_in_title",
        ),
    ],
)
def test_date_comes_from_publication_facts(text: str, title: str, year: int) -> None:
    item = parse_reference(text)
    assert item["title"] == title
    assert item["issued"]["date-parts"][0][0] == year


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            "A Life, in Lives of the Painters",
            {"title": "A Life", "container-title": "Lives of the Painters", "_in": True},
            id="chapter_and_volume_read_as_one_title",
        ),
        pytest.param(
            "Roads,in «Studi di storia»",
            {"title": "Roads", "container-title": "«Studi di storia»"},
            id="article_and_quoted_periodical",
        ),
        pytest.param("Death in Venice", {"title": "Death in Venice"}, id="no_comma_no_split"),
        pytest.param("Roads, in part", {"title": "Roads, in part"}, id="lower_case_after_in"),
    ],
)
def test_title_holding_its_container_is_split(title: str, expected: dict[str, Any]) -> None:
    from citex.reference import _repair_fields

    item: dict[str, Any] = {"title": title}
    _repair_fields(item)
    assert item == expected
