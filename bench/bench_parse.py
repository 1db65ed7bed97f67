"""Field accuracy of citex.reference.parse_reference on labelled reference corpora.

Sections:
1. AnyStyle gold (``anystyle-gold/gold.xml``) without the strings that also occur in any
   AnyStyle training file (matched on the whitespace-normalised, case-folded full string).
2. LinkedBooks reference CoNLL (test + valid), one item per ``b-r``..``e-r`` span whose
   type (task2) is secondary literature or a part-in-host. Label map: author->author,
   title->title for the first run of title tokens and container-title for a later run,
   year->date, volume->volume, pagination->pages, publisher->publisher,
   publicationplace->place. Not labelled there: editor.
3. EXCITE/SSOAR gold, the segmented references (5-) of the German papers with
   references in footnotes (folders 2- and 3-). Map: author (surname + given-names)
   ->author, editor->editor, title->title, source->container-title, year->date,
   volume->volume, fpage+lpage->pages, publisher->publisher. Not labelled there: place
   (EXCITE's ``other`` mixes places with leftovers).

A field counts as right when: date, the same year; volume, the same first number; pages,
the same first two numbers; text fields, Dice overlap of the word sets >= 0.85
(lower-cased, accents folded, punctuation and the words in/ed/eds/vol/no/pp/and dropped;
names compared as the words of all names joined). Precision counts predicted fields,
recall gold fields; fields a corpus does not label are left out of its scores.

Usage:
    .venv/bin/python bench/bench_parse.py [--model PATH] [--sections anystyle linkedbooks excite]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citex.reference import parse_reference  # noqa: E402

CORPUS = Path("/work/shared/corpus")
FIELDS = (
    "author",
    "editor",
    "title",
    "container-title",
    "date",
    "volume",
    "pages",
    "publisher",
    "place",
)
TEXT_FIELDS = ("author", "editor", "title", "container-title", "publisher", "place")
DICE_THRESHOLD = 0.85
STOP_WORDS = frozenset("in ed eds vol no pp and".split())


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[\W_]+", _fold(text)) if w and w not in STOP_WORDS}


def _norm_string(text: str) -> str:
    return " ".join(text.split()).casefold()


def _year(text: str) -> str | None:
    m = re.search(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)", text)
    return m.group(1) if m else None


def _first_number(text: str) -> str | None:
    m = re.search(r"\d+", text)
    if m:
        return m.group().lstrip("0") or "0"
    m = re.search(r"\b[MDCLXVI]+\b|\b[mdclxvi]+\b", text)
    return m.group().upper() if m else None


def _two_numbers(text: str) -> tuple[str, ...] | None:
    nums = tuple(n.lstrip("0") or "0" for n in re.findall(r"\d+", text)[:2])
    return nums or None


def field_match(field: str, gold: str, pred: str) -> bool:
    """Whether a predicted field value counts as right against the gold value."""
    if field == "date":
        return _year(gold) == _year(pred)
    if field == "volume":
        return _first_number(gold) == _first_number(pred)
    if field == "pages":
        return _two_numbers(gold) == _two_numbers(pred)
    a, b = _words(gold), _words(pred)
    if not a and not b:
        return True
    return 2 * len(a & b) / (len(a) + len(b)) >= DICE_THRESHOLD


def _usable(field: str, value: str | None) -> bool:
    """A value that the comparison can use (a year for dates, words for text...)."""
    if not value:
        return False
    if field == "date":
        return _year(value) is not None
    if field == "volume":
        return _first_number(value) is not None
    if field == "pages":
        return _two_numbers(value) is not None
    return bool(_words(value))


def _names_text(names: list[dict]) -> str:
    parts = []
    for n in names:
        if n.get("literal") == "others":
            continue
        parts.extend(
            str(n.get(k, "")) for k in ("given", "non-dropping-particle", "family", "literal")
        )
    return " ".join(p for p in parts if p)


def predicted_fields(item: dict) -> dict[str, str]:
    """The benchmark fields of a CSL item, as strings."""
    out = {
        "author": _names_text(item.get("author", [])),
        "editor": _names_text(item.get("editor", [])),
        "title": item.get("title", ""),
        "container-title": item.get("container-title", ""),
        "date": str(item.get("issued", {}).get("date-parts", [[""]])[0][0]),
        # AnyStyle/EXCITE/LinkedBooks label "Vol. 3, No. 2" and a lone "No. 75" as one
        # volume segment, so an issue-only item is compared through its issue.
        "volume": str(item.get("volume", item.get("issue", ""))),
        "pages": str(item.get("page", "")),
        "publisher": item.get("publisher", ""),
        "place": item.get("publisher-place", ""),
    }
    return {k: v for k, v in out.items() if _usable(k, v)}


def score(pairs: list[tuple[str, dict[str, str]]], fields: tuple[str, ...], model: str | None):
    """Parse every string and count per-field true positives, predictions and golds."""
    tp, npred, ngold = Counter(), Counter(), Counter()
    t0 = time.perf_counter()
    for text, gold in pairs:
        pred = predicted_fields(parse_reference(text, model=model))
        for f in fields:
            g, p = gold.get(f), pred.get(f)
            g = g if _usable(f, g) else None
            if p:
                npred[f] += 1
            if g:
                ngold[f] += 1
            if p and g and field_match(f, g, p):
                tp[f] += 1
    elapsed = time.perf_counter() - t0
    return tp, npred, ngold, elapsed


def report(title: str, pairs, fields, model) -> float:
    """Print per-field and micro scores; returns micro-F1."""
    tp, npred, ngold, elapsed = score(pairs, fields, model)
    print(f"\n== {title}: {len(pairs)} references, {len(pairs) / elapsed:.0f} refs/s")
    print(f"{'field':16} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for f in fields:
        p = tp[f] / npred[f] if npred[f] else 0.0
        r = tp[f] / ngold[f] if ngold[f] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{f:16} {p:6.3f} {r:6.3f} {f1:6.3f} {ngold[f]:6d}")
    T, P, G = sum(tp.values()), sum(npred.values()), sum(ngold.values())
    p, r = T / P, T / G
    micro = 2 * p * r / (p + r)
    print(f"{'micro':16} {p:6.3f} {r:6.3f} {micro:6.3f} {G:6d}")
    return micro


# --- AnyStyle ---------------------------------------------------------------

_ANYSTYLE_MAP = {"journal": "container-title", "location": "place"}


def anystyle_pairs() -> tuple[list[tuple[str, dict[str, str]]], int]:
    """Gold (text, fields) pairs minus the strings found in the training files."""
    train = set()
    for f in sorted((CORPUS / "anystyle-train").glob("*.xml")):
        for seq in ET.parse(f).getroot().iter("sequence"):
            train.add(_norm_string(" ".join((s.text or "") for s in seq)))
    pairs, excluded = [], 0
    for seq in ET.parse(CORPUS / "anystyle-gold" / "gold.xml").getroot().iter("sequence"):
        text = " ".join(" ".join((s.text or "") for s in seq).split())
        if _norm_string(text) in train:
            excluded += 1
            continue
        gold: dict[str, list[str]] = {}
        for s in seq:
            gold.setdefault(_ANYSTYLE_MAP.get(s.tag, s.tag), []).append(s.text or "")
        pairs.append((text, {k: " ".join(v) for k, v in gold.items()}))
    return pairs, excluded


# --- LinkedBooks --------------------------------------------------------------

_LB_MAP = {
    "author": "author",
    "year": "date",
    "volume": "volume",
    "pagination": "pages",
    "publisher": "publisher",
    "publicationplace": "place",
}
# The CoNLL file lost the original spacing; these rules rebuild a plausible string.
_NO_SPACE_BEFORE = set(",.;:)]»-'’")
_NO_SPACE_AFTER = set("([«-'’")


def _join_tokens(tokens: list[str]) -> str:
    out = ""
    for t in tokens:
        if out and not (t[0] in _NO_SPACE_BEFORE or out[-1] in _NO_SPACE_AFTER):
            out += " "
        out += t
    return out


def linkedbooks_pairs() -> list[tuple[str, dict[str, str]]]:
    """One (text, fields) pair per secondary-literature reference span."""
    pairs = []
    for name in ("clean_test.txt", "clean_valid.txt"):
        raw = (CORPUS / "linkedbooks-reference-conll" / name).read_text(encoding="utf-8")
        rows = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        span: list[tuple[str, str, str]] = []
        # A reference may run over several annotated lines (sequences), so spans are cut
        # only at b-r/e-r marks, never at blank lines.
        for row in rows:
            parts = row.split()
            if len(parts) != 4 or parts[0] == "-DOCSTART-":
                continue
            tok, t1, t2, t3 = parts
            if t3 == "b-r" and span:
                pairs.append(_lb_pair(span))
                span = []
            if t3 != "o":
                span.append((tok, t1, t2))
            if t3 == "e-r":
                pairs.append(_lb_pair(span))
                span = []
        if span:
            pairs.append(_lb_pair(span))
    return [p for p in pairs if p is not None]


def _lb_pair(span):
    if not any(t2.endswith(("secondary", "meta-annotation")) for _, _, t2 in span):
        return None
    text = _join_tokens([t for t, _, _ in span])
    gold: dict[str, list[str]] = {}
    title_runs: list[list[str]] = []
    prev = None
    for tok, t1, _ in span:
        if t1 == "title":
            if prev != "title":
                title_runs.append([])
            title_runs[-1].append(tok)
        elif t1 in _LB_MAP:
            gold.setdefault(_LB_MAP[t1], []).append(tok)
        prev = t1
    fields = {k: _join_tokens(v) for k, v in gold.items()}
    if title_runs:
        fields["title"] = _join_tokens(title_runs[0])
        if len(title_runs) > 1:
            fields["container-title"] = _join_tokens(title_runs[1])
    if not fields:
        return None
    return text, fields


# --- EXCITE -------------------------------------------------------------------

_EX_TAG = re.compile(r"<(author|editor|title|source|year|volume|fpage|lpage|publisher)>(.*?)</\1>")
_EX_MAP = {"source": "container-title", "year": "date"}


def excite_pairs() -> list[tuple[str, dict[str, str]]]:
    """(text, fields) pairs from the footnote papers' segmented references."""
    pairs = []
    base = CORPUS / "excite-ssoar-goldstandard" / "1-German_papers"
    for folder in sorted(base.glob("[23]-*")):
        for f in sorted(folder.glob("5-*/*")):
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                if not line.strip():
                    continue
                text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", line)).split())
                gold: dict[str, list[str]] = {}
                for tag, inner in _EX_TAG.findall(line):
                    value = html.unescape(re.sub(r"<[^>]+>", " ", inner))
                    gold.setdefault(_EX_MAP.get(tag, tag), []).append(value)
                fields = {k: " ".join(v) for k, v in gold.items() if k not in ("fpage", "lpage")}
                if "fpage" in gold:
                    fields["pages"] = gold["fpage"][0] + "-" + gold.get("lpage", [""])[0]
                if text and fields:
                    pairs.append((text, fields))
    return pairs


def main() -> None:
    """Run the selected sections."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="CRF model (default: the shipped one)")
    ap.add_argument("--sections", nargs="+", default=["anystyle", "linkedbooks", "excite"])
    args = ap.parse_args()
    if "anystyle" in args.sections:
        pairs, excluded = anystyle_pairs()
        print(f"AnyStyle gold: excluded {excluded} strings that occur in anystyle-train")
        report("AnyStyle gold (held out)", pairs, FIELDS, args.model)
    if "linkedbooks" in args.sections:
        fields = tuple(f for f in FIELDS if f != "editor")
        report(
            "LinkedBooks CoNLL test+valid (secondary refs)", linkedbooks_pairs(), fields, args.model
        )
    if "excite" in args.sections:
        fields = tuple(f for f in FIELDS if f != "place")
        report("EXCITE German footnote papers", excite_pairs(), fields, args.model)


if __name__ == "__main__":
    main()
