"""spaCy's tokens of an article as the DocBin writer needs them: ``words``/``spaces`` that rebuild
the text exactly (our tokens, odd whitespace as tokens of its own), laid out for a whole batch
of articles at once, with each token's string id made once per distinct token.

:func:`words_and_spaces` is the reference (one article, plain Python); :func:`layout_batch`
the batch version the export uses (tests/core/test_export_docbin.py holds them equal).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise
from operator import not_

import numpy as np

from annotator.export.tokenizer import Tokenized, tokenize_text

_REGULAR_GAPS = frozenset({"", " "})  # the gaps after a token that need no whitespace token


def words_and_spaces(text: str, tok: Tokenized | None = None) -> tuple[list[str], list[bool]]:
    """spaCy ``words``/``spaces`` for our tokens that rebuild ``text`` exactly (odd whitespace as tokens).

    A token followed by one plain space gets ``spaces=True``; any other whitespace after it (line
    breaks, several spaces, NBSP) becomes a whitespace token of its own, as spaCy does. Only those
    irregular gaps take a Python step; the regular ones are mapped in bulk. ``tok`` is ``text``'s
    tokenization when already made (a batch's).
    """
    if tok is None:
        tok = tokenize_text(text)
    starts = tok.starts
    if not starts:
        return ([text], [False]) if text else ([], [])
    words = tok.words
    gaps = list(map(text.__getitem__, map(slice, tok.ends, [*starts[1:], len(text)])))
    irregular = list(compress(count(), map(not_, map(_REGULAR_GAPS.__contains__, gaps))))
    if not irregular and starts[0] == 0:
        return list(words), list(map(" ".__eq__, gaps))
    out_words: list[str] = []
    spaces: list[bool] = []
    if starts[0] > 0:
        out_words.append(text[: starts[0]])
        spaces.append(False)
    prev = 0
    for k in (*irregular, len(gaps)):
        out_words += words[prev:k]
        spaces += map(" ".__eq__, gaps[prev:k])
        if k == len(gaps):
            break
        gap = gaps[k]
        out_words.append(words[k])
        spaces.append(gap[0] == " ")
        out_words.append(gap[1:] if gap[0] == " " else gap)
        spaces.append(False)
        prev = k + 1
    return out_words, spaces


@dataclass
class DocTokens:
    """One article as spaCy tokens, which with their ``spaces`` rebuild its text exactly."""

    vocab: list[str]  # distinct token strings (of the article's batch)
    which: np.ndarray  # each token's string in vocab
    orth: np.ndarray  # each token's string id (uint64)
    spaces: np.ndarray  # bool: one plain space follows
    idx: np.ndarray  # character offset of each token
    lens: np.ndarray  # its length in characters
    length: int  # of the text


def layout_batch(texts: Sequence[str], toks: Sequence[Tokenized],
                 string_ids: Callable[[list[str]], np.ndarray]) -> list[DocTokens]:
    """:func:`words_and_spaces` of a batch of articles at once (``toks``: their tokenizations).

    The articles are joined by line breaks and handled as one array: after each token, the gap up
    to the next token (or the end of its article) is nothing, one plain space (``spaces=True``),
    or else whitespace that becomes a token of its own (after the space when it starts with one);
    whitespace before an article's first token is a token too, and so is a text of whitespace
    only. Token strings are made once per distinct token (:func:`distinct_tokens`);
    ``string_ids`` maps them to their ids (one call for the batch).
    """
    n = len(texts)
    joined = "\n".join(texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    base = np.zeros(n + 1, dtype=np.int64)  # where each article starts in the joined text
    np.cumsum(lengths + 1, out=base[1:])
    counts = np.fromiter(map(len, toks), dtype=np.int64, count=n)
    first = np.zeros(n + 1, dtype=np.int64)  # each article's first token
    np.cumsum(counts, out=first[1:])
    offsets = np.concatenate([t.offsets for t in toks]) if first[-1] else np.zeros((0, 2), np.int64)
    shift = np.repeat(base[:-1], counts)
    s, e = offsets[:, 0] + shift, offsets[:, 1] + shift
    text_end = np.repeat(base[:-1] + lengths, counts)
    nxt = text_end.copy()  # where the gap after each token ends
    if len(s) > 1:
        np.minimum(s[1:], text_end[:-1], out=nxt[:-1])
    gap = nxt - e
    space = (gap > 0) & (cp[np.minimum(e, max(len(cp) - 1, 0))] == 32) if len(cp) else gap > 0
    ws = np.flatnonzero(gap > space)  # a whitespace token follows
    lead_end = np.where(counts > 0, s[np.minimum(first[:-1], max(len(s) - 1, 0))] if len(s) else 0,
                        base[:-1] + lengths)
    lead = np.flatnonzero(lead_end > base[:-1])  # articles opening with whitespace (or all whitespace)
    if len(ws) or len(lead):
        # inserted before the token at pos; at equal pos an article's trailing whitespace comes
        # before the next article's leading whitespace (np.insert keeps the given order)
        pos = np.concatenate([ws + 1, first[lead]])
        s, e = (np.insert(s, pos, np.concatenate([e[ws] + space[ws], base[lead]])),
                np.insert(e, pos, np.concatenate([nxt[ws], lead_end[lead]])))
        space = np.insert(space, pos, False)
    vocab, which = distinct_tokens(joined, cp, s, e)
    orth = string_ids(vocab)[which]
    doc_of = np.searchsorted(base, s, side="right") - 1
    bounds = np.searchsorted(doc_of, np.arange(n + 1)).tolist()
    idx = s - base[doc_of]
    lens = e - s
    return [DocTokens(vocab, which[a:b], orth[a:b], space[a:b], idx[a:b], lens[a:b], len(texts[k]))
            for k, (a, b) in enumerate(pairwise(bounds))]


_MULT = 0x9E3779B97F4A7C15  # odd 64-bit multipliers of the token hash
_MIX = 0xC2B2AE3D27D4EB4F
_powers: tuple[np.ndarray, np.ndarray] = (np.ones(1, np.uint64), np.ones(1, np.uint64))


def _power_tables(size: int) -> tuple[np.ndarray, np.ndarray]:
    """``_MULT**j`` and its inverse ``**j`` modulo 2**64 for ``j < size`` (grown as needed, kept)."""
    global _powers
    if len(_powers[0]) < size:
        size = max(size, 2 * len(_powers[0]))
        with np.errstate(over="ignore"):
            fwd = np.cumprod(np.full(size, _MULT, dtype=np.uint64))
            inv = np.cumprod(np.full(size, pow(_MULT, -1, 1 << 64), dtype=np.uint64))
        _powers = (np.concatenate([np.ones(1, np.uint64), fwd[:-1]]), np.concatenate([np.ones(1, np.uint64), inv[:-1]]))
    return _powers


def distinct_tokens(text: str, cp: np.ndarray, s: np.ndarray, e: np.ndarray) -> tuple[list[str], np.ndarray]:
    """(the distinct strings of the tokens ``text[s:e]``, which of them each token is).

    Tokens are grouped by a polynomial hash of their code points (prefix sums, all numpy) and
    every token is then compared, character by character, with one token of its group; only the
    groups' strings are made. On a hash collision (never seen, but not impossible) the tokens
    are grouped through their strings instead.
    """
    n = len(s)
    if not n:
        return [], np.zeros(0, dtype=np.int64)
    fwd, inv = _power_tables(len(cp) + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(cp) + 1, dtype=np.uint64)
        np.cumsum((cp.astype(np.uint64) + np.uint64(1)) * fwd[:len(cp)], out=prefix[1:])
        h = (prefix[e] - prefix[s]) * inv[s]  # the same for equal tokens wherever they stand
        length = (e - s).astype(np.uint64)
        key = h * np.uint64(_MIX) + length
    order = np.argsort(key)
    ranked = key[order]
    head = np.empty(n, dtype=bool)  # the first of each run of equal keys
    head[0] = True
    np.not_equal(ranked[1:], ranked[:-1], out=head[1:])
    group = np.cumsum(head) - 1
    which = np.empty(n, dtype=np.int64)
    which[order] = group
    rep = order[head]  # one token of each group
    mine = rep[which]
    lens = (e - s).astype(np.int32)
    same = bool(np.array_equal(lens, lens[mine]))
    if same:  # every token, character by character, equal to its group's token
        off = np.cumsum(lens, dtype=np.int64) - lens
        at = np.arange(int(lens.sum()), dtype=np.int64)
        mine_at = np.repeat(s[mine] - off, lens) + at
        same = bool(np.array_equal(cp[np.repeat(s - off, lens) + at], cp[mine_at]))
    if not same:  # a collision: group by the strings themselves
        groups: dict[str, int] = {}
        ids = [groups.setdefault(w, len(groups)) for w in map(text.__getitem__, map(slice, s.tolist(), e.tolist()))]
        return list(groups), np.asarray(ids, dtype=np.int64)
    vocab = list(map(text.__getitem__, map(slice, s[rep].tolist(), e[rep].tolist())))
    return vocab, which


def doc_tokens(words: list[str], spaces: Sequence[bool], string_ids: Callable[[list[str]], np.ndarray]) -> DocTokens:
    """:class:`DocTokens` of given ``words``/``spaces`` (spaCy's own tokenization)."""
    n = len(words)
    lens = np.fromiter(map(len, words), dtype=np.int64, count=n)
    sp = np.fromiter(spaces, dtype=bool, count=n)
    idx = np.zeros(n, dtype=np.int64)
    if n > 1:
        np.cumsum((lens + sp)[:-1], out=idx[1:])
    return DocTokens(words, np.arange(n), string_ids(words), sp, idx, lens, int(idx[-1] + lens[-1] + sp[-1]) if n else 0)
