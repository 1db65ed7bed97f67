"""How fast ``citex batch`` goes through a corpus, with 1 and 2 local workers and on Dask.

Usage:
    .venv/bin/python bench/bench_batch.py [--corpus DIR] [--repeat N] [--workers 1,2]
        [--no-dask]

The corpus (default: ../shared/corpus/linkedbooks-footnote-pages/content, OCR'd journal
pages, internal use only: read where it lies, never copied) is processed by
:func:`citex.batch.run_batch` and written as JSON Lines to a temporary file, as the
``citex batch`` command does. Every run happens in a fresh Python process, so that each
pays the same start-up (worker processes, first use of the parser model) and its peak
memory is its own. Each run is timed from the call of run_batch to the last record
written (the Python and citex imports are left out: they are the same for every worker
count). Rates and speed-ups use the fastest of ``--repeat`` runs, the one least disturbed
by other work on the machine (on a 2-core machine any other busy process takes a worker's
core); the median is shown beside it.

Checks printed with the table: one record per ``*.txt`` page, none lost or doubled,
the records of every worker count identical, and the records of a Dask LocalCluster
(2 worker processes, 1 thread each, on loopback) identical to the local ones.

Peak memory is the largest resident set size (ru_maxrss) of the main process and of
its largest worker process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "linkedbooks-footnote-pages" / "content"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=5, help="runs per setting (fastest counts)")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    parser.add_argument("--child", choices=["local", "dask"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)

    pages = sorted(str(p) for p in args.corpus.rglob("*.txt"))
    load = os.getloadavg()[0]
    settings = [("local", int(n)) for n in args.workers.split(",")]
    if not args.no_dask:
        settings.append(("dask", 2))
    rows = []
    digests: dict[str, str] = {}
    checks: list[str] = []
    for mode, workers in settings:
        runs = [_run_child(args.corpus, mode, workers) for _ in range(args.repeat)]
        label = f"{workers}" if mode == "local" else f"{workers} (Dask LocalCluster)"
        rows.append((label, runs))
        digests[label] = runs[0]["digest"]
        sources = runs[0]["sources"]
        lost = len(set(pages) - set(sources))
        doubled = len(sources) - len(set(sources))
        checks.append(
            f"{label}: {len(sources)} records for {len(pages)} pages, {lost} lost, "
            f"{doubled} doubled, {runs[0]['errors']} error records, same records on every "
            f"run: {len({r['digest'] for r in runs}) == 1}"
        )
    first = next(iter(digests.values()))
    checks.append(
        "records identical across all settings (local and Dask): "
        f"{all(d == first for d in digests.values())}"
    )
    _print_table(rows, args, len(pages), load)
    print()
    for line in checks:
        print(f"- {line}")
    return 0


def _run_child(corpus: Path, mode: str, workers: int) -> dict:
    """One timed run in a fresh process; its measurements."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        command = [sys.executable, __file__, "--child", mode, "--corpus", str(corpus)]
        command += ["--workers", str(workers), "--out", str(out)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"bench run failed ({mode}, {workers} workers):\n{done.stderr}")
        result = json.loads(done.stdout.splitlines()[-1])
        data = out.read_bytes()
    result["digest"] = hashlib.sha256(data).hexdigest()
    result["sources"] = [json.loads(line)["source"] for line in data.splitlines()]
    return result


def _child(args: argparse.Namespace) -> int:
    """Run the batch once and print its measurements as one JSON line."""
    sys.path.insert(0, str(REPO))
    from citex.batch import run_batch

    workers = int(args.workers)
    counts = {"documents": 0, "notes": 0, "citations": 0, "errors": 0}
    cluster = None
    scheduler = None
    setup = 0.0
    if args.child == "dask":
        from distributed import LocalCluster

        started = time.perf_counter()
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,  # citex is pure Python: threads would share one core
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
        scheduler = cluster.scheduler_address
        setup = time.perf_counter() - started
    started = time.perf_counter()
    with open(args.out, "w", encoding="utf-8") as stream:
        records = run_batch(
            [str(args.corpus)],
            workers=None if scheduler else workers,
            scheduler=scheduler,
        )
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            counts["documents"] += 1
            counts["notes"] += len(record.get("footnotes", []))
            counts["citations"] += sum(len(n["citations"]) for n in record.get("footnotes", []))
            counts["errors"] += "error" in record
    seconds = time.perf_counter() - started
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if cluster is not None:
        # Dask worker processes are not our children until the cluster closes.
        cluster.close()
        worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                **counts,
                "seconds": seconds,
                "setup_seconds": setup,
                "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_peak_mb": worker_peak / 1024,
            }
        )
    )
    return 0


def _print_table(
    rows: list[tuple[str, list[dict]]], args: argparse.Namespace, pages: int, load: float
) -> None:
    base = min(r["seconds"] for r in rows[0][1])
    command = " ".join([".venv/bin/python bench/bench_batch.py", *sys.argv[1:]])
    print(f"Corpus: {args.corpus} ({pages} pages), {os.cpu_count()} cores,")
    print(f"load average before the runs {load:.2f}. Command: `{command}`")
    print()
    print(
        f"| workers | seconds (fastest of {args.repeat}) | median | documents/s | notes/s "
        "| citations/s | speed-up vs 1 | peak RSS main | peak RSS largest worker |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, runs in rows:
        seconds = min(r["seconds"] for r in runs)
        median = statistics.median(r["seconds"] for r in runs)
        first = runs[0]
        setup = runs[0]["setup_seconds"]
        note = f" (+{setup:.1f} s cluster start)" if setup else ""
        worker_mb = max(r["worker_peak_mb"] for r in runs)
        worker = f"{worker_mb:.0f} MB" if worker_mb else "(no worker: runs in the main process)"
        print(
            f"| {label} | {seconds:.2f}{note} | {median:.2f} | {first['documents'] / seconds:.0f} "
            f"| {first['notes'] / seconds:.0f} | {first['citations'] / seconds:.0f} "
            f"| {base / seconds:.2f}x | {max(r['main_peak_mb'] for r in runs):.0f} MB "
            f"| {worker} |"
        )


if __name__ == "__main__":
    sys.exit(main())
