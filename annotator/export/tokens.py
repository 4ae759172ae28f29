"""``tokens``: token-classification JSONL that Hugging Face ``datasets`` loads unchanged.

One record per sentence (``options.extra["unit"] = "article"`` for one per article layer)::

    {"id": "doc-1/gold/0", "doc_id": "doc-1", "annotator": "gold",
     "tokens": ["قال", "وزير", ...], "ner_tags": [0, 1, 2, ...], "offsets": [[0, 3], [4, 8], ...]}

``ner_tags`` are IOB2 tag ids listed in the companion ``labels.json`` (``O`` = 0, then ``B-X``,
``I-X`` per label); with ``--nested columns`` a second column ``ner_tags_2`` holds the entities
nested inside (or overlapping) the first. ``offsets`` are each token's code-point range in the
stored article, so spans can be mapped back exactly. Tokens come from
:func:`annotator.text.tokenize`: punctuation is its own token.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from annotator.export import training
from annotator.export.model import ExportOptions, ExportReport, Progress, XDoc, XLayer
from annotator.export.tokenize_align import Tagged, TokenCache, tag_layer
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY
_TRIPLE = itemgetter(0, 1, 2)
_LABEL = itemgetter(2)


def tagged(doc: XDoc, layer: XLayer, ctx: training.Context, cache: TokenCache) -> Tagged:
    """The layer's entity spans as token tags (shared by ``tokens`` and ``conll``)."""
    spans = list(map(_TRIPLE, ctx.entities(layer)))  # (start, end, label)
    tok = cache.get(doc.uid, doc.text)
    t = tag_layer(doc.text, tok, spans, ctx.tagset, nested=ctx.options.nested,
                  by_sentence=ctx.options.extra.get("unit", "sentence") != "article", stats=ctx.align)
    ctx.current.items.update(map(_LABEL, t.spans))
    return t


def records(doc: XDoc, layer: XLayer, ctx: training.Context, cache: TokenCache) -> Iterator[dict[str, Any]]:
    """The JSON records of one article layer (pure: no I/O)."""
    t = tagged(doc, layer, ctx, cache)
    words, offsets = t.tok.words, t.tok.offsets
    for k, (a, b) in enumerate(t.units):
        rec: dict[str, Any] = {
            "id": f"{doc.uid}/{layer.annotator}/{k}",
            "doc_id": doc.uid,
            "annotator": layer.annotator,
            "tokens": words[a:b],
            "ner_tags": t.columns[0][a:b],
        }
        if len(t.columns) > 1:
            rec["ner_tags_2"] = t.columns[1][a:b]
        rec["offsets"] = offsets[a:b]  # rows of an (n, 2) array: orjson writes [[start, end], ...]
        ctx.current.tokens += b - a
        yield rec


class TokensFormat(training.TrainingFormat):
    name = "tokens"
    uses_items = False
    suffix = ".jsonl"

    def __init__(self) -> None:
        self.cache = TokenCache()

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        for rec in records(doc, layer, ctx, self.cache):
            yield orjson.dumps(rec, option=_LINE)

    def companions(self, ctx: training.Context, name: Any) -> list[Path]:
        return [training.write_labels_json(name("labels.json"), ctx)]

    def card_extra(self, ctx: training.Context) -> list[str]:
        cols = "`ner_tags` and `ner_tags_2` (entities nested in or overlapping the first column)" \
            if ctx.options.nested == "columns" else "`ner_tags` (outermost entities)"
        return [
            f"Each line is one {'article layer' if ctx.options.extra.get('unit') == 'article' else 'sentence'}: "
            f"`tokens`, {cols}, `offsets` (code-point range of each token in the article), `doc_id`, `annotator`.",
            "Tag ids are listed in `labels.json` (`id2label`, `label2id`); `O` is 0.",
            "",
            "```python",
            "from datasets import load_dataset",
            'ds = load_dataset("json", data_files={"train": "train.jsonl", "validation": "dev.jsonl", "test": "test.jsonl"})',
            "```",
        ]


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the token-classification export (JSONL, labels.json, dataset card)."""
    return training.run(store, options, out, TokensFormat(), progress)
