"""Checks that keep the package honest: no knowledge of the sample document in citex/."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

# Surnames, titles and numbers that occur in the sample article. Rules in citex/ must be
# general, so none of these may appear in the package.
SAMPLE_WORDS = [
    "toscano", "hazard", "parchomenko", "juviler", "gorbachev", "woodby", "helsinki watch",
    "t6k", "tbkhs", "bialer", "copeland", "perestroika", "garthoff", "shipler", "kostin",
    "primakov", "perkovich", "shevardnadze", "bolshakov", "lapidus", "afferica",
    "ccpr/c/sr.930", "a/810", "a/6316", "oceana", "pergamon",
]


def _package_files():
    for path in sorted((ROOT / "citex").rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".csl", ".txt", ".toml"}:
            yield path


@pytest.mark.parametrize("word", SAMPLE_WORDS)
def test_package_does_not_name_the_sample(word: str) -> None:
    pattern = re.compile(re.escape(word), re.IGNORECASE)
    hits = [
        str(path.relative_to(ROOT))
        for path in _package_files()
        if pattern.search(path.read_text(encoding="utf-8", errors="ignore"))
    ]
    assert hits == []
