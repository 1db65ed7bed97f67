"""The ``citex`` command line: thin commands that read input, call the library, write output.

Exit codes (also in the README):
    0  success
    1  the job ran but found a problem it reports (``check``: some citations unmatched)
    2  bad input or usage (missing file, binary data, malformed .bib/JSON, bad option)
    3  the output could not be written (nothing was written; an existing file is untouched)
    70 an internal error in citex (a bug: please report it; set CITEX_DEBUG=1 for a traceback)
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer

from .errors import CitexError

try:  # Typer 0.28 carries its own copy of Click; earlier versions use Click itself
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
except ImportError:  # pragma: no cover - depends on the installed Typer
    from click.exceptions import ClickException, NoArgsIsHelpError

app = typer.Typer(
    name="citex",
    help="Footnote references from OCR'd scholarship: find notes, parse and resolve "
    "citations, write clean bibliographies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

INTERNAL_ERROR = 70


class ExtractFormat(StrEnum):
    json = "json"
    text = "text"
    bibtex = "bibtex"
    biblatex = "biblatex"
    csl_json = "csl-json"
    ris = "ris"


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"citex: error: {message}", err=True)
    return typer.Exit(code)


@contextlib.contextmanager
def _user_errors() -> Iterator[None]:
    """Turn citex's own errors into one line on stderr and the documented exit code."""
    try:
        yield
    except CitexError as exc:
        raise _fail(str(exc), exc.exit_code) from None


def _emit(output: Path | None, write: Callable[[IO[str]], None]) -> None:
    """Write to ``output`` atomically, or to stdout."""
    if output is None:
        write(sys.stdout)
        sys.stdout.flush()
        return
    from .textio import write_atomic

    write_atomic(output, write)


InputArg = Annotated[str, typer.Argument(help="An OCR'd text file, or - for standard input.")]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write here (atomically) instead of standard output."),
]


@app.command()
def extract(
    file: InputArg,
    output: OutputOpt = None,
    format: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="json (machine), text (people), or a bibliography."),
    ] = ExtractFormat.json,
) -> None:
    """Find every footnote of an OCR'd article, with its citations and where it came from."""
    from .pipeline import process_text
    from .textio import read_input

    with _user_errors():
        decoded, source = read_input(file)
        doc = process_text(decoded.text, source=source)
        if decoded.warnings:
            from dataclasses import replace

            doc = replace(doc, warnings=decoded.warnings + doc.warnings)
        for warning in doc.warnings:
            typer.echo(f"citex: warning: {warning}", err=True)
        if format in (ExtractFormat.json, ExtractFormat.text):
            from .serialize import document_to_text, dumps_document

            rendered = (
                dumps_document(doc) if format == ExtractFormat.json else document_to_text(doc)
            )
        else:
            from .export import FORMATS

            rendered = FORMATS[format.value](list(doc.works))
        _emit(output, lambda stream: stream.write(rendered))


@app.command()
def parse(
    file: Annotated[
        str, typer.Argument(help="Reference strings, one per line, or - for standard input.")
    ] = "-",
    output: OutputOpt = None,
) -> None:
    """Parse reference strings (one per line) into a JSON array of CSL-JSON items."""
    from .reference import parse_references
    from .textio import read_input

    with _user_errors():
        decoded, _ = read_input(file)
        lines = [line.strip() for line in decoded.text.splitlines()]
        from .serialize import public_csl

        # Valid CSL-JSON only: citex's working keys (pinpoint, signal) stay out.
        items = [public_csl(item) for item in parse_references([ln for ln in lines if ln])]
        rendered = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
        _emit(output, lambda stream: stream.write(rendered))


def main() -> None:
    """Console entry point: run the app; never show a traceback unless CITEX_DEBUG is set."""
    # What is loaded by now (modules, compiled patterns, the app) lives until exit: frozen,
    # it is left out of every garbage collection during the run and of the one at exit,
    # which saves ~15 ms of the 0.2 s a one-document command takes.
    gc.freeze()
    try:
        # Not standalone: Click would print usage errors (a missing argument, an unknown
        # option) as a multi-line box; citex prints every error as one line.
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()  # no arguments at all: the help is the answer
        sys.exit(exc.exit_code)
    except ClickException as exc:
        message = " ".join(exc.format_message().split())
        typer.echo(f"citex: error: {message}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("citex: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (``citex extract x | head``): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        typer.echo("citex: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - last resort: a bug must not spill a traceback
        if os.environ.get("CITEX_DEBUG"):
            raise
        name = type(exc).__name__
        typer.echo(
            f"citex: internal error ({name}: {exc}); please report it "
            "(CITEX_DEBUG=1 shows the traceback)",
            err=True,
        )
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)


# Commands that live in their own modules (each imports its heavy libraries lazily).
from . import cli_check  # noqa: E402

app.command()(cli_check.check)
app.command()(cli_check.index)
from .cli_render import render as _render_command  # noqa: E402

app.command(name="render")(_render_command)
from .cli_batch import batch as _batch_command  # noqa: E402

app.command(name="batch")(_batch_command)
