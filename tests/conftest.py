"""Shared fixtures: the sample document and its hand-written golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "samples" / "copeland-1991-perestroika.txt"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def golden_footnotes() -> list[dict]:
    return json.loads((DATA / "copeland-footnotes.json").read_text(encoding="utf-8"))
