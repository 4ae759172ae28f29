"""``conll``: IOB2 CoNLL text, a token and its tag per line (tab-separated).

With ``--nested columns`` a third column holds the entities nested inside the outermost ones.
A blank line ends a sentence; ``-DOCSTART-`` (followed by a blank line, as in CoNLL-2003) starts
each article layer, in the order of the dataset card. :mod:`annotator.ingest.conll` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.export import training
from annotator.export.model import ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.export.tokenize_align import TokenCache
from annotator.export.tokens import tagged
from annotator.store import Store

SUFFIX = ".conll"


def block(doc: XDoc, layer: XLayer, ctx: training.Context, cache: TokenCache) -> str:
    """The CoNLL text of one article layer: ``-DOCSTART-``, then its sentences."""
    t = tagged(doc, layer, ctx, cache)
    tags = ctx.tagset.tags
    head = "\t".join(["-DOCSTART-"] + ["O"] * len(t.columns))
    # one line per token for the whole article, then the sentences cut out of it
    lines = list(map("\t".join, zip(t.tok.words, *(map(tags.__getitem__, c) for c in t.columns), strict=True)))
    ctx.current.tokens += sum(b - a for a, b in t.units)
    return "".join([head, "\n\n", *("\n".join(lines[a:b]) + "\n\n" for a, b in t.units)])


class ConllFormat(training.TrainingFormat):
    name = "conll"
    uses_items = False
    suffix = ".conll"

    def __init__(self) -> None:
        self.cache = TokenCache()

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        yield block(doc, layer, ctx, self.cache).encode("utf-8")

    def companions(self, ctx: training.Context, name: Any) -> list[Path]:
        return [training.write_labels_json(name("labels.json"), ctx)]

    def card_extra(self, ctx: training.Context) -> list[str]:
        return [
            "One token per line: token, TAB, IOB2 tag" + (", TAB, nested tag" if ctx.options.nested == "columns" else "")
            + ". Blank lines end sentences; `-DOCSTART-` starts each article layer (one per article and annotator).",
            "Token text is exact; the whitespace between tokens is not kept (use the `tokens` export for offsets).",
        ]


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the CoNLL export (text file(s), labels.json, dataset card)."""
    return training.run(store, options, out, ConllFormat(), progress)
