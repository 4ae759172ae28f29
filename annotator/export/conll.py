"""``conll``: IOB2 CoNLL text, a token and its tag per line (tab-separated).

With ``--nested columns`` a third column holds the entities nested inside the outermost ones.
A blank line ends a sentence; ``-DOCSTART-`` (followed by a blank line, as in CoNLL-2003) starts
each article layer, in the order of the dataset card. :mod:`annotator.ingest.conll` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from annotator.export import training
from annotator.export.model import ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.export.tokenize_align import TokenCache
from annotator.export.tokens import prepare, tagged
from annotator.store import Store

SUFFIX = ".conll"


def block(doc: XDoc, layer: XLayer, ctx: training.Context, cache: TokenCache) -> bytes:
    """The CoNLL text (UTF-8) of one article layer: ``-DOCSTART-``, then its sentences."""
    t = tagged(doc, layer, ctx, cache)
    tags = _tag_bytes(ctx.tagset.tags)
    head = "\t".join(["-DOCSTART-"] + ["O"] * len(t.columns)).encode()
    # the whole layer as one list of pieces, filled column by column with slice assignments (no
    # step per token): word, TAB, tag (TAB, tag), line break; a sentence's last line ends with two
    n = len(t.tok)
    width = 2 + 2 * len(t.columns)
    parts: list[bytes] = [b""] * (n * width)
    parts[0::width] = t.tok.utf8_words()
    for k, col in enumerate(t.columns):
        parts[1 + 2 * k::width] = [b"\t"] * n
        parts[2 + 2 * k::width] = list(map(tags.__getitem__, col))
    parts[width - 1::width] = [b"\n"] * n
    for _a, b in t.units:
        parts[b * width - 1] = b"\n\n"
    ctx.current.tokens += sum(b - a for a, b in t.units)
    return head + b"\n\n" + b"".join(parts)


@lru_cache(maxsize=8)
def _tag_bytes(tags: tuple[str, ...]) -> tuple[bytes, ...]:
    return tuple(t.encode("utf-8") for t in tags)


class ConllFormat(training.TrainingFormat):
    name = "conll"
    uses_items = False
    suffix = ".conll"

    def __init__(self) -> None:
        self.cache = TokenCache()

    def prepare(self, docs: list[XDoc], ctx: training.Context) -> None:
        prepare(docs, ctx, self.cache)

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        yield block(doc, layer, ctx, self.cache)

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
