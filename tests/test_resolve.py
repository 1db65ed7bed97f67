"""Back-references on small made-up documents: every form, chains, ambiguity, OCR damage.

Each case is a document (a list of notes, each a list of citations built by the factories
below, so these tests do not depend on the splitter) and the expected link of some of its
citations: the (note, index) of the citation whose work it must share, or None.
"""

from __future__ import annotations

from typing import Any

import pytest

from citex.models import Citation, Footnote
from citex.resolve import BACK_REFERENCES, Matcher, resolve_citations

# ---------------------------------------------------------------------------------------
# Factories


def full(
    text: str,
    family: str | None,
    title: str | None,
    year: int | None = None,
    pin: str | None = None,
    **fields: Any,
) -> Citation:
    """A full citation with its parsed fields."""
    csl: dict[str, Any] = dict(fields)
    if family:
        csl["author"] = [{"family": f} for f in family.split(" & ")]
    if title:
        csl["title"] = title
    if year:
        csl["issued"] = {"date-parts": [[year]]}
    return Citation(text=text, spans=((0, len(text)),), kind="full", pinpoint=pin, csl=csl)


def back(text: str, kind: str = "short", pin: str | None = None, **csl: Any) -> Citation:
    """A back-reference as the splitter gives it (kind, pinpoint, partial fields)."""
    return Citation(text=text, spans=((0, len(text)),), kind=kind, pinpoint=pin, csl=csl)


def doc(*notes: list[Citation]) -> tuple[Footnote, ...]:
    """Footnotes numbered from 1, one per list of citations."""
    return tuple(
        Footnote(number=n, page=1, text="", spans=(), citations=tuple(cites))
        for n, cites in enumerate(notes, start=1)
    )


# Expected target of a short form that matches nothing earlier and so starts a work of its
# own: a work no earlier citation has.
NEW = "new"


def cite_at(notes: tuple[Footnote, ...], where: tuple[int, int]) -> Citation:
    """The citation at (note number, index)."""
    number, index = where
    return next(f for f in notes if f.number == number).citations[index]


LEE = full("Ann Lee, Old Roads (Boston: Beacon, 1972), 8", "Lee", "Old Roads", 1972, "8")
LEE2 = full("Ann Lee, Salt and Sea (Boston: Beacon, 1980), 3", "Lee", "Salt and Sea", 1980, "3")
ORME = full("S. Orme, The Mills of Kent (London, 1965), 4", "Orme", "The Mills of Kent", 1965, "4")
LEE_ORME = full(
    'Ann Lee and S. Orme, "Canals," Past 4 (1990): 10', "Lee & Orme", "Canals", 1990, "10"
)
TOKES = full(
    "Rudolf Tőkés, Dissent in Hungary (Baltimore, 1975), 7",
    "Tőkés",
    "Dissent in Hungary",
    1975,
    "7",
)
CHAPTER = full(
    'Ann Lee, "Varieties of Dissent," in Dissent in Europe, ed. Rudolf L. Tőkés '
    "(Baltimore: Hopkins, 1975), 7",
    "Lee",
    "Varieties of Dissent",
    1975,
    "7",
    **{
        "container-title": "Dissent in Europe",
        "editor": [{"family": "Tőkés", "given": "Rudolf L."}],
        "publisher": "Hopkins",
        "type": "chapter",
    },
)
COLLECTED = full(
    'Ann Lee, "Preface," in Collected Laws Vol. XII (New York: Ocean, 1978), 3',
    "Lee",
    "Preface",
    1978,
    "3",
    **{
        "container-title": "Collected Laws",
        "volume": "XII",
        "publisher": "Ocean",
        "type": "chapter",
    },
)
ARTICLE = full(
    'B. Keen, "Salt Roads," Past 4 (1990): 100-120',
    "Keen",
    "Salt Roads",
    1990,
    None,
    page="100-120",
)
REPORT = full(
    "Watch Committee, Toward the Rule of Law (Washington, 1989) (hereinafter Watch Report)",
    None,
    "Toward the Rule of Law",
    1989,
    **{"author": [{"literal": "Watch Committee"}], "title-short": "Watch Report"},
)
# Full citations whose fields the parser got wrong: only the printed text names the work.
SALT_UNPARSED = full(
    "G. Rossi, Le vie del sale, in Studi sulle strade, Milano 1950, p. 3",
    "Milano",
    None,
    1950,
    "3",
)
SALT_NO_AUTHOR = full("G. Rossi, Le vie del sale, Milano 1950, p. 3", None, "Milano", 1950, "3")
SMITH = full("J. Smith, Harbours (Leeds, 1950), 4", "Smith", "Harbours", 1950, "4")
SMYTH = full("K. Smyth, Rivers (Leeds, 1951), 9", "Smyth", "Rivers", 1951, "9")
COMMENT: list[Citation] = []  # a note of pure commentary

# ---------------------------------------------------------------------------------------
# The table: (notes, [(where, target or None, pinpoint, method)])

CASES = [
    pytest.param(
        doc([LEE], [back("Ibid., 13", "ibid", "13")]),
        [((2, 0), (1, 0), "13", "ibid")],
        id="ibid_after_full",
    ),
    pytest.param(
        doc(
            [LEE],
            [back("Ibid., 13", "ibid", "13")],
            [back("Ibid.", "ibid")],
            [back("ibid., 2", "ibid", "2")],
        ),
        [
            ((2, 0), (1, 0), "13", "ibid"),
            ((3, 0), (1, 0), "13", "ibid"),
            ((4, 0), (1, 0), "2", "ibid"),
        ],
        id="ibid_chain_inherits_page",
    ),
    pytest.param(
        doc(
            [LEE],
            [ORME],
            [back("Lee, 5", pin="5")],
            [back("Ibid., 6", "ibid", "6")],
            [back("Ibid.", "ibid")],
        ),
        [
            ((3, 0), (1, 0), "5", "short-author"),
            ((4, 0), (1, 0), "6", "ibid"),
            ((5, 0), (1, 0), "6", "ibid"),
        ],
        id="ibid_after_short_form",
    ),
    pytest.param(
        doc([LEE], COMMENT, [back("Ibid., 9", "ibid", "9")]),
        [((3, 0), (1, 0), "9", "ibid")],
        id="ibid_after_note_without_citation",
    ),
    pytest.param(
        doc([LEE, ORME], [back("Ibid., 9", "ibid", "9")]),
        [((2, 0), None, "9", "ibid")],
        id="ibid_ambiguous_after_two_works",
    ),
    pytest.param(
        doc([LEE, ARTICLE], [back("Ibid., 110", "ibid", "110")]),
        [((2, 0), (1, 1), "110", "ibid")],
        id="ibid_decided_by_page_range",
    ),
    pytest.param(
        doc([LEE, back("ibid., 9", "ibid", "9")]),
        [((1, 1), (1, 0), "9", "ibid")],
        id="ibid_in_same_note",
    ),
    pytest.param(
        doc([LEE, ORME, back("ibid., 9", "ibid", "9")]),
        [((1, 2), (1, 1), "9", "ibid")],
        id="ibid_after_second_work_of_same_note",
    ),
    pytest.param(
        doc([back("Ibid., 4", "ibid", "4")]),
        [((1, 0), None, "4", "ibid")],
        id="ibid_first_in_document",
    ),
    pytest.param(
        doc([LEE], [back("lbid., 4", "short", "4")], [back("Ibidem, p. 5", "ibid", "5")]),
        [((2, 0), (1, 0), "4", "ibid"), ((3, 0), (1, 0), "5", "ibid")],
        id="ibid_ocr_and_ibidem",
    ),
    pytest.param(
        doc([LEE], [back("Ivi, p. 5", "short", "5")], [back("Ebd., S. 6", "short", "6")]),
        [((2, 0), (1, 0), "5", "ibid"), ((3, 0), (1, 0), "6", "ibid")],
        id="ivi_and_ebd",
    ),
    pytest.param(
        doc([LEE], [back("Id. at 7", "ibid", "7")], [back("Idem, 8", "ibid", "8")]),
        [((2, 0), (1, 0), "7", "ibid"), ((3, 0), (1, 0), "8", "ibid")],
        id="id_and_idem_with_page_only",
    ),
    pytest.param(
        doc(
            [LEE],
            [full("Idem, Salt and Sea (Boston: Beacon, 1980), 3", None, "Salt and Sea", 1980, "3")],
            [back("Lee, Salt, 4", pin="4")],
        ),
        [((2, 0), (2, 0), "3", "full"), ((3, 0), (2, 0), "4", "short-title")],
        id="idem_new_title_same_author",
    ),
    pytest.param(
        doc(
            [LEE],
            [ORME],
            [back("Lee, supra note 1, at 5", "supra", "5")],
            [back("supra n. 2", "supra")],
            [back("Orme, note 2 above, 6", "supra", "6")],
        ),
        [
            ((3, 0), (1, 0), "5", "supra"),
            ((4, 0), (2, 0), None, "supra"),
            ((5, 0), (2, 0), "6", "supra"),
        ],
        id="supra_note_forms",
    ),
    pytest.param(
        doc(
            [LEE, ORME],
            [back("Orme, supra note 1, 9", "supra", "9")],
            [back("supra note 1", "supra")],
        ),
        [((2, 0), (1, 1), "9", "supra"), ((3, 0), None, None, "supra")],
        id="supra_note_author_picks_one_of_several",
    ),
    pytest.param(
        doc([LEE], [back("supra note 7", "supra")]),
        [((2, 0), None, None, "supra")],
        id="supra_note_to_later_note",
    ),
    pytest.param(
        doc(
            [LEE],
            [ORME],
            [back("Lee, op. cit., 5", "supra", "5")],
            [back("Orme, loc. cit.", "supra")],
            [back("Lee, a.a.O., S. 9", "short", "9")],
        ),
        [
            ((3, 0), (1, 0), "5", "short-author"),
            ((4, 0), (2, 0), None, "short-author"),
            ((5, 0), (1, 0), "9", "short-author"),
        ],
        id="op_cit_loc_cit_aao",
    ),
    pytest.param(
        doc(
            [LEE],
            [ORME],
            [back("Lee, cit., pp. 33, 34", "short", "33, 34")],
            [back("Lee, Old Roads, cit., p. 4", "short", "4")],
        ),
        [((3, 0), (1, 0), "33, 34", "short-author"), ((4, 0), (1, 0), "4", "short-title")],
        id="italian_cit",
    ),
    pytest.param(
        doc(
            [REPORT],
            [ORME],
            [back("Watch Report, 2", "hereinafter", "2", **{"title-short": "Watch Report"})],
            [back("Ibid., 3", "ibid", "3")],
        ),
        [((3, 0), (1, 0), "2", "hereinafter"), ((4, 0), (1, 0), "3", "ibid")],
        id="hereinafter_alias_then_ibid",
    ),
    pytest.param(
        doc(
            [LEE],
            [ORME],
            [LEE_ORME],
            [back("Lee and Orme, passim", pin="passim")],
            [back("Orme, 5", pin="5")],
        ),
        [((4, 0), (3, 0), "passim", "short-author"), ((5, 0), (2, 0), "5", "short-author")],
        id="short_two_authors_and_one_of_them",
    ),
    pytest.param(
        doc([LEE], [LEE2], [back("Lee, 5", pin="5")]),
        [((3, 0), None, "5", "short-author")],
        id="short_author_two_works_ambiguous",
    ),
    pytest.param(
        doc([LEE], [LEE2], [back("Lee, Salt and Sea, 5", pin="5")], [back("Lee, Old, 6", pin="6")]),
        [((3, 0), (2, 0), "5", "short-title"), ((4, 0), (1, 0), "6", "short-title")],
        id="short_title_decides_between_works_of_one_author",
    ),
    pytest.param(
        doc(
            [LEE],
            [ARTICLE],
            [full('B. Keen, "Mills," Past 6 (1991): 5-9', "Keen", "Mills", 1991, None, page="5-9")],
            [back("Keen, 112", pin="112")],
        ),
        [((4, 0), (2, 0), "112", "short-author")],
        id="short_author_decided_by_page_range",
    ),
    pytest.param(
        doc([LEE], [ORME], [back("Mills of Kent, 5", pin="5")]),
        [((3, 0), (2, 0), "5", "short-title")],
        id="short_title_alone",
    ),
    pytest.param(
        doc(
            [TOKES],
            [back("T6kes, 5", pin="5")],
            [back("Tks, 6", pin="6")],
            [back("Tbkhs, 7", pin="7")],
        ),
        [
            ((2, 0), (1, 0), "5", "short-author"),
            ((3, 0), (1, 0), "6", "short-author"),
            ((4, 0), (1, 0), "7", "short-author"),
        ],
        id="ocr_damaged_accented_name",
    ),
    pytest.param(
        doc(
            [full("P. Hensley, Ports (Hull, 1960), 2", "Hensley", "Ports", 1960, "2")],
            [back("Hens1ey, 4", pin="4")],
            [back("Rarnsay, 4", pin="4")],
        ),
        [((2, 0), (1, 0), "4", "short-author"), ((3, 0), None, "4", "short-title")],
        id="digit_for_letter_and_unknown_name",
    ),
    pytest.param(
        doc([SMITH], [SMYTH], [back("Smith, 4", pin="4")], [back("Smyth, 5", pin="5")]),
        [((3, 0), (1, 0), "4", "short-author"), ((4, 0), (2, 0), "5", "short-author")],
        id="similar_names_of_different_authors",
    ),
    pytest.param(
        doc(
            [LEE],
            [full("Ann Lee, Old Roads (Boston: Beacon, 1972), 9", "Le3", "0ld Roads", 1972, "9")],
            [back("Lee, 10", pin="10")],
        ),
        [((2, 0), (1, 0), "9", "full"), ((3, 0), (1, 0), "10", "short-author")],
        id="full_citation_repeated_with_ocr_damage_is_one_work",
    ),
    pytest.param(
        doc(
            [COLLECTED],
            [back("Collected Laws Vol. XII, 30", pin="30")],
            [back("Collected Laws Vol. XIII, 30", pin="30")],
        ),
        [((3, 0), None, "30", "short-title")],
        id="short_title_of_a_container_volume_wrong_volume",
    ),
    pytest.param(
        doc([LEE], [ORME], [back("Lee, Old Roads, eie., p. 5", "supra", pin="5")]),
        [((3, 0), (1, 0), "5", "short-title")],
        id="ocr_damaged_cit_after_author_and_title",
    ),
    # --- the field parser missed the author or title: the citation as printed decides ----
    pytest.param(
        doc([SALT_UNPARSED], [ORME], [back("Rossi, Le vie, cit., p. 5", "supra", pin="5")]),
        [((3, 0), (1, 0), "5", "short-title")],
        id="printed_author_and_title_when_fields_missed",
    ),
    pytest.param(
        doc([SALT_UNPARSED], [back("G. ROSSI, Le vie del sal, p. 5", pin="5")]),
        [((2, 0), (1, 0), "5", "short-title")],
        id="printed_author_and_ocr_damaged_title",
    ),
    pytest.param(
        doc([SALT_NO_AUTHOR], [back("Rossi, Le vie del sale, cit., p. 5", "supra", pin="5")]),
        [((2, 0), (1, 0), "5", "short-title")],
        id="printed_author_when_parser_missed_the_author",
    ),
    pytest.param(
        doc([SALT_UNPARSED], [back("Le vie del sale, cit., p. 5", "supra", pin="5")]),
        [((2, 0), (1, 0), "5", "short-title")],
        id="printed_title_alone",
    ),
    pytest.param(
        doc([SALT_UNPARSED], [back("Bianchi, Le vie, cit., p. 5", "supra", pin="5")]),
        [((2, 0), NEW, "5", "short-title")],
        id="printed_title_but_another_author",
    ),
    pytest.param(
        doc([SALT_UNPARSED], [back("Rossi, Storia dei porti, cit., p. 5", "supra", pin="5")]),
        [((2, 0), NEW, "5", "short-title")],
        id="printed_words_that_do_not_open_the_title",
    ),
    pytest.param(
        doc(
            [SALT_UNPARSED],
            [full("G. Rossi, Le vie del ferro, Milano 1952", "Milano", None, 1952)],
            [back("Rossi, Le vie, cit., p. 5", "supra", pin="5")],
        ),
        [((3, 0), None, "5", "short-title")],
        id="printed_title_fitting_two_works",
    ),
]


@pytest.mark.parametrize(("notes", "expected"), CASES)
def test_links(notes: tuple[Footnote, ...], expected: list[tuple[Any, ...]]) -> None:
    resolved = resolve_citations(notes)
    for where, target, pinpoint, method in expected:
        cite = cite_at(resolved, where)
        assert cite.resolution is not None
        assert cite.resolution.method == method, cite.resolution
        assert cite.pinpoint == pinpoint
        if target is None:
            assert cite.work is None, cite.resolution
            assert cite.resolution.reason
            assert cite.resolution.confidence == 0.0
        elif target == NEW:
            earlier = {c.work for f in resolved for c in f.citations if f.number < where[0]}
            assert cite.work is not None, cite.resolution
            assert cite.work not in earlier, cite.resolution
            assert "starts a work of its own" in cite.resolution.reason
            assert 0.0 < cite.resolution.confidence < 0.9
        else:
            assert cite.work is not None, cite.resolution
            assert cite.work == cite_at(resolved, target).work, cite.resolution


def _resolve(*notes: list[Citation]) -> tuple[Footnote, ...]:
    return resolve_citations(doc(*notes))


def test_ibid_lookback_says_so_and_is_less_sure() -> None:
    resolved = _resolve([LEE], COMMENT, [back("Ibid., 9", "ibid", "9")])
    r = cite_at(resolved, (3, 0)).resolution
    assert r is not None and "note 2 cites nothing" in r.reason and "note 1" in r.reason
    direct = cite_at(_resolve([LEE], [back("Ibid., 9", "ibid", "9")]), (2, 0)).resolution
    assert direct is not None and r.confidence < direct.confidence


def test_ibid_without_page_says_it_inherited() -> None:
    resolved = _resolve([LEE], [back("Ibid.", "ibid")])
    r = cite_at(resolved, (2, 0)).resolution
    assert r is not None and "page 8 inherited" in r.reason


def test_ambiguous_ibid_names_the_candidates() -> None:
    resolved = _resolve([LEE, ORME], [back("Ibid., 9", "ibid", "9")])
    r = cite_at(resolved, (2, 0)).resolution
    assert r is not None and "Lee" in r.reason and "Orme" in r.reason


def test_relation_chain_is_one_item_for_ibid() -> None:
    speech = full('A. Lee, "Address," 8 May 1988', "Lee", "Address", 1988)
    source = Citation(
        "Broadcast Service, 9 May 1988, 11-19",
        ((0, 1),),
        "full",
        relation="trans. in",
        pinpoint="11-19",
        csl={"container-title": "Broadcast Service", "issued": {"date-parts": [[1988, 5, 9]]}},
    )
    resolved = _resolve(
        [speech, source], [back("Ibid., 17", "ibid", "17")], [back("Ibid.", "ibid")]
    )
    assert cite_at(resolved, (2, 0)).work == cite_at(resolved, (1, 0)).work
    assert cite_at(resolved, (3, 0)).pinpoint == "17"


def test_container_short_form_fills_the_chapter_container() -> None:
    later = full(
        'B. Keen, "Campaigns," in Tks, 36',
        "Keen",
        "Campaigns",
        None,
        "36",
        **{"container-title": "Tks", "type": "chapter"},
    )
    damaged = full(
        'C. Orme, "Protest," in T6k~s, 98-99', "Orme", "Protest", None, "98-99", note="in T6k~s"
    )
    resolved = _resolve([CHAPTER], [later], [damaged])
    for where in ((2, 0), (3, 0)):
        cite = cite_at(resolved, where)
        assert cite.resolution is not None and cite.resolution.method == "container"
        assert cite.csl["container-title"] == "Dissent in Europe"
        assert cite.csl["editor"] == [{"family": "Tőkés", "given": "Rudolf L."}]
        assert cite.csl["issued"] == {"date-parts": [[1975]]}
        assert "note" not in cite.csl
        assert cite.work not in (None, cite_at(resolved, (1, 0)).work)  # a chapter of its own


def test_short_title_naming_a_container_volume_links_to_the_volume() -> None:
    resolved = _resolve(
        [COLLECTED],
        [back("Collected Laws Vol. XII, 30", pin="30")],
        [back("Collectedlaws Vol. XII, 31", pin="31")],
    )
    volume = cite_at(resolved, (2, 0))
    assert volume.work is not None and volume.work != cite_at(resolved, (1, 0)).work
    assert cite_at(resolved, (3, 0)).work == volume.work
    assert volume.csl["title"] == "Collected Laws" and volume.csl["publisher"] == "Ocean"


def test_idem_fills_the_author() -> None:
    resolved = _resolve(
        [LEE],
        [full("Idem, Salt and Sea (Boston: Beacon, 1980), 3", None, "Salt and Sea", 1980, "3")],
    )
    cite = cite_at(resolved, (2, 0))
    assert cite.csl["author"] == [{"family": "Lee"}]
    assert cite.work != cite_at(resolved, (1, 0)).work
    assert cite.resolution is not None and "idem" in cite.resolution.reason.lower()


def test_full_citations_say_full() -> None:
    resolved = _resolve([LEE], [ORME])
    for note in resolved:
        r = note.citations[0].resolution
        assert r is not None and (r.method, r.confidence) == ("full", 1.0)


def test_every_citation_gets_a_resolution_and_input_is_kept() -> None:
    notes = doc([LEE, ORME], COMMENT, [back("Ibid., 9", "ibid", "9")], [back("Lee, 4", pin="4")])
    resolved = resolve_citations(notes)
    assert [len(f.citations) for f in resolved] == [len(f.citations) for f in notes]
    assert all(c.resolution is not None for f in resolved for c in f.citations)
    assert all(c.resolution is None for f in notes for c in f.citations)  # frozen input


def test_injectable_matcher_exact_names_only() -> None:
    exact = Matcher(name=lambda a, b: float(a.lower() == b.lower()))
    notes = doc([TOKES], [back("Tks, 6", pin="6")])
    assert cite_at(resolve_citations(notes), (2, 0)).work is not None
    assert cite_at(resolve_citations(notes, matcher=exact), (2, 0)).work is None


def test_pattern_table_is_data() -> None:
    without_ivi = [p for p in BACK_REFERENCES if p.name != "ivi"]
    notes = doc([LEE], [back("Ivi, p. 5", "short", "5")])
    assert cite_at(resolve_citations(notes), (2, 0)).resolution.method == "ibid"  # type: ignore[union-attr]
    other = cite_at(resolve_citations(notes, patterns=without_ivi), (2, 0))
    assert other.resolution is not None and other.resolution.method != "ibid"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        pytest.param("Ibid., 13", "ibid", id="ibid"),
        pytest.param("lbid", "ibid", id="ibid_ocr_l"),
        pytest.param("Ibidem, p. 4", "ibid", id="ibidem"),
        pytest.param("Ebenda, 4", "ebd", id="ebenda"),
        pytest.param("Ivi.", "ivi", id="ivi"),
        pytest.param("Id. at 7", "idem", id="id_at"),
        pytest.param("Eadem, Storia", "idem", id="eadem"),
        pytest.param("Ders., Geschichte", "ders", id="ders"),
        pytest.param("Lee, supra note 4", "supra-note", id="supra_note"),
        pytest.param("supra, nota 35", "supra-note", id="supra_nota"),
        pytest.param("(wie Anm. 12)", "supra-note", id="wie_anm"),
        pytest.param("note 12 above", "note-above", id="note_above"),
        pytest.param("Lee, op.cit., 5", "op-cit", id="op_cit"),
        pytest.param("Lee, a. a. O., S. 5", "op-cit", id="aao"),
        pytest.param("Berrio, cit., s.v.", "op-cit", id="cit"),
        pytest.param("Lee, Roads, eie., p. 5", "cit-ocr", id="cit_ocr_eie"),
        pytest.param("Lee, Roads,dt., pp. 4-5", "cit-ocr", id="cit_ocr_dt_glued"),
        pytest.param("Lee, rit., 12", "cit-ocr", id="cit_ocr_rit"),
        pytest.param("Lee, Roads, eit., I, p. 3", "cit-ocr", id="cit_ocr_before_volume"),
        pytest.param("Lee, op.rii., pp. 49-59", "op-cit", id="op_cit_ocr_rii"),
        pytest.param("Lee, art. cil., p. 5", "op-cit", id="art_cit_ocr_cil"),
        pytest.param("Lee, eri. cit., p. 5", "op-cit", id="art_cit_ocr_eri"),
        pytest.param("Lee, op. 12, p. 5", None, id="not_op_cit_opus_number"),
        pytest.param("Lee, Roads, voi., 3", None, id="not_ocr_cit_voi"),
        pytest.param("Lee, Roads, col. 4", None, id="not_ocr_cit_col"),
        pytest.param("Lee, Roads, dt. Ausgabe", None, id="not_ocr_cit_without_locator"),
        pytest.param("Lee, Edit., 5", None, id="not_ocr_cit_without_comma"),
        pytest.param("Idaho Law Review", None, id="not_idaho"),
        pytest.param("Identity and Law", None, id="not_identity"),
        pytest.param("Ibsen, Plays", None, id="not_ibsen"),
        pytest.param("Supranational Law", None, id="not_supranational"),
        pytest.param("Lee, cited in Orme", None, id="not_cited"),
        pytest.param("Ivica Lee, Roads", None, id="not_ivica"),
        pytest.param("Lee, note 12", None, id="not_bare_note"),
    ],
)
def test_pattern_table(text: str, name: str | None) -> None:
    found = None
    for ref in BACK_REFERENCES:
        hit = (
            ref.pattern.match(text)
            if ref.refers_to in ("previous", "author")
            else (ref.pattern.search(text))
        )
        if hit:
            found = ref.name
            break
    assert found == name


def test_volume_printed_after_in_when_the_fields_lost_it() -> None:
    chapter = full(
        "G. Orme, Giovanni Neri, in Lives of the Painters of Kent, Venezia 1837, vol. II",
        "Orme",
        "Giovanni Neri, in Lives of the Painters of Kent",
        1837,
        **{"container-title": "Venezia"},  # the parser took the place for the container
    )
    later = back("L. Verdi, Anna Rossi, in Lives of the Painters, cit., p. 5", "supra", pin="5")
    notes = _resolve([chapter], [later])
    cite = cite_at(notes, (2, 0))
    assert cite.resolution.method == "container", cite.resolution
    assert cite.csl["container-title"] == "Lives of the Painters of Kent"
    assert cite.csl["title"] == "Anna Rossi"


def test_short_title_of_a_volume_printed_after_in_links_the_volume() -> None:
    notes = _resolve([SALT_UNPARSED], [back("Studi sulle strade, cit., p. 5", "supra", pin="5")])
    cite = cite_at(notes, (2, 0))
    assert cite.work is not None and cite.work != cite_at(notes, (1, 0)).work
    assert "the volume of the chapter in note 1" in cite.resolution.reason
    assert cite.csl["title"] == "Studi sulle strade"


def test_tie_between_repeats_of_one_item_is_no_ambiguity() -> None:
    first = full("M. Neri, Diarii, Venezia, 1895, col. 231", "Neri", "Diarii", 1895)
    again = full("M. Neri, Diarii, XLIV, Venezia, 1896, col. 9", "Neri", "XLIV", 1896)
    notes = _resolve([first], [again], [back("Neri, Diarii, XLV, col. 86", pin="86")])
    cite = cite_at(notes, (3, 0))
    assert cite.work == cite_at(notes, (1, 0)).work, cite.resolution


def test_tie_between_two_titles_stays_ambiguous() -> None:
    roads = full("A. Lee, Roads, Oslo, 1970, p. 1", "Lee", "Roads", 1970)
    rails = full("A. Lee, Roads and Rails, Oslo, 1980, p. 1", "Lee", "Roads and Rails", 1980)
    notes = _resolve([roads], [rails], [back("Lee, Roads, p. 9", pin="9")])
    cite = cite_at(notes, (3, 0))
    assert cite.work is None and "fits several works" in cite.resolution.reason


def arch(text: str, pin: str | None = None) -> Citation:
    """An archival citation as the splitter gives it (full, no parsed fields)."""
    return Citation(text=text, spans=((0, len(text)),), kind="full", pinpoint=pin)


def test_archival_citations_group_by_archive_and_series() -> None:
    notes = _resolve(
        [arch("A.S.L., Consiglio dei Savi, Misti, reg. 12, f. 40v", "reg. 12, f. 40v")],
        [arch("A.S.L., Consiglio dei Sayi, Misti, reg. 12, f. 95", "reg. 12, f. 95")],
        [arch("A.S.L., Consiglio dei Savi, Comuni, reg. 45, c. 82v", "reg. 45, c. 82v")],
        [arch("Senato, Lettere, reg. 20, f. 95", "reg. 20, f. 95")],
        [arch("Ibidem: Collegio, Suppliche, fz. 6, f. 352", "fz. 6, f. 352")],
        [back("Ibid., fz. 7", "ibid", pin="fz. 7")],
        [arch("ASFi, Consiglio dei Savi, Misti, filza 3", "filza 3")],
    )
    misti, ocr, comuni, senato, collegio, ibid, other = (
        cite_at(notes, (n, 0)) for n in range(1, 8)
    )
    assert ocr.work == misti.work, ocr.resolution  # OCR damage in the path
    assert comuni.work != misti.work  # another series of the same fond
    assert senato.work not in {misti.work, comuni.work}
    assert "archive A.S.L. from" in senato.resolution.reason
    assert collegio.work not in {misti.work, comuni.work, senato.work}  # Ibidem: same archive
    assert ibid.work == collegio.work and ibid.pinpoint == "fz. 7"
    assert other.work != misti.work  # the same path in another archive
    assert misti.csl == {
        "type": "manuscript",
        "title": "Consiglio dei Savi, Misti",
        "archive": "A.S.L.",
    }
    assert misti.pinpoint == "reg. 12, f. 40v"


def test_archival_path_cut_differently_by_ocr_is_one_series() -> None:
    notes = _resolve(
        [arch("A.S.L., Procuratori di S. Marco de supra, b. 154, f. 9r", "b. 154, f. 9r")],
        [arch("A.S.L., Procuratori di S, Marco de Supra, b.154, ff. 43-47", "b.154, ff. 43-47")],
    )
    assert cite_at(notes, (2, 0)).work == cite_at(notes, (1, 0)).work
