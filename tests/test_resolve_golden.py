"""The Copeland sample through the real chain (footnotes -> citations -> resolve -> works).

``tests/data/copeland-links.json`` holds the link of every back-reference in the sample,
written by reading the notes (its ``_conventions`` say how). A link that fails only
because an upstream stage (footnote finding, splitting, field parsing) hands the resolver
something else is marked xfail in ``_UPSTREAM`` with the reason; none does today.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from citex.citations import find_citations
from citex.footnotes import find_footnotes
from citex.fuzzy import title_similarity
from citex.models import Citation, Footnote, Work
from citex.resolve import resolve_citations
from citex.works import build_works

from .conftest import SAMPLE

DATA = Path(__file__).parent / "data"
GOLDEN = json.loads((DATA / "copeland-links.json").read_text(encoding="utf-8"))

# (note, citation) -> why an upstream stage makes this link fail. Empty: all pass.
_UPSTREAM: dict[tuple[int, int], str] = {}


@cache
def _chain() -> tuple[tuple[Footnote, ...], tuple[Work, ...]]:
    source = SAMPLE.read_text(encoding="utf-8")
    resolved = resolve_citations(find_citations(find_footnotes(source), source))
    return resolved, build_works(resolved)


def _cite(note: int, index: int) -> Citation:
    notes, _ = _chain()
    found = [f for f in notes if f.number == note]
    assert found, f"note {note} not found by the footnote finder"
    assert index < len(found[0].citations), f"note {note} has no citation {index}"
    return found[0].citations[index]


def _params() -> list[Any]:
    out = []
    for link in GOLDEN["links"]:
        where = (link["note"], link["citation"])
        marks = (
            [pytest.mark.xfail(strict=False, reason=_UPSTREAM[where])] if where in _UPSTREAM else []
        )
        out.append(pytest.param(link, id=f"note{where[0]}_{where[1]}_{link['form']}", marks=marks))
    return out


@pytest.mark.parametrize("link", _params())
def test_link(link: dict[str, Any]) -> None:
    cite = _cite(link["note"], link["citation"])
    target_spec = link["target"]
    target = _cite(target_spec["note"], target_spec["citation"])
    assert cite.resolution is not None
    assert cite.pinpoint == link["pinpoint"]
    assert cite.resolution.method == link["form"], cite.resolution
    if link["form"] == "container":
        # A new chapter: its own work, with the volume of the target's chapter as container.
        assert cite.work is not None and cite.work != target.work
        assert title_similarity(cite.csl["container-title"], target.csl["container-title"]) == 1.0
        assert cite.csl.get("editor") == target.csl.get("editor")
    elif target_spec.get("container"):
        # The volume the target's chapter is in: a work of its own, titled as that container.
        _, works = _chain()
        work = next(w for w in works if w.id == cite.work)
        assert work.id != target.work
        assert title_similarity(work.csl["title"], target.csl["container-title"]) == 1.0
    else:
        assert cite.work is not None, cite.resolution
        assert cite.work == target.work, cite.resolution


def test_every_other_citation_is_full() -> None:
    notes, _ = _chain()
    back = {(link["note"], link["citation"]) for link in GOLDEN["links"]}
    for note in notes:
        for i, cite in enumerate(note.citations):
            if (note.number, i) in back:
                continue
            assert cite.resolution is not None and cite.resolution.method == "full", (
                note.number,
                i,
                cite.resolution,
            )
            assert cite.work is not None


@pytest.mark.parametrize("group", GOLDEN["same_work"], ids=lambda g: f"note{g[0][0]}")
def test_repeated_full_citations_are_one_work(group: list[list[int]]) -> None:
    assert len({_cite(n, i).work for n, i in group}) == 1


def test_each_cited_item_is_one_work() -> None:
    _, works = _chain()
    assert len(works) == GOLDEN["works"]
    assert len({w.id for w in works}) == len(works)
    cited = sorted((c.footnote, c.citation) for w in works for c in w.cited_in)
    notes, _ = _chain()
    assert cited == sorted((f.number, i) for f in notes for i in range(len(f.citations)))
