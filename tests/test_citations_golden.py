"""The Copeland sample's notes against the expected citations written by reading them.

``tests/data/copeland-citations.json`` holds, per note, the citations a careful reader
finds (its ``_conventions`` say how). Two levels are checked:

- the split and classification (text, kind, signal, relation, pinpoint, alias) must be
  exact for every note: that is this module's own work;
- the CSL fields of full citations come from the reference parser and are compared
  tolerantly (case, edge punctuation, OCR spacing; journal vs magazine articles). Notes
  whose fields the parser does not get yet are marked xfail one by one, with the reason.

The per-field accuracy is printed by ``test_field_accuracy`` (run with ``-s`` to see it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from citex.citations import split_citations_in_text
from citex.models import Citation

DATA = Path(__file__).parent / "data"
GOLDEN = json.loads((DATA / "copeland-citations.json").read_text(encoding="utf-8"))
NOTES = {
    str(n["number"]): n["text"]
    for n in json.loads((DATA / "copeland-footnotes.json").read_text(encoding="utf-8"))
}
NUMBERS = sorted((k for k in GOLDEN if not k.startswith("_")), key=int)

# Overall share of expected CSL fields that must come out right; it guards against a
# parser change that loses ground (measured 0.81 when this test was written).
MIN_FIELD_ACCURACY = 0.75

# Article types a note cannot tell apart: a magazine is cited like a journal (volume and
# issue) or like a newspaper (a day's date); which it is, is knowledge about the periodical.
_ACCEPTED_TYPES = {
    ("article-magazine", "article-journal"),
    ("article-magazine", "article-newspaper"),
}
_NAME_FIELDS = {"author", "editor", "recipient", "interviewer", "translator"}

# Notes whose full citations the reference parser does not yet get right, and why.
_PARSER_GAPS = {
    "1": "'Vols. I and 2' stays in the title; a two-year range loses its second year",
    "7": "a year inside a quoted title is taken for the date and cuts the title",
    "10": "'Article 62' of a constitution is not read as a section",
    "14": "the type of a bare author name (a speech) is known only from the commentary",
    "13": "UN resolution: the document symbol is not read as the number",
    "15": "UN GAOR reference: volume, reporter and document symbol not read",
    "16": "UN GAOR reference: volume, reporter and document symbol not read",
    "23": "a container given by its editor's name alone ('in T6k~s') is not read",
    "24": "a container given by its editor's name alone ('in Tks') is not read",
    "26": "a newspaper ('Pravda, 22 March 1977') is not read as the container",
    "32": "wire-service date and section ('13 July 1989, AM Cycle') not read",
    "39": "title before a UN document symbol is lost",
    "41": "UN document symbols and their dates not read",
    "50": "'interview by the newspaper X' not read (author, interviewer)",
    "51": "an article after '\"Title,\" in' a periodical is read as a book chapter",
    "53": "a date opening a title is taken out of it; a daily report's name not read",
    "55": "a letter ('X letter to Y') and a newspaper reprint not read",
    "57": "a periodical with only a month date ('Bulletin (March 1989)') not read",
    "58": "a conference document with (Place: date) is read as a book",
    "59": "a newspaper ('Pravda, 11 February 1989, 5') is not read as the container",
    "60": "a newspaper ('Pravda, 9 October 1989, 5') is not read as the container",
    "65": "a newspaper after an anonymous quoted title is not read as the container",
}


@cache
def _split_document() -> dict[str, list[Citation]]:
    """Split every golden note in order, carrying "(hereinafter X)" aliases forward."""
    aliases: list[str] = []
    out: dict[str, list[Citation]] = {}
    for number in NUMBERS:
        cites = split_citations_in_text(NOTES[number], aliases=aliases)
        aliases.extend(c.csl["title-short"] for c in cites if _defines_alias(c))
        out[number] = cites
    return out


def _defines_alias(c: Citation) -> bool:
    return c.kind == "full" and "title-short" in c.csl


def _summary(c: Citation) -> dict[str, Any]:
    """The fields of a citation the split itself decides."""
    out = {
        "text": c.text,
        "kind": c.kind,
        "signal": c.signal,
        "relation": c.relation,
        "pinpoint": c.pinpoint,
    }
    if _defines_alias(c):
        out["hereinafter"] = c.csl["title-short"]
    return out


def _expected_summary(e: dict[str, Any]) -> dict[str, Any]:
    keys = ("text", "kind", "signal", "relation", "pinpoint", "hereinafter")
    return {k: e[k] for k in keys if k in e}


@pytest.mark.parametrize("number", NUMBERS, ids=[f"note_{n}" for n in NUMBERS])
def test_split_matches_golden(number: str) -> None:
    got = [_summary(c) for c in _split_document()[number]]
    assert got == [_expected_summary(e) for e in GOLDEN[number]]


@pytest.mark.parametrize("number", NUMBERS, ids=[f"note_{n}" for n in NUMBERS])
def test_own_fields_match_golden(number: str) -> None:
    """Ibid., short, supra and hereinafter fields come from citex's rules: exact."""
    pairs = zip(GOLDEN[number], _split_document()[number], strict=False)
    for expected, got in pairs:
        if expected["kind"] != "full":
            assert _field_misses(expected["csl"], got.csl) == [], got.text


def _parsed_params() -> list[Any]:
    params = []
    for number in NUMBERS:
        if not any(e["kind"] == "full" for e in GOLDEN[number]):
            continue
        marks = []
        if number in _PARSER_GAPS:
            marks.append(pytest.mark.xfail(strict=False, reason=_PARSER_GAPS[number]))
        params.append(pytest.param(number, marks=marks, id=f"note_{number}"))
    return params


@pytest.mark.parametrize("number", _parsed_params())
def test_parsed_fields_match_golden(number: str) -> None:
    """CSL fields of full citations, compared tolerantly."""
    pairs = zip(GOLDEN[number], _split_document()[number], strict=False)
    misses = [
        (got.text[:40], miss)
        for expected, got in pairs
        if expected["kind"] == "full"
        for miss in _field_misses(expected["csl"], got.csl)
    ]
    assert misses == []


def test_field_accuracy() -> None:
    """Per-field accuracy over the whole sample, printed; the total must not fall."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for number in NUMBERS:
        for expected, got in zip(GOLDEN[number], _split_document()[number], strict=False):
            misses = {field for field, _, _ in _field_misses(expected["csl"], got.csl)}
            for field in expected["csl"]:
                total[field] += 1
                right[field] += field not in misses
    lines = [f"{f:16} {right[f]:3}/{total[f]:3}" for f in sorted(total, key=lambda f: -total[f])]
    accuracy = sum(right.values()) / sum(total.values())
    print("\nCSL field accuracy on the Copeland sample:\n" + "\n".join(lines))
    print(f"{'all':16} {sum(right.values()):3}/{sum(total.values()):3} = {accuracy:.2f}")
    assert accuracy >= MIN_FIELD_ACCURACY


# ---------------------------------------------------------------------------------------
# Tolerant comparison


def _field_misses(expected: dict[str, Any], got: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, expected, got) for every expected field the item gets wrong."""
    return [
        (field, value, got.get(field))
        for field, value in expected.items()
        if not _same(field, value, got.get(field))
    ]


def _same(field: str, expected: Any, got: Any) -> bool:
    if got is None:
        return False
    if field in _NAME_FIELDS:
        return [_name_key(n) for n in expected] == [_name_key(n) for n in got]
    if field == "issued":
        return expected.get("date-parts") == got.get("date-parts") and _text_key(
            str(expected.get("season", ""))
        ) == _text_key(str(got.get("season", "")))
    if field == "type":
        return expected == got or (expected, got) in _ACCEPTED_TYPES
    return _text_key(str(expected)) == _text_key(str(got))


def _text_key(value: str) -> str:
    """Case, edge punctuation and all spacing ignored (OCR runs words together)."""
    return re.sub(r"\s+", "", value.strip(" .,;:")).casefold()


def _name_key(name: dict[str, str]) -> tuple[str, str]:
    if "literal" in name:
        return _text_key(name["literal"]), ""
    given = re.sub(r"[\s.]", "", name.get("given", "")).casefold()
    return _text_key(name.get("family", "")), given
