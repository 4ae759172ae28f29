"""Character spans to token tags: alignment, nesting levels, IOB2 and sentence units.

The token formats (``tokens``, ``conll``) tag the tokens of :func:`annotator.text.tokenize`
(punctuation is its own token, so «العراق» and "بغداد". are addressable). A span whose edges fall
inside a token is expanded to whole tokens and counted, never silently dropped; a span covering no
token at all is dropped and counted. Overlapping spans are layered: level 0 holds the outermost
(longest first, earliest first), level 1 what did not fit there, and so on.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import le, neg

import numpy as np

from annotator import text as T
from annotator.export.tokenizer import Tokenized, tokenize_batch, tokenize_text

__all__ = [  # the tokenizer's names stay importable from here
    "AlignStats", "TagSet", "Tagged", "TokenCache", "Tokenized", "align", "iob_ids", "levels", "sentence_units",
    "tag_batch", "tag_columns", "tag_layer", "tokenize_batch", "tokenize_text",
]


@dataclass
class AlignStats:
    """What alignment did to the spans of one export (summed over articles)."""

    spans: int = 0
    aligned: int = 0
    expanded: int = 0  # edges moved outwards to token boundaries
    empty: int = 0  # covered no token (only spaces): dropped
    nested_dropped: int = 0  # overlapping spans that did not fit the requested tag columns
    merged_sentences: int = 0  # sentence breaks removed because a span crossed them

    def add(self, other: AlignStats) -> None:
        self.spans += other.spans
        self.aligned += other.aligned
        self.expanded += other.expanded
        self.empty += other.empty
        self.nested_dropped += other.nested_dropped
        self.merged_sentences += other.merged_sentences

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


#: a span over tokens ``[first, last)`` with its (possibly renamed) label; a plain tuple because
#: exports build hundreds of thousands of them
TokenSpan = tuple[int, int, str]


def align(tok: Tokenized, spans: Sequence[tuple[int, int, str]], stats: AlignStats) -> list[TokenSpan]:
    """Map character spans to token ranges, expanding partial tokens; duplicates collapse.

    Sorted by first token, longest first, then label. Runs once per exported span, so every step
    is a vectorised operation over the spans (searchsorted over the token offsets, compares),
    no Python loop per span.
    """
    stats.spans += len(spans)
    if not spans:
        return []
    c_starts, c_ends, c_labels = zip(*spans, strict=True)
    firsts, lasts, labels = _align(tok, c_starts, c_ends, c_labels, stats)
    return list(zip(firsts.tolist(), lasts.tolist(), labels, strict=True))


def _align(tok: Tokenized, c_starts: Sequence[int], c_ends: Sequence[int], labels: Sequence[str],
           stats: AlignStats) -> tuple[np.ndarray, np.ndarray, Sequence[str]]:
    """:func:`align` on columns, giving columns: first tokens, end tokens, labels (counts all but ``spans``)."""
    n = len(c_starts)
    tok_starts, tok_ends = tok.offsets[:, 0], tok.offsets[:, 1]
    cs, ce = np.array(c_starts, dtype=np.int64), np.array(c_ends, dtype=np.int64)
    firsts = np.searchsorted(tok_ends, cs, "right")  # first token ending after start
    lasts = np.searchsorted(tok_starts, ce, "left")  # tokens starting before end
    keep = firsts < lasts  # spans covering no token (only spaces) are dropped
    kept = int(np.count_nonzero(keep))
    if kept < n:
        firsts, lasts, cs, ce = firsts[keep], lasts[keep], cs[keep], ce[keep]
        labels = tuple(compress(labels, keep.tolist()))
    stats.empty += n - kept
    if not kept:
        return firsts, lasts, ()
    aligned = int(np.count_nonzero((tok_starts[firsts] == cs) & (tok_ends[lasts - 1] == ce)))
    stats.aligned += aligned
    stats.expanded += kept - aligned
    if bool((firsts[1:] > firsts[:-1]).all()):
        # first tokens strictly ascending (the usual case: the query sorts spans by start and
        # few start in the same token): already in order, and no duplicates
        return firsts, lasts, labels
    # (first, -last, label) sorts as wanted with plain tuple comparison; the set collapses duplicates
    order = sorted(set(zip(firsts.tolist(), map(neg, lasts.tolist()), labels, strict=True)))
    o_first, o_neg_last, o_label = zip(*order, strict=True)
    return np.array(o_first, dtype=np.int64), -np.array(o_neg_last, dtype=np.int64), o_label


def levels(spans: Sequence[TokenSpan], depth: int, stats: AlignStats) -> list[list[TokenSpan]]:
    """Distribute spans (sorted by first, longest first) over ``depth`` non-overlapping levels."""
    result: list[list[TokenSpan]] = [[] for _ in range(depth)]
    if not spans:
        return result
    firsts, lasts, _labels = zip(*spans, strict=True)
    if all(map(le, lasts[:-1], firsts[1:])):  # nothing overlaps (the usual case): all on level 0
        result[0] = list(spans)
        return result
    if depth == 1:  # outermost only: one frontier, no loop over levels
        kept, end = result[0], 0
        for s in spans:
            if s[0] >= end:
                kept.append(s)
                end = s[1]
        stats.nested_dropped += len(spans) - len(kept)
        return result
    frontier = [0] * depth  # end token of the last span placed on each level
    for s in spans:
        for lvl in range(depth):
            if s[0] >= frontier[lvl]:
                result[lvl].append(s)
                frontier[lvl] = s[1]
                break
        else:
            stats.nested_dropped += 1
    return result


@dataclass(frozen=True)
class TagSet:
    """IOB2 tags over entity labels: ``O`` = 0, then ``B-X``, ``I-X`` for each label in order."""

    labels: tuple[str, ...]
    tags: tuple[str, ...] = field(init=False)
    ids: dict[str, int] = field(init=False)
    begin: dict[str, int] = field(init=False)  # label -> id of its B- tag (I- is the next id)

    def __post_init__(self) -> None:
        tags = ["O"]
        for label in self.labels:
            tags += [f"B-{label}", f"I-{label}"]
        object.__setattr__(self, "tags", tuple(tags))
        object.__setattr__(self, "ids", {t: i for i, t in enumerate(tags)})
        object.__setattr__(self, "begin", {lb: 1 + 2 * i for i, lb in enumerate(self.labels)})

    def label_json(self) -> dict[str, object]:
        """The ``labels.json`` companion: tag ids both ways, as Hugging Face configs expect."""
        return {
            "scheme": "IOB2",
            "labels": list(self.labels),
            "tags": list(self.tags),
            "id2label": {str(i): t for i, t in enumerate(self.tags)},
            "label2id": dict(self.ids),
        }


def iob_ids(n: int, spans: Sequence[TokenSpan], tagset: TagSet) -> list[int]:
    """Tag ids of ``n`` tokens for non-overlapping spans."""
    tags = [0] * n
    begin = tagset.begin
    for first, last, label in spans:
        b = begin[label]
        tags[first] = b
        if last - first > 1:
            tags[first + 1 : last] = [b + 1] * (last - first - 1)
    return tags


def sentence_units(text: str, tok: Tokenized, spans: Sequence[TokenSpan], stats: AlignStats) -> list[tuple[int, int]]:
    """Token ranges of the sentences of ``text``; sentences a span crosses are merged.

    Every token belongs to exactly one unit (tokens before the first sentence start join it), so
    concatenating the units gives back all tokens and no span is ever cut in two.
    """
    n = len(tok)
    if n == 0:
        return []
    if tok.heads is not None:  # found by the batch tokenizer
        heads = tok.heads.tolist() if isinstance(tok.heads, np.ndarray) else list(tok.heads)
    else:  # the first token of each sentence (bisect per sentence, not a flag per token)
        heads = sorted({0, *map(bisect_left, repeat(tok.starts), [a for a, _ in T.sentences(text)])} - {n})
    for first, last, _ in spans:
        if last - first > 1:  # only a span over several tokens can cross a sentence start
            i, j = bisect_right(heads, first), bisect_left(heads, last)
            if i < j:
                del heads[i:j]
                stats.merged_sentences += j - i
    return list(zip(heads, [*heads[1:], n], strict=True))


@dataclass(frozen=True, slots=True)
class Tagged:
    """One article layer as token tags: ``columns[c][i]`` is the tag id of token ``i`` in column ``c``."""

    tok: Tokenized
    units: list[tuple[int, int]]  # token ranges of the records (sentences, or the whole article)
    columns: list[list[int]]
    spans: list[TokenSpan]  # the spans that made it into a column


def tag_layer(text: str, tok: Tokenized, spans: Sequence[tuple[int, int, str]], tagset: TagSet, *,
              nested: str, by_sentence: bool, stats: AlignStats) -> Tagged:
    """Align, layer and tag one layer's spans; ``nested`` is ``outermost`` or ``columns`` (two columns)."""
    c_starts, c_ends, labels = zip(*spans, strict=True) if spans else ((), (), ())
    return tag_columns(text, tok, c_starts, c_ends, labels, tagset, nested=nested, by_sentence=by_sentence,
                       stats=stats)


def tag_columns(text: str, tok: Tokenized, c_starts: Sequence[int], c_ends: Sequence[int], labels: Sequence[str],
                tagset: TagSet, *, nested: str, by_sentence: bool, stats: AlignStats) -> Tagged:
    """:func:`tag_layer` of spans given as columns (character starts, ends, labels).

    The same steps as :func:`align`, :func:`levels`, :func:`iob_ids` and :func:`sentence_units`
    (tests hold them equal), on numpy columns: the spans of an export go through here.
    """
    if nested not in ("outermost", "columns"):
        raise ValueError(f"nested must be 'outermost' or 'columns', got {nested!r}")
    n = len(tok)
    stats.spans += len(c_starts)
    if c_starts and n:
        firsts, lasts, labels = _align(tok, c_starts, c_ends, labels, stats)
    else:
        stats.empty += len(c_starts)
        firsts = lasts = np.zeros(0, dtype=np.int64)
        labels = ()
    if nested == "columns":  # two levels: the general loop
        placed = levels(list(zip(firsts.tolist(), lasts.tolist(), labels, strict=True)), 2, stats)
        kept = [s for lvl in placed for s in lvl]
        columns = [iob_ids(n, lvl, tagset) for lvl in placed]
        k_firsts = np.array([s[0] for s in kept], dtype=np.int64)
        k_lasts = np.array([s[1] for s in kept], dtype=np.int64)
    else:
        keep = _outermost(firsts, lasts)
        if keep is not None:
            stats.nested_dropped += len(labels) - int(np.count_nonzero(keep))
            firsts, lasts, labels = firsts[keep], lasts[keep], list(compress(labels, keep.tolist()))
        kept = list(zip(firsts.tolist(), lasts.tolist(), labels, strict=True))
        columns = [iob_ids(n, kept, tagset)]
        k_firsts, k_lasts = firsts, lasts
    if not n:
        units: list[tuple[int, int]] = []
    elif by_sentence:
        units = _units(text, tok, k_firsts, k_lasts, stats)
    else:
        units = [(0, n)]
    return Tagged(tok, units, columns, kept)


def _outermost(firsts: np.ndarray, lasts: np.ndarray) -> np.ndarray | None:
    """Which spans level 0 of :func:`levels` keeps (a mask); None when that is all of them.

    :func:`levels` keeps a span when it starts at or after the end of the last span kept. A span
    starting at or after the end of *every* span before it is kept for sure, and the last span
    kept is then that one: only the others (the overlapping few) take a step in Python.
    """
    n = len(firsts)
    if n < 2:
        return None
    before = np.empty(n, dtype=np.int64)  # the furthest end of the spans before each
    before[0] = 0
    np.maximum.accumulate(lasts[:-1], out=before[1:])
    keep = firsts >= before
    if bool(keep.all()):  # nothing overlaps: the usual case
        return None
    unsure = np.flatnonzero(~keep)
    # the last sure span before each unsure one (span 0 is always sure)
    sure_before = np.maximum.accumulate(np.where(keep, np.arange(n), -1))[unsure]
    ends = lasts.tolist()
    kept_at, kept_end = -1, 0  # the last unsure span kept, and its end
    for i, first, sure in zip(unsure.tolist(), firsts[unsure].tolist(), sure_before.tolist(), strict=True):
        if first >= (ends[sure] if sure > kept_at else kept_end):
            keep[i] = True
            kept_at, kept_end = i, ends[i]
    return keep


def _units(text: str, tok: Tokenized, firsts: np.ndarray, lasts: np.ndarray, stats: AlignStats) -> list[tuple[int, int]]:
    """:func:`sentence_units` for the kept spans given as columns."""
    n = len(tok)
    if tok.heads is None:
        return sentence_units(text, tok, list(zip(firsts.tolist(), lasts.tolist(), repeat(""))), stats)
    heads = np.asarray(tok.heads, dtype=np.int64)
    if len(firsts):
        # tokens strictly inside a span (first < k < last): a sentence starting there is merged
        cover = np.bincount(firsts + 1, minlength=n + 1) - np.bincount(lasts, minlength=n + 1)
        inside = np.cumsum(cover[:n]) > 0
        keep = ~inside[heads]
        stats.merged_sentences += len(heads) - int(np.count_nonzero(keep))
        heads = heads[keep]
    h = heads.tolist()
    return list(zip(h, [*h[1:], n], strict=True))


def _reference_heads(text: str, tok: Tokenized) -> list[int]:
    """The sentence heads of :func:`sentence_units` found from :func:`annotator.text.sentences`."""
    n = len(tok)
    if not n:
        return []
    return sorted({0, *map(bisect_left, repeat(tok.starts), [a for a, _ in T.sentences(text)])} - {n})


#: one layer for :func:`tag_batch`: article text, its tokens, and the spans' character starts, ends, labels
BatchLayer = tuple[str, Tokenized, Sequence[int], Sequence[int], Sequence[str]]


def tag_batch(layers: Sequence[BatchLayer], tagset: TagSet, *, by_sentence: bool) -> list[tuple[Tagged, AlignStats]]:
    """:func:`tag_columns` with ``nested="outermost"`` of many layers at once, each with its own counts.

    The layers are laid end to end in one virtual token (and character) space, each after the
    last, so spans of different layers never meet: alignment, ordering, the outermost level, the
    IOB tags and the sentence merges are then single numpy passes over the whole batch instead
    of a score of numpy calls per layer (which cost more than the work itself). Equal to
    :func:`tag_columns` layer by layer (tests compare them).
    """
    nl = len(layers)
    if not nl:
        return []
    toks = [x[1] for x in layers]
    n_tok = np.fromiter(map(len, toks), np.int64, nl)
    n_chr = np.fromiter((len(x[0]) for x in layers), np.int64, nl)
    n_span = np.fromiter((len(x[2]) for x in layers), np.int64, nl)
    tb = np.zeros(nl + 1, dtype=np.int64)  # each layer's first (virtual) token
    np.cumsum(n_tok, out=tb[1:])
    cb = np.zeros(nl + 1, dtype=np.int64)  # each layer's first (virtual) character
    np.cumsum(n_chr + 1, out=cb[1:])
    total_tok, total_span = int(tb[-1]), int(n_span.sum())
    offs = np.concatenate([t.offsets for t in toks]) if total_tok else np.zeros((0, 2), dtype=np.int64)
    shift = np.repeat(cb[:-1], n_tok)
    tok_starts, tok_ends = offs[:, 0] + shift, offs[:, 1] + shift
    lay = np.repeat(np.arange(nl), n_span)
    cs = np.fromiter(chain.from_iterable(x[2] for x in layers), np.int64, total_span) + cb[:-1][lay]
    ce = np.fromiter(chain.from_iterable(x[3] for x in layers), np.int64, total_span) + cb[:-1][lay]
    labels: Sequence[str] = list(chain.from_iterable(x[4] for x in layers))
    # align: as _align, in the virtual space (a span past its layer's tokens covers none)
    firsts = np.searchsorted(tok_ends, cs, "right")
    lasts = np.searchsorted(tok_starts, ce, "left")
    keep = firsts < lasts
    empty = np.bincount(lay[~keep], minlength=nl)
    if not bool(keep.all()):
        firsts, lasts, cs, ce, lay = firsts[keep], lasts[keep], cs[keep], ce[keep], lay[keep]
        labels = list(compress(labels, keep.tolist()))
    aligned = np.bincount(lay[(tok_starts[firsts] == cs) & (tok_ends[lasts - 1] == ce)], minlength=nl) \
        if len(firsts) else np.zeros(nl, dtype=np.int64)
    expanded = np.bincount(lay, minlength=nl) - aligned
    if len(firsts) > 1 and not bool((firsts[1:] > firsts[:-1]).all()):
        # (first, -last, label) order, duplicates collapsed; label codes in str order
        names = sorted(set(labels))
        code_of = {name: i for i, name in enumerate(names)}
        codes = np.fromiter(map(code_of.__getitem__, labels), np.int64, len(labels))
        order = np.lexsort((codes, -lasts, firsts))
        firsts, lasts, codes, lay = firsts[order], lasts[order], codes[order], lay[order]
        new = np.ones(len(firsts), dtype=np.bool_)
        new[1:] = (firsts[1:] != firsts[:-1]) | (lasts[1:] != lasts[:-1]) | (codes[1:] != codes[:-1])
        if not bool(new.all()):
            firsts, lasts, codes, lay = firsts[new], lasts[new], codes[new], lay[new]
        labels = list(map(names.__getitem__, codes.tolist()))
    # the outermost level
    dropped = np.zeros(nl, dtype=np.int64)
    top = _outermost(firsts, lasts)
    if top is not None:
        dropped = np.bincount(lay[~top], minlength=nl)
        firsts, lasts, lay = firsts[top], lasts[top], lay[top]
        labels = list(compress(labels, top.tolist()))
    # IOB2 ids over the whole virtual token space
    tags = np.zeros(total_tok, dtype=np.int64)
    if len(firsts):
        begin = np.fromiter(map(tagset.begin.__getitem__, labels), np.int64, len(labels))
        inner = lasts - firsts - 1  # tokens after the first: I- tags
        if inner.any():
            at = np.repeat(firsts + 1 - (np.cumsum(inner) - inner), inner)
            tags[np.arange(int(inner.sum())) + at] = np.repeat(begin + 1, inner)
        tags[firsts] = begin
    tag_list = tags.tolist()
    # sentence heads, less those inside a kept span
    merged = np.zeros(nl, dtype=np.int64)
    head_list: list[int] = []
    head_bounds: list[int] = [0] * (nl + 1)
    if by_sentence and total_tok:
        heads = np.concatenate([
            np.asarray(t.heads if t.heads is not None else _reference_heads(x[0], t), dtype=np.int64) + base
            for x, t, base in zip(layers, toks, tb[:-1].tolist(), strict=True)])
        if len(firsts):
            cover = np.bincount(firsts + 1, minlength=total_tok + 1) - np.bincount(lasts, minlength=total_tok + 1)
            inside = (np.cumsum(cover[:total_tok]) > 0)[heads]
            if inside.any():
                merged = np.bincount(np.searchsorted(tb, heads[inside], "right") - 1, minlength=nl)
                heads = heads[~inside]
        head_list = heads.tolist()
        head_bounds = np.searchsorted(heads, tb).tolist()
    f_list = (firsts - tb[:-1][lay]).tolist()
    l_list = (lasts - tb[:-1][lay]).tolist()
    span_bounds = np.searchsorted(lay, np.arange(nl + 1)).tolist()
    tbl = tb.tolist()
    counts = list(zip(n_span.tolist(), aligned.tolist(), expanded.tolist(), empty.tolist(), dropped.tolist(),
                      merged.tolist(), strict=True))
    out = []
    for i, tok in enumerate(toks):
        a, b = tbl[i], tbl[i + 1]
        n = b - a
        if not n:
            units: list[tuple[int, int]] = []
        elif by_sentence:
            h = [x - a for x in head_list[head_bounds[i]:head_bounds[i + 1]]]
            units = list(zip(h, [*h[1:], n], strict=True))
        else:
            units = [(0, n)]
        sa, sb = span_bounds[i], span_bounds[i + 1]
        kept = list(zip(f_list[sa:sb], l_list[sa:sb], labels[sa:sb], strict=True))
        out.append((Tagged(tok, units, [tag_list[a:b]], kept), AlignStats(*counts[i])))
    return out


class TokenCache:
    """The tokens of the articles being written: every layer of an article shares one tokenization.

    :meth:`prepare` tokenizes a batch of articles at once (:func:`tokenize_batch`); :meth:`get`
    falls back to tokenizing one text alone (formatters used on hand-built articles).
    """

    def __init__(self) -> None:
        self._batch: dict[tuple[str, int], Tokenized] = {}
        self._key: tuple[str, int] | None = None
        self._tok: Tokenized | None = None
        #: layers tagged ahead with their batch, by (article uid, annotator); see tokens.prepare
        self.tagged: dict[tuple[str, str], tuple[Tagged, AlignStats]] = {}

    def prepare(self, docs: Sequence[tuple[str, str]]) -> None:
        """Tokenize the (uid, text) pairs of the next articles together."""
        self._batch = dict(zip([(u, len(t)) for u, t in docs], tokenize_batch([t for _, t in docs]), strict=True))

    def get(self, uid: str, text: str) -> Tokenized:
        key = (uid, len(text))
        tok = self._batch.get(key)
        if tok is not None:
            return tok
        if self._key != key or self._tok is None:
            self._key, self._tok = key, tokenize_text(text)
        return self._tok
