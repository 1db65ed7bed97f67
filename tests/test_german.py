"""German notes through splitting and resolution, on made-up notes: an Ebd. and a short
form keep their own page ("S. 5"), a.a.O. and "(Fn. n)" find the work cited before."""

from __future__ import annotations

import pytest

from citex.citations import split_citations_in_text
from citex.models import Citation, Footnote
from citex.resolve import resolve_citations


def _stub_parse(text: str) -> dict[str, str]:
    """Stands in for the reference parser: the author before the first comma."""
    return {"type": "book", "title": text, "author": text.partition(",")[0]}


def _notes(*texts: str) -> tuple[Footnote, ...]:
    """Footnotes numbered from 1, their citations split from ``texts``."""
    return tuple(
        Footnote(
            number=number,
            page=1,
            text=text,
            spans=((0, len(text)),),
            citations=tuple(split_citations_in_text(text, parse=_stub_parse)),
        )
        for number, text in enumerate(texts, start=1)
    )


def _last(notes: tuple[Footnote, ...]) -> Citation:
    return resolve_citations(notes)[-1].citations[-1]


FIRST = "Vgl. K. Lee, Die Strassen, Berlin 1990, S. 3."


@pytest.mark.parametrize(
    ("later", "kind", "pinpoint"),
    [
        pytest.param("Ebd., S. 5.", "ibid", "5", id="ebd_keeps_its_page"),
        pytest.param("Ebenda, S. 12 f.", "ibid", "12", id="ebenda_with_following_page"),
        pytest.param("Lee, Strassen, S. 44.", "short", "44", id="short_form_name_title_page"),
        pytest.param("Lee, a.a.O., S. 7.", "supra", "7", id="aao"),
        pytest.param("Lee (Fn. 1), S. 9.", "supra", "9", id="footnote_reference"),
        pytest.param("Vgl. Lee, Strassen, Rn. 4.", "short", "Rn. 4", id="margin_number"),
    ],
)
def test_back_reference_resolves_to_the_first_note(later: str, kind: str, pinpoint: str) -> None:
    notes = _notes(FIRST, later)
    first = resolve_citations(notes)[0].citations[0]
    found = _last(notes)
    assert (found.kind, found.pinpoint) == (kind, pinpoint)
    assert found.work is not None and found.work == first.work
