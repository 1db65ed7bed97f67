"""Train the reference-string CRF shipped as ``citex/data/parser.crfsuite``.

Reads the AnyStyle training sets from the shared corpus at run time (nothing from the
corpus is copied into the project), turns each labelled sequence into whitespace tokens
with one label each, computes features with :mod:`citex.reference_features` and trains a
linear-chain CRF with python-crfsuite. Inputs are read in a fixed order and the trainer
parameters are fixed, so two runs give the same model.

Usage:
    .venv/bin/python tools/train_parser.py                      # default sets -> shipped model
    .venv/bin/python tools/train_parser.py --sets core good bad --out /tmp/m.crfsuite
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citex.reference_features import sequence_features  # noqa: E402

CORPUS = Path("/work/shared/corpus/anystyle-train")
DEFAULT_SETS = ("core", "good")
DEFAULT_OUT = ROOT / "citex" / "data" / "parser.crfsuite"

# AnyStyle labels that are rare in the data are folded into a close, common one, so the
# model does not waste states on them.
LABEL_MAP = {
    "director": "author",
    "producer": "note",
    "medium": "genre",
    "dataset": "genre",
    "source": "container-title",
}

# Trainer settings (L-BFGS with elastic net). c1 (L1) keeps the model small by zeroing
# unhelpful features; c2 (L2) smooths. Picked by a small grid on a held-out slice of
# good.xml, never on the gold set.
TRAINER_PARAMS = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 250,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def read_sequences(path: Path) -> list[tuple[list[str], list[str]]]:
    """Read one AnyStyle XML file into (tokens, labels) pairs, in file order."""
    out = []
    for seq in ET.parse(path).getroot().iter("sequence"):
        tokens: list[str] = []
        labels: list[str] = []
        for seg in seq:
            words = (seg.text or "").split()
            label = LABEL_MAP.get(seg.tag, seg.tag)
            tokens.extend(words)
            labels.extend([label] * len(words))
        if tokens:
            out.append((tokens, labels))
    return out


# Every AUGMENT_EVERY-th eligible training sequence is also rendered as a Chicago-style
# footnote citation (the AnyStyle sets are mostly end-of-document bibliographies, while
# citex mostly parses notes). 2 = half of them: enough to learn the note shape without
# outweighing the bibliography styles.
AUGMENT_EVERY = 2

# One inverted personal name: "Lee, Ann" / "Lee, Ann B." (group 1 family, 2 given).
# must match: "Lee, Ann B." "Tőkés, Rudolf L.,"    must not match: "Lee, A., Kim, B." "Ann Lee"
_INVERTED_NAME = re.compile(r"^([^,\s]+(?:\s[^,\s]+)?),\s+([^,]+?)[.,]?$")
# Parts of a volume segment: "Vol. 12, No. 3" / "12(3)" / "12".
# must match: "12," "Vol. 12, No. 3" "12(3):"    must not match: "S. 5"
_VOL_ISSUE = re.compile(r"^\W*(?:vol\.?\s*)?(\d+)\W*(?:(?:no\.?\s*|\()(\d+)\)?)?\W*$", re.I)


def _segments(tokens: list[str], labels: list[str]) -> dict[str, str]:
    """First segment text of each label."""
    out: dict[str, str] = {}
    prev = None
    for tok, lab in zip(tokens, labels, strict=True):
        if lab != prev and lab in out:
            prev = lab
            continue
        if lab == prev or lab not in out:
            out[lab] = (out.get(lab, "") + " " + tok).strip() if lab == prev else tok
        prev = lab
    return out


def _strip(text: str) -> str:
    """Edge punctuation and quotes off."""
    return text.strip(' ,.;:()[]"“”‘’«»')


def note_style(tokens: list[str], labels: list[str], k: int) -> tuple[list[str], list[str]] | None:
    """Render a labelled bibliography entry as a labelled Chicago-style note, or None."""
    seg = _segments(tokens, labels)
    if "author" not in seg or "title" not in seg or "date" not in seg:
        return None
    m = _INVERTED_NAME.match(seg["author"])
    author = f"{m.group(2)} {m.group(1)}" if m else _strip(seg["author"])
    year = re.search(r"(1[5-9]\d\d|20\d\d)", seg["date"])
    if not year or not author or "citation-number" in seg:
        return None
    out: list[tuple[str, str]] = [(author + ",", "author")]
    title = _strip(seg["title"])
    journal = seg.get("journal")
    if journal and "volume" in seg:
        vm = _VOL_ISSUE.match(seg["volume"])
        if not vm:
            return None
        vol, issue = vm.group(1), vm.group(2)
        out.append((f"\u201c{title},\u201d", "title"))
        out.append((_strip(journal), "journal"))
        if k % 3 == 0:
            out.append((f"Vol. {vol}" + (f", No. {issue}" if issue else ""), "volume"))
        else:
            out.append((vol + (f", no. {issue}" if issue else ""), "volume"))
        if "pages" in seg:
            out.append((f"({year.group(1)}):", "date"))
            out.append((_strip(seg["pages"]).replace("pp. ", "") + ".", "pages"))
        else:
            out.append((f"({year.group(1)}).", "date"))
    elif "publisher" in seg:
        container = seg.get("container-title")
        if container:
            out.append((f"\u201c{title},\u201d", "title"))
            out.append(
                (
                    "in " + _strip(container.removeprefix("In ").removeprefix("in ")) + ",",
                    "container-title",
                )
            )
            if "editor" in seg:
                names = _strip(
                    re.sub(
                        r"\b(?:[Ee]ds?\.|[Ee]dited by|\([Ee]ds?\.?\))|^[Ii]n:? ", "", seg["editor"]
                    )
                )
                if names:
                    out.append(("ed. " + names, "editor"))
        else:
            out.append((title, "title"))
        place = _strip(seg.get("location", ""))
        pub = _strip(seg["publisher"])
        if place:
            out.append((f"({place}:", "location"))
            out.append((pub + ",", "publisher"))
        else:
            out.append((f"({pub},", "publisher"))
        out.append((f"{year.group(1)})" + ("," if "pages" in seg and container else "."), "date"))
        if "pages" in seg and container:
            out.append((_strip(seg["pages"]).replace("pp. ", "") + ".", "pages"))
    else:
        return None
    toks: list[str] = []
    labs: list[str] = []
    for text, label in out:
        words = text.split()
        toks.extend(words)
        labs.extend([label] * len(words))
    return toks, labs


def training_sequences(sets: list[str], augment: bool) -> list[tuple[list[str], list[str]]]:
    """All (tokens, labels) pairs of the named sets, plus note-style renderings."""
    out = []
    eligible = 0
    for name in sorted(sets):
        for tokens, labels in read_sequences(CORPUS / f"{name}.xml"):
            out.append((tokens, labels))
            if not augment:
                continue
            note = note_style(tokens, labels, eligible)
            if note is not None:
                eligible += 1
                if eligible % AUGMENT_EVERY == 0:
                    out.append(note)
    return out


def train(sets: list[str], out: Path, params: dict | None = None, augment: bool = True) -> int:
    """Train on the named sets and write the model; returns the number of sequences."""
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for tokens, labels in training_sequences(sets, augment):
        trainer.append(sequence_features(tokens), labels)
        count += 1
    trainer.set_params({**TRAINER_PARAMS, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return count


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--c1", type=float)
    ap.add_argument("--c2", type=float)
    ap.add_argument("--no-augment", action="store_true", help="skip note-style renderings")
    args = ap.parse_args()
    params = {k: v for k, v in (("c1", args.c1), ("c2", args.c2)) if v is not None}
    n = train(args.sets, args.out, params, augment=not args.no_augment)
    print(
        f"trained on {n} sequences from {sorted(args.sets)} -> {args.out} "
        f"({args.out.stat().st_size / 1e6:.2f} MB)"
    )


if __name__ == "__main__":
    main()
