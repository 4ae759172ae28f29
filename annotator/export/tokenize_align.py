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
from operator import and_, eq, le, lt, neg, sub

import pyarabic.araby as araby

from annotator import text as T


@dataclass(frozen=True, slots=True)
class Tokenized:
    """Token boundaries (code points into the article text) and token strings."""

    starts: list[int]
    ends: list[int]
    words: list[str]

    def __len__(self) -> int:
        return len(self.starts)


#: the tokens of annotator.text.tokenize as one character class instead of a per-character
#: alternation (twice as fast); "\\w" also matches "_", so texts with "_" take the reference path.
#: tests/core/test_export_training_align.py checks both give the same tokens.
_FAST_TOKEN_RE = re.compile(
    rf"[\w{re.escape(T._MARKS + araby.TATWEEL + '\u200c\u200d')}]+(?:[.,\u066b\u066c](?=\d)\d+)*|[^\s]"
)


def tokenize_text(text: str) -> Tokenized:
    """Token boundaries and strings, exactly those of :func:`annotator.text.tokenize`."""
    if "_" in text:
        bounds = T.token_bounds(text)
        return Tokenized([a for a, _ in bounds], [b for _, b in bounds], [text[a:b] for a, b in bounds])
    ms = list(_FAST_TOKEN_RE.finditer(text))
    return Tokenized(list(map(re.Match.start, ms)), list(map(re.Match.end, ms)), list(map(re.Match.group, ms)))


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
    is a C-level map over columns (bisect, compare, sort on plain tuples), no Python loop per span.
    """
    stats.spans += len(spans)
    if not spans:
        return []
    starts, ends = tok.starts, tok.ends
    c_starts, c_ends, labels = zip(*spans, strict=True)
    firsts = list(map(bisect_right, repeat(ends), c_starts))  # first token ending after start
    lasts = list(map(bisect_left, repeat(starts), c_ends))  # tokens starting before end
    keep = list(map(lt, firsts, lasts))  # spans covering no token (only spaces) are dropped
    kept = sum(keep)
    firsts, lasts = list(compress(firsts, keep)), list(compress(lasts, keep))
    aligned = sum(map(and_, map(eq, map(starts.__getitem__, firsts), compress(c_starts, keep)),
                      map(eq, map(ends.__getitem__, map(sub, lasts, repeat(1))), compress(c_ends, keep))))
    stats.aligned += aligned
    stats.empty += len(spans) - kept
    stats.expanded += kept - aligned
    if not kept:
        return []
    kept_labels = list(compress(labels, keep))
    if all(map(lt, firsts, firsts[1:])):
        # first tokens strictly ascending (the usual case: the query sorts spans by start and
        # few start in the same token): already in order, and no duplicates
        return list(zip(firsts, lasts, kept_labels, strict=True))
    # (first, -last, label) sorts as wanted with plain tuple comparison; the set collapses duplicates
    order = sorted(set(zip(firsts, map(neg, lasts), kept_labels, strict=True)))
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
