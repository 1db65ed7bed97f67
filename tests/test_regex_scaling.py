"""No regular expression backtracks catastrophically: long adversarial strings, time-bounded.

Every public text function gets strings built to make a badly written pattern explode
(long runs of initials, parentheses, digits, dots, quotes, spaces before "Vol."). The
bound is a hang guard: each call takes well under a second; a pattern gone quadratic or
worse takes minutes on these sizes.

Audit (every module-level pattern of citex/, run with ``finditer`` on runs of 46 unit
strings at two sizes): three grew faster than quadratically and are fixed and kept below:
citations._NAME (``(?:[A-Z]\\.\\s?)+`` inside ``{0,4}``: O(n^4) on "A. A. A. ..."),
citations._TRAILING_VOLUME and resolve._VOLUME (``\\s*,?\\s*`` before "Vol.": cubic on a
run of spaces). The public-function test below then found a fourth: citations._RELATION
(``(?:,\\s*|\\s+)`` before "quoted in": quadratic, 100k spaces before ", Vol. 2" took 240
s). Others scan a run once per start position (quadratic in a line's length at worst,
milliseconds at OCR line lengths) and were left alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from citex.citations import _NAME, _RELATION, _TRAILING_VOLUME, split_citations_in_text
from citex.footnotes import find_footnotes
from citex.pipeline import process_text
from citex.reference import parse_reference
from citex.resolve import _VOLUME

HANG_GUARD_SECONDS = 5.0

ADVERSARIAL = {
    "initials_100k": "A. " * 100_000,
    "initials_then_comma": "A. " * 50_000 + "Lee, 5.",
    "glued_initials": "A." * 100_000,
    "initials_and_initials": "A. B. and " * 20_000 + "Lee,",
    "open_parentheses_200k": "(" * 200_000,
    "balanced_parentheses": "(" * 100_000 + ")" * 100_000,
    "digits": "7" * 200_000,
    "digit_groups": "1 2 3-4, " * 30_000,
    "dots": "." * 200_000,
    "spaced_dots": ". " * 100_000,
    "quotes": "\"'“”‘’" * 30_000,
    "spaces_before_volume": "Lee, Title" + " " * 100_000 + ", Vol. 2",
    "spaces_then_junk": "Lee," + " " * 100_000 + "!",
    "commas": ", " * 100_000,
    "capitalised_words": "Ab " * 100_000,
    "particles": "de van " * 30_000 + "Lee, 4",
    "ibid": "Ibid. " * 30_000,
    "hyphens": "-" * 200_000,
}

FUNCTIONS: dict[str, Callable[[str], object]] = {
    "split_citations_in_text": split_citations_in_text,
    "parse_reference": parse_reference,
    "find_footnotes": find_footnotes,
    "process_text": lambda text: process_text("Text.1\n1. " + text + "\n"),
}


@pytest.mark.parametrize("function", list(FUNCTIONS))
@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_public_functions_on_adversarial_strings(name: str, function: str) -> None:
    start = time.perf_counter()
    FUNCTIONS[function](ADVERSARIAL[name])
    assert time.perf_counter() - start < HANG_GUARD_SECONDS


# The patterns the audit found, each on the input that made it explode (before the fix:
# 100 initials took 3.6 s and 200 took 60 s; 2000 spaces before "Vol." about 30 s).
@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        pytest.param(_NAME, "A. " * 100_000 + "!", id="name_initials"),
        pytest.param(_NAME, "A.  " * 100_000 + "!", id="name_initials_double_spaced"),
        pytest.param(_TRAILING_VOLUME, "Title" + " " * 100_000 + "!", id="trailing_volume_spaces"),
        pytest.param(_VOLUME, "Title" + " " * 100_000 + "!", id="volume_spaces"),
        pytest.param(_VOLUME, ", " * 100_000 + "!", id="volume_commas"),
        pytest.param(_RELATION, "Lee" + " " * 100_000 + ", Vol. 2", id="relation_spaces"),
    ],
)
def test_audited_patterns_are_linear(pattern, text: str) -> None:
    start = time.perf_counter()
    pattern.search(text)
    pattern.sub("", text)
    assert time.perf_counter() - start < HANG_GUARD_SECONDS


@pytest.mark.parametrize(
    ("pattern", "text", "matched"),
    [
        pytest.param(_TRAILING_VOLUME, "Collected Laws, Vol. 2", ", Vol. 2", id="tv_comma"),
        pytest.param(_TRAILING_VOLUME, "Collected Laws  Vols. 1-2", "  Vols. 1-2", id="tv_range"),
        pytest.param(_TRAILING_VOLUME, "Laws,, Vol. II", ", Vol. II", id="tv_two_commas"),
        pytest.param(_TRAILING_VOLUME, "Laws Volume 2", None, id="tv_not_volume"),
        pytest.param(_VOLUME, "Laws , Vol. 3, 117", " , Vol. 3, 117", id="v_space_comma"),
        pytest.param(_VOLUME, "Laws No. 3", None, id="v_not_number"),
        pytest.param(_NAME, "Ann B. Lee", "Ann B. Lee", id="name_initial"),
        pytest.param(_NAME, "A. B. C. Lee", "A. B. C. Lee", id="name_initials"),
        pytest.param(_NAME, "A.  B. Lee", "A.  B. Lee", id="name_double_space"),
        pytest.param(_NAME, "Ortiz de Rosas", "Ortiz de Rosas", id="name_particle"),
        pytest.param(_RELATION, "Lee, Roads, quoted in Orme", ", quoted in ", id="rel_comma"),
        pytest.param(
            _RELATION, "Lee, Roads   as cited in Orme", "   as cited in ", id="rel_spaces"
        ),
        pytest.param(_RELATION, "Lee, Roads within Orme", None, id="rel_not_within"),
        pytest.param(_NAME, "the World", None, id="name_lower_case"),
        pytest.param(_NAME, "A. B.", None, id="name_initials_only"),
    ],
)
def test_audited_patterns_still_match_what_they_did(pattern, text: str, matched) -> None:
    found = pattern.search(text)
    assert (found.group(0) if found else None) == matched
