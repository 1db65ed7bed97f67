"""The command line, driven through Typer's CliRunner and, for exit paths, a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from citex.cli import app

from .conftest import ROOT, SAMPLE

runner = CliRunner()
SCHEMA = json.loads((ROOT / "citex" / "schema" / "extract.schema.json").read_text())


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def test_extract_json_matches_schema_and_offsets() -> None:
    result = run("extract", str(SAMPLE))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["source"] == str(SAMPLE)
    assert len(data["footnotes"]) == 69
    text = SAMPLE.read_text(encoding="utf-8")
    for note in data["footnotes"]:
        if note["marker"]:
            m = note["marker"]
            assert text[m["start"] : m["end"]] == m["text"]
        first = note["spans"][0]
        assert note["text"].startswith(text[first[0] : first[1]].split("\n")[0].strip()[:10])


def test_extract_text_listing() -> None:
    result = run("extract", str(SAMPLE), "--format", "text")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{SAMPLE}: 69 footnotes")
    assert "[10] page 2" in result.stdout


def test_extract_from_stdin() -> None:
    result = run("extract", "-", input="Body text.1\n1. A. Author, Title (Place, 1990), 3.\n")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert [n["number"] for n in data["footnotes"]] == [1]


def test_extract_writes_output_file(tmp_path: Path) -> None:
    out = tmp_path / "notes.json"
    result = run("extract", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(json.loads(out.read_text())["footnotes"]) == 69
    assert [p.name for p in tmp_path.iterdir()] == ["notes.json"]


def test_no_notes_is_success_with_warning(tmp_path: Path) -> None:
    src = tmp_path / "prose.txt"
    src.write_text("Just a paragraph of prose without any notes at all.\n")
    result = run("extract", str(src))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["warnings"] == ["no footnotes found"]
    assert "warning: no footnotes found" in result.stderr


def test_cp1252_input_is_decoded_with_warning(tmp_path: Path) -> None:
    src = tmp_path / "latin.txt"
    src.write_bytes("Text.1\n1. J. Pérez, Título (Madrid, 1990), 3.\n".encode("cp1252"))
    result = run("extract", str(src))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["footnotes"][0]["text"] == "J. Pérez, Título (Madrid, 1990), 3."
    assert any("not UTF-8" in w for w in data["warnings"])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d: d / "missing.txt", "no such file", id="missing_file"),
        pytest.param(lambda d: d, "is a directory", id="directory"),
        pytest.param(
            lambda d: _write(d / "b.bin", b"\x00\x01\x02binary\xff" * 50), "binary", id="binary"
        ),
        pytest.param(lambda d: _write(d / "e.txt", b""), "is empty", id="empty"),
        pytest.param(lambda d: _write(d / "w.txt", b"  \n\t\n"), "is empty", id="whitespace"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_output_untouched(tmp_path: Path, make, message) -> None:
    target = make(tmp_path)
    out = tmp_path / "existing.json"
    out.write_text("precious")
    proc = subprocess.run(
        [sys.executable, "-m", "citex", "extract", str(target), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("citex: error:") and message in lines[0]
    assert "Traceback" not in proc.stderr
    assert out.read_text() == "precious"


def test_unwritable_output_directory_exit_3(tmp_path: Path) -> None:
    result = run("extract", str(SAMPLE), "-o", str(tmp_path / "no" / "such" / "dir.json"))
    assert result.exit_code == 3
    assert "does not exist" in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_every_command_has_help_and_is_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert command.callback.__doc__, name
        assert f"citex {name}" in readme, name
        result = run(name, "--help")
        assert result.exit_code == 0 and "Usage" in result.stdout


def test_parse_gives_plain_csl_json_one_item_per_line() -> None:
    result = run(
        "parse",
        "-",
        input="See also Ann Lee, Old Roads (Boston: Beacon, 1972), 8-9.\n\nA. B. Vik, Salt (Oslo, 1990).\n",
    )
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) == 2
    assert items[0]["title"] == "Old Roads" and "page" not in items[0]
    assert not [k for item in items for k in item if k.startswith("_")]
