"""``citex check`` and ``citex index``: OCR'd citations against the user's known entries.

Registered on the app in :mod:`citex.cli`. Like the other commands these only read
files, call the library (:mod:`citex.match`, :mod:`citex.catalog`) and format the result:
a rich table for the terminal, the JSON report, or a self-contained HTML page.

Exit codes: 0 every citation matched, 1 some did not, 2 bad input, 3 output not written.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from .match import FieldDiff, Match

UNMATCHED_EXIT = 1


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"


def check(
    file: Annotated[str, typer.Argument(help="An OCR'd text file, or - for standard input.")],
    known: Annotated[
        Path,
        typer.Option(
            "--known",
            "-k",
            help="The true bibliography: .bib/.biblatex, CSL-JSON (or JSON Lines), or an "
            "SQLite catalogue from citex index.",
        ),
    ],
    format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="table (terminal), json (machine) or html (report)."),
    ] = CheckFormat.table,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of standard output."),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0,
            max=100,
            help="Lowest score (0-100) taken as a match [default: citex.match.MIN_SCORE, 75].",
        ),
    ] = None,
) -> None:
    """Match every citation of an OCR'd article to known entries and show what OCR damaged."""
    from .cli import _emit, _user_errors
    from .match import MIN_SCORE, load_known, match_citations, match_report
    from .pipeline import process_text
    from .textio import read_input

    with _user_errors():
        store = load_known(known)
        decoded, source = read_input(file)
        doc = process_text(decoded.text, source=source)
        for warning in (*decoded.warnings, *doc.warnings):
            typer.echo(f"citex: warning: {warning}", err=True)
        matches = match_citations(
            doc, store, min_score=MIN_SCORE if min_score is None else min_score
        )
        if format == CheckFormat.table:
            _emit(output, lambda stream: _table(matches, stream, to_terminal=output is None))
        else:
            if format == CheckFormat.json:
                report = {"source": source, "known": str(known), **match_report(matches)}
                rendered = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
            else:
                rendered = _html_report(matches, source=source, known=str(known))
            _emit(output, lambda stream: _write(stream, rendered))
    if any(m.entry is None for m in matches):
        raise typer.Exit(UNMATCHED_EXIT)


def index(
    known: Annotated[
        Path,
        typer.Argument(help="Known entries: .bib/.biblatex, CSL-JSON, or JSON Lines (streamed)."),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The SQLite catalogue to write (replaced whole)."),
    ],
) -> None:
    """Build an SQLite catalogue (names and title words indexed) for check --known on large sets."""
    from .catalog import build_catalog
    from .cli import _user_errors
    from .match import read_known_items

    with _user_errors():
        count = build_catalog(read_known_items(known), output)
    typer.echo(f"citex: indexed {count} entries into {output}", err=True)


# ---------------------------------------------------------------------------------------
# Formatting


def _write(stream: IO[str], text: str) -> None:
    """Write text to a stream (a callable for _emit)."""
    stream.write(text)


def _table(matches: Sequence[Match], stream: IO[str], *, to_terminal: bool) -> None:
    """A rich table: one row per citation, its entry and score, its differences."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=False)
    table.add_column("note", justify="right", min_width=4, no_wrap=True)
    table.add_column("#", justify="right", min_width=1, no_wrap=True)
    table.add_column("citation", ratio=3, min_width=16, overflow="fold")
    # The key, or the reason a citation is unmatched: wrapped, never squeezing the other
    # columns to nothing on a narrow terminal.
    table.add_column("entry", ratio=2, min_width=10, overflow="fold")
    table.add_column("score", justify="right", min_width=5, no_wrap=True)
    table.add_column("differences", ratio=3, min_width=14, overflow="fold")
    for m in matches:
        entry = Text(m.entry.key, style="green") if m.entry else Text(m.reason, style="red")
        diffs = Text()
        for d in m.diffs:
            if diffs:
                diffs.append("\n")
            diffs.append(f"{d.field}: ")
            diffs.append(d.cited, style="bold red")
            diffs.append(" → ")
            diffs.append(d.known, style="bold green")
            diffs.append(f" ({d.kind})", style="dim")
        table.add_row(
            "" if m.footnote is None else str(m.footnote),
            str(m.index),
            Text(" ".join(m.citation.text.split())),
            entry,
            f"{m.score:.1f}" if m.entry else "",
            diffs,
        )
    # A file gets no colour codes and a fixed width; a terminal gets both from rich.
    console = Console(file=stream, width=None if to_terminal else 160)
    console.print(table)
    console.print(_summary_line(matches))


def _summary_line(matches: Sequence[Match]) -> str:
    """ "42 citations: 40 matched, 2 unmatched; differences: 5 ocr, 1 spacing"."""
    matched = sum(1 for m in matches if m.entry is not None)
    kinds: dict[str, int] = {}
    for m in matches:
        for d in m.diffs:
            kinds[d.kind] = kinds.get(d.kind, 0) + 1
    line = f"{len(matches)} citations: {matched} matched, {len(matches) - matched} unmatched"
    if kinds:
        line += "; differences: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return line


_HTML_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4;position:sticky;top:0}
tr.unmatched td{background:#fff4f4}
.key{font-family:ui-monospace,monospace;color:#075}
.reason{color:#a00}
del{background:#fdd;text-decoration:none}
ins{background:#dfd;text-decoration:none}
.kind{font-size:85%;color:#555;border:1px solid #ccc;border-radius:3px;padding:0 .3em}
.diff{margin:.15em 0}
"""


def _html_report(matches: Sequence[Match], *, source: str, known: str) -> str:
    """A self-contained HTML page (no scripts, no external files); all text escaped."""
    import html  # only the HTML report needs it; every other command starts faster

    esc = html.escape
    rows = []
    for m in matches:
        if m.entry is not None:
            entry = f'<span class="key">{esc(m.entry.key)}</span>'
            score = f"{m.score:.1f}"
        else:
            entry, score = f'<span class="reason">{esc(m.reason)}</span>', ""
        diffs = "".join(_html_diff(d) for d in m.diffs)
        note = "" if m.footnote is None else str(m.footnote)
        css = "" if m.entry is not None else ' class="unmatched"'
        rows.append(
            f"<tr{css}><td>{note}</td><td>{m.index}</td>"
            f"<td>{esc(' '.join(m.citation.text.split()))}</td>"
            f"<td>{entry}</td><td>{score}</td><td>{diffs}</td></tr>"
        )
    title = f"citex check: {source}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{_HTML_STYLE}</style></head><body>"
        f"<h1>{esc(title)}</h1><p>Known entries: {esc(known)}. {esc(_summary_line(matches))}."
        " In each difference, <del>struck</del> is what the OCR says and <ins>marked</ins>"
        " what the entry says.</p>"
        "<table><thead><tr><th>note</th><th>#</th><th>citation</th><th>entry</th>"
        "<th>score</th><th>differences</th></tr></thead><tbody>"
        + "\n".join(rows)
        + "</tbody></table></body></html>\n"
    )


def _html_diff(diff: FieldDiff) -> str:
    """One difference with the changed characters highlighted on each side."""
    import html

    cited, known = _marked(diff.cited, diff.known)
    return (
        f'<div class="diff">{html.escape(diff.field)}: {cited} → {known} '
        f'<span class="kind">{html.escape(diff.kind)}</span></div>'
    )


def _marked(cited: str, known: str) -> tuple[str, str]:
    """Both values escaped, the characters that differ wrapped in <del> and <ins>."""
    import html

    out_cited: list[str] = []
    out_known: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, cited, known).get_opcodes():
        a, b = html.escape(cited[i1:i2]), html.escape(known[j1:j2])
        if tag == "equal":
            out_cited.append(a)
            out_known.append(b)
            continue
        if a:
            out_cited.append(f"<del>{a}</del>")
        if b:
            out_known.append(f"<ins>{b}</ins>")
    return "".join(out_cited), "".join(out_known)
