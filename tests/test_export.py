"""Tests for citex.export: BibTeX/BibLaTeX, CSL-JSON and RIS writers and the readers.

The works below are made up, one of each kind citex meets in footnotes. Besides tables of
expected lines, the output is checked by the tools that will read it: biber (data-model
validation of the BibLaTeX), bibtexparser and pybtex (parsing the .bib back), the
official CSL-JSON schema (``tests/data/csl-data.json``, copied from
https://github.com/citation-style-language/schema, ``schemas/input/csl-data.json`` at
commit 40b3ce0bbbda517ad14b98c93a2c65ab4cde56a9, MIT licence) and, where installed,
BibTeX itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pybtex.database
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citex.errors import FormatError
from citex.export import FORMATS, read_bibtex, read_csl_json, works_to_bibtex, works_to_ris
from citex.export.bibtex import arabic_volume
from citex.export.csl_json import works_to_csl_json
from citex.models import Work

DATA = Path(__file__).parent / "data"
CSL_SCHEMA = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))


def _name(family: str, given: str | None = None, **parts: str) -> dict[str, str]:
    """A CSL person name."""
    return {"family": family, **({"given": given} if given else {}), **parts}


def _date(*parts: int, **extra: object) -> dict[str, object]:
    """A CSL date with one set of date-parts."""
    return {"date-parts": [list(parts)], **extra}


BOOK = Work(
    "kovacs1985",
    {
        "type": "book",
        "title": "Small Nations & Great Powers",
        "author": [_name("Kovács", "Ödön")],
        "publisher": "Westview Press",
        "publisher-place": "Boulder",
        "issued": _date(1985),
        "_source": "note 3",
    },
)
CHAPTER = Work(
    "hartley1988",
    {
        "type": "chapter",
        "title": "Courts in Transition",
        "author": [_name("Hartley", "Ruth")],
        "container-title": "Law and Reform",
        "editor": [_name("Brandt", "Karl"), _name("Nowak", "Ewa")],
        "publisher": "Clarendon",
        "publisher-place": "Oxford",
        "page": "112-140",
        "issued": _date(1988),
    },
)
ARTICLE = Work(
    "lindqvist1989",
    {
        "type": "article-journal",
        "title": "Rights after Reform",
        "author": [_name("Lindqvist", "Maria")],
        "container-title": "Review of Comparative Politics",
        "volume": "XVIII",
        "issue": "3",
        "issued": _date(1989, season=2),
        "page": "201–230",
    },
)
NEWSPAPER = Work(
    "courier1990",
    {
        "type": "article-newspaper",
        "title": "Parliament Votes on Reform",
        "container-title": "The Daily Courier",
        "issued": _date(1990, 3, 14),
        "page": "A4",
    },
)
REPORT = Work(
    "hmc1988",
    {
        "type": "report",
        "title": "Annual Survey of Example Rights",
        "author": [{"literal": "Baltic Monitoring Committee"}],
        "publisher": "Baltic Monitoring Committee",
        "publisher-place": "Vienna",
        "genre": "Annual report",
        "number": "HMC/88/2",
        "issued": _date(1988),
    },
)
UN_DOCUMENT = Work(
    "un1985",
    {
        "type": "document",
        "title": "Report of the Committee on Example Matters",
        "author": [{"literal": "United Nations General Assembly"}],
        "number": "A/40/123",
        "issued": _date(1985, 11),
    },
)
LEGISLATION = Work(
    "law1990",
    {
        "type": "legislation",
        "title": "Law on Public Associations",
        "container-title": "Official Gazette",
        "volume": "42",
        "page": "17",
        "issued": _date(1990, 10, 9),
    },
)
NO_AUTHOR_NO_DATE = Work(
    "appeal",
    {
        "type": "pamphlet",
        "title": "An Appeal to the Public",
        "publisher-place": "Prague",
        "issued": {"literal": "n.d."},
    },
)
DIACRITICS = Work(
    "perez1991",
    {
        "type": "article-journal",
        "title": "Ça change: Ş, Ł, ø and ß",
        "author": [
            _name("Pérez de Gallo", "Ana"),
            _name("Berg", "Jan", **{"non-dropping-particle": "van der"}),
            _name("Dąbrowski", "Łukasz", suffix="Jr."),
            _name("Müller-Østergaard", "Zoë"),
        ],
        "container-title": "Journal of Őrség Studies",
        "volume": "4",
        "issue": "Winter",
        "issued": _date(1991),
    },
)
EDITED_BOOK = Work(
    "brandt1987",
    {
        "type": "book",
        "title": "Edited Volume",
        "editor": [_name("Brandt", "Karl")],
        "publisher": "Example Press",
        "issued": _date(1987),
        "volume": "II",
    },
)
THESIS = Work(
    "sato1984",
    {
        "type": "thesis",
        "title": "Petitions and Power",
        "author": [_name("Satō", "Keiko")],
        "publisher": "Example University",
        "genre": "PhD diss.",
        "issued": _date(1984),
    },
)
WEBPAGE = Work(
    "watch2001",
    {
        "type": "webpage",
        "title": "Country Page",
        "author": [{"literal": "Rights Watch"}],
        "URL": "https://example.org/a_b%20c?x=1&y=2#top",
        "accessed": _date(2001, 2, 3),
        "issued": _date(2001),
    },
)
ALL_WORKS = [
    BOOK,
    CHAPTER,
    ARTICLE,
    NEWSPAPER,
    REPORT,
    UN_DOCUMENT,
    LEGISLATION,
    NO_AUTHOR_NO_DATE,
    DIACRITICS,
    EDITED_BOOK,
    THESIS,
    WEBPAGE,
]


def _entry_text(bib: str, key: str) -> str:
    """The text of one entry of a .bib file."""
    match = re.search(r"^@\w+\{" + re.escape(key) + r",\n.*?^\}$", bib, re.M | re.S)
    assert match, f"no entry {key} in\n{bib}"
    return match.group()


# ---------------------------------------------------------------------------------------
# BibTeX and BibLaTeX: expected lines


@pytest.mark.parametrize(
    ("work", "dialect", "expected_lines"),
    [
        pytest.param(
            BOOK,
            "biblatex",
            ["@book{kovacs1985,", "author = {Kovács, Ödön},", "location = {Boulder},",
             "title = {Small Nations \\& Great Powers},", "date = {1985}"],
            id="book_biblatex",
        ),
        pytest.param(
            BOOK,
            "bibtex",
            ["@book{kovacs1985,", "author = {Kov{\\'a}cs, {\\\"O}d{\\\"o}n},",
             "address = {Boulder},", "year = {1985}"],
            id="book_bibtex_accents",
        ),
        pytest.param(
            CHAPTER,
            "biblatex",
            ["@incollection{hartley1988,", "editor = {Brandt, Karl and Nowak, Ewa},",
             "booktitle = {Law and Reform},", "pages = {112--140},"],
            id="chapter_with_editor",
        ),
        pytest.param(
            ARTICLE,
            "biblatex",
            ["@article{lindqvist1989,", "journaltitle = {Review of Comparative Politics},",
             "volume = {18},", "number = {3},", "pages = {201--230},", "date = {1989-22}"],
            id="article_season_roman_volume_biblatex",
        ),
        pytest.param(
            ARTICLE,
            "bibtex",
            ["journal = {Review of Comparative Politics},", "volume = {18},",
             "year = {1989},", "month = {Summer}"],
            id="article_season_bibtex",
        ),
        pytest.param(
            NEWSPAPER,
            "biblatex",
            ["@article{courier1990,", "journaltitle = {The Daily Courier},",
             "date = {1990-03-14},", "entrysubtype = {newspaper}"],
            id="newspaper_no_author",
        ),
        pytest.param(
            NEWSPAPER, "bibtex", ["year = {1990},", "month = mar"], id="newspaper_month_macro"
        ),
        pytest.param(
            REPORT,
            "biblatex",
            ["@report{hmc1988,", "author = {{Baltic Monitoring Committee}},",
             "type = {Annual report},", "institution = {Baltic Monitoring Committee},",
             "number = {HMC/88/2},"],
            id="corporate_report",
        ),
        pytest.param(
            REPORT, "bibtex", ["@techreport{hmc1988,", "number = {HMC/88/2},"],
            id="corporate_report_bibtex",
        ),
        pytest.param(
            UN_DOCUMENT,
            "biblatex",
            ["@misc{un1985,", "author = {{United Nations General Assembly}},",
             "date = {1985-11},", "note = {\\bibstring{number}~A/40/123}"],
            id="un_document_number_in_note",
        ),
        pytest.param(
            UN_DOCUMENT, "bibtex", ["@misc{un1985,", "number = {A/40/123},"],
            id="un_document_bibtex",
        ),
        pytest.param(
            LEGISLATION,
            "biblatex",
            ["@misc{law1990,", "howpublished = {Official Gazette},", "date = {1990-10-09},",
             "note = {\\bibstring{volume}~42, \\bibstring{page}~17}"],
            id="legislation",
        ),
        pytest.param(
            NO_AUTHOR_NO_DATE, "biblatex", ["@misc{appeal,", "note = {n.d.}"],
            id="literal_date_to_note",
        ),
        pytest.param(
            NO_AUTHOR_NO_DATE, "bibtex", ["year = {n.d.}"], id="literal_date_bibtex"
        ),
        pytest.param(
            DIACRITICS,
            "biblatex",
            ["author = {{Pérez de Gallo}, Ana and van der Berg, Jan and Dąbrowski, Jr., Łukasz"
             " and Müller-Østergaard, Zoë},", "issue = {Winter},"],
            id="names_biblatex",
        ),
        pytest.param(
            DIACRITICS,
            "bibtex",
            ["author = {{P{\\'e}rez de Gallo}, Ana and van der Berg, Jan and "
             "D{\\k{a}}browski, Jr., {\\L}ukasz and M{\\\"u}ller-{\\O}stergaard, Zo{\\\"e}},",
             "title = {{\\c{C}}a change: {\\c{S}}, {\\L}, {\\o} and {\\ss}},",
             "journal = {Journal of {\\H{O}}rs{\\'e}g Studies},"],
            id="names_bibtex_latex_accents",
        ),
        pytest.param(
            EDITED_BOOK,
            "biblatex",
            ["@collection{brandt1987,", "editor = {Brandt, Karl},", "volume = {2},"],
            id="edited_book_is_collection",
        ),
        pytest.param(
            THESIS,
            "bibtex",
            ["@phdthesis{sato1984,", "school = {Example University},", "type = {PhD diss.},"],
            id="thesis_bibtex",
        ),
        pytest.param(
            WEBPAGE,
            "biblatex",
            ["@online{watch2001,", "url = {https://example.org/a_b%20c?x=1&y=2#top},",
             "urldate = {2001-02-03},"],
            id="webpage_url_verbatim",
        ),
    ],
)  # fmt: skip
def test_bibtex_entry_has_lines(work: Work, dialect: str, expected_lines: list[str]) -> None:
    entry = _entry_text(works_to_bibtex([work], dialect=dialect), work.id)  # type: ignore[arg-type]
    lines = [line.strip().rstrip(",") for line in entry.splitlines()]
    for expected in expected_lines:
        assert expected.rstrip(",") in lines, f"{expected!r} not in\n{entry}"


@pytest.mark.parametrize(
    ("work", "dialect", "absent"),
    [
        pytest.param(NEWSPAPER, "biblatex", "author", id="never_invent_author"),
        pytest.param(NO_AUTHOR_NO_DATE, "biblatex", "date", id="never_invent_date"),
        pytest.param(BOOK, "biblatex", "_source", id="private_keys_dropped"),
        pytest.param(DIACRITICS, "bibtex", "issue", id="no_biblatex_fields_in_bibtex"),
        pytest.param(LEGISLATION, "biblatex", "volume", id="no_invalid_fields_on_misc"),
    ],
)
def test_bibtex_entry_lacks_field(work: Work, dialect: str, absent: str) -> None:
    entry = works_to_bibtex([work], dialect=dialect)  # type: ignore[arg-type]
    assert not re.search(rf"^\s*{re.escape(absent)} = ", entry, re.M), entry


def test_bibtex_is_ascii_and_biblatex_is_unicode() -> None:
    assert works_to_bibtex(ALL_WORKS, dialect="bibtex").isascii()
    assert "Ödön" in works_to_bibtex(ALL_WORKS, dialect="biblatex")


@pytest.mark.parametrize(
    ("volume", "expected"),
    [
        pytest.param("XVIII", "18", id="upper"),
        pytest.param("xiv", "14", id="lower"),
        pytest.param("MCMXC", "1990", id="subtractive"),
        pytest.param("I", "1", id="one"),
        pytest.param("IIII", "IIII", id="not_canonical"),
        pytest.param("Xiv", "Xiv", id="mixed_case"),
        pytest.param("C", "C", id="single_letter_series"),
        pytest.param("12", "12", id="arabic"),
        pytest.param("3A", "3A", id="not_numeral"),
        pytest.param("", "", id="empty"),
    ],
)
def test_arabic_volume(volume: str, expected: str) -> None:
    assert arabic_volume(volume) == expected


@pytest.mark.parametrize(
    ("works", "message"),
    [
        pytest.param([Work("a b", {"type": "book"})], "valid", id="space_in_key"),
        pytest.param([Work("x,y", {"type": "book"})], "valid", id="comma_in_key"),
        pytest.param([Work("k", {}), Work("k", {})], "twice", id="duplicate_key"),
    ],
)
def test_bibtex_bad_keys_raise(works: list[Work], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        works_to_bibtex(works)


def test_bibtex_unknown_dialect_raises() -> None:
    with pytest.raises(ValueError, match="dialect"):
        works_to_bibtex([BOOK], dialect="amsrefs")  # type: ignore[arg-type]


def test_bibtex_of_no_works_is_empty() -> None:
    assert works_to_bibtex([], dialect="biblatex") == ""


# ---------------------------------------------------------------------------------------
# BibTeX and BibLaTeX: read back by the real tools


def _biber_problems(log: str) -> list[str]:
    """biber's WARN and ERROR lines, but for missing authors/dates of works without them."""
    undated = {w.id for w in ALL_WORKS if not w.csl.get("issued", {}).get("date-parts")}
    anonymous = {w.id for w in ALL_WORKS if not w.csl.get("author")}
    allowed = [
        (re.compile(r"Entry '([^']+)' .*Missing mandatory field 'author'$"), anonymous),
        (re.compile(r"Entry '([^']+)' .*one of 'date, year' must be defined$"), undated),
    ]
    problems = []
    for line in log.splitlines():
        if not line.startswith(("WARN", "ERROR")):
            continue
        matches = [(m, ids) for pattern, ids in allowed if (m := pattern.search(line))]
        if not any(m.group(1) in ids for m, ids in matches):
            problems.append(line)
    return problems


def test_biber_validates_biblatex_data_model(tmp_path: Path) -> None:
    if shutil.which("biber") is None:
        if os.environ.get("CI"):
            pytest.fail("biber is not installed, but CI must run this test")
        pytest.skip("biber is not installed (apt-get install biber)")
    bib = tmp_path / "works.bib"
    bib.write_text(works_to_bibtex(ALL_WORKS, dialect="biblatex"), encoding="utf-8")
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "out.bib"),
         str(bib)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert _biber_problems(log) == [], log
    # the check must see what it allows: both anonymous and undated works warn as expected
    assert "Missing mandatory field 'author'" in log


def test_bibtex_runs_cleanly_on_classic_output(tmp_path: Path) -> None:
    if shutil.which("bibtex") is None:
        pytest.skip("bibtex is not installed")
    (tmp_path / "works.bib").write_text(works_to_bibtex(ALL_WORKS), encoding="ascii")
    (tmp_path / "doc.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{works}\n")
    result = subprocess.run(
        ["bibtex", "doc"], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stdout
    # plain.bst only warns about what is truly missing, never about syntax
    warnings = re.findall(r"^Warning--(.*)$", result.stdout, re.M)
    assert all(w.startswith(("to sort, need", "empty")) for w in warnings), result.stdout
    assert "error" not in result.stdout.lower(), result.stdout


def _bibtexparser_fields(bib: str) -> dict[str, dict[str, str]]:
    """Entries read by bibtexparser (no middleware beyond the default): key -> fields."""
    library = bibtexparser.parse_string(bib)
    assert library.failed_blocks == []
    return {e.key: {f.key: f.value for f in e.fields} for e in library.entries}


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_bibtexparser_and_pybtex_read_the_same_fields(dialect: str) -> None:
    bib = works_to_bibtex(ALL_WORKS, dialect=dialect)  # type: ignore[arg-type]
    ours = _bibtexparser_fields(bib)
    theirs = pybtex.database.parse_string(bib, "bibtex")
    assert list(ours) == list(theirs.entries) == [w.id for w in ALL_WORKS]
    for key, entry in theirs.entries.items():
        fields = dict(ours[key])
        for role, people in entry.persons.items():
            assert len(people) == len(fields.pop(role.lower()).split(" and ")), key
        if "month" in fields and dialect == "bibtex":
            # pybtex expands BibTeX's month macros ("mar" -> "March"), bibtexparser keeps them
            assert entry.fields["month"].lower().startswith(fields.pop("month").lower())
        assert {k.lower(): v for k, v in entry.fields.items() if k.lower() != "month"} == {
            k: v for k, v in fields.items() if k != "month"
        }


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
@pytest.mark.parametrize("work", [pytest.param(w, id=w.id) for w in ALL_WORKS])
def test_read_bibtex_round_trip(work: Work, dialect: str) -> None:
    [item] = read_bibtex(works_to_bibtex([work], dialect=dialect))  # type: ignore[arg-type]
    assert item["id"] == work.id
    for variable in ("title", "container-title", "publisher", "publisher-place", "URL"):
        assert item.get(variable) == work.csl.get(variable), variable
    for role in ("author", "editor"):
        assert item.get(role) == work.csl.get(role), role
    issued = work.csl.get("issued", {})
    if "date-parts" in issued:
        assert item["issued"]["date-parts"][0][0] == issued["date-parts"][0][0]
    if "page" in work.csl and "page" in item:
        assert item["page"].replace("-", "–") == work.csl["page"].replace("-", "–")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("@article{k, title = {unclosed", id="unclosed_brace"),
        pytest.param("@book{k, title = {A}}\n@book{k, title = {B}}", id="duplicate_key"),
        pytest.param("@book{k, title = {A}, title = {B}}", id="duplicate_field"),
        pytest.param("@book{k title = {A}}", id="missing_comma_after_key"),
    ],
)
def test_read_bibtex_garbage_raises(text: str) -> None:
    with pytest.raises(FormatError):
        read_bibtex(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "@book{k, author = {{World Bank} and Doe, J.}, title = {T}}",
            {"author": [{"literal": "World Bank"}, {"family": "Doe", "given": "J."}]},
            id="corporate_author_literal",
        ),
        pytest.param(
            "@article{k, journal = {J}, year = 1989, month = jun}",
            {"container-title": "J", "issued": {"date-parts": [[1989, 6]]}},
            id="month_macro",
        ),
        pytest.param(
            "@article{k, journaltitle = {J}, date = {1989-22}}",
            {"issued": {"date-parts": [[1989]], "season": 2}},
            id="edtf_season",
        ),
        pytest.param(
            "@misc{k, title = {G{\\\"o}d{\\\"o}ll{\\H{o}} \\& {\\L}{\\'o}d{\\'z}}}",
            {"title": "Gödöllő & Łódź", "type": "document"},
            id="latex_accents_decoded",
        ),
        pytest.param(
            "@ARTICLE{k, AUTHOR = {von Humboldt, Alexander}, JOURNAL = {J}, "
            "ENTRYSUBTYPE = {newspaper}}",
            {"type": "article-newspaper",
             "author": [{"family": "Humboldt", "given": "Alexander",
                         "non-dropping-particle": "von"}]},
            id="upper_case_keys_particle",
        ),
        pytest.param("", None, id="empty_file"),
    ],
)  # fmt: skip
def test_read_bibtex_items(text: str, expected: dict[str, object] | None) -> None:
    items = read_bibtex(text)
    if expected is None:
        assert items == []
        return
    [item] = items
    assert {k: item.get(k) for k in expected} == expected


# ---------------------------------------------------------------------------------------
# CSL-JSON


def test_csl_json_validates_against_official_schema() -> None:
    items = json.loads(works_to_csl_json(ALL_WORKS))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(items)
    assert [item["id"] for item in items] == [w.id for w in ALL_WORKS]


@pytest.mark.parametrize(
    ("csl", "expected"),
    [
        pytest.param({"type": "book", "_span": [1, 2], "title": "T"},
                     {"type": "book", "title": "T"}, id="private_keys_stripped"),
        pytest.param({"type": "book", "pages": "3", "journal": "J"}, {"type": "book"},
                     id="non_csl_keys_stripped"),
        pytest.param({"title": "T"}, {"type": "document", "title": "T"}, id="missing_type"),
        pytest.param({"type": "letter"}, {"type": "document"}, id="invalid_type"),
        pytest.param({"type": "book", "author": [{"family": "F", "_confidence": 0.5}]},
                     {"type": "book", "author": [{"family": "F"}]}, id="name_keys_stripped"),
        pytest.param({"type": "book", "issued": {"date-parts": [[1990]], "_raw": "1990."}},
                     {"type": "book", "issued": {"date-parts": [[1990]]}},
                     id="date_keys_stripped"),
        pytest.param({"type": "book", "note": "", "volume": None}, {"type": "book"},
                     id="empty_values_dropped"),
    ],
)  # fmt: skip
def test_csl_json_item(csl: dict[str, object], expected: dict[str, object]) -> None:
    [item] = json.loads(works_to_csl_json([Work("k", csl)]))
    assert item == {**expected, "id": "k"}
    jsonschema.Draft7Validator(CSL_SCHEMA).validate([item])


def test_csl_json_is_deterministic_utf8() -> None:
    reordered = [Work(w.id, dict(reversed(list(w.csl.items())))) for w in ALL_WORKS]
    text = works_to_csl_json(ALL_WORKS)
    assert text == works_to_csl_json(reordered)
    assert "Ödön" in text and text.endswith("\n")


def test_read_csl_json_round_trip() -> None:
    items = read_csl_json(works_to_csl_json(ALL_WORKS))
    assert [item["id"] for item in items] == [w.id for w in ALL_WORKS]
    assert items[0]["author"] == BOOK.csl["author"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[{", id="not_json"),
        pytest.param('{"id": "a", "type": "book"}', id="object_not_array"),
        pytest.param('["a"]', id="item_not_object"),
        pytest.param('[{"type": "book"}]', id="missing_id"),
        pytest.param('[{"id": "a"}]', id="missing_type"),
        pytest.param('[{"id": true, "type": "book"}]', id="boolean_id"),
        pytest.param('[{"id": "a", "type": "book"}, {"id": "a", "type": "book"}]',
                     id="duplicate_id"),
    ],
)  # fmt: skip
def test_read_csl_json_invalid_raises(text: str) -> None:
    with pytest.raises(FormatError):
        read_csl_json(text)


# ---------------------------------------------------------------------------------------
# RIS


@pytest.mark.parametrize(
    ("work", "expected_lines"),
    [
        pytest.param(BOOK, ["TY  - BOOK", "AU  - Kovács, Ödön", "PB  - Westview Press",
                            "CY  - Boulder", "PY  - 1985"], id="book"),
        pytest.param(CHAPTER, ["TY  - CHAP", "A2  - Brandt, Karl", "A2  - Nowak, Ewa",
                               "T2  - Law and Reform", "SP  - 112", "EP  - 140"],
                     id="chapter_editors_a2"),
        pytest.param(ARTICLE, ["TY  - JOUR", "T2  - Review of Comparative Politics",
                               "VL  - XVIII", "IS  - 3", "DA  - 1989///Summer", "SP  - 201",
                               "EP  - 230"], id="article_season"),
        pytest.param(NEWSPAPER, ["TY  - NEWS", "DA  - 1990/03/14/", "SP  - A4"],
                     id="newspaper"),
        pytest.param(REPORT, ["TY  - RPRT", "AU  - Baltic Monitoring Committee",
                              "SN  - HMC/88/2", "M3  - Annual report"], id="report_number_sn"),
        pytest.param(UN_DOCUMENT, ["TY  - GEN", "M1  - A/40/123"], id="un_document"),
        pytest.param(LEGISLATION, ["TY  - STAT", "T2  - Official Gazette", "VL  - 42"],
                     id="legislation"),
        pytest.param(EDITED_BOOK, ["TY  - BOOK", "A3  - Brandt, Karl"],
                     id="book_editor_a3_as_zotero_reads_it"),
        pytest.param(DIACRITICS, ["AU  - van der Berg, Jan", "AU  - Dąbrowski, Łukasz, Jr."],
                     id="particles_suffixes"),
        pytest.param(WEBPAGE, ["TY  - ELEC", "UR  - https://example.org/a_b%20c?x=1&y=2#top",
                               "Y2  - 2001/02/03/"], id="webpage"),
    ],
)  # fmt: skip
def test_ris_record_has_lines(work: Work, expected_lines: list[str]) -> None:
    lines = works_to_ris([work]).splitlines()
    assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
    for expected in expected_lines:
        assert expected in lines, f"{expected!r} not in {lines}"


def test_ris_never_invents_an_author() -> None:
    assert not any(line.startswith("AU") for line in works_to_ris([NEWSPAPER]).splitlines())


def test_ris_records_are_plain_lines() -> None:
    text = works_to_ris(ALL_WORKS)
    assert "\r" not in text
    records = text.split("\n\n")
    assert len(records) == len(ALL_WORKS)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in text.splitlines() if line)


# ---------------------------------------------------------------------------------------
# The registry


@pytest.mark.parametrize("name", ["bibtex", "biblatex", "csl-json", "ris"])
def test_formats_registry(name: str) -> None:
    text = FORMATS[name](ALL_WORKS)
    assert isinstance(text, str) and "kovacs1985" in text


def test_formats_registry_names() -> None:
    assert sorted(FORMATS) == ["biblatex", "bibtex", "csl-json", "ris"]


# ---------------------------------------------------------------------------------------
# Arbitrary text in every field


_TEXT = st.text(max_size=40)
_NAME = st.one_of(
    st.fixed_dictionaries({"family": _TEXT, "given": _TEXT}),
    st.fixed_dictionaries({"family": _TEXT}),
    st.fixed_dictionaries({"literal": _TEXT}),
    st.fixed_dictionaries(
        {"family": _TEXT, "given": _TEXT, "non-dropping-particle": _TEXT, "suffix": _TEXT}
    ),
)
_DATE = st.one_of(
    st.fixed_dictionaries(
        {"date-parts": st.lists(st.lists(st.integers(-9999, 9999), min_size=1, max_size=3),
                                min_size=1, max_size=2)},
        optional={"season": st.one_of(st.integers(0, 30), _TEXT), "circa": st.booleans()},
    ),
    st.fixed_dictionaries({"literal": _TEXT}),
    st.fixed_dictionaries({"raw": _TEXT}),
)  # fmt: skip
_TEXT_VARIABLES = (
    "title", "container-title", "collection-title", "publisher", "publisher-place", "page",
    "volume", "issue", "number", "edition", "genre", "note", "URL", "DOI", "ISBN",
    "title-short", "event-title", "status", "abstract", "chapter-number",
)  # fmt: skip
_CSL_ITEM = st.fixed_dictionaries(
    {"type": st.sampled_from(sorted(CSL_SCHEMA["items"]["properties"]["type"]["enum"]))},
    optional={
        **{v: _TEXT for v in _TEXT_VARIABLES},
        "author": st.lists(_NAME, max_size=3),
        "editor": st.lists(_NAME, max_size=2),
        "container-author": st.lists(_NAME, max_size=1),
        "translator": st.lists(_NAME, max_size=1),
        "issued": _DATE,
        "accessed": _DATE,
        "original-date": _DATE,
    },
)


@pytest.mark.parametrize("season", ["¹", "²", "٣"])
def test_a_season_in_other_digits_is_no_crash(season: str) -> None:
    # Hypothesis found it: "¹".isdigit() is True but int("¹") fails.
    works = [
        Work(
            "w0",
            {"type": "article", "title": "T", "issued": {"date-parts": [[1990]], "season": season}},
        )
    ]
    for dialect in ("bibtex", "biblatex"):
        assert bibtexparser.parse_string(works_to_bibtex(works, dialect=dialect)).entries
    assert json.loads(works_to_csl_json(works))
    assert works_to_ris(works).startswith("TY  - ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=st.lists(_CSL_ITEM, min_size=1, max_size=4))
def test_arbitrary_text_gives_readable_output(items: list[dict[str, object]]) -> None:
    works = [Work(f"w{i}", item) for i, item in enumerate(items)]
    for dialect in ("bibtex", "biblatex"):
        bib = works_to_bibtex(works, dialect=dialect)  # type: ignore[arg-type]
        library = bibtexparser.parse_string(bib)
        assert library.failed_blocks == [], bib
        assert [e.key for e in library.entries] == [w.id for w in works]
        assert [item["id"] for item in read_bibtex(bib)] == [w.id for w in works]
        pybtex.database.parse_string(bib, "bibtex")
    csl = json.loads(works_to_csl_json(works))
    jsonschema.Draft7Validator(CSL_SCHEMA).validate(csl)
    ris = works_to_ris(works)
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in ris.splitlines() if line)


def test_archival_series_keeps_its_archive() -> None:
    work = Work(
        "neridieci",
        {"type": "manuscript", "title": "Consiglio dei Savi, Misti", "archive": "A.S.L."},
    )
    for dialect in ("bibtex", "biblatex"):
        text = works_to_bibtex([work], dialect=dialect)
        assert "@unpublished{neridieci," in text
        assert "howpublished = {A.S.L.}" in text
    assert "AV  - A.S.L." in works_to_ris([work]).splitlines()
