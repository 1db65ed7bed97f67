"""citex batch: inputs, record order, error records, resume, the corpus bibliography, and
the same records from a real Dask cluster on loopback."""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from citex import batch as batch_module
from citex.batch import (
    BatchProgress,
    expand_inputs,
    merge_works,
    process_path,
    read_resume_point,
    run_batch,
)
from citex.cli_batch import batch as batch_command
from citex.errors import CitexError, FormatError, InputError
from citex.export import FORMATS, read_bibtex
from citex.models import Work
from citex.pipeline import process_text
from citex.serialize import document_to_json

runner = CliRunner()

HAS_DASK = importlib.util.find_spec("distributed") is not None
# CI installs the dask extra, so there the Dask test must run, never skip.
needs_dask = pytest.mark.skipif(
    not HAS_DASK and not os.environ.get("CI"), reason="distributed is not installed"
)


def _article(n: int) -> str:
    """A small made-up article with two footnotes and three citations."""
    return (
        f"Body text of article {n} says something.1 More text follows here.2\n"
        f"1. A. Author{n}, Title of Book {n} (Place, {1900 + n}), {n}.\n"
        f"2. B. Writer, Another Title (Town, 1985), 12; see also C. Third, Study (City, 2001).\n"
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """Nested directories of small articles, one empty page and one binary file."""
    root = tmp_path / "corpus"
    for n, rel in enumerate(["b/p2.txt", "a/p1.txt", "a/deep/p3.txt", "c.txt", "b/p10.txt"]):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_article(n), encoding="utf-8")
    (root / "a" / "empty.txt").write_bytes(b"")
    (root / "b" / "blob.txt").write_bytes(b"\x00\x01\x02binary\xff" * 40)
    (root / "b" / "notes.md").write_text("not a .txt file")
    return root


def _sources(records: list[dict]) -> list[str]:
    return [r["source"] for r in records]


# ---------------------------------------------------------------------------------------
# Inputs


def test_directory_expands_to_sorted_txt_files(corpus: Path) -> None:
    names = [Path(p).relative_to(corpus).as_posix() for p in expand_inputs([str(corpus)])]
    assert names == [
        "a/deep/p3.txt",
        "a/empty.txt",
        "a/p1.txt",
        "b/blob.txt",
        "b/p10.txt",
        "b/p2.txt",
        "c.txt",
    ]


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        pytest.param(["{r}/a/*.txt"], ["a/empty.txt", "a/p1.txt"], id="glob"),
        pytest.param(["{r}/**/p1*.txt"], ["a/p1.txt", "b/p10.txt"], id="recursive_glob"),
        pytest.param(["{r}/c.txt", "{r}/a/../c.txt", "{r}/c.txt"], ["c.txt"], id="same_file_once"),
        pytest.param(["{r}/c.txt", "{r}/a/deep"], ["a/deep/p3.txt", "c.txt"], id="file_and_dir"),
        pytest.param(["{r}/missing.txt"], ["missing.txt"], id="missing_file_kept_for_its_record"),
    ],
)
def test_inputs(corpus: Path, inputs: list[str], expected: list[str]) -> None:
    found = expand_inputs([i.format(r=corpus) for i in inputs])
    assert [Path(p).relative_to(corpus).as_posix() for p in found] == expected


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        pytest.param(["{r}/*.nothing"], "no files match", id="glob_matches_nothing"),
        pytest.param(["{r}/empty_dir"], r"no \*\.txt files", id="directory_without_txt"),
        pytest.param(["-"], "not standard input", id="stdin"),
        pytest.param([], "no input", id="nothing"),
    ],
)
def test_bad_inputs_raise_before_any_work(corpus: Path, inputs: list[str], message: str) -> None:
    (corpus / "empty_dir").mkdir()
    with pytest.raises(InputError, match=message):
        run_batch([i.format(r=corpus) for i in inputs])


# ---------------------------------------------------------------------------------------
# Records


def test_records_are_extract_json_in_path_order_with_error_records(corpus: Path) -> None:
    records = list(run_batch([str(corpus)], workers=2))
    assert _sources(records) == expand_inputs([str(corpus)])
    by_name = {Path(r["source"]).name: r for r in records}
    assert by_name["empty.txt"]["error"].endswith("empty.txt is empty")
    assert "binary" in by_name["blob.txt"]["error"]
    assert all("\n" not in r.get("error", "") for r in records)
    good = [r for r in records if "error" not in r]
    assert len(good) == 5
    for record in good:
        text = Path(record["source"]).read_text(encoding="utf-8")
        assert record == document_to_json(process_text(text, source=record["source"]))
        assert len(record["footnotes"]) == 2


def test_worker_counts_give_the_same_records(corpus: Path) -> None:
    one = list(run_batch([str(corpus)], workers=1))
    assert list(run_batch([str(corpus)], workers=3)) == one


def test_order_holds_when_workers_finish_out_of_order(tmp_path: Path) -> None:
    # Enough documents for many chunks in flight: the first chunks are the longest.
    for n in range(60):
        repeat = 30 if n < 10 else 1
        (tmp_path / f"doc{n:03}.txt").write_text(_article(n) * repeat, encoding="utf-8")
    records = list(run_batch([str(tmp_path)], workers=2))
    assert _sources(records) == sorted(str(p) for p in tmp_path.glob("*.txt"))


def test_only_a_window_of_tasks_is_in_flight() -> None:
    # Memory stays bounded: records wait to be written for at most `window` tasks.
    submitted: list[list] = []

    def submit(fn, chunk):
        submitted.append(chunk)
        return chunk

    chunks = [[(f"/p{n}", f"p{n}")] for n in range(100)]
    ordered = batch_module._in_order(chunks, submit, 3)
    assert len(submitted) == 3
    taken = [next(ordered) for _ in range(5)]
    assert len(submitted) == 8
    assert [chunk for chunk, _ in taken] == chunks[:5]


def test_decoding_warning_and_missing_file_name_the_source(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Text.1\n1. J. Pérez, Título (Madrid, 1990), 3.\n".encode("cp1252"))
    assert process_path(str(latin), "shown.txt")["warnings"][0].startswith("shown.txt is not UTF-8")
    missing = process_path(str(tmp_path / "gone.txt"), "gone.txt")
    assert missing["error"] == "gone.txt: no such file"


def test_a_bug_on_one_document_is_an_error_record(corpus: Path, monkeypatch) -> None:
    def broken(text: str, *, source: str):
        if source.endswith("p1.txt"):
            raise ZeroDivisionError("division by zero")
        return process_text(text, source=source)

    monkeypatch.setattr(batch_module, "process_text", broken)
    records = list(run_batch([str(corpus)], workers=1))
    failed = [r for r in records if r["source"].endswith("p1.txt")]
    assert failed[0]["error"] == "internal error (ZeroDivisionError: division by zero)"
    assert len(records) == 7


def test_progress_reports_total_first_then_each_record(corpus: Path) -> None:
    seen: list[BatchProgress] = []
    records = list(run_batch([str(corpus)], workers=2, on_progress=seen.append))
    assert seen[0] == BatchProgress(total=7, skipped=0, done=0, notes=0, citations=0, errors=0)
    assert [p.done for p in seen] == list(range(8))
    notes = sum(len(r.get("footnotes", [])) for r in records)
    citations = sum(len(f["citations"]) for r in records for f in r.get("footnotes", []))
    assert seen[-1] == replace(seen[0], done=7, notes=notes, citations=citations, errors=2)


# ---------------------------------------------------------------------------------------
# Resume


def test_resume_point_ignores_a_cut_off_last_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "a"}\n{"source": "b"}\n{"sour')
    assert read_resume_point(out) == ({"a", "b"}, len('{"source": "a"}\n{"source": "b"}\n'))


def test_resume_point_rejects_a_file_that_is_not_records(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "a"}\nnot json\n')
    with pytest.raises(FormatError, match="line 2"):
        read_resume_point(out)


def test_resume_skips_documents_already_written(corpus: Path, tmp_path: Path) -> None:
    full = [json.dumps(r, ensure_ascii=False) for r in run_batch([str(corpus)], workers=1)]
    out = tmp_path / "out.jsonl"
    out.write_text("\n".join(full[:3]) + "\n" + full[3][:20], encoding="utf-8")
    result = runner.invoke(_app(), ["batch", str(corpus), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == full
    # Nothing left to do: a second resume changes nothing.
    seen: list[BatchProgress] = []
    assert list(run_batch([str(corpus)], resume_from=out, on_progress=seen.append)) == []
    assert seen == [BatchProgress(total=7, skipped=7, done=0, notes=0, citations=0, errors=0)]


def test_resume_creates_a_missing_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "new.jsonl"
    result = runner.invoke(_app(), ["batch", str(corpus), "-o", str(out), "--resume"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 7


# ---------------------------------------------------------------------------------------
# The command


def _app() -> typer.Typer:
    """citex's app once ``batch`` is registered there; until then an app of its own."""
    from citex.cli import app

    if any((c.name or c.callback.__name__) == "batch" for c in app.registered_commands):
        return app
    own = typer.Typer()
    own.callback()(lambda: None)  # a group, so that the command is called by its name
    own.command()(batch_command)
    return own


def test_command_writes_one_line_per_document(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(_app(), ["batch", str(corpus), "-o", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""  # no terminal: no progress bar
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(run_batch([str(corpus)], workers=1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.jsonl"]


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        pytest.param(["{r}/*.nothing"], "no files match", 2, id="bad_pattern"),
        pytest.param(
            ["{r}", "--workers", "2", "--scheduler", "tcp://x:1"],
            "local runs",
            2,
            id="workers_and_scheduler",
        ),
        pytest.param(
            ["{r}", "--bibtex", "{r}/no/dir/all.bib"],
            "does not exist",
            3,
            id="bibtex_directory_missing",
        ),
    ],
)
def test_a_failed_run_leaves_an_existing_output_untouched(
    corpus: Path, tmp_path: Path, args: list[str], message: str, code: int
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious")
    argv = ["batch", *(a.format(r=corpus) for a in args), "-o", str(out)]
    result = runner.invoke(_app(), argv)
    assert result.exit_code == code
    assert result.stderr.startswith("citex: error:") and message in result.stderr
    assert out.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.jsonl"]


def test_interrupted_run_leaves_no_partial_output(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    def interrupted(text: str, *, source: str):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_module, "process_text", interrupted)
    out = tmp_path / "out.jsonl"
    runner.invoke(_app(), ["batch", str(corpus), "-o", str(out), "--workers", "1"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


# ---------------------------------------------------------------------------------------
# The corpus bibliography


def _work(wid: str, family: str, year: int | None, title: str | None, **more) -> Work:
    csl: dict = {"type": "book", "author": [{"family": family, "given": "A."}], **more}
    if year is not None:
        csl["issued"] = {"date-parts": [[year]]}
    if title is not None:
        csl["title"] = title
    return Work(wid, csl)


@pytest.mark.parametrize(
    ("per_document", "expected_ids"),
    [
        pytest.param(
            [
                [_work("lee1972roads", "Lee", 1972, "Old Roads")],
                [_work("lee1972roads", "LEE", 1972, "Old  roads.")],
            ],
            ["lee1972roads"],
            id="case_spacing_punctuation",
        ),
        pytest.param(
            [
                [_work("perez1990historia", "Pérez", 1990, "Historia")],
                [_work("perez1990historia", "Perez", 1990, "Histôria")],
            ],
            ["perez1990historia"],
            id="accents",
        ),
        pytest.param(
            [
                [_work("lee1972roads", "Lee", 1972, "Old Roads")],
                [_work("lee1972roads", "Lee", 1973, "Old Roads")],
            ],
            ["lee1972roads", "lee1972roadsa"],
            id="other_year_other_work_same_id",
        ),
        pytest.param(
            [
                [_work("lee1972roads", "Lee", 1972, "Old Roads")],
                [_work("lee1972roads", "Lee", 1972, "Old Roads Revisited")],
            ],
            ["lee1972roads", "lee1972roadsa"],
            id="other_title",
        ),
        pytest.param(
            [
                [_work("lee1972roads", "Lee", 1972, "Old Roads")],
                [_work("ray1972roads", "Ray", 1972, "Old Roads")],
            ],
            ["lee1972roads", "ray1972roads"],
            id="other_author",
        ),
        pytest.param(
            [
                [_work("gazette1950", "Gazette", 1950, None, volume="3")],
                [_work("gazette1950", "Gazette", 1950, None, volume="4")],
                [_work("gazette1950", "Gazette", 1950, None, volume="3")],
            ],
            ["gazette1950", "gazette1950a"],
            id="untitled_merge_only_when_identical",
        ),
        pytest.param(
            [[_work("Lee-1972", "Lee", 1972, "Old Roads")]],
            ["lee1972"],
            id="id_made_a_valid_key",
        ),
        pytest.param([[], []], [], id="no_works"),
    ],
)
def test_merge_works(per_document: list[list[Work]], expected_ids: list[str]) -> None:
    merged = merge_works(per_document)
    assert [w.id for w in merged] == expected_ids
    assert all(w.cited_in == () for w in merged)


def test_merged_work_keeps_first_fields_and_gains_missing_ones() -> None:
    first = _work("lee1972roads", "Lee", 1972, "Old Roads", publisher="Ace")
    later = _work("x", "Lee", 1972, "old roads", publisher="Other", volume="2")
    (merged,) = merge_works([[first], [later]])
    assert merged.csl["title"] == "Old Roads"
    assert merged.csl["publisher"] == "Ace"
    assert merged.csl["volume"] == "2"


def test_merged_bibliography_is_valid_bibtex() -> None:
    docs = [
        [_work("lee1972roads", "Lee", 1972, "Old Roads"), _work("ray1980", "Ray", 1980, "Sea")],
        [_work("lee1972roads", "Lee", 1972, "Old roads"), _work("lee1972roads", "Lee", 1990, "X")],
    ]
    entries = read_bibtex(FORMATS["bibtex"](merge_works(docs)))
    assert sorted(e["title"] for e in entries) == ["Old Roads", "Sea", "X"]


def test_command_writes_the_merged_bibliography(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    # Until the pipeline fills a document's works, give every document made-up ones: the
    # same book everywhere (cited with varying case) and one book of its own.
    def with_works(text: str, *, source: str):
        doc = process_text(text, source=source)
        own = _work("own", "Solo", 2000, f"Book of {Path(source).stem}")
        shared = _work("lee1972roads", "Lee", 1972, "Old Roads" if "a" in source else "OLD ROADS")
        return replace(doc, works=(shared, own))

    monkeypatch.setattr(batch_module, "process_text", with_works)
    out, bib = tmp_path / "out.jsonl", tmp_path / "all.bib"
    args = ["batch", str(corpus), "-o", str(out), "--bibtex", str(bib), "--workers", "1"]
    result = runner.invoke(_app(), args)
    assert result.exit_code == 0, result.output
    entries = read_bibtex(bib.read_text())
    # 5 readable documents: one shared book, five books of their own.
    assert len(entries) == 6
    assert sum(e["title"].lower() == "old roads" for e in entries) == 1


# ---------------------------------------------------------------------------------------
# Dask


def test_scheduler_without_dask_is_a_clear_error(corpus: Path, monkeypatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    with pytest.raises(CitexError, match=r"pip install 'citex\[dask\]'"):
        run_batch([str(corpus)], scheduler="tcp://127.0.0.1:8786")


@pytest.fixture(scope="module")
def dask_cluster():
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,  # workers in this process: starts in a second, no fork
        protocol="tcp",  # yet a real scheduler and workers talking TCP on loopback
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        yield cluster


@needs_dask
def test_dask_cluster_gives_the_local_records(corpus: Path, dask_cluster) -> None:
    local = list(run_batch([str(corpus)], workers=2))
    remote = list(run_batch([str(corpus)], scheduler=dask_cluster.scheduler_address))
    assert remote == local


@needs_dask
def test_dask_command_with_resume(corpus: Path, tmp_path: Path, dask_cluster) -> None:
    out = tmp_path / "out.jsonl"
    expected = [json.dumps(r, ensure_ascii=False) for r in run_batch([str(corpus)], workers=1)]
    out.write_text(expected[0] + "\n", encoding="utf-8")
    address = dask_cluster.scheduler_address
    result = runner.invoke(
        _app(), ["batch", str(corpus), "-o", str(out), "--scheduler", address, "--resume"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == expected


@needs_dask
def test_unreachable_scheduler_is_a_clear_error(corpus: Path, monkeypatch) -> None:
    monkeypatch.setattr(batch_module, "DASK_CONNECT_SECONDS", 1)
    with pytest.raises(CitexError, match="cannot reach the Dask scheduler"):
        list(run_batch([str(corpus)], scheduler="tcp://127.0.0.1:9"))
