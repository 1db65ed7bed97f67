"""The sample's whole bibliography, checked by the tools users will read it with."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest

from citex.export import FORMATS
from citex.pipeline import process_text

from .conftest import DATA, SAMPLE

DOC = process_text(SAMPLE.read_text(encoding="utf-8"), source=str(SAMPLE))
WORKS = list(DOC.works)


def test_every_citation_belongs_to_a_listed_work_or_says_why_not() -> None:
    ids = {w.id for w in WORKS}
    assert len(ids) == len(WORKS)
    for note in DOC.footnotes:
        for cite in note.citations:
            assert cite.resolution is not None
            if cite.work is None:
                assert cite.resolution.reason
            else:
                assert cite.work in ids


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"])
def test_bibtexparser_reads_the_bibliography_back(dialect: str) -> None:
    library = bibtexparser.parse_string(FORMATS[dialect](WORKS))
    assert library.failed_blocks == []
    assert sorted(e.key for e in library.entries) == sorted(w.id for w in WORKS)


def test_csl_json_validates_against_the_schema() -> None:
    schema = json.loads((DATA / "csl-data.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(FORMATS["csl-json"](WORKS)), schema)


def test_biber_accepts_the_biblatex(tmp_path: Path) -> None:
    """No error; warnings only for fields the notes truly do not give (never invented)."""
    if shutil.which("biber") is None:
        if os.environ.get("CI"):
            pytest.fail("biber is not installed, but CI must run this test")
        pytest.skip("biber is not installed (apt-get install biber)")
    bib = tmp_path / "sample.bib"
    bib.write_text(FORMATS["biblatex"](WORKS), encoding="utf-8")
    result = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "o.bib"),
         str(bib)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    csl = {w.id: w.csl for w in WORKS}
    allowed = {
        "Missing mandatory field 'author'": lambda item: not item.get("author"),
        "one of 'date, year' must be defined": lambda item: not item.get("issued"),
    }
    for line in log.splitlines():
        if not line.startswith(("WARN", "ERROR")):
            continue
        key = re.search(r"Entry '([^']+)'", line)
        assert key, line
        reason = next((r for r in allowed if r in line), None)
        assert reason is not None, line
        assert allowed[reason](csl[key.group(1)]), line
