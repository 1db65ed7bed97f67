"""Works: same-work decisions, merged fields, readable unique ids; and the fuzzy matching."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from citex.fuzzy import (
    NameIndex,
    name_similarity,
    normalise,
    short_title_similarity,
    title_similarity,
)
from citex.models import Citation, Footnote
from citex.resolve import resolve_citations
from citex.works import build_works, merge_csl, same_work, work_id, work_ids


def item(
    family: str | None = None, title: str | None = None, year: int | None = None, **fields: Any
) -> dict[str, Any]:
    """A CSL item."""
    out: dict[str, Any] = dict(fields)
    if family:
        out["author"] = [{"family": family}]
    if title:
        out["title"] = title
    if year:
        out["issued"] = {"date-parts": [[year]]}
    return out


BOOK = item("Lee", "Old Roads of the South", 1972)
CDSP = {"container-title": "Digest of the Press", "volume": "XLI"}

SAME_WORK = [
    pytest.param(
        {"author": [{"family": "SILVA"}], "issued": {"date-parts": [[2002]]}},
        {"author": [{"family": "Silva"}], "issued": {"date-parts": [[2002]]}},
        True,
        id="author_date_citations_of_one_year",
    ),
    pytest.param(
        {"author": [{"family": "SILVA"}], "issued": {"date-parts": [[2002]]}},
        {"author": [{"family": "SILVA"}], "issued": {"date-parts": [[2003]]}},
        False,
        id="author_date_citations_of_two_years",
    ),
    pytest.param(
        {"author": [{"family": "SILVA"}], "issued": {"date-parts": [[2002]]}},
        {"author": [{"family": "SILVA"}, {"family": "Neri"}], "issued": {"date-parts": [[2002]]}},
        False,
        id="author_date_citations_of_other_authors",
    ),
    pytest.param(
        {"author": [{"family": "SILVA"}]},
        {"author": [{"family": "SILVA"}]},
        False,
        id="a_name_alone_twice_names_no_one_work",
    ),
    pytest.param(
        {"title": "Annuario dei mulini italiani. 1954-1955", "issued": {"date-parts": [[1954]]}},
        {"title": "Annuario dei mulini italiani. 1959-1960"},
        False,
        id="volumes_of_a_yearbook_by_the_years_in_their_titles",
    ),
    pytest.param(
        {"title": "Litterae quadrimestres ¡559-1560"},
        {"title": "Litterae quadrimestres 1559-1560"},
        True,
        id="one_year_in_common_despite_ocr_damage",
    ),
    pytest.param(BOOK, item("Le3", "0ld Roads of the South", 1972), True, id="ocr_damaged_copy"),
    pytest.param(BOOK, item("Lee", "Old Roadsof the South", 1972), True, id="glued_words"),
    pytest.param(BOOK, item("Lée", "Old Roads of the South"), True, id="accent_and_no_year"),
    pytest.param(BOOK, item("Lee", "Old Roads of the North", 1972), False, id="similar_title"),
    pytest.param(BOOK, item("Lee", "Old Roads of the South", 1980), False, id="other_edition_year"),
    pytest.param(BOOK, item("Orme", "Old Roads of the South", 1972), False, id="other_author"),
    pytest.param(BOOK, item(None, "Old Roads of the South", 1972), False, id="author_missing"),
    pytest.param(
        item("Lee", "Laws", volume="1"), item("Lee", "Laws", volume="2"), False, id="other_volume"
    ),
    pytest.param(
        item(title="Session Record", number="CCPR/C/SR.930"),
        item(number="CCPR/CISR.930"),
        True,
        id="document_symbol_ocr",
    ),
    pytest.param(
        item(number="CCPR/C/SR.930"),
        item(number="CCPR/C/SR.931"),
        False,
        id="document_symbol_other_digit",
    ),
    pytest.param(
        item(title="Resolution 2200(XXI)", year=1966, number="A/6316"),
        item(title="Resolution 2200 (XXI)", year=1966, number="2200 (XXI)"),
        True,
        id="same_title_numbers_parsed_differently",
    ),
    pytest.param({**CDSP, "issue": "30"}, {**CDSP, "issue": "27"}, False, id="periodical_issues"),
    pytest.param({**CDSP, "issue": "30"}, {**CDSP, "issue": "30"}, True, id="same_issue"),
    pytest.param(
        {"container-title": "Pravda"},
        {"container-title": "Pravda"},
        False,
        id="bare_newspaper_name_too_little",
    ),
    pytest.param(
        item("Lee", "Roads", 1990, **{"container-title": "Past"}),
        item("Lee", "Roads", 1990, **{"container-title": "Present"}),
        False,
        id="same_title_other_journal",
    ),
    pytest.param(
        item("Lee", "La storia dei mulini", 1990),
        item("Lee", "La storia dei mulini.Bologna", 1990),
        True,
        id="place_glued_to_the_title",
    ),
    pytest.param(
        item("Lee", "Palais des Papes et les Monuments", 1925),
        item("Lee", "Le Palais des Papes et les Monuments au XIVe siècle", 1925),
        True,
        id="title_given_without_its_ending",
    ),
    pytest.param(
        item("Lee", "La storia dei mulini", 1990),
        item("Lee", "La storia dei mulini di Padova", 1991),
        False,
        id="longer_title_other_year",
    ),
    pytest.param(
        item("Lee", "La storia dei mulini"),
        item("Lee", "La storia dei mulini di Padova"),
        False,
        id="longer_title_no_year",
    ),
    pytest.param(
        item("Lee", "Le mulini", 1990),
        item("Lee", "Le mulini di Padova", 1990),
        False,
        id="opening_too_short_to_name_a_work",
    ),
    pytest.param(
        item("CESCR", "concluding observations on Colombia", 2001),
        item("CESCR", "concluding observations on Cambodia"),
        False,
        id="formulaic_title_other_last_word",
    ),
    pytest.param(
        item("Lee", "Architectural Principles in the Age of Humanism", 1949),
        item("Lee", "Architectural Principles in the Age of Hutnanism", 1949),
        True,
        id="ocr_damage_in_the_last_word",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), SAME_WORK)
def test_same_work(a: dict[str, Any], b: dict[str, Any], expected: bool) -> None:
    assert same_work(a, b) is expected
    assert same_work(b, a) is expected


WORK_IDS = [
    pytest.param(
        item("Smith", "A History of Salt", 1990), "smith1990history", id="author_year_word"
    ),
    pytest.param(
        item("Pérez de Cuéllar", "L'Ordre", 1988),
        "perezdecuellar1988ordre",
        id="accents_particles_apostrophe",
    ),
    pytest.param(
        {
            "author": [{"literal": "U.S. Helsinki Watch Committee"}],
            "title": "Toward Law",
            "issued": {"date-parts": [[1989]]},
        },
        "helsinki1989toward",
        id="corporate",
    ),
    pytest.param(
        item(None, "The Soviet Republics Backdown", 1991), "soviet1991republics", id="no_author"
    ),
    pytest.param(
        {"container-title": "Digest of the Press", "issued": {"date-parts": [[1990]]}},
        "digest1990press",
        id="container_only",
    ),
    pytest.param({"number": "A/4684"}, "a4684", id="symbol_only"),
    pytest.param({}, "work", id="nothing"),
    pytest.param(item("Lee", "Perestroika:New Thinking"), "leeperestroika", id="no_year_glued"),
]


@pytest.mark.parametrize(("csl", "expected"), WORK_IDS)
def test_work_id(csl: dict[str, Any], expected: str) -> None:
    assert work_id(csl) == expected


def test_work_ids_suffix_on_collision_first_stays_bare() -> None:
    a = item("Smith", "History", 1990)
    b = item("Smith", "History of Salt", 1990)
    assert work_ids([a, b, a]) == ["smith1990history", "smith1990historya", "smith1990historyb"]


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["title", "container-title", "number"]),
            st.text(max_size=30),
            max_size=3,
        ),
        max_size=30,
    )
)
def test_work_ids_are_unique_and_bibtex_safe(items: list[dict[str, Any]]) -> None:
    ids = work_ids(items)
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+", i) for i in ids)


def test_merge_prefers_most_frequent_then_fullest() -> None:
    merged = merge_csl(
        [
            {"title": "Old Roads", "author": [{"family": "Lee"}]},
            {"title": "0ld Roads", "author": [{"family": "Lee", "given": "Ann"}], "volume": "2"},
            {"title": "Old Roads"},
        ]
    )
    assert merged == {
        "title": "Old Roads",
        "author": [{"family": "Lee", "given": "Ann"}],
        "volume": "2",
    }


def _cite(text: str, kind: str, pin: str | None = None, **csl: Any) -> Citation:
    return Citation(text, ((0, 1),), kind, pinpoint=pin, csl=csl)


def test_build_works_groups_and_keeps_pinpoints() -> None:
    lee = _cite(
        "Lee, Roads (1972), 4", "full", "4", **item("Lee", "Roads", 1972, publisher="Beacon")
    )
    lee_ocr = _cite("Le3, Roads (1972), 7", "full", "7", **item("Le3", "Roads", 1972))
    orme = _cite("Orme, Mills (1965)", "full", None, **item("Orme", "Mills", 1965))
    notes = (
        Footnote(1, 1, "", (), citations=(lee, orme)),
        Footnote(2, 1, "", (), citations=(lee_ocr,)),
        Footnote(
            3, 1, "", (), citations=(_cite("Lee, 9", "short", "9", author=[{"family": "Lee"}]),)
        ),
    )
    works = build_works(resolve_citations(notes))
    assert [w.id for w in works] == ["lee1972roads", "orme1965mills"]
    lee_work = works[0]
    assert [(c.footnote, c.citation, c.pinpoint) for c in lee_work.cited_in] == [
        (1, 0, "4"),
        (2, 0, "7"),
        (3, 0, "9"),
    ]
    assert lee_work.csl["author"] == [{"family": "Lee"}]  # the short form's fields do not vote
    assert lee_work.csl["publisher"] == "Beacon"


def test_build_works_skips_unresolved_and_refuses_unresolved_input() -> None:
    notes = (Footnote(1, 1, "", (), citations=(_cite("Ibid., 3", "ibid", "3"),)),)
    assert build_works(resolve_citations(notes)) == ()
    with pytest.raises(ValueError, match="resolve_citations"):
        build_works(notes)


# ---------------------------------------------------------------------------------------
# citex.fuzzy

NAMES = [
    pytest.param("T6kds", "Tőkés", True, id="digit_for_accented_o"),
    pytest.param("Tbkhs", "Tőkés", True, id="glyphs_for_accented_letters"),
    pytest.param("Tks", "Tőkés", True, id="accented_letters_dropped"),
    pytest.param("T6k~s", "T6kds", True, id="two_ocr_forms"),
    pytest.param("Hens1ey", "Hensley", True, id="one_for_l"),
    pytest.param("Rarnsay", "Ramsay", True, id="rn_for_m"),
    pytest.param("DAvis", "Davis", True, id="case"),
    pytest.param("Hazard", "Howard", False, id="different_names"),
    pytest.param("Bialer", "Biddulph", False, id="same_initial"),
    pytest.param("Lee", "Orme", False, id="short_names"),
]


@pytest.mark.parametrize(("a", "b", "same"), NAMES)
def test_name_similarity(a: str, b: str, same: bool) -> None:
    from citex.resolve import NAME_MATCH

    assert (name_similarity(a, b) >= NAME_MATCH) is same


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param("Constitutionsof the World", "Constitutions of the World", 1.0, id="glued"),
        pytest.param("S0uth Harb0urs", "South Harbours", 1.0, id="digit"),
        pytest.param("Opere", "Opera", 0.0, id="short_titles_exact_only"),
    ],
)
def test_title_similarity(a: str, b: str, expected: float) -> None:
    assert title_similarity(a, b) == expected


@pytest.mark.parametrize(
    ("short", "full", "match"),
    [
        pytest.param("Decline", "The Decline of the Venetian Nobility", True, id="prefix"),
        pytest.param(
            "Military Organization",
            "The Military Organization of a State",
            True,
            id="prefix_after_article",
        ),
        pytest.param("Tre Savii", "The Tre Savii sopra Eresia", True, id="article_dropped"),
        pytest.param("Salt and Sea", "Old Roads", False, id="unrelated"),
        # A whole word inside the title may stand for it (notes shorten editions of records
        # to a distinctive word); the resolver still refuses it when two works have it.
        pytest.param("Venice", "Politics in Renaissance Venice", True, id="short_word_inside"),
        pytest.param("Bandi", "Duca di Candia, Bandi (1313-1329)", True, id="word_after_comma"),
        pytest.param("enice", "Politics in Renaissance Venice", False, id="part_of_a_word"),
        pytest.param("Atti", "Documenti e atti del comune", False, id="word_too_short"),
        pytest.param("Roads", "Old Roads", True, id="last_word"),
        pytest.param("Venice Politics", "Politics in Venice", False, id="words_out_of_order"),
        pytest.param(
            "concluding observations on Cambodia",
            "concluding observations on Australia",
            False,
            id="formulaic_opening_other_last_word",
        ),
        pytest.param(
            "Venezia e il Riñosamente", "Venezia e il Rinascimento", True, id="ocr_in_last_word"
        ),
        pytest.param(
            "Collezionisti, amatori, curiosi",
            "Collezionisti, amatori e curiosi. Parigi-Venezia",
            True,
            id="small_word_dropped_before_the_last",
        ),
        pytest.param("IMulini", "I Mulini (Molini) di Verona", True, id="article_glued_by_ocr"),
        pytest.param("TheRoads", "The Roads of Kent", True, id="english_article_glued"),
        pytest.param("Ila", "Il arte", False, id="glued_too_short_to_tell"),
    ],
)
def test_short_title_similarity(short: str, full: str, match: bool) -> None:
    from citex.resolve import SHORT_TITLE_MATCH

    assert (short_title_similarity(short, full) >= SHORT_TITLE_MATCH) is match


def test_normalise_keeps_numbers_and_ordinals() -> None:
    assert normalise("The 19th Party, 1977, T6kds") == "the 19th party 1977 tokds"


# Names as OCR leaves them: letters, accented letters, digits read for letters.
_OCR_NAME = st.text(alphabet="abcdeiklmnorstuvzÁáéíóöőúüűčšž068 ", min_size=1, max_size=12)


@given(query=_OCR_NAME, names=st.lists(_OCR_NAME, min_size=1, max_size=12))
def test_name_index_finds_every_name_that_may_match(query: str, names: list[str]) -> None:
    index = NameIndex()
    for i, name in enumerate(names):
        index.add(name, i)
    found = index.candidates(query, 0.65)
    for i, name in enumerate(names):
        if name_similarity(query, name) >= 0.65:
            assert i in found, (query, name, name_similarity(query, name))


@pytest.mark.parametrize(
    ("query", "name"),
    [("Kvri", "Kővári"), ("Kbvhri", "Kővári"), ("T6kds", "Tőkés"), ("Le3", "Lee")],
)
def test_name_index_finds_ocr_damaged_names(query: str, name: str) -> None:
    index = NameIndex()
    index.add(name, 7)
    index.add("Orme", 8)
    assert index.candidates(query, 0.65) == {7}
