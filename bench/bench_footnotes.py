"""How well citex finds footnote lines on real articles (the FOSSIL corpus).

Usage:
    .venv/bin/python bench/bench_footnotes.py [--corpus PATH] [--no-formfeed]
        [--predictor citex|oracle] [--json OUT]

Every TEI file becomes OCR-like text with a gold label per line (see fossil_to_text.py).
citex.find_footnotes runs on the text; a line counts as predicted footnote when most of its
non-whitespace characters lie inside the spans of any footnote. Reported per document and
micro-averaged over all lines: recall, precision and F1 of footnote lines.

Page footers that the annotators put in ``<note place="footnote">`` zones (publisher and
licence lines repeated on every page) and closing reference lists tagged ``<listBibl>``
are scored as "other" in the main figures, since a footnote finder should leave them
out; the "as annotated" row scores them as footnotes, and the "footer taken" and "bibl.
taken" columns count how many of their lines the predictor took.

Note counts are approximate: the gold does not tag single notes. "numbered" counts
footnote lines opening with a note number in increasing order
(fossil_to_text.gold_note_starts); "highest" is the last of those numbers, an estimate of
all notes including those whose number the PDF lost. "matched" counts numbered gold notes
whose number some found footnote carries.

``--predictor oracle`` marks exactly the gold footnote lines; it must score 1.0 everywhere
and exists to check this scorer.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from fossil_to_text import (
    BIBLIOGRAPHY,
    FOOTER,
    FOOTNOTE,
    OTHER,
    UNRELIABLE_GOLD,
    Doc,
    Span,
    gold_note_starts,
    load_fossil,
)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "fossil-footnote-segmentation"

# Share of a line's non-whitespace characters that footnote spans must cover for the line
# to count as predicted footnote. More than half: a note span that starts mid-line (after
# a body marker OCR glued to the line) or ends early still claims the line it is mostly on,
# while a span grazing a neighbouring line by a few characters does not.
MIN_COVERED_SHARE = 0.5


@dataclass(frozen=True)
class Prediction:
    """What a predictor says about one document."""

    spans: tuple[Span, ...]  # every piece of every footnote found
    numbers: tuple[int, ...]  # the number of each footnote found


@dataclass(frozen=True)
class DocScore:
    """Line counts and note counts for one document."""

    name: str
    lines: int
    gold: int  # gold footnote lines (footers and reference lists excluded)
    predicted: int  # lines predicted footnote
    true_positive: int
    footers: int  # gold footer lines
    footers_taken: int  # footer lines predicted footnote
    bibliography: int  # gold lines of a closing reference list
    bibliography_taken: int  # of those, lines predicted footnote
    false_by_zone: dict[str, int]  # false positive lines by the zone they came from
    gold_notes: int  # gold footnote lines opening with a note number, see gold_note_starts
    gold_highest: int  # the highest of those numbers: about how many notes there are
    found_notes: int
    numbers_matched: int  # gold note numbers that some found footnote carries
    seconds: float
    reliable: bool

    @property
    def recall(self) -> float:
        """Share of gold footnote lines predicted."""
        return _ratio(self.true_positive, self.gold)

    @property
    def precision(self) -> float:
        """Share of predicted lines that are gold footnote lines."""
        return _ratio(self.true_positive, self.predicted)


Predictor = Callable[[Doc], Prediction]


def predict_citex(doc: Doc) -> Prediction:
    """Run citex.find_footnotes on the document text."""
    import citex  # imported here so the oracle runs while citex is unfinished

    footnotes = citex.find_footnotes(doc.text)
    return Prediction(
        spans=tuple(span for note in footnotes for span in note.spans)
        + tuple(note.number_span for note in footnotes if note.number_span),
        numbers=tuple(note.number for note in footnotes),
    )


def predict_oracle(doc: Doc) -> Prediction:
    """Mark exactly the gold footnote lines, to check the scorer."""
    return Prediction(
        spans=tuple(
            span
            for span, label in zip(doc.line_spans, doc.labels, strict=True)
            if label == FOOTNOTE
        ),
        numbers=tuple(number for _, number in gold_note_starts(doc)),
    )


PREDICTORS: dict[str, Predictor] = {"citex": predict_citex, "oracle": predict_oracle}


def predicted_lines(doc: Doc, spans: Sequence[Span]) -> list[bool]:
    """For each line, whether spans cover most of its non-whitespace characters.

    Raises:
        ValueError: a span outside the text or reversed.
    """
    covered = bytearray(len(doc.text))
    for start, end in spans:
        if not 0 <= start <= end <= len(doc.text):
            raise ValueError(f"{doc.name}: span {(start, end)} outside text of {len(doc.text)}")
        covered[start:end] = b"\x01" * (end - start)
    result = []
    for start, end in doc.line_spans:
        visible = [i for i in range(start, end) if not doc.text[i].isspace()]
        inside = sum(covered[i] for i in visible)
        result.append(bool(visible) and inside > MIN_COVERED_SHARE * len(visible))
    return result


def score_doc(doc: Doc, predictor: Predictor) -> DocScore:
    """Run the predictor on one document and count lines and notes."""
    began = time.perf_counter()
    try:
        prediction = predictor(doc)
    except Exception as exc:  # name the document, then let the bug surface
        raise RuntimeError(f"predictor failed on {doc.name}") from exc
    seconds = time.perf_counter() - began
    marks = predicted_lines(doc, prediction.spans)
    false_by_zone: Counter[str] = Counter()
    true_positive = 0
    taken: Counter[str] = Counter()
    for label, zone, marked in zip(doc.labels, doc.zones, marks, strict=True):
        if not marked:
            continue
        if label == FOOTNOTE:
            true_positive += 1
        else:
            false_by_zone[zone if label == OTHER else label] += 1
            taken[label] += 1
    gold_numbers = Counter(number for _, number in gold_note_starts(doc))
    found_numbers = Counter(prediction.numbers)
    return DocScore(
        name=doc.name,
        lines=len(doc.labels),
        gold=doc.labels.count(FOOTNOTE),
        predicted=sum(marks),
        true_positive=true_positive,
        footers=doc.labels.count(FOOTER),
        footers_taken=taken[FOOTER],
        bibliography=doc.labels.count(BIBLIOGRAPHY),
        bibliography_taken=taken[BIBLIOGRAPHY],
        false_by_zone=dict(false_by_zone.most_common()),
        gold_notes=sum(gold_numbers.values()),
        gold_highest=max(gold_numbers, default=0),
        found_notes=len(prediction.numbers),
        numbers_matched=sum((gold_numbers & found_numbers).values()),
        seconds=seconds,
        reliable=doc.name not in UNRELIABLE_GOLD,
    )


def micro(scores: Sequence[DocScore], *, footers_are_notes: bool = False) -> dict[str, float]:
    """Recall, precision and F1 over the lines of all documents together."""
    gold = sum(s.gold for s in scores)
    predicted = sum(s.predicted for s in scores)
    true_positive = sum(s.true_positive for s in scores)
    if footers_are_notes:
        gold += sum(s.footers + s.bibliography for s in scores)
        true_positive += sum(s.footers_taken + s.bibliography_taken for s in scores)
    recall, precision = _ratio(true_positive, gold), _ratio(true_positive, predicted)
    return {"recall": recall, "precision": precision, "f1": _f1(recall, precision)}


def markdown(scores: Sequence[DocScore], *, predictor: str, form_feeds: bool) -> str:
    """The report: one row per document, then the averages and the excluded documents."""
    rows = [
        f"FOSSIL footnote lines, predictor `{predictor}`, "
        f"{'with' if form_feeds else 'without'} form feeds between inferred pages.",
        "",
        "| document | lines | gold fn lines | predicted | recall | precision | F1 "
        "| footer taken | bibl. taken | notes: highest | numbered | found | matched | s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        mark = "" if s.reliable else " †"
        rows.append(
            f"| {s.name}{mark} | {s.lines} | {s.gold} | {s.predicted} | {s.recall:.3f} "
            f"| {s.precision:.3f} | {_f1(s.recall, s.precision):.3f} "
            f"| {s.footers_taken}/{s.footers} | {s.bibliography_taken}/{s.bibliography} "
            f"| {s.gold_highest} | {s.gold_notes} "
            f"| {s.found_notes} "
            f"| {s.numbers_matched} | {s.seconds:.2f} |"
        )
    reliable = [s for s in scores if s.reliable]
    rows.append("")
    rows.append("| micro average | recall | precision | F1 |")
    rows.append("|---|---:|---:|---:|")
    for title, chosen, footers_are_notes in (
        (f"{len(reliable)} documents, footers and reference lists = other", reliable, False),
        (f"{len(reliable)} documents, as annotated (they = footnote)", reliable, True),
        (f"all {len(scores)} documents, footers and reference lists = other", scores, False),
    ):
        m = micro(chosen, footers_are_notes=footers_are_notes)
        rows.append(f"| {title} | {m['recall']:.3f} | {m['precision']:.3f} | {m['f1']:.3f} |")
    false_by_zone: Counter[str] = Counter()
    for s in reliable:
        false_by_zone.update(s.false_by_zone)
    rows.append("")
    rows.append(
        "False positive lines by gold zone: "
        + (", ".join(f"{zone} {n}" for zone, n in false_by_zone.most_common()) or "none")
    )
    rows.append(
        f"Notes (approximate): highest numbers add up to {sum(s.gold_highest for s in reliable)},"
        f" numbered note starts {sum(s.gold_notes for s in reliable)}, found"
        f" {sum(s.found_notes for s in reliable)}, numbers matched"
        f" {sum(s.numbers_matched for s in reliable)}."
    )
    for name, reason in UNRELIABLE_GOLD.items():
        rows.append(f"† {name}: left out of averages: {reason}.")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, score every document, print the table (and write JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--no-formfeed", action="store_true", help="no form feeds between inferred pages"
    )
    parser.add_argument("--predictor", choices=sorted(PREDICTORS), default="citex")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write scores as JSON")
    args = parser.parse_args(argv)
    if args.predictor == "citex":
        sys.path.insert(0, str(REPO))  # run from a checkout without installing citex
    form_feeds = not args.no_formfeed
    docs = load_fossil(args.corpus, form_feeds=form_feeds)
    predictor = PREDICTORS[args.predictor]
    scores = [score_doc(doc, predictor) for doc in docs]
    print(markdown(scores, predictor=args.predictor, form_feeds=form_feeds))
    if args.json:
        reliable = [s for s in scores if s.reliable]
        report = {
            "predictor": args.predictor,
            "form_feeds": form_feeds,
            "min_covered_share": MIN_COVERED_SHARE,
            "micro": micro(reliable),
            "micro_as_annotated": micro(reliable, footers_are_notes=True),
            "micro_all_documents": micro(scores),
            "unreliable_gold": UNRELIABLE_GOLD,
            "documents": [
                asdict(s) | {"recall": s.recall, "precision": s.precision} for s in scores
            ],
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    return 0


def _ratio(part: int, whole: int) -> float:
    """part / whole, 0.0 when whole is 0 (nothing to find, or nothing predicted)."""
    return part / whole if whole else 0.0


def _f1(recall: float, precision: float) -> float:
    """The harmonic mean of recall and precision."""
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
