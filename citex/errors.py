"""Errors citex raises on purpose. Each maps to a documented CLI exit code."""

from __future__ import annotations


class CitexError(Exception):
    """Base class: a problem with the user's input or request, not a bug in citex."""

    exit_code = 2


class InputError(CitexError):
    """The input cannot be read as text (missing, a directory, binary, empty)."""

    exit_code = 2


class OutputError(CitexError):
    """The output cannot be written (bad directory, permission)."""

    exit_code = 3


class FormatError(CitexError):
    """A structured input (.bib, CSL-JSON, catalogue) is malformed."""

    exit_code = 2
