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
from annotator.export.tokenize_align import BatchLayer, Tagged, TokenCache, Tokenized, tag_batch, tag_columns
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE | orjson.OPT_SERIALIZE_NUMPY
_TRIPLE = itemgetter(0, 1, 2)
_LABEL = itemgetter(2)


def prepare(docs: list[XDoc], ctx: training.Context, cache: TokenCache) -> None:
    """Tokenize a batch of articles together and, for outermost tags, tag all their layers at once
    (:func:`tag_batch`); :func:`tagged` then hands each layer its share (shared by ``tokens`` and ``conll``)."""
    cache.prepare([(d.uid, d.text) for d in docs])
    cache.tagged.clear()
    if ctx.options.nested != "outermost":
        return
    keys: list[tuple[str, str]] = []
    layers: list[BatchLayer] = []
    for doc in docs:
        tok = cache.get(doc.uid, doc.text)
        for layer in doc.layers:
            keys.append((doc.uid, layer.annotator))
            layers.append((doc.text, tok, *ctx.entity_columns(layer)))
    by_sentence = ctx.options.extra.get("unit", "sentence") != "article"
    cache.tagged.update(zip(keys, tag_batch(layers, ctx.tagset, by_sentence=by_sentence), strict=True))


def tagged(doc: XDoc, layer: XLayer, ctx: training.Context, cache: TokenCache) -> Tagged:
    """The layer's entity spans as token tags (shared by ``tokens`` and ``conll``)."""
    ahead = cache.tagged.pop((doc.uid, layer.annotator), None)
    if ahead is not None:  # tagged with its batch by prepare()
        t, stats = ahead
        ctx.align.add(stats)
    else:
        starts, ends, labels = ctx.entity_columns(layer)
        tok = cache.get(doc.uid, doc.text)
        t = tag_columns(doc.text, tok, starts, ends, labels, ctx.tagset, nested=ctx.options.nested,
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


def _arrays(lists: list[list[Any]]) -> list[bytes]:
    """``orjson.dumps`` of each list (none empty), from one ``dumps`` of them all cut at ``],[``.

    Only the brackets of the lists themselves can make ``],[`` outside a JSON string: the lists
    hold numbers or token strings, and ``]`` or ``[`` in a string is always next to a quote.
    """
    parts = orjson.dumps(lists)[2:-2].split(b"],[")
    if len(parts) != len(lists):  # cannot happen (see above); be safe anyway
        return [orjson.dumps(x) for x in lists]
    return [b"[" + x + b"]" for x in parts]


def _words_json(tok: Tokenized, starts: list[int], ends: list[int], cuts: list[slice]) -> list[bytes]:
    """``orjson.dumps(words[a:b])`` of each record: joined from the batch's JSON words when it
    has them (no string made or encoded per token here), else dumped."""
    batch = tok.json_words()
    if batch is None:
        return _arrays(list(map(tok.words.__getitem__, cuts)))
    words, first = batch
    at = first.__add__
    return [b'["' + x + b'"]' for x in map(b'","'.join, map(words.__getitem__, map(slice, map(at, starts), map(at, ends))))]


def lines(doc: XDoc, layer: XLayer, ctx: training.Context, cache: TokenCache) -> tuple[bytes, int]:
    """:func:`records` as JSON lines (byte for byte ``orjson.dumps(record)`` each), and how many.

    Built from pieces: the per-article parts (the id prefix, ``doc_id``, ``annotator``) are
    serialized once, the offsets once per batch of articles and cut out of it
    (:meth:`Tokenized.offsets_layout`); per record only the token and tag lists are.
    """
    t = tagged(doc, layer, ctx, cache)
    tok = t.tok
    dumps = orjson.dumps
    prefix = b'{"id":' + dumps(f"{doc.uid}/{layer.annotator}/")[:-1]  # the id without its closing quote
    mid = b'","doc_id":' + dumps(doc.uid) + b',"annotator":' + dumps(layer.annotator) + b',"tokens":'
    first = t.columns[0]
    second = t.columns[1] if len(t.columns) > 1 else None
    full, rows, base = tok.offsets_layout()
    m = len(t.units)
    if not m:
        return b"", 0
    # every piece of every record made column by column with C-level maps (no Python step per
    # record), then interleaved into one list by slice assignments
    starts, ends = (list(x) for x in zip(*t.units, strict=True))
    cuts = list(map(slice, starts, ends))
    row_at = rows.__getitem__
    fields: list[list[bytes]] = [
        [prefix] * m, list(map(str.encode, map(str, range(m)))), [mid] * m,
        _words_json(tok, starts, ends, cuts), [b',"ner_tags":'] * m,
        _arrays(list(map(first.__getitem__, cuts))),
    ]
    if second is not None:
        fields += [[b',"ner_tags_2":'] * m, _arrays(list(map(second.__getitem__, cuts)))]
    fields += [[b',"offsets":['] * m,
               list(map(full.__getitem__, map(slice, map(row_at, map(base.__add__, starts)),
                                               map((-1).__add__, map(row_at, map(base.__add__, ends)))))),
               [b']}\n'] * m]
    width = len(fields)
    parts: list[bytes] = [b""] * (m * width)
    for k, column in enumerate(fields):
        parts[k::width] = column
    ctx.current.tokens += sum(ends) - sum(starts)
    return b"".join(parts), m


class TokensFormat(training.TrainingFormat):
    name = "tokens"
    uses_items = False
    counts_examples = True
    suffix = ".jsonl"

    def __init__(self) -> None:
        self.cache = TokenCache()

    def prepare(self, docs: list[XDoc], ctx: training.Context) -> None:
        prepare(docs, ctx, self.cache)

    def records(self, doc: XDoc, layer: XLayer, ctx: training.Context) -> Iterator[bytes]:
        chunk, n = lines(doc, layer, ctx, self.cache)  # all the layer's records in one chunk
        ctx.current.examples += n
        yield chunk

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
