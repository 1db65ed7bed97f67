"""Benchmark ``citex check`` matching: 10,000 citations against a 1,000,000-entry catalogue.

The catalogue is generated, at run time, from the labelled references of the shared
corpora (AnyStyle train+gold, LinkedBooks reference CoNLL, EXCITE segmented references),
parsed into CSL and replicated with realistic variants up to the requested size:

- the seeds themselves;
- the same author's other works (a title built from another seed's words);
- the same title by another author;
- another edition or issue (year, volume, issue changed);
- recombined entries (authors, title words, containers of different seeds).

Every entry is a deterministic function of its index, so a citation can be made from any
entry without keeping the catalogue in memory. Citations are catalogue entries damaged the
way OCR'd footnotes are: letters confused (6/o, rn/m, 1/l, c/e, b/h), accents lost or
misread, words run together or split, given names cut to initials, titles cut to the main
title, fields dropped. A tenth of the citations come from held-out seeds that are *not* in
the catalogue: they must come back unmatched.

Reported: index build time and size, matching throughput (one process and one per core,
after the index is built, with the load average, since the machine may be shared; and CPU
time per citation, which does not depend on the load), peak memory (largest resident set
of any one process), and accuracy, judged by the bench itself (not by citex):

- a citation made from entry i is right when it comes back as entry i, or as another
  entry the citation cannot tell from i: one with the same value in every field the
  citation gives (the generator makes such records: the same title and author in another
  year, cited without a year; the same title by another author, cited without authors;
  a few records identical but for their id). A catalogue holding two records that fit
  equally well makes either right; the bench counts them on a line of their own;
- a held-out citation is right when it comes back unmatched. The corpora hold some works
  twice (the same first author, one title the other's opening: "Soziologie der
  Behinderten" and "Soziologie der Behinderten. Eine Einführung"), so a held-out seed's
  work can still be in the catalogue; a match to such a record is counted apart from a
  false match to another work.

``--examples N`` prints N citations of each kind of error to standard error.

Run (about 10 minutes on 2 cores):

    .venv/bin/python bench/bench_check.py --entries 1000000 --citations 10000

Nothing is written to the project: the catalogue goes to a temporary directory (or
``--workdir``) and is reused when it exists with the same size, seed and format version.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import re
import resource
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citex.catalog import CATALOG_VERSION, build_catalog, open_catalog  # noqa: E402
from citex.match import MIN_SCORE, best_entry  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
HELD_OUT_SHARE = 0.1  # of the citations: from seeds kept out of the catalogue

# ---------------------------------------------------------------------------------------
# Seeds: labelled references -> CSL

# A family name in a free-text author list: a capitalised word of three letters or more.
# must match: "Heidegger" "Pérez-Higueras" "O'Brien"    must not match: "JJ" "C." "and"
_FAMILY = re.compile(r"\b[A-ZÀ-Þ][a-zà-ÿ'’\-]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?")
_NOT_FAMILY = {"The", "And", "Eds", "Hrsg", "Hg", "Ed", "In", "Und", "Von", "Van", "Der", "Del",
               "Della", "De", "Di", "Et", "Al", "Jr"}  # fmt: skip
# A year.
# must match: "1927" "(2011)."    must not match: "12" "927"
_YEAR = re.compile(r"\b(1[5-9]\d\d|20[0-2]\d)\b")
# One field of an EXCITE segmented reference.
# must match: "<title>Old Roads</title>"    must not match: "<other>" alone
_EXCITE_FIELD = re.compile(r"<(author|editor|year|title|source|volume|issue|publisher)>(.*?)</\1>")
_TAG = re.compile(r"<[^>]+>")
_EDGE = " \t.,;:()[]\"'“”‘’«»"


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(_EDGE)


def _families(text: str) -> list[dict[str, str]]:
    out = [w for w in _FAMILY.findall(text) if w not in _NOT_FAMILY and len(w) >= 3]
    return [{"family": f} for f in dict.fromkeys(out)][:4]


def _csl(author: str = "", title: str = "", year: str = "", **fields: str) -> dict[str, Any] | None:
    title = _clean(title)
    if len(title) < 8:
        return None
    item: dict[str, Any] = {"type": "book", "title": title}
    names = _families(author)
    if names:
        item["author"] = names
    found = _YEAR.search(year or "")
    if found:
        item["issued"] = {"date-parts": [[int(found.group(1))]]}
    for key, value in fields.items():
        value = _clean(value)
        if value:
            item[key.replace("_", "-")] = value
    if "container-title" in item:
        item["type"] = "article-journal"
    return item


def _anystyle() -> Iterator[dict[str, Any]]:
    files = sorted((CORPUS / "anystyle-train").glob("*.xml")) + [
        CORPUS / "anystyle-gold" / "gold.xml"
    ]
    for path in files:
        for seq in ET.parse(path).getroot().iter("sequence"):
            f: dict[str, str] = {}
            for child in seq:
                f.setdefault(child.tag, child.text or "")
            item = _csl(f.get("author", ""), f.get("title", ""), f.get("date", ""),
                        container_title=f.get("journal") or f.get("container-title", ""),
                        volume=f.get("volume", ""), publisher=f.get("publisher", ""),
                        publisher_place=f.get("location", ""))  # fmt: skip
            if item:
                yield item


def _linkedbooks() -> Iterator[dict[str, Any]]:
    for name in ("clean_test.txt", "clean_valid.txt"):
        text = (CORPUS / "linkedbooks-reference-conll" / name).read_text(encoding="utf-8")
        fields: dict[str, list[str]] = {}
        for line in text.replace("\r", "\n").split("\n"):
            parts = line.split()
            if len(parts) != 4 or parts[0] == "-DOCSTART-":
                if fields:
                    yield from _lb_item(fields)
                fields = {}
                continue
            token, label, _, span = parts
            if span == "b-r" and fields:
                yield from _lb_item(fields)
                fields = {}
            if span != "o":
                fields.setdefault(label, []).append(token)
        if fields:
            yield from _lb_item(fields)


def _lb_item(fields: dict[str, list[str]]) -> Iterator[dict[str, Any]]:
    def text(label: str) -> str:
        return " ".join(fields.get(label, []))

    item = _csl(text("author"), text("title"), text("year"), volume=text("volume"),
                publisher_place=text("publicationplace"), publisher=text("publisher"))  # fmt: skip
    if item:
        yield item


def _excite() -> Iterator[dict[str, Any]]:
    for path in sorted((CORPUS / "excite-ssoar-goldstandard").glob("*/*/5-*/*.xml")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            f: dict[str, list[str]] = {}
            for tag, value in _EXCITE_FIELD.findall(line):
                f.setdefault(tag, []).append(value)
            authors = " ".join(_TAG.sub(" ", re.sub(r"<given-names>.*?</given-names>", "", a))
                               for a in f.get("author", []))  # fmt: skip
            first = {tag: values[0] for tag, values in f.items()}
            item = _csl(authors, first.get("title", ""), first.get("year", ""),
                        container_title=first.get("source", ""), volume=first.get("volume", ""),
                        issue=first.get("issue", ""),
                        publisher=first.get("publisher", ""))  # fmt: skip
            if item:
                yield item


def load_seeds() -> list[dict[str, Any]]:
    """Distinct labelled references of the corpora as CSL items (first author + title)."""
    seen: set[tuple[str, str]] = set()
    seeds = []
    for item in (*_anystyle(), *_linkedbooks(), *_excite()):
        family = item.get("author", [{}])[0].get("family", "")
        key = (family.lower(), re.sub(r"\W+", "", item["title"].lower()))
        if key not in seen:
            seen.add(key)
            seeds.append(item)
    random.Random(1).shuffle(seeds)
    return seeds


# ---------------------------------------------------------------------------------------
# The catalogue: seeds and their variants, entry i a function of i


class Generator:
    """Entry ``i`` of the catalogue, for any i, from the seeds kept in the catalogue."""

    def __init__(self, seeds: list[dict[str, Any]], seed: int) -> None:
        self.seeds = seeds
        self.seed = seed
        self.words = sorted({w for s in seeds for w in s["title"].split() if len(w) > 3})
        self.families = sorted({a["family"] for s in seeds for a in s.get("author", [])})
        self.containers = sorted({s["container-title"] for s in seeds if s.get("container-title")})

    def entry(self, i: int) -> dict[str, Any]:
        n = len(self.seeds)
        if i < n:
            item = dict(self.seeds[i])
        else:
            rng = random.Random(self.seed * 1_000_003 + i)
            base = dict(self.seeds[rng.randrange(n)])
            kind = rng.random()
            if kind < 0.25:  # the same author's other work
                other = self.seeds[rng.randrange(n)]["title"].split()
                rng.shuffle(other)
                base["title"] = " ".join(other[: max(3, len(other) - 1)])
            elif kind < 0.45:  # the same title by another author
                base["author"] = [{"family": rng.choice(self.families)}]
            elif kind < 0.6:  # another edition / issue
                year = rng.randint(1900, 2020)
                base["issued"] = {"date-parts": [[year]]}
                if base.get("volume"):
                    base["volume"] = str(rng.randint(1, 120))
            else:  # recombined
                k = rng.randint(3, 9)
                base["title"] = " ".join(rng.choice(self.words) for _ in range(k)).capitalize()
                base["author"] = [{"family": rng.choice(self.families)}
                                  for _ in range(rng.randint(1, 3))]  # fmt: skip
                base["issued"] = {"date-parts": [[rng.randint(1800, 2020)]]}
                if rng.random() < 0.4:
                    base["container-title"] = rng.choice(self.containers)
                    base["type"] = "article-journal"
            item = base
        item["id"] = f"e{i}"
        return item

    def entries(self, count: int) -> Iterator[dict[str, Any]]:
        return (self.entry(i) for i in range(count))


# ---------------------------------------------------------------------------------------
# OCR damage

_CONFUSIONS = [("o", "6"), ("l", "1"), ("m", "rn"), ("e", "c"), ("h", "b"), ("i", "l"),
               ("o", "0"), ("s", "5"), ("n", "u"), ("w", "vv"), ("d", "cl")]  # fmt: skip


def _damage_text(text: str, rng: random.Random, rate: float) -> str:
    """Letters confused, accents lost or misread, words run together or split."""
    out = []
    for ch in text:
        r = rng.random()
        if not ch.isascii() and ch.isalpha():
            if r < 0.5:
                ch = unicodedata.normalize("NFKD", ch)[0]  # accent lost
            elif r < 0.7:
                ch = rng.choice("6b~")  # accented letter misread
        elif r < rate:
            for a, b in _CONFUSIONS:
                if ch == a:
                    ch = b
                    break
        out.append(ch)
    text = "".join(out)
    if rng.random() < 0.3 and " " in text:  # two words run together
        spaces = [m.start() for m in re.finditer(" ", text)]
        at = rng.choice(spaces)
        text = text[:at] + text[at + 1 :]
    return text


def damage(item: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A citation's parsed fields as OCR'd footnotes give them."""
    cited: dict[str, Any] = {}
    rate = rng.choice([0.0, 0.02, 0.05, 0.08])
    title = item["title"]
    if ":" in title and rng.random() < 0.3:
        title = title.split(":")[0]  # main title only
    cited["title"] = _damage_text(title, rng, rate)
    if item.get("author") and rng.random() < 0.95:
        cited["author"] = [{"family": _damage_text(a["family"], rng, rate)} for a in item["author"]]
    if item.get("issued") and rng.random() < 0.85:
        cited["issued"] = item["issued"]
    for key in ("container-title", "publisher", "publisher-place"):
        if item.get(key) and rng.random() < 0.7:
            cited[key] = _damage_text(item[key], rng, rate)
    for key in ("volume", "issue"):
        if item.get(key) and rng.random() < 0.8:
            cited[key] = item[key]
    return cited


# ---------------------------------------------------------------------------------------
# Running


def _fold(text: str) -> str:
    """Lower case, accents off, letters and digits only: for judging, not matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def _first_family(item: dict[str, Any]) -> str:
    authors = item.get("author") or []
    return _fold(authors[0].get("family", "")) if authors else ""


# The shortest title (letters) taken as the opening of another for "the same work".
SAME_WORK_TITLE = 12


def same_work(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two corpus records are one work: compatible first authors, one title the
    other's opening (at least SAME_WORK_TITLE letters)."""
    fa, fb = _first_family(a), _first_family(b)
    if fa and fb and fa != fb:
        return False
    ta, tb = sorted((_fold(a["title"]), _fold(b["title"])), key=len)
    return ta == tb or (len(ta) >= SAME_WORK_TITLE and tb.startswith(ta))


# The source fields a citation may carry (see damage); "title" is always given.
_CITED_FIELDS = ("author", "issued", "container-title", "publisher", "publisher-place",
                 "volume", "issue")  # fmt: skip


def indistinguishable(cited: dict[str, Any], source: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether ``other`` has the source's value in every field the citation gives."""
    if other["title"] != source["title"]:
        return False
    return all(other.get(f) == source.get(f) for f in _CITED_FIELDS if f in cited)


def _identical(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return {k: v for k, v in a.items() if k != "id"} == {k: v for k, v in b.items() if k != "id"}


def _citations(gen: Generator, held_out: list[dict[str, Any]], entries: int, count: int, seed: int):
    """(source, cited fields): source "e<i>" for catalogue entry i, "h<j>" for held-out seed j."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        if rng.random() < HELD_OUT_SHARE:
            j = rng.randrange(len(held_out))
            out.append((f"h{j}", damage(held_out[j], rng)))
        else:
            i = rng.randrange(entries)
            out.append((f"e{i}", damage(gen.entry(i), rng)))
    return out


_WORKER_CATALOG = None


def _init_worker(path: str) -> None:
    global _WORKER_CATALOG
    _WORKER_CATALOG = open_catalog(path)


def _match_chunk(chunk: list[dict[str, Any]]) -> tuple[list[tuple[str | None, float]], float]:
    """(key and score per citation, CPU seconds this process spent on them)."""
    cpu = time.process_time()
    out = []
    for csl in chunk:
        found = best_entry(csl, _WORKER_CATALOG, min_score=MIN_SCORE)  # type: ignore[arg-type]
        out.append((None, 0.0) if isinstance(found, str) else (found[0].key, found[1]))
    return out, time.process_time() - cpu


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--citations", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "citex-bench")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--examples", type=int, default=0, help="errors of each kind to print")
    args = parser.parse_args()

    t0 = time.perf_counter()
    seeds = load_seeds()
    held_out_count = max(200, len(seeds) // 20)
    held_out, kept = seeds[:held_out_count], seeds[held_out_count:]
    gen = Generator(kept, args.seed)
    print(f"seeds: {len(seeds)} distinct labelled references ({len(held_out)} held out) "
          f"in {time.perf_counter() - t0:.1f}s", file=sys.stderr)  # fmt: skip

    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"catalog-{args.entries}-{args.seed}-v{CATALOG_VERSION}.sqlite"
    build_s: float | None = None
    if args.rebuild or not path.exists():
        t0 = time.perf_counter()
        build_catalog(gen.entries(args.entries), path)
        build_s = time.perf_counter() - t0
        print(f"built {path} in {build_s:.0f}s", file=sys.stderr)
    build_rss = _peak_mib(resource.RUSAGE_SELF)

    cites = _citations(gen, held_out, args.entries, args.citations, args.seed + 1)
    queries = [c for _, c in cites]

    _init_worker(str(path))
    t0 = time.perf_counter()
    single, _ = _match_chunk(queries[:2000])
    one_rate = len(single) / (time.perf_counter() - t0)

    chunks = [queries[i : i + 250] for i in range(0, len(queries), 250)]
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(args.workers, _init_worker, (str(path),)) as pool:
        parts = pool.map(_match_chunk, chunks)
    elapsed = time.perf_counter() - t0
    results = [r for part, _ in parts for r in part]
    rate = len(results) / elapsed
    # CPU time per citation does not depend on what else the machine runs: the rate a
    # process reaches with a core of its own.
    cpu_rate = len(results) / sum(cpu for _, cpu in parts)
    load = os.getloadavg()[0]

    counts = dict.fromkeys(
        ("source", "twin", "identical", "wrong", "unmatched", "held", "same_work", "false"), 0
    )
    examples: dict[str, list[str]] = {"wrong": [], "unmatched": [], "false": []}
    for (source, csl), (key, score) in zip(cites, results, strict=True):
        kind = _judge(gen, held_out, source, csl, key, counts)
        if kind in examples and len(examples[kind]) < args.examples:
            found = gen.entry(int(key[1:])) if key else None
            src = _source(gen, held_out, source)
            examples[kind].append(f"cited  {csl}\nsource {src}\ntaken  {found} ({score:.1f})")
    for kind, shown in examples.items():
        for text in shown:
            print(f"[{kind}]\n{text}\n", file=sys.stderr)
    held = counts["held"]
    in_cat = len(cites) - held
    peak = max(_peak_mib(resource.RUSAGE_SELF), _peak_mib(resource.RUSAGE_CHILDREN))
    size = path.stat().st_size / 2**20

    command = " ".join(["python", "bench/bench_check.py", *sys.argv[1:]])
    print(f"\n`{command}` ({mp.cpu_count()} cores)\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| catalogue entries | {args.entries:,} (from {len(kept):,} corpus seeds + variants) |")
    built = f"{build_s:.0f} s" if build_s is not None else "reused"
    print(f"| index build | {built}, "
          f"{size:,.0f} MiB on disk, peak RSS {build_rss:,.0f} MiB |")  # fmt: skip
    print(f"| citations | {len(cites):,} ({in_cat:,} from the catalogue, {held:,} held out) |")
    print(f"| throughput, 1 process | {one_rate:,.0f} citations/s |")
    print(f"| throughput, {args.workers} processes | {rate:,.0f} citations/s ({elapsed:.1f} s; "
          f"load average {load:.2f} at the end) |")  # fmt: skip
    print(f"| CPU time per citation | {1000 / cpu_rate:.2f} ms ({cpu_rate:,.0f} citations/s per "
          f"process with a core to itself) |")  # fmt: skip
    print(f"| peak memory (largest process) | {peak:,.0f} MiB |")
    right = counts["source"] + counts["twin"]
    print(f"| right entry found | {right:,} / {in_cat:,} ({100 * right / in_cat:.1f}%) |")
    print(f"| - the source entry itself | {counts['source']:,} |")
    print(f"| - a record the citation cannot tell from it (either is right) | {counts['twin']:,} "
          f"({counts['identical']:,} identical but for the id) |")  # fmt: skip
    print(f"| another entry taken (wrong) | {counts['wrong']:,} "
          f"({100 * counts['wrong'] / in_cat:.1f}%) |")  # fmt: skip
    print(f"| unmatched (source in catalogue) | {counts['unmatched']:,} "
          f"({100 * counts['unmatched'] / in_cat:.1f}%) |")  # fmt: skip
    print(
        f"| held-out citations matched to another work (false) | {counts['false']:,} / {held:,} |"
    )
    print(f"| held-out citations matched to a record of the same work | {counts['same_work']:,} "
          f"/ {held:,} |")  # fmt: skip


def _source(gen: Generator, held_out: list[dict[str, Any]], source: str) -> dict[str, Any]:
    """The record a citation was made from."""
    index = int(source[1:])
    return held_out[index] if source[0] == "h" else gen.entry(index)


def _judge(
    gen: Generator,
    held_out: list[dict[str, Any]],
    source: str,
    csl: dict[str, Any],
    key: str | None,
    counts: dict[str, int],
) -> str:
    """Count one result in ``counts``; return its kind."""
    if source[0] == "h":
        counts["held"] += 1
        if key is None:
            return "right"
        same = same_work(held_out[int(source[1:])], gen.entry(int(key[1:])))
        kind = "same_work" if same else "false"
    elif key == source:
        kind = "source"
    elif key is None:
        kind = "unmatched"
    else:
        found, src = gen.entry(int(key[1:])), gen.entry(int(source[1:]))
        kind = "twin" if indistinguishable(csl, src, found) else "wrong"
        counts["identical"] += kind == "twin" and _identical(found, src)
    counts[kind] += 1
    return kind


if __name__ == "__main__":
    main()
