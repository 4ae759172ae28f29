"""Character spans to token tags: alignment, nesting levels, IOB2 and sentence units.

The token formats (``tokens``, ``conll``) tag the tokens of :func:`annotator.text.tokenize`
(punctuation is its own token, so «العراق» and "بغداد". are addressable). A span whose edges fall
inside a token is expanded to whole tokens and counted, never silently dropped; a span covering no
token at all is dropped and counted. Overlapping spans are layered: level 0 holds the outermost
(longest first, earliest first), level 1 what did not fit there, and so on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import le, neg

import numpy as np
import pyarabic.araby as araby

from annotator import text as T


@dataclass(frozen=True, slots=True)
class Tokenized:
    """Token boundaries (code points into the article text) and token strings."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    #: ``[[start, end], ...]`` as an (n, 2) array: the ``offsets`` the tokens export writes, serialized
    #: by orjson without building a tuple per token
    offsets: np.ndarray = field(default=None, compare=False, repr=False)  # type: ignore[arg-type]

    def __post_init__(self) -> None:
        if self.offsets is None:
            object.__setattr__(self, "offsets", np.array([self.starts, self.ends], dtype=np.int64).T.copy())

    def __len__(self) -> int:
        return len(self.starts)


#: the tokens of annotator.text.tokenize as one character class instead of a per-character
#: alternation (twice as fast); "\\w" also matches "_", so texts with "_" take the reference path.
#: tests/core/test_export_training_align.py checks both give the same tokens.
_FAST_TOKEN_RE = re.compile(
    rf"[\w{re.escape(T._MARKS + araby.TATWEEL + '\u200c\u200d')}]+(?:[.,\u066b\u066c](?=\d)\d+)*|[^\s]"
)
_WORD_CLASS = _FAST_TOKEN_RE.pattern[: _FAST_TOKEN_RE.pattern.index("]+") + 1]  # the word characters
_SEPARATORS = ".,\u066b\u066c"  # join digits to a word: 3.5, 1,000, ٣٫٥

# character classes of the vectorised tokenizer (bit flags; whitespace is 0)
_W, _O, _D, _P = 1, 2, 4, 8  # word char, other non-space char, \d digit, number separator


def _class_table() -> np.ndarray:
    """The class bits of every BMP code point, computed with the very regexes of the reference path."""
    bmp = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    word = re.compile(_WORD_CLASS)
    table[[m.start() for m in re.finditer(r"[^\s]", bmp)]] = _O
    table[[m.start() for m in word.finditer(bmp)]] = _W
    table[[m.start() for m in re.finditer(r"\d", bmp)]] |= _D
    table[[ord(c) for c in _SEPARATORS]] |= _P
    return table


_TABLE: np.ndarray | None = None  # built on first use (~30 ms)


def _regex_tokens(text: str) -> Tokenized:
    if "_" in text:
        bounds = T.token_bounds(text)
        return Tokenized([a for a, _ in bounds], [b for _, b in bounds], [text[a:b] for a, b in bounds])
    ms = list(_FAST_TOKEN_RE.finditer(text))
    return Tokenized(list(map(re.Match.start, ms)), list(map(re.Match.end, ms)), list(map(re.Match.group, ms)))


def tokenize_text(text: str) -> Tokenized:
    """Token boundaries and strings, exactly those of :func:`annotator.text.tokenize`.

    Vectorised (an export tokenizes every article; the regex costs ~0.5 µs per token): every
    code point gets its class from a table, a token starts at a non-space character whose
    predecessor is not a word character or which is punctuation itself, and the token strings
    come from one ``str.split`` of the text with a space put at each such start inside a
    whitespace-delimited chunk. The number rule (``3.5``: a separator between a word and a digit
    joins them, up to the end of the digits) is applied at the few places it fires. Texts with
    ``_`` or characters beyond the BMP take the regex path.
    """
    global _TABLE
    if not text or "_" in text:
        return _regex_tokens(text)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if cp.max() > 0xFFFF:
        return _regex_tokens(text)
    if _TABLE is None:
        _TABLE = _class_table()
    c = _TABLE[cp]
    word = (c & _W).view(np.bool_)
    other = (c & _O).astype(np.bool_)
    solid = word | other  # not whitespace
    start = solid.copy()
    start[1:] &= ~word[:-1] | other[1:]
    end = solid.copy()  # the last character of a token
    end[:-1] &= ~word[1:] | other[:-1]
    joins = np.flatnonzero((c[1:-1] & _P).astype(np.bool_) & word[:-2] & (c[2:] & _D).astype(np.bool_))
    if joins.size:
        n = len(c)
        digit = (c & _D).astype(np.bool_).tolist()
        for j in (joins + 1).tolist():  # separator at j: joins the word before it and the digits after
            start[j] = start[j + 1] = end[j - 1] = end[j] = False
            k = j + 1
            while k < n and digit[k]:
                k += 1
            end[k - 1] = True
            if k < n and word[k]:  # a letter right after the digits starts a new token
                start[k] = True
    starts = np.flatnonzero(start)
    inner = np.flatnonzero(start[1:] & solid[:-1]) + 1  # token starts not preceded by whitespace
    spaced = np.insert(cp, inner, 32).tobytes().decode("utf-32-le") if inner.size else text
    ends = np.flatnonzero(end) + 1
    return Tokenized(starts.tolist(), ends.tolist(), spaced.split(), np.stack((starts, ends), axis=1))


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
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

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
    n = len(spans)
    stats.spans += n
    if not n:
        return []
    c_starts, c_ends, labels = zip(*spans, strict=True)
    tok_starts, tok_ends = tok.offsets[:, 0], tok.offsets[:, 1]
    cs, ce = np.fromiter(c_starts, np.int64, n), np.fromiter(c_ends, np.int64, n)
    firsts = np.searchsorted(tok_ends, cs, "right")  # first token ending after start
    lasts = np.searchsorted(tok_starts, ce, "left")  # tokens starting before end
    keep = firsts < lasts  # spans covering no token (only spaces) are dropped
    kept = int(np.count_nonzero(keep))
    if kept < n:
        firsts, lasts, cs, ce = firsts[keep], lasts[keep], cs[keep], ce[keep]
        labels = tuple(compress(labels, keep.tolist()))
    stats.empty += n - kept
    if not kept:
        return []
    aligned = int(np.count_nonzero((tok_starts[firsts] == cs) & (tok_ends[lasts - 1] == ce)))
    stats.aligned += aligned
    stats.expanded += kept - aligned
    f_list, l_list = firsts.tolist(), lasts.tolist()
    if bool((firsts[1:] > firsts[:-1]).all()):
        # first tokens strictly ascending (the usual case: the query sorts spans by start and
        # few start in the same token): already in order, and no duplicates
        return list(zip(f_list, l_list, labels, strict=True))
    # (first, -last, label) sorts as wanted with plain tuple comparison; the set collapses duplicates
    order = sorted(set(zip(f_list, map(neg, l_list), labels, strict=True)))
    o_first, o_neg_last, o_label = zip(*order, strict=True)
    return list(zip(o_first, map(neg, o_neg_last), o_label, strict=True))


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
    # the first token of each sentence (bisect per sentence, not a flag per token)
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
    if nested not in ("outermost", "columns"):
        raise ValueError(f"nested must be 'outermost' or 'columns', got {nested!r}")
    depth = 2 if nested == "columns" else 1
    placed = levels(align(tok, spans, stats), depth, stats)
    kept = [s for lvl in placed for s in lvl]
    columns = [iob_ids(len(tok), lvl, tagset) for lvl in placed]
    if by_sentence:
        units = sentence_units(text, tok, kept, stats)
    else:
        units = [(0, len(tok))] if len(tok) else []
    return Tagged(tok, units, columns, kept)


class TokenCache:
    """The tokens of the last article: every layer of an article shares one tokenization."""

    def __init__(self) -> None:
        self._key: tuple[str, int] | None = None
        self._tok: Tokenized | None = None

    def get(self, uid: str, text: str) -> Tokenized:
        key = (uid, len(text))
        if self._key != key or self._tok is None:
            self._key, self._tok = key, tokenize_text(text)
        return self._tok
