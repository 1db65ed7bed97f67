"""citex check / citex index through the CLI, on made-up bibliographies in tmp_path."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from citex import cli_check

from .test_match import CATALOGUE

# The commands are registered on citex.cli's app by cli.py; an app of their own here keeps
# these tests independent of that registration.
app = typer.Typer()
app.command()(cli_check.check)
app.command()(cli_check.index)

ARTICLE = """CANALS AND THEIR CRITICS

Body text of the article.1 More body text.2 And more.3

1. A. Mar1owe, Cana1s of the Lower Rhine (Leiden: Ashgrove Press, 1971), 4.
2. Ibid., 9.
3. B. Ferreira, Tides of the <Northern> Sea & Other Essays (Porto: Ribeira, 1999), 12.
"""


@pytest.fixture()
def files(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    known = tmp_path / "known.json"
    known.write_text(json.dumps(CATALOGUE), encoding="utf-8")
    return article, known


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_json_report_and_exit_1_when_something_is_unmatched(files) -> None:
    article, known = files
    result = run("check", str(article), "--known", str(known), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    first = report["citations"][0]
    assert first["footnote"] == 1 and first["index"] == 0
    assert first["match"]["key"] == "marlowe1971canals"
    assert {"field": "author", "cited": "Mar1owe", "known": "Marlowe", "kind": "ocr"} in first[
        "diffs"
    ]
    last = report["citations"][-1]
    assert last["match"] is None and last["reason"]
    assert report["summary"]["unmatched"] >= 1


def test_exit_0_when_everything_matches(tmp_path, files) -> None:
    _, known = files
    article = tmp_path / "one.txt"
    article.write_text(
        "Body.1\n\n1. A. Marlowe, Canals of the Lower Rhine (Leiden: Ashgrove Press, 1971), 4.\n",
        encoding="utf-8",
    )
    result = run("check", str(article), "--known", str(known), "-f", "json")
    assert result.exit_code == 0, result.output


def test_table_is_the_default(files) -> None:
    article, known = files
    result = run("check", str(article), "--known", str(known))
    assert result.exit_code == 1
    assert "marlowe1971canals" in result.stdout
    assert "matched" in result.stdout


def test_html_report_is_self_contained_and_escaped(tmp_path, files) -> None:
    article, known = files
    out = tmp_path / "report.html"
    result = run("check", str(article), "--known", str(known), "-f", "html", "-o", str(out))
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page
    assert "&lt;Northern&gt;" in page and "<Northern>" not in page
    assert "<del>1</del>" in page  # the OCR'd "1" of "Mar1owe" is highlighted


def test_min_score_is_applied(files) -> None:
    article, known = files
    result = run("check", str(article), "--known", str(known), "-f", "json", "--min-score", "100")
    matched = [c["match"] for c in json.loads(result.stdout)["citations"] if c["match"]]
    assert matched and all(m["score"] == 100.0 for m in matched)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--known", "missing.bib"], id="missing_known"),
        pytest.param(["--min-score", "150"], id="score_out_of_range"),
        pytest.param(["--format", "pdf"], id="bad_format"),
    ],
)
def test_bad_input_exits_2(files, args) -> None:
    article, known = files
    base = ["check", str(article)] + ([] if "--known" in args else ["--known", str(known)])
    result = run(*base, *args)
    assert result.exit_code == 2


def test_bad_known_file_is_one_line(tmp_path, files) -> None:
    article, _ = files
    broken = tmp_path / "broken.json"
    broken.write_text("[{]", encoding="utf-8")
    result = run("check", str(article), "--known", str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith("citex: error:") and result.stderr.count("\n") == 1


def test_index_then_check_with_the_catalogue(tmp_path, files) -> None:
    article, known = files
    catalogue = tmp_path / "known.sqlite"
    result = run("index", str(known), "-o", str(catalogue))
    assert result.exit_code == 0, result.output
    assert f"indexed {len(CATALOGUE)} entries" in result.stderr
    from_json = run("check", str(article), "--known", str(known), "-f", "json").stdout
    from_db = run("check", str(article), "--known", str(catalogue), "-f", "json").stdout
    strip = lambda text: json.loads(text)["citations"]  # noqa: E731
    assert strip(from_json) == strip(from_db)


def test_index_reads_bibtex(tmp_path) -> None:
    bib = tmp_path / "k.bib"
    bib.write_text("@book{a, title = {Canals of the Lower Rhine}, year = 1971}\n")
    result = run("index", str(bib), "-o", str(tmp_path / "k.sqlite"))
    assert result.exit_code == 0
    assert "indexed 1 entries" in result.stderr


def test_index_output_directory_missing_exits_3(tmp_path, files) -> None:
    _, known = files
    result = run("index", str(known), "-o", str(tmp_path / "no" / "k.sqlite"))
    assert result.exit_code == 3


@pytest.mark.parametrize("command", ["check", "index"])
def test_commands_have_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "--output" in result.stdout
