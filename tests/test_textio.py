"""Decoding input bytes and writing output files atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from citex.errors import InputError, OutputError
from citex.textio import decode_bytes, write_atomic

TEXT = "Tőkés, Pérez de Cuéllar, § 4 — Ibid., 3.\n"


@pytest.mark.parametrize(
    ("data", "text", "encoding", "warned"),
    [
        pytest.param(TEXT.encode("utf-8"), TEXT, "utf-8", False, id="utf8"),
        pytest.param(b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, "utf-8", False, id="utf8_bom"),
        pytest.param(TEXT.encode("utf-16"), TEXT, "utf-16", False, id="utf16_bom"),
        pytest.param(
            "Pérez, Título.\n".encode("cp1252"), "Pérez, Título.\n", "cp1252", True, id="cp1252"
        ),
        pytest.param(
            b"caf\xe9 \x81\n", "café \x81\n", "latin-1", True, id="latin1_when_cp1252_fails"
        ),
        pytest.param(
            b"Ibid., 3. " * 20 + b"\x00\n",
            "Ibid., 3. " * 20 + " \n",
            "utf-8",
            True,
            id="few_nuls_are_spaces",
        ),
        pytest.param(
            ("é" * 10).encode() + b"\xff" + b" text\n",
            "é" * 10 + "\ufffd text\n",
            "utf-8",
            True,
            id="damaged_utf8_keeps_accents",
        ),
        pytest.param(b"a\r\nb\fc\n", "a\r\nb\fc\n", "utf-8", False, id="crlf_and_form_feed_kept"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str, warned: bool) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert bool(decoded.warnings) == warned


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "is empty", id="empty"),
        pytest.param(b" \n\t \n", "is empty", id="whitespace"),
        pytest.param(bytes(range(256)) * 20, "binary", id="all_bytes"),
        pytest.param(b"\x00" * 100 + b"text", "binary", id="many_nuls"),
        pytest.param(b"\x01\x02\x03\x04" * 100 + b"text", "binary", id="control_characters"),
    ],
)
def test_decode_rejects(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode_bytes(data, name="x")


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_atomic(target, lambda stream: stream.write("new"))
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_failure_leaves_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")

    def explode(stream) -> None:
        stream.write("half")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomic(target, explode)
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_write_atomic_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.txt", lambda stream: stream.write("x"))
