"""Reading input bytes as text, and writing output files atomically.

Decoding is the only change made to the input before processing: all offsets citex
reports are into the string this module returns.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import InputError, OutputError

# Share of control characters (other than tab, newline, carriage return, form feed) above
# which a decoded input is taken for binary data rather than damaged text. Real OCR output
# has a few stray control characters at most; binary files have them everywhere.
BINARY_CONTROL_SHARE = 0.05

# Share of NUL bytes up to which a file is damaged text rather than binary data.
MAX_NUL_SHARE = 0.01

# Control characters other than tab, newline, vertical tab, form feed and carriage return.
# must match: "\x00" "\x1b" (escape)    must not match: "\t" "\n" "\f" " "
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class DecodedText:
    """Input text with the encoding it was read in and any warning about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, *, name: str = "input") -> DecodedText:
    """Decode input bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1.

    Args:
        data: the raw bytes.
        name: how to call the input in messages.

    Returns:
        The decoded text, the encoding used and a warning when it was not UTF-8.

    Raises:
        InputError: empty input, or input that looks like binary data.

    Example:
        >>> decode_bytes("Ibid., 3.".encode("cp1252")).text
        'Ibid., 3.'
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    warnings: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} has a UTF-16 byte-order mark but is not UTF-16") from exc
    elif data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8"
    else:
        nuls = data.count(b"\x00")
        if nuls:
            if nuls > MAX_NUL_SHARE * len(data):
                raise InputError(f"{name} is binary data, not text")
            # A few NUL bytes in otherwise readable text are damage (a bad transfer, a
            # truncated write); a space keeps every offset where it was.
            data = data.replace(b"\x00", b" ")
            warnings.append(f"{name}: {nuls} NUL byte{'s' if nuls > 1 else ''} read as spaces")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding, warning = _decode_not_utf8(data, name)
            warnings.append(warning)
    if _looks_binary(text):
        raise InputError(f"{name} is binary data, not text")
    if not text.strip():
        raise InputError(f"{name} holds no text")
    return DecodedText(text=text, encoding=encoding, warnings=tuple(warnings))


# A file with at least this many well-formed UTF-8 characters per bad byte is UTF-8 with
# some damage, not another encoding: decoding it as cp1252 would garble every accent.
MIN_GOOD_UTF8_PER_BAD_BYTE = 2


def _decode_not_utf8(data: bytes, name: str) -> tuple[str, str, str]:
    """Decode bytes that are not valid UTF-8: damaged UTF-8, else cp1252, else latin-1."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in replaced if ch > "\x7f" and ch != "\ufffd")
    if good >= MIN_GOOD_UTF8_PER_BAD_BYTE * bad:
        return replaced, "utf-8", f"{name}: {bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD"
    try:
        return data.decode("cp1252"), "cp1252", f"{name} is not UTF-8; decoded as cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", f"{name} is not UTF-8; decoded as latin-1"


def _looks_binary(text: str) -> bool:
    """True when NULs or too many control characters show the data is not text."""
    if "\x00" in text:
        return True
    sample = text[:65536]
    controls = len(_CONTROL_CHAR.findall(sample))
    return controls > BINARY_CONTROL_SHARE * max(len(sample), 1)


def read_input(path: str) -> tuple[DecodedText, str]:
    """Read a file path (or ``-`` for stdin) and decode it.

    Returns:
        The decoded text and the source name to report (the path as given, or ``<stdin>``).

    Raises:
        InputError: missing file, a directory, unreadable, empty or binary.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
        return decode_bytes(data, name="standard input"), "<stdin>"
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path} is a directory, not a text file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, name=path), path


def write_atomic(path: str | Path, write: Callable[[IO[str]], None]) -> None:
    """Write a text file so that it is either complete or untouched.

    ``write`` receives an open text stream on a temporary file in the same directory; the
    file replaces ``path`` only after ``write`` returned and the data reached the disk. If
    anything fails, the temporary file is removed and an existing ``path`` is left as it was.

    Raises:
        OutputError: the directory does not exist or cannot be written, or writing failed
            (a full disk).
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: directory {directory} does not exist")
    if target.is_dir():
        raise OutputError(f"{path} is a directory")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            # The disk filled up or the file system failed mid-write: the user's problem
            # to fix (exit 3), not a bug; the old file is untouched either way.
            raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from None
        raise
