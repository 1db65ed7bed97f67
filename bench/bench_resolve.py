"""Benchmark: does citex link short forms and Ibid. to the earlier citation of the same work?

Data: ``linkedbooks-shortform-links`` (LinkedBooks, EPFL DHLAB; MIT / CC BY 4.0): 5,135
OCR'd footnote references from 74 articles of Italian journals on Venetian history, in
document order, each linked by hand to a catalogue id. A row whose id was already cited
earlier in the same article re-cites that work; its antecedent is the nearest earlier row
with an overlapping id (the corpus README's definition). The data is read at run time
from the shared corpus, never copied.

Each row is one reference string, so each becomes one footnote; citex splits it
(:func:`citex.citations.split_citations_in_text`), resolves the whole article
(:func:`citex.resolve.resolve_citations`) and the row's work is its first citation's.

Reported (rows that point at the citing article itself, "infra, nota 35", are internal
cross-references, not citations of a work, and are left out):

- **back-reference accuracy**: of the re-citing rows citex treats as back-references
  (Ibid., cit., short forms: resolution method other than "full"/"container"), the share
  linked to the antecedent's work; unresolved ones count as misses. The headline figure.
- **explicit-marker accuracy**: the same over rows carrying cit./op. cit./ibid./ivi/idem.
- **re-citation recall**: of all re-citing rows (also repeated full references), the
  share whose work equals the antecedent's.
- **wrong links**: back-reference links to a work none of whose earlier rows shares an id
  with the row. A short form matching nothing earlier starts a work of its own; that is
  no link and is counted apart.

Usage:
    .venv/bin/python bench/bench_resolve.py [--corpus DIR] [--show N] [--rows-as-citations]

``--rows-as-citations`` takes each row whole as one citation, so that a row the splitter
cuts wrongly or drops (Italian "Title,pp. 5" without a space) still reaches the resolver:
it measures the resolver apart from the splitter.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from citex.citations import split_citations_in_text
from citex.models import Citation, Footnote
from citex.resolve import resolve_citations

DEFAULT_CORPUS = Path("/work/shared/corpus/linkedbooks-shortform-links")
FILE = "secondary_partial_10052017.csv"
# Archival sources (Archivio di Stato di Venezia units). Not held out: the archival rules
# (citex/archival.py) were written looking at these rows. Its "Ibidem" often means the
# same archive, another fond.
PRIMARY_FILE = "primary_partial_10052017.csv"

# The README's explicit back-reference markers.
# must match: "cit." "op. cit." "ibidem" "Ivi" "idem" "Id."    must not match: "citta" "Ivrea"
_EXPLICIT = re.compile(r"(?i:\bcit\b|\bibid|\bivi\b|\bidem\b|\bid\.)")
# A hyphen at a line end inside a word (OCR kept the line breaks).
# must match: "Pro-\ngetto"    must not match: "1547-\n1605"? (digits: kept joined too)
_HYPHEN_BREAK = re.compile(r"(?<=\w)-\s*\n\s*(?=\w)")


# A cell's way of saying there is no id.
# must match: "no SBN" "noSBN" "NoSBN" "no sbn"    must not match: "RAV0039334"
_NO_ID = re.compile(r"(?i:no\s*sbn)")


# Row types whose catalogue id may be only their container's: an article's SBN id is its
# journal's, a book part's its volume's ("boopkpart" is a typo in the data).
_PART_TYPES = frozenset({"article", "bookpart", "boopkpart"})


def _ids(row: dict[str, str], *, legacy: bool = False) -> frozenset[str]:
    """The row's normalised catalogue ids (a cell may list several editions, separated by
    commas or, in some cells, by spaces: "MIL0115431  SBL0351943").

    An article with a LinkedBooks article id is that id alone: its SBN id is its
    journal's, which every article of that journal shares. An article or book part with
    no article id has only its container's id, which does not tell which part is meant:
    no id (the row is not scored). ``legacy`` keeps every id of every row, as this script
    did before (two articles in one journal then count as one work).
    """
    if not legacy:
        article_id = row.get("linkedbooks_article_id", "").strip()
        if article_id:
            return frozenset({article_id})
        if row.get("type", "").strip() in _PART_TYPES:
            return frozenset()
    out = set()
    for cell in (row.get("BID_SBN", ""), row.get("linkedbooks_article_id", ""), row.get("id", "")):
        cell = _NO_ID.sub(" ", cell)  # "no SBN", "noSBN", "NoSBN": no id
        for part in re.split(r"[,\s]+", cell):  # commas, and spaces in some cells
            part = part.strip().replace("IT\\ICCU\\", "").replace("\\", "")
            if part:
                out.add(part)
    return frozenset(out)


def _text(reference: str) -> str:
    """The reference as one line."""
    return " ".join(_HYPHEN_BREAK.sub("", reference).split())


def _whole_row(text: str, cites: tuple[Citation, ...]) -> Citation:
    """The row as one citation: the first citation's kind, fields and pinpoint."""
    first = cites[0] if cites else None
    kind = first.kind if first else "short"
    return Citation(
        text=text,
        spans=((0, len(text)),),
        kind=kind,
        pinpoint=first.pinpoint if first else None,
        csl=dict(first.csl) if first else {},
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    ap.add_argument(
        "--rows-as-citations",
        action="store_true",
        help="take each row whole as one citation (kind and fields from the splitter's first"
        " citation), to measure the resolver without the splitter's cuts",
    )
    ap.add_argument(
        "--legacy-ids",
        action="store_true",
        help="score with every id of every row, as before: an article's journal id and a"
        " book part's volume id count as the row's own",
    )
    ap.add_argument(
        "--show-full",
        action="store_true",
        help="with --show, print repeated full citations not joined to the earlier work",
    )
    ap.add_argument(
        "--primary",
        action="store_true",
        help="score the archival references (primary_partial) instead",
    )
    args = ap.parse_args(argv)
    file = PRIMARY_FILE if args.primary else FILE

    with (args.corpus / file).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    articles: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        articles[row["article_id"]].append(row)

    started = time.perf_counter()
    counts: Counter[str] = Counter()
    misses: list[str] = []
    for article, arows in articles.items():
        notes = []
        for i, row in enumerate(arows, start=1):
            text = _text(row["reference"])
            cites = tuple(split_citations_in_text(text))
            if args.rows_as_citations:
                cites = (_whole_row(text, cites),)
            notes.append(Footnote(number=i, page=1, text=text, spans=(), citations=cites))
        resolved = resolve_citations(notes)
        work_of = [f.citations[0].work if f.citations else None for f in resolved]
        ids_of = [_ids(r, legacy=args.legacy_ids) for r in arows]
        counts["no_citation"] += sum(1 for f in resolved if not f.citations)
        for i, (row, note) in enumerate(zip(arows, resolved, strict=True)):
            ids = ids_of[i]
            if not ids or row.get("linkedbooks_article_id") == article:
                continue  # no gold id, or a cross-reference to the article itself
            antecedent = next((j for j in range(i - 1, -1, -1) if ids_of[j] & ids), None)
            cite = note.citations[0] if note.citations else None
            method = cite.resolution.method if cite and cite.resolution else "none"
            is_back = method not in ("full", "container", "none")
            if is_back and cite is not None and cite.work is not None:
                earlier = [j for j in range(i) if work_of[j] == cite.work]
                if not earlier:  # a short form that starts a work of its own: no link
                    counts["started"] += 1
                elif any(ids_of[j] for j in earlier):  # else no earlier row has a gold id
                    counts["back_links"] += 1
                    if not any(ids_of[j] & ids for j in earlier):
                        counts["wrong_links"] += 1
            if antecedent is None:
                continue
            counts["recite"] += 1
            # Right when linked to a work that an earlier row with a shared id also has.
            ok = (
                cite is not None
                and cite.work is not None
                and any(work_of[j] == cite.work and ids_of[j] & ids for j in range(i))
            )
            counts["recite_ok"] += ok
            explicit = bool(_EXPLICIT.search(row["reference"]))
            if explicit:
                counts["explicit"] += 1
                counts["explicit_ok"] += ok
            if is_back:
                counts["back"] += 1
                counts["back_ok"] += ok
                counts["back_unresolved"] += cite is not None and cite.work is None
                if not ok and len(misses) < args.show:
                    reason = cite.resolution.reason if cite and cite.resolution else ""
                    before = _text(arows[antecedent]["reference"])[:50]
                    misses.append(
                        f"{_text(row['reference'])[:70]!r} -> {before!r}"
                        f"\n      {method}: {reason[:140]}"
                    )
            else:
                counts[f"recite_as_{method}"] += 1
                counts[f"recite_as_{method}_ok"] += ok
                if not ok and method == "full" and args.show_full and len(misses) < args.show:
                    before = _text(arows[antecedent]["reference"])[:70]
                    misses.append(f"{_text(row['reference'])[:90]!r}\n      -> {before!r}")
    elapsed = time.perf_counter() - started

    def share(ok: str, total: str) -> str:
        n = counts[total]
        return f"{counts[ok] / n:.3f} ({counts[ok]}/{n})" if n else "n/a"

    mode = "rows as citations" if args.rows_as_citations else "full chain (split + resolve)"
    print(
        f"linkedbooks-shortform-links, {file}: {len(rows)} rows, {len(articles)} articles; {mode}"
    )
    print(f"rows where the splitter found no citation: {counts['no_citation']}")
    print(f"back-reference accuracy (headline): {share('back_ok', 'back')}")
    print(f"  of which left unresolved:          {counts['back_unresolved']}")
    print(f"explicit-marker accuracy:            {share('explicit_ok', 'explicit')}")
    print(f"re-citation recall (all re-citing):  {share('recite_ok', 'recite')}")
    print(
        f"  re-citing rows citex took for full citations: {counts['recite_as_full']}"
        f" ({counts['recite_as_full_ok']} joined to the earlier citation's work),"
        f" for chapters in an earlier volume: {counts['recite_as_container']},"
        f" found no citation in: {counts['recite_as_none']}"
    )
    print(f"wrong links among back-reference links: {share('wrong_links', 'back_links')}")
    print(f"short forms that started a work of their own (no earlier match): {counts['started']}")
    print(f"time: {elapsed:.1f} s")
    for line in misses:
        print("  miss:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
