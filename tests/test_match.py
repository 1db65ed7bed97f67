"""Matching citations against known entries: vetoes, scores, diffs, the sample among thousands."""

from __future__ import annotations

import json
import math
import random

import pytest

from citex.match import (
    BM25_B,
    BM25_K1,
    MIN_SCORE,
    KnownList,
    block_tokens,
    classify_difference,
    entry_keys,
    field_diffs,
    load_known,
    match_citations,
    match_report,
    rank_by_votes,
    score_keys,
    sort_postings,
)
from citex.models import Citation, Document, Footnote, Work

from .conftest import ROOT

KNOWN_SAMPLE = ROOT / "samples" / "copeland-known.json"


def cite(text: str = "", kind: str = "full", work: str | None = None, **csl) -> Citation:
    """A citation with the given CSL fields (keyword names use _ for -)."""
    fields = {k.replace("_", "-"): v for k, v in csl.items()}
    return Citation(text or json.dumps(fields), ((0, 1),), kind, csl=fields, work=work)


def names(*families: str) -> list[dict[str, str]]:
    return [{"family": f} for f in families]


def year(y: int, *rest: int) -> dict:
    return {"date-parts": [[y, *rest]]}


# A made-up catalogue with hard neighbours: one author's several books, one title by two
# authors, the issues of one periodical, documents whose symbols differ in one digit.
CATALOGUE = [
    {
        "id": "marlowe1971canals",
        "type": "book",
        "author": names("Marlowe"),
        "title": "Canals of the Lower Rhine",
        "issued": year(1971),
        "publisher": "Ashgrove Press",
    },
    {
        "id": "marlowe1975bridges",
        "type": "book",
        "author": names("Marlowe"),
        "title": "Bridges of the Lower Rhine",
        "issued": year(1975),
    },
    {
        "id": "marlowe1980canals",
        "type": "book",
        "author": names("Marlowe"),
        "title": "Canals of the Lower Rhine",
        "issued": year(1980),
        "edition": "2",
    },
    {
        "id": "quint1971canals",
        "type": "book",
        "author": names("Quintero"),
        "title": "Canals of the Lower Rhine",
        "issued": year(1971),
    },
    {
        "id": "szekely1968salt",
        "type": "book",
        "author": [{"family": "Székely", "given": "Ödön"}],
        "title": "Salt and Empire in the Carpathians",
        "issued": year(1968),
    },
    {
        "id": "weekly1990v12n3",
        "type": "periodical",
        "title": "The Harbour Weekly Digest",
        "volume": "XII",
        "issue": "3",
        "issued": year(1990, 2, 1),
    },
    {
        "id": "weekly1990v12n4",
        "type": "periodical",
        "title": "The Harbour Weekly Digest",
        "volume": "XII",
        "issue": "4",
        "issued": year(1990, 2, 8),
    },
    {
        "id": "doc412",
        "type": "report",
        "title": "Record of the Commission",
        "number": "ECO/R/SR.412",
        "issued": year(1988, 5, 2),
    },
    {
        "id": "doc413",
        "type": "report",
        "title": "Record of the Commission",
        "number": "ECO/R/SR.413",
        "issued": year(1988, 5, 3),
    },
    {
        "id": "orme1984ports",
        "type": "chapter",
        "author": names("Orme"),
        "title": "Ports and Their Hinterlands",
        "container-title": "Trade on the Baltic Rim",
        "editor": [{"family": "Kőrösi", "given": "Anna"}],
        "issued": year(1984),
    },
]


@pytest.fixture(scope="module")
def known() -> KnownList:
    return KnownList(CATALOGUE)


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        pytest.param(
            cite(author=names("Marlowe"), title="Canals of the Lower Rhine", issued=year(1971)),
            "marlowe1971canals",
            id="exact",
        ),
        pytest.param(
            cite(author=names("Mar1owe"), title="Cana1s of the Lovver Rhine", issued=year(1971)),
            "marlowe1971canals",
            id="ocr_digits_and_vv",
        ),
        pytest.param(
            cite(author=names("Marlowe"), title="Canals of the Lower Rhine", issued=year(1980)),
            "marlowe1980canals",
            id="second_edition_by_year",
        ),
        pytest.param(
            cite(author=names("Quintero"), title="Canals of theLower Rhine"),
            "quint1971canals",
            id="same_title_other_author",
        ),
        pytest.param(
            cite(author=names("Szkely"), title="Salt and Empire in the Carpathians"),
            "szekely1968salt",
            id="lost_accented_letter",
        ),
        pytest.param(
            cite(
                container_title="Harbour Weekly Digest",
                volume="XII",
                issue="4",
                issued=year(1990, 2, 8),
            ),
            "weekly1990v12n4",
            id="periodical_issue",
        ),
        pytest.param(cite(number="ECO/RISR.413"), "doc413", id="symbol_slash_as_I"),
        pytest.param(
            cite(title="Record of the Commission, ECO/R/SR.412"), "doc412", id="symbol_inside_title"
        ),
        pytest.param(
            cite(author=names("Orme"), title="Ports and Their Hinterlands", note="in K6r~si"),
            "orme1984ports",
            id="chapter_in_editor",
        ),
        pytest.param(
            cite(title="Eduard Marlowe Canals of the Lower Rhine"),
            "marlowe1971canals",
            id="author_glued_to_title",
        ),
    ],
)
def test_matches_the_right_entry(known: KnownList, citation: Citation, expected: str) -> None:
    [m] = match_citations([citation], known)
    assert m.entry is not None, m.reason
    assert m.entry.key == expected
    assert m.score >= MIN_SCORE


@pytest.mark.parametrize(
    ("citation", "reason"),
    [
        pytest.param(
            cite(author=names("Marlowe"), title="Locks of the Upper Danube"),
            "another title",
            id="same_author_other_book",
        ),
        pytest.param(
            cite(author=names("Ferreira"), title="Bridges of the Lower Rhine"),
            "another author",
            id="same_title_other_author",
        ),
        pytest.param(cite(author=names("Marlowe")), "too little", id="author_only"),
        pytest.param(
            cite(container_title="Harbour Weekly Digest", volume="XII", issue="9"),
            "another issue",
            id="other_issue",
        ),
        pytest.param(cite(number="ECO/R/SR.414"), "no candidate", id="other_symbol"),
        pytest.param(cite(title="Opere"), "no candidate", id="unknown_short_title"),
        pytest.param(cite(kind="ibid", text="Ibid., 4."), "unresolved ibid", id="ibid_no_work"),
    ],
)
def test_refuses_the_wrong_entry(known: KnownList, citation: Citation, reason: str) -> None:
    [m] = match_citations([citation], known)
    assert m.entry is None
    assert reason in m.reason


def test_resolved_back_reference_matches_through_its_work(known: KnownList) -> None:
    full = cite(
        author=names("Marlowe"), title="Canals of the Lower Rhine", issued=year(1971), work="w1"
    )
    ibid = Citation("Ibid., 7.", ((5, 14),), "ibid", pinpoint="7", work="w1")
    short = Citation("Marlowe, 9.", ((20, 31),), "short", csl={"author": names("Marlowe")})
    work = Work("w1", full.csl)
    doc = Document(
        "x",
        (
            Footnote(1, 1, "", (), citations=(full,)),
            Footnote(2, 1, "", (), citations=(ibid, short)),
        ),
        works=(work,),
    )
    matches = match_citations(doc, known)
    assert [(m.footnote, m.index) for m in matches] == [(1, 0), (2, 0), (2, 1)]
    assert [m.entry and m.entry.key for m in matches] == [
        "marlowe1971canals",
        "marlowe1971canals",
        None,  # a short form the resolver did not link: the author alone is not enough
    ]
    assert matches[1].reason == "through work w1"


@pytest.mark.parametrize(
    ("cited", "known", "kind"),
    [
        pytest.param("Szekely", "Székely", "diacritics", id="accents_lost"),
        pytest.param("Sz6kely", "Székely", "ocr", id="digit_for_accented_letter"),
        pytest.param("Kbrhs", "Kőrös", "ocr", id="accented_letters_misread"),
        pytest.param("Krs", "Kőrös", "ocr", id="accented_letters_dropped"),
        pytest.param("Rarnsay", "Ramsay", "ocr", id="rn_for_m"),
        pytest.param("Lawrcnce", "Lawrence", "ocr", id="c_for_e"),
        pytest.param("ECO/RISR.412", "ECO/R/SR.412", "ocr", id="slash_read_as_I"),
        pytest.param("E17721", "E/7721", "ocr", id="slash_read_as_1"),
        pytest.param("L'bumanite", "L'Humanité", "ocr", id="b_for_h_and_accent"),
        pytest.param("HarbourWeekly Digest", "Harbour Weekly Digest", "spacing", id="run_together"),
        pytest.param("Harbour Week ly", "Harbour Weekly", "spacing", id="split_word"),
        pytest.param("Colo.", "Colorado", "abbreviation", id="abbreviated_word"),
        pytest.param("J. Mod. Hist.", "Journal of Modern History", "different", id="skips_of"),
        pytest.param("UN", "United Nations", "abbreviation", id="initials"),
        pytest.param("Canals", "Canals of the Lower Rhine", "abbreviation", id="short_title"),
        pytest.param("Ashgrove Press, Inc.", "Ashgrove Press", "abbreviation", id="known_short"),
        pytest.param("Lander", "Howard", "different", id="another_name"),
        pytest.param("ECO/R/SR.413", "ECO/R/SR.412", "different", id="another_number"),
        pytest.param("1971", "1980", "different", id="another_year"),
        pytest.param("Canals, of the Rhine", "Canals of the Rhine", None, id="punctuation_only"),
        pytest.param("CANALS", "Canals", None, id="case_only"),
    ],
)
def test_classify_difference(cited: str, known: str, kind: str | None) -> None:
    assert classify_difference(cited, known) == kind


def test_field_diffs_report_names_titles_numbers_and_years() -> None:
    cited = {
        "author": names("Sz6kely"),
        "title": "Salt andEmpire",
        "volume": "V",
        "issued": year(1969),
    }
    known = {
        "author": names("Székely"),
        "title": "Salt and Empire",
        "volume": "5",
        "issued": year(1968),
    }
    assert [(d.field, d.cited, d.known, d.kind) for d in field_diffs(cited, known)] == [
        ("author", "Sz6kely", "Székely", "ocr"),
        ("title", "Salt andEmpire", "Salt and Empire", "spacing"),
        ("issued", "1969", "1968", "different"),
    ]


def test_number_found_in_the_citation_text_when_the_parser_missed_it() -> None:
    diffs = field_diffs(
        {"number": "88 (XII)"},
        {"number": "E/7721"},
        text="Resolution 88 (XII), Document E17721 (1970)",
    )
    assert [(d.field, d.cited, d.kind) for d in diffs] == [("number", "E17721", "ocr")]


def test_score_is_full_for_identical_keys_and_vetoes_conflicts() -> None:
    a = entry_keys(CATALOGUE[0])
    assert score_keys(a, a) == 100.0
    assert score_keys(entry_keys(CATALOGUE[5]), entry_keys(CATALOGUE[6])) == "another issue"


def test_block_tokens_are_prefixed_by_kind() -> None:
    tokens = block_tokens(entry_keys(CATALOGUE[7]))
    assert "d:412" in tokens and "t:record" in tokens and "t:the" not in tokens
    assert [t for t in tokens if t.startswith("o:")] == ["o:recordofth"]  # spaces dropped


# Records of one work that a citation tells apart only by what they confirm, a main title
# and the longer title it opens, and a title OCR runs together.
RECORDS = [
    {"id": "hale-undated", "author": names("Hale"), "title": "Harbours of the Northern Sea"},
    {"id": "anon1961", "title": "Harbours of the Northern Sea", "issued": year(1961)},
    {"id": "hale1961", "author": names("Hale"), "title": "Harbours of the Northern Sea",
     "issued": year(1961)},
    {"id": "vance2004", "author": names("Vance"),
     "title": "The Salt Roads: Trade and Power in the Alps", "issued": year(2004)},
    {"id": "anon2009", "title": "Salt Roads and Mountain Passes of the Western Alps",
     "issued": year(2009)},
    {"id": "meridian1950", "title": "Meridian Lighthouses", "issued": year(1950)},
]  # fmt: skip


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        pytest.param(
            cite(author=names("Hale"), title="Harbours of the Northern Sea", issued=year(1961)),
            "hale1961",
            id="record_confirming_the_year_beats_a_silent_one",
        ),
        pytest.param(
            cite(author=names("Hafe"), title="Harbours of the Northern Sea", issued=year(1961)),
            "hale1961",
            id="damaged_author_beats_a_record_without_authors",
        ),
        pytest.param(
            cite(author=names("Vance"), title="The Salt Roads", issued=year(2004)),
            "vance2004",
            id="main_title_without_subtitle",
        ),
        pytest.param(
            cite(title="Salt Roads and Mountain Passes", issued=year(1990)),
            None,
            id="title_opening_a_longer_one_with_nothing_else_agreeing",
        ),
        pytest.param(
            cite(title="The Salt Roads", issued=year(2004)),
            None,
            id="main_title_with_only_the_year_agreeing",
        ),
        pytest.param(
            cite(title="Quay Walls, Harbours of the Northern Sea"),
            None,
            id="entry_title_inside_a_longer_cited_one",
        ),
        pytest.param(
            cite(
                author=names("Hale"), title="Harbours of the Northern Sea, ch. 3", issued=year(1961)
            ),
            "hale1961",
            id="cited_title_with_a_pinpoint_after_it",
        ),
        pytest.param(
            cite(title="MeridianLighthouses", issued=year(1950)),
            "meridian1950",
            id="words_run_together",
        ),
    ],
)
def test_records_told_apart(citation: Citation, expected: str | None) -> None:
    [m] = match_citations([citation], KnownList(RECORDS))
    assert (m.entry and m.entry.key) == expected, m.reason


@pytest.mark.parametrize(
    ("postings", "sizes", "expected"),
    [
        pytest.param([[1], [2], [3, 1]], [0, 5, 5, 5], [1, 2, 3], id="two_tokens_beat_one"),
        pytest.param([[4], [1, 2, 3, 5, 6, 7]], [5] * 8, [4, 1, 2], id="rare_token_first"),
        pytest.param([[2, 1]], [0, 9, 3], [2, 1], id="small_entry_first"),
        pytest.param([[1, 2], [2, 1]], [0, 4, 4], [1, 2], id="tie_to_lower_id"),
        pytest.param([[], [3]], [0, 0, 0, 4], [3], id="empty_list_skipped"),
    ],
)
def test_rank_by_votes(postings: list[list[int]], sizes: list[int], expected: list[int]) -> None:
    assert rank_by_votes(postings, 100, 3, sizes=sizes, mean_size=4.0) == expected


def test_rank_by_votes_scores_only_a_few_but_ranks_like_scoring_all() -> None:
    rng = random.Random(3)
    for _ in range(200):
        total = rng.randint(5, 60)
        sizes = [rng.randint(1, 12) for _ in range(total)]
        postings = []
        for _ in range(rng.randint(1, 6)):
            ids = sorted(rng.sample(range(total), rng.randint(1, total)))
            sort_postings(ids, sizes)
            postings.append(ids)
        mean, limit = sum(sizes) / total, rng.randint(1, 8)
        got = rank_by_votes(postings, total, limit, sizes=sizes, mean_size=mean)
        assert got == _rank_all(postings, total, limit, sizes, mean)


def _rank_all(postings, total, limit, sizes, mean) -> list[int]:
    """BM25 with tf 1 over every entry of every token: what rank_by_votes must equal."""
    votes: dict[int, float] = {}
    for ids in postings:
        for i in ids:
            votes[i] = votes.get(i, 0.0) + math.log(1 + total / len(ids))
    for i in votes:
        votes[i] *= (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B + BM25_B * sizes[i] / mean))
    return sorted(votes, key=lambda i: (-votes[i], i))[:limit]


def test_min_score_is_checked(known: KnownList) -> None:
    with pytest.raises(ValueError, match="min_score"):
        match_citations([], known, min_score=120)


def test_report_shape(known: KnownList) -> None:
    c = cite(author=names("Szekely"), title="Salt and Empire in the Carpathians")
    report = match_report(match_citations([c, cite(title="Opere")], known))
    first = report["citations"][0]
    assert first["match"] == {"key": "szekely1968salt", "score": 100.0}
    assert first["diffs"] == [
        {"field": "author", "cited": "Szekely", "known": "Székely", "kind": "diacritics"}
    ]
    assert report["citations"][1]["match"] is None
    assert report["summary"] == {
        "citations": 2,
        "matched": 1,
        "unmatched": 1,
        "entries_used": 1,
        "diffs": {"diacritics": 1},
    }


# ---------------------------------------------------------------------------------------
# Loading known entries


def test_load_known_reads_bibtex_csl_json_and_json_lines(tmp_path) -> None:
    bib = tmp_path / "k.bib"
    bib.write_text(
        '@book{sz68, author = {Sz{\\\'e}kely, {\\"O}d{\\"o}n}, '
        "title = {Salt and Empire in the Carpathians}, year = 1968}\n"
    )
    csl = tmp_path / "k.json"
    csl.write_text(json.dumps(CATALOGUE[:3]), encoding="utf-8")
    lines = tmp_path / "k.jsonl"
    lines.write_text("\n".join(json.dumps(c) for c in CATALOGUE) + "\n", encoding="utf-8")
    assert [e.key for e in load_known(bib)] == ["sz68"]
    assert [e.csl["author"][0]["family"] for e in load_known(bib)] == ["Székely"]
    assert len(load_known(csl)) == 3
    assert len(load_known(lines)) == len(CATALOGUE)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("[]", "no entries", id="no_entries"),
        pytest.param('[{"id": "a"}]', "type", id="csl_without_type"),
        pytest.param("@book{a, title = {x}\n", "BibTeX", id="broken_bib"),
        pytest.param('{"id": "a"}\n{"id": "a"}\n', "share", id="duplicate_jsonl"),
        pytest.param('{"id": "a"}\nnot json\n', "line 2", id="bad_jsonl_line"),
    ],
)
def test_load_known_rejects_bad_files(tmp_path, content: str, message: str) -> None:
    from citex.errors import FormatError

    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FormatError, match=message):
        load_known(path)


def test_load_known_missing_file(tmp_path) -> None:
    from citex.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        load_known(tmp_path / "none.bib")


# ---------------------------------------------------------------------------------------
# The sample article among thousands of unrelated entries

# Every full citation of the sample (note, opening of its text) -> its known entry. The one
# citation listed as None is a parser fragment (a speaker's name before "as quoted in")
# with nothing but a name: it must stay unmatched, not go to one of the author's works.
SAMPLE_FULL = {
    (1, "Mikhail S. Gorbachev, Perestroika"): "gorbachev1987perestroika",
    (1, "Mikhail S. Gorbachev, Speeches"): "gorbachev1986speeches",
    (1, "Sylvia Woodby"): "woodby1989gorbachev",
    (2, "Raymond L. Garthoff"): "garthoff1985detente",
    (3, "Roberto Toscano"): "toscano1989soviet",
    (7, "John N. Hazard"): "hazard1978union",
    (10, "Constitution of the USSR"): "ussr1977constitution",
    (12, "Richard B. Bilder"): "bilder1984overview",
    (13, "General Assembly Resolution 217"): "un1948declaration",
    (14, "Norman A. Graebner"): "graebner1980human",
    (14, "Mikhail Gorbachev"): None,
    (14, '"U.S. Commemorates'): "dsb1989commemorates",
    (15, "General Assembly Resolution 2200"): "un1966res2200",
    (16, "General Assembly Resolution 2200"): "un1966res2200",
    (17, "19 United States Code"): "usc19s2432",
    (18, "Walter Parchomenko"): "parchomenko1986soviet",
    (19, "Rudolf L. Tbkhs"): "tokes1975varieties",
    (23, "Frederick C. Barghoorn"): "barghoorn1975post",
    (24, "Howard L. Biddulph"): "biddulph1975protest",
    (26, "Leonid Brezhnev"): "brezhnev1977sovietskie",
    (29, "David K. Shipler"): "shipler1989dateline",
    (30, "Lawrence J. Goodrich"): "goodrich1990food",
    (32, '"No Dissenters'): "reuter1989dissenters",
    (33, "Seweryn Bialer and Joan Afferica"): "bialer1986genesis",
    (34, "L. A. Kostin"): "kostin1986intensifikatsiya",
    (34, "Aaron Trehub"): "trehub1989social",
    (35, "Peter H. Juviler"): "juviler1990guaranteeing",
    (37, "Seweryn Bialer, "): "bialer1989changing",
    (39, "Soviet Report to the UN"): "un1989ccprcsr930",
    (41, "U.S. Helsinki Watch Committee, Toward"): "helsinki1989toward",
    (41, "U.S. Helsinki Watch Committee, USSR"): "helsinki1989ussr",
    (41, "United Nations Document CCPR/CI58"): "un1990ccprc58add8",
    (41, "United Nations Document CCPR/CISR.931"): "un1989ccprcsr931",
    (41, "United Nations Document CCPR/C/SR.930"): "un1989ccprcsr930",
    (41, "CCPR/CISR.928"): "un1989ccprcsr928",
    (41, "United Nations Document CPR/C/52"): "un1989ccprc52add6",
    (45, "A. Kortunov"): "kortunov1990what",
    (45, "Current Digest"): "cdsp1990xliin30",
    (48, "Yevgeni Primakov"): "primakov1988ussr",
    (49, "George Perkovich"): "perkovich1988soviet",
    (50, "Mikhail S. Gorbachev, interview"): "gorbachev1986interview",
    (51, 'Mikhail Gorbachev, "On Progress'): "gorbachev1988progress",
    (53, 'Mikhail Gorbachev, "7 December'): "gorbachev1988address",
    (53, "Foreign Broadcast"): "fbis1988soviet",
    (55, "Eduard Shevardnadze"): "shevardnadze1989letter",
    (55, "Pravda, 9 March 1989"): "pravda19890309",
    (55, "Current Digest"): "cdsp1989xlin10",
    (56, "S. Guk and S. Tosunyan"): "guk1989breakthrough",
    (56, "Current Digest"): "cdsp1989xlin1",
    (57, '"Concluding Document'): "csce1989vienna",
    (57, "U.S. Department of State Bulletin"): "dsb1989march",
    (58, '"Document of the Copenhagen'): "csce1990copenhagen",
    (58, "InternationalLegal"): "ilm1990v29n5",
    (58, "S. Guk, "): "guk1990vancouver",
    (58, "Current Digest"): "cdsp1990xliin27",
    (58, '"Blueprint'): "independent1990blueprint",
    (59, "Alexander Lyuty"): "lyuty1989dont",
    (59, "Current Digest"): "cdsp1989xlin6",
    (60, "Alexander Lyuty"): "lyuty1989secrets",
    (60, "Current Digest"): "cdsp1989xlin41",
    (61, "V. Bolshakov"): "bolshakov1989name",
    (61, "Current Digest"): "cdsp1989xlin8",
    (62, "USSR Foreign Ministry"): "ussrmfa1990foreign",
    (64, "Bill Keller"): "keller1991soviet",
    (65, '"On the Party'): "pravda1989nationalities",
    (65, "Current Digest"): "cdsp1989xlin38",
    (66, "Gail W. Lapidus"): "lapidus1989gorbachev",
    (67, '"Soviet Republics'): "economist1991soviet",
}

_SURNAMES = [
    "Abend",
    "Bertolini",
    "Carvalho",
    "Dunmore",
    "Eckhardt",
    "Fonseca",
    "Gorski",
    "Halloran",
    "Ivanova",
    "Jablonski",
    "Kessler",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quental",
    "Rosen",
    "Sokolov",
    "Tanaka",
    "Ulrich",
    "Varga",
]
_WORDS = [
    "Soviet",
    "Human",
    "Rights",
    "Foreign",
    "Policy",
    "Reform",
    "Law",
    "State",
    "Dissent",
    "Press",
    "Europe",
    "Trade",
    "Empire",
    "Ideology",
    "Democracy",
    "Movement",
    "Culture",
    "Politics",
    "Society",
    "Economy",
    "Crisis",
    "Revolution",
    "Nationality",
    "Union",
    "Security",
    "Cooperation",
    "Conference",
    "Peace",
    "History",
    "Origins",
    "Power",
]
_LINKS = ["and", "of", "in", "the", "under", "after", "between"]


def _noise(n: int, seed: int = 7) -> list[dict]:
    """Unrelated entries in the sample's vocabulary, with the sample's hardest neighbours:
    its authors' other works, its titles by other authors, other issues of its periodicals,
    neighbouring UN document symbols."""
    rng = random.Random(seed)
    out: list[dict] = []

    def title() -> str:
        words = [rng.choice(_WORDS) for _ in range(rng.randint(2, 6))]
        for i in range(1, len(words), 2):
            words[i] = f"{rng.choice(_LINKS)} {words[i]}"
        return " ".join(words)

    for i in range(n):
        kind = i % 10
        item: dict = {"id": f"noise{i}", "issued": year(rng.randint(1950, 1995))}
        if kind == 0:  # an author of the sample, another work
            family = rng.choice(["Gorbachev", "Bialer", "Tőkés", "Lyuty", "Guk", "Hazard"])
            item.update(type="book", author=names(family), title=title())
        elif kind == 1:  # a title of the sample, another author
            item.update(
                type="book",
                author=names(rng.choice(_SURNAMES)),
                title=rng.choice(
                    [
                        "Soviet Human Rights Policy",
                        "Dissent in the USSR",
                        "Human Rights and Foreign Policy",
                        "Secrets of the Third Basket",
                        "In the Name of Man",
                    ]
                ),
            )
        elif kind == 2:  # another issue of a periodical the sample cites
            item.update(
                type="periodical",
                title="Current Digest of the Soviet Press",
                volume=str(rng.randint(1, 45)),
                issue=str(rng.randint(1, 52)),
                issued=year(rng.randint(1949, 1995), rng.randint(1, 12), rng.randint(1, 28)),
            )
        elif kind == 3:  # a neighbouring UN document
            item.update(
                type="report", title="Summary record", number=f"CCPR/C/SR.{rng.randint(900, 1000)}"
            )
        else:
            item.update(
                type=rng.choice(["book", "article-journal"]),
                author=names(rng.choice(_SURNAMES), rng.choice(_SURNAMES))[: rng.randint(1, 2)],
                title=title(),
                container_title=rng.choice(["", "Foreign Affairs", "Survey"]),
            )
        out.append({k.replace("_", "-"): v for k, v in item.items() if v != ""})
    # The sample's real neighbours must not be duplicated by chance (same number).
    sample_numbers = {"CCPR/C/SR.928", "CCPR/C/SR.930", "CCPR/C/SR.931"}
    return [x for x in out if x.get("number") not in sample_numbers]


@pytest.fixture(scope="module")
def sample_matches(sample_text: str):
    from citex import process_text

    entries = json.loads(KNOWN_SAMPLE.read_text(encoding="utf-8"))
    known = KnownList(entries + _noise(3000))
    doc = process_text(sample_text)
    return match_citations(doc, known)


def _find(matches, note: int, opening: str):
    found = [m for m in matches if m.footnote == note and m.citation.text.startswith(opening)]
    assert found, f"no citation in note {note} opens with {opening!r}"
    return found[0]


@pytest.mark.parametrize(("place", "key"), list(SAMPLE_FULL.items()), ids=lambda x: str(x))
def test_sample_full_citation_matches_its_entry(sample_matches, place, key) -> None:
    m = _find(sample_matches, *place)
    assert (m.entry.key if m.entry else None) == key, m.reason


def test_sample_every_full_citation_is_listed(sample_matches) -> None:
    full = [m for m in sample_matches if m.citation.kind == "full"]
    listed = {
        (m.footnote, opening)
        for m in full
        for (n, opening) in SAMPLE_FULL
        if n == m.footnote and m.citation.text.startswith(opening)
    }
    assert len(listed) == len(full)


def test_sample_no_citation_matches_noise(sample_matches) -> None:
    wrong = [
        (m.footnote, m.citation.text)
        for m in sample_matches
        if m.entry is not None and m.entry.key.startswith("noise")
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("note", "field", "cited", "known", "kind"),
    [
        (19, "author", "Tbkhs", "Tőkés", "ocr"),
        (19, "editor", "T6kds", "Tőkés", "ocr"),
        (23, "editor", "T6k~s", "Tőkés", "ocr"),
        (24, "editor", "Tks", "Tőkés", "ocr"),
        (16, "number", "A16316", "A/6316", "ocr"),
        (39, "number", "CCPR/CISR.930", "CCPR/C/SR.930", "ocr"),
        (
            50,
            "title",
            "interview by the newspaper L'bumanit",
            "Interview by the newspaper L'Humanité",
            "ocr",
        ),
        (55, "title", "letter to PNrez de Cullar", "Letter to Pérez de Cuéllar", "ocr"),
        (
            35,
            "container-title",
            "Columbia Journalof Transnational Law",
            "Columbia Journal of Transnational Law",
            "spacing",
        ),
    ],
)
def test_sample_ocr_damage_reported(sample_matches, note, field, cited, known, kind) -> None:
    diffs = {
        (d.field, d.cited, d.known, d.kind)
        for m in sample_matches
        if m.footnote == note
        for d in m.diffs
    }
    assert (field, cited, known, kind) in diffs
