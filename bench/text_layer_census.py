"""How often a walk of the extractors enters the text layer, and what its scanners read.

    python bench/text_layer_census.py DIR... [--json]

Issue 16 asks for a walk of one document that enters the text layer once: every scan
(dates, places, quantities, names, cue words) done once per document and then read by
offset. This counts how far the extractors are from that. Each scanner of `dossier.text`
is wrapped (in its own module and wherever an extractor imported it by name) while every
document under the folders is extracted, and for each scanner it reports:

- calls: how often an extractor asked (kept answers included);
- texts: the distinct texts it was asked about, per document, summed;
- read: the characters of those texts, as a multiple of the documents' own characters
  (1.0 would be a document read once; a scan of every sentence once is about 1.0);
- and how those texts split: a sentence or block of the document as segmented, another
  slice of the document (a clause, a window, a word), or a text the extractor made
  (asides or names blanked out, pieces joined), which no scan of the document answers.

Only the scans, not the calls, cost a scanner's work: the answers are kept per text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from dossier.extract import extract_document  # noqa: E402
from dossier.extract.context import Context  # noqa: E402
from dossier.ingest import iter_source_files, read_document  # noqa: E402
from dossier.text import dates, lexicon, names, numbers, places, sentences  # noqa: E402

# (module, function, index of the text among its arguments): the entry points an extractor
# calls. Each keeps its answers per text, so a distinct text is one scan.
SCANNERS: list[tuple[Any, str, int]] = [
    (dates, "find_dates", 0),
    (dates, "find_relative", 0),
    (places, "find_countries", 0),
    (places, "find_cities", 0),
    (numbers, "find_quantities", 0),
    (names, "person_name_spans", 0),
    (lexicon, "keys_in", 1),
    (sentences, "sentence_spans", 0),
]


class Census:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.texts: Counter[str] = Counter()
        self.chars: Counter[str] = Counter()
        self.kinds: dict[str, Counter[str]] = defaultdict(Counter)
        self.seen: set[tuple[str, Any]] = set()
        self.document = ""
        self.pieces: frozenset[str] = frozenset()

    def start(self, text: str, pieces: frozenset[str]) -> None:
        self.document, self.pieces = text, pieces
        self.seen.clear()

    def wrap(self, label: str, function: Callable[..., Any], at: int) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            if self.document:
                text = args[at]
                self.calls[label] += 1
                key = (label, (args, tuple(sorted(kwargs.items()))))  # one scan per distinct question
                if key not in self.seen:
                    self.seen.add(key)
                    self.texts[label] += 1
                    self.chars[label] += len(text)
                    if text in self.pieces:
                        kind = "sentence or block"
                    elif text in self.document:
                        kind = "other slice"
                    else:
                        kind = "made by an extractor"
                    self.kinds[label][kind] += 1
            return function(*args, **kwargs)

        return counted


def install(census: Census) -> None:
    """Wrap each scanner where it is defined and wherever a module bound it by name."""
    modules = [m for name, m in sys.modules.items() if name.startswith("dossier") and m is not None]
    for module, attr, at in SCANNERS:
        original = getattr(module, attr)
        wrapped = census.wrap(f"{module.__name__.rsplit('.', 1)[-1]}.{attr}", original, at)
        for other in modules:
            for name, value in list(vars(other).items()):
                if value is original:
                    setattr(other, name, wrapped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    docs = [read_document(path) for path in iter_source_files(args.folders)]
    extract_document(docs[0])  # imports every extractor's module before the wrapping
    census = Census()
    install(census)
    total = 0
    for doc in docs:
        ctx = Context.of(doc)  # the pieces as segmented, read before the census starts
        pieces = frozenset([doc.text[s:e] for s, e, _ in ctx.sentences] + [b.text for b in ctx.blocks])
        census.start(doc.text, pieces)
        extract_document(doc)
        census.document = ""
        total += len(doc.text)

    rows = []
    for label in census.calls:
        kinds = census.kinds[label]
        rows.append(
            {
                "scanner": label,
                "calls": census.calls[label],
                "texts": census.texts[label],
                "read": round(census.chars[label] / total, 2),
                "sentence_or_block": kinds["sentence or block"],
                "other_slice": kinds["other slice"],
                "made_by_an_extractor": kinds["made by an extractor"],
            }
        )
    rows.sort(key=lambda r: -r["read"])
    figures = {"documents": len(docs), "characters": total, "scanners": rows}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{len(docs)} documents, {total:,} characters")
    head = (
        f"{'scanner':28} {'calls':>9} {'texts':>8} {'read':>6} {'sentence/block':>15} {'other slice':>12} {'made':>8}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['scanner']:28} {r['calls']:>9,} {r['texts']:>8,} {r['read']:>5.2f}x "
            f"{r['sentence_or_block']:>15,} {r['other_slice']:>12,} {r['made_by_an_extractor']:>8,}"
        )


if __name__ == "__main__":
    main()
