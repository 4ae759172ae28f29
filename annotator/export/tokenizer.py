"""The tokens of the token exports: :func:`annotator.text.tokenize`'s, vectorised over batches.

An export tokenizes every article, so the texts of a batch are joined by line breaks and
classified code point by code point with numpy (a table built from the reference regexes); the
same pass finds the sentence heads of :func:`annotator.text.sentences`. Texts with ``_`` or
characters beyond the BMP take the regex path. tests/core/test_export_batch.py and
test_export_training_align.py hold both paths equal to the reference functions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import orjson

from annotator import text as T


class Tokenized:
    """Token boundaries (code points into the article text) and token strings.

    ``offsets`` is ``[[start, end], ...]`` as an (n, 2) array: the ``offsets`` the tokens export
    writes (orjson serializes it without a tuple per token) and what alignment searches. The
    ``starts``/``ends`` lists are made from it on first use. ``heads``, when known, are the first
    tokens of the sentences of :func:`annotator.text.sentences` (``0`` included, sorted), as
    :func:`sentence_units` would find them; the batch tokenizer computes them with the tokens.
    """

    __slots__ = ("_batch", "_ends", "_first", "_rows", "_starts", "_words", "heads", "offsets")

    def __init__(self, starts: Sequence[int] | None, ends: Sequence[int] | None, words: list[str] | None,
                 offsets: np.ndarray | None = None, heads: Sequence[int] | None = None,
                 batch: _Batch | None = None, first: int = 0) -> None:
        if offsets is None:
            offsets = np.array([list(starts or ()), list(ends or ())], dtype=np.int64).T.copy()
        self.offsets = offsets.reshape(-1, 2)
        self._starts = list(starts) if starts is not None else None
        self._ends = list(ends) if ends is not None else None
        self._words = words  # None: cut from the batch's words on first use
        self.heads = heads
        self._batch = batch  # the batch this text was tokenized in (None: tokenized alone)
        self._first = first  # the index of this text's first token in it
        self._rows: _OffsetRows | None = None

    def json_words(self) -> tuple[list[bytes], int] | None:
        """(the batch's :meth:`_Batch.json_words`, this text's first token in it), or None: then
        ``orjson.dumps(words[a:b])`` is ``b'["' + b'","'.join(json[first + a:first + b]) + b'"]'``."""
        if self._batch is None:
            return None
        words = self._batch.json_words()
        return None if words is None else (words, self._first)

    def utf8_words(self) -> list[bytes]:
        """:attr:`words` encoded in UTF-8 (cut from the batch's when tokenized in one)."""
        if self._batch is None:
            return [w.encode("utf-8") for w in self.words]
        return self._batch.utf8_words()[self._first:self._first + len(self.offsets)]

    @property
    def words(self) -> list[str]:
        if self._words is None:
            assert self._batch is not None
            self._words = self._batch.words()[self._first:self._first + len(self.offsets)]
        return self._words

    def offsets_json(self, a: int, b: int) -> bytes:
        """``orjson.dumps(offsets[a:b])`` (``[[start,end],...]``), cut from the JSON of the batch."""
        body, rows, first = self.offsets_layout()
        return b"[" + body[rows[first + a]:rows[first + b] - 1] + b"]" if b > a else b"[]"

    def offsets_layout(self) -> tuple[bytes, list[int], int]:
        """(JSON of the batch's offsets without the outer brackets, where each row starts in it,
        this text's first row): ``b"[" + json[rows[i + a]:rows[i + b] - 1] + b"]"`` is
        :meth:`offsets_json` of ``a``..``b`` (``a < b``) when ``i`` is the first row."""
        if self._batch is not None:
            return (*self._batch.rows.layout(), self._first)
        if self._rows is None:
            self._rows = _OffsetRows(self.offsets)
        return (*self._rows.layout(), 0)

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            self._starts = self.offsets[:, 0].tolist()
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            self._ends = self.offsets[:, 1].tolist()
        return self._ends

    def __len__(self) -> int:
        return len(self.offsets)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tokenized):
            return NotImplemented
        return (self.words, self.starts, self.ends) == (other.words, other.starts, other.ends)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tokenized({len(self)} tokens)"


class _Batch:
    """What the texts tokenized together share: the joined text, its code points, the token
    boundaries, and what is made from them on demand (the words, the JSON of the offsets)."""

    __slots__ = ("_json_words", "_utf8_words", "_words", "cp", "ends", "inner", "rows", "space", "starts", "text")

    def __init__(self, text: str, cp: np.ndarray, starts: np.ndarray, ends: np.ndarray, inner: np.ndarray,
                 offsets: np.ndarray, space: np.ndarray) -> None:
        self.text, self.cp, self.starts, self.ends, self.inner = text, cp, starts, ends, inner
        self.space = space  # whitespace code points
        self.rows = _OffsetRows(offsets)
        self._words: list[str] | None = None
        self._utf8_words: list[bytes] | None = None
        self._json_words: list[bytes] | None = None

    def _spaced_utf8(self) -> bytes:
        """The text in UTF-8 with all whitespace made plain spaces and a space before each token
        that follows no whitespace: the tokens are what ``bytes.split()`` gives (UTF-8 never puts
        an ASCII byte inside a multi-byte character)."""
        cp = self.cp.copy()
        cp[self.space] = 32
        if self.inner.size:
            cp = np.insert(cp, self.inner, 32)
        return cp.tobytes().decode("utf-32-le").encode("utf-8")

    def utf8_words(self) -> list[bytes]:
        """Every token string in UTF-8."""
        if self._utf8_words is None:
            self._utf8_words = self._spaced_utf8().split()
        return self._utf8_words

    def json_words(self) -> list[bytes] | None:
        """Every token as the inside of the JSON string orjson writes for it (no quotes), or None
        when a token is a control character (escaped as ``\\u00XX``: dump the words instead).
        ``"`` and ``\\`` are always tokens of their own, escaped in the text before the split."""
        if self._json_words is None:
            if bool(((self.cp < 0x20) & ~self.space).any()):
                return None
            spaced = self._spaced_utf8()
            if b"\\" in spaced:
                spaced = spaced.replace(b"\\", b"\\\\")
            if b'"' in spaced:
                spaced = spaced.replace(b'"', b'\\"')
            self._json_words = spaced.split()
        return self._json_words

    def words(self) -> list[str]:
        """Every token string: one ``str.split`` of the text with a space put at each token start
        that follows no whitespace."""
        if self._words is None:
            inner = self.inner
            spaced = np.insert(self.cp, inner, 32).tobytes().decode("utf-32-le") if inner.size else self.text
            self._words = spaced.split()
        return self._words


class _OffsetRows:
    """The ``[start,end],[start,end],...`` JSON of a batch's token offsets, serialized once.

    The rows of one record are then a byte slice, not a serialization of their own (orjson
    spends ~70 ns per numpy row, and a record would pay its call overhead too). The flat array
    is dumped (cheaper per number) and every second comma made a row break: ``,`` -> ``],[``.
    """

    __slots__ = ("_body", "_rows", "offsets")

    def __init__(self, offsets: np.ndarray) -> None:
        self.offsets = offsets
        self._body: bytes | None = None
        self._rows: list[int] = []

    def layout(self) -> tuple[bytes, list[int]]:
        """The rows' JSON (no outer brackets), and where each row starts in it (then the end + 1)."""
        if self._body is None:
            n = len(self.offsets)
            flat = orjson.dumps(np.ascontiguousarray(self.offsets, dtype=np.int64).ravel(),
                                option=orjson.OPT_SERIALIZE_NUMPY)[1:-1]
            body = np.frombuffer(flat, dtype=np.uint8)
            breaks = np.flatnonzero(body == ord(","))[1::2]  # the commas between rows
            at = np.repeat(breaks, 2)
            at[1::2] += 1  # "]" before each of those commas, "[" after
            marks = np.tile(np.array([ord("]"), ord("[")], dtype=np.uint8), len(breaks))
            self._body = b"[" + np.insert(body, at, marks).tobytes() + b"]" if n else b""  # row 0 opens, the last closes
            # row k + 1 starts after the k-th break, which has grown by 2 bytes per break before it
            rows = np.empty(n + 1, dtype=np.int64)
            rows[0] = 0
            rows[1:n] = breaks + 2 * np.arange(len(breaks)) + 3
            rows[n] = len(self._body) + 1
            self._rows = rows.tolist()
        return self._body, self._rows


#: the tokens of annotator.text.tokenize as one character class instead of a per-character
#: alternation (twice as fast); "\\w" also matches "_", so texts with "_" take the reference path.
#: tests/core/test_export_training_align.py checks both give the same tokens.
_FAST_TOKEN_RE = re.compile(
    rf"[\w{re.escape(T.WORD_EXTRA)}]+(?:[{re.escape(T.NUMBER_SEPARATORS)}](?=\d)\d+)*|[^\s]"
)
_WORD_CLASS = _FAST_TOKEN_RE.pattern[: _FAST_TOKEN_RE.pattern.index("]+") + 1]  # the word characters
# the reference functions' own character sets (annotator.text)
_SEPARATORS, _TERMINATORS, _CLOSING_QUOTES = T.NUMBER_SEPARATORS, T.SENTENCE_TERMINATORS, T.CLOSING_QUOTES

# character classes of the vectorised tokenizer (bit flags; whitespace has no W or O bit)
_W, _O, _D, _P = 1, 2, 4, 8  # word char, other non-space char, \d digit, number separator
_T, _NL, _Q = 16, 32, 64  # sentence terminator, line break, closing quote


def _class_table() -> np.ndarray:
    """The class bits of every BMP code point, computed with the very regexes of the reference path."""
    bmp = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    word = re.compile(_WORD_CLASS)
    table[[m.start() for m in re.finditer(r"[^\s]", bmp)]] = _O
    table[[m.start() for m in word.finditer(bmp)]] = _W
    table[[m.start() for m in re.finditer(r"\d", bmp)]] |= _D
    table[[ord(c) for c in _SEPARATORS]] |= _P
    table[[ord(c) for c in _TERMINATORS]] |= _T
    table[ord("\n")] |= _NL
    table[[ord(c) for c in _CLOSING_QUOTES]] |= _Q
    return table


_TABLE: np.ndarray | None = None  # built on first use (~30 ms)


def _regex_tokens(text: str) -> Tokenized:
    if "_" in text:
        bounds = T.token_bounds(text)
        return Tokenized([a for a, _ in bounds], [b for _, b in bounds], [text[a:b] for a, b in bounds])
    ms = list(_FAST_TOKEN_RE.finditer(text))
    return Tokenized(list(map(re.Match.start, ms)), list(map(re.Match.end, ms)), list(map(re.Match.group, ms)))


def tokenize_text(text: str) -> Tokenized:
    """Token boundaries and strings, exactly those of :func:`annotator.text.tokenize`."""
    return tokenize_batch([text])[0]


def tokenize_batch(texts: Sequence[str]) -> list[Tokenized]:
    """:func:`tokenize_text` of several texts at once, with the sentence heads of each.

    Vectorised (an export tokenizes every article; the regex costs ~0.5 µs per token), over the
    texts joined by line breaks so that numpy's per-call cost is paid once per batch: every code
    point gets its class from a table, a token starts at a non-space character whose predecessor
    is not a word character or which is punctuation itself, and the token strings come from one
    ``str.split`` of the text with a space put at each such start inside a whitespace-delimited
    chunk. The number rule (``3.5``: a separator between a word and a digit joins them, up to the
    end of the digits) is applied at the few places it fires. A line break ends every token and
    every sentence, so joined texts tokenize as they do alone. Texts with ``_`` or characters
    beyond the BMP take the regex path (and leave the sentence heads to :func:`sentence_units`).
    """
    global _TABLE
    out: list[Tokenized | None] = [None] * len(texts)
    fast = [i for i, t in enumerate(texts) if t and "_" not in t]
    while fast:
        joined = "\n".join([texts[i] for i in fast])
        cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter((len(texts[i]) for i in fast), np.int64, len(fast))
        bounds = np.zeros(len(fast) + 1, dtype=np.int64)  # where each text starts in the joined one
        np.cumsum(lengths + 1, out=bounds[1:])
        wide = np.flatnonzero(cp > 0xFFFF)
        if wide.size:  # beyond the BMP: those texts take the regex path
            bad = set(np.searchsorted(bounds, wide, "right").tolist())
            fast = [i for k, i in enumerate(fast, 1) if k not in bad]
            continue
        if _TABLE is None:
            _TABLE = _class_table()
        for k, tok in zip(fast, _tokenize_joined(joined, cp, bounds), strict=True):
            out[k] = tok
        break
    for i, t in enumerate(texts):
        if out[i] is None:
            out[i] = _regex_tokens(t) if t else Tokenized([], [], [], heads=[])
    return out  # type: ignore[return-value]


def _tokenize_joined(text: str, cp: np.ndarray, bounds: np.ndarray) -> list[Tokenized]:
    assert _TABLE is not None
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
    ends = np.flatnonzero(end) + 1
    heads = _sentence_heads(c, solid)  # character positions
    head_tok = np.searchsorted(starts, heads, "left")  # bisect_left(starts, head), as sentence_units does
    tok_bounds = np.searchsorted(starts, bounds)  # the first token of each text (and the total)
    counts = np.diff(tok_bounds)
    offsets = np.stack((starts, ends), axis=1) - np.repeat(bounds[:-1], counts)[:, None]
    # sentence heads as token indices of their own text: the first token of each sentence (of a
    # non-empty text) and each text's token 0, once each; heads past a text's last token dropped
    doc_of_head = np.searchsorted(bounds, heads, "right") - 1
    valid = head_tok < tok_bounds[doc_of_head + 1]
    firsts = tok_bounds[:-1][counts > 0]
    all_heads = np.union1d(head_tok[valid], firsts)  # sorted, unique
    head_bounds = np.searchsorted(all_heads, tok_bounds).tolist()
    tb = tok_bounds.tolist()
    batch = _Batch(text, cp, starts, ends, inner, offsets, ~solid)
    out = []
    for i in range(len(tb) - 1):
        a, b = tb[i], tb[i + 1]
        out.append(Tokenized(None, None, None, offsets[a:b], all_heads[head_bounds[i]:head_bounds[i + 1]] - a,
                             batch, a))
    return out


def _sentence_heads(c: np.ndarray, solid: np.ndarray) -> np.ndarray:
    """Where the sentences of :func:`annotator.text.sentences` start (after its whitespace trim).

    ``_SENT_RE`` matches a maximal run of characters other than terminators and line breaks, then
    the terminators after it and one closing quote after those, if any. So a match starts at every
    such run, except that a run opening with a quote the previous match took starts one later
    (and a run that is only that quote starts none). A sentence starts at the first non-space
    character of its match: in the run, else the terminators; a run of spaces before a line break
    is no sentence.
    """
    n = len(c)
    if not n:
        return np.zeros(0, dtype=np.int64)
    term = (c & _T).astype(np.bool_)
    run = ~(c & (_T | _NL)).astype(np.bool_)
    edge = np.empty(n + 1, dtype=np.bool_)  # run starts and ends as the changes of `run`
    edge[0] = run[0]
    edge[n] = run[n - 1]
    np.not_equal(run[1:], run[:-1], out=edge[1:n])
    changes = np.flatnonzero(edge)
    rs, re_ = changes[0::2], changes[1::2]  # each run is [rs, re_)
    after_term = np.zeros(len(rs), dtype=np.bool_)  # the run follows terminators directly
    inside = rs > 0
    after_term[inside] = term[rs[inside] - 1]
    quoted = after_term & (c[rs] & _Q).astype(np.bool_)
    if quoted.any():
        # the terminators before the run belong to a match only when a run precedes them directly
        # (the run before, unless that run was only a quote the match before it took)
        tstart = np.flatnonzero(term & ~np.concatenate(([False], term[:-1])))  # starts of terminator groups
        g = tstart[np.searchsorted(tstart, rs[quoted], "right") - 1]
        by_run = np.zeros(len(rs), dtype=np.bool_)
        by_run[quoted] = (g > 0) & run[np.maximum(g - 1, 0)]
        taken = quoted & by_run
        lone = re_ - rs == 1
        if (taken[1:] & taken[:-1] & lone[:-1]).any():  # chains like `."."x`: settle them in order
            tk, ln = taken.tolist(), lone.tolist()
            for k in np.flatnonzero(taken).tolist():
                if k > 0 and tk[k - 1] and ln[k - 1] and rs[k] - 1 >= 0:
                    # the run before was a lone quote taken by its match: these terminators follow
                    # no match, so they take no quote
                    prev_end = int(re_[k - 1])
                    if bool(term[prev_end:rs[k]].all()):
                        tk[k] = False
            taken = np.array(tk, dtype=np.bool_)
        ms = rs + taken
    else:
        ms = rs
    live = ms < re_  # a run that was only the quote starts no match
    ms, me = ms[live], re_[live]
    ns = np.flatnonzero(solid)
    first = ns[np.minimum(np.searchsorted(ns, ms), len(ns) - 1)] if len(ns) else ms
    in_run = (first >= ms) & (first < me)
    ends_in_term = np.zeros(len(me), dtype=np.bool_)
    inner = me < n
    ends_in_term[inner] = term[me[inner]]
    return np.where(in_run, first, me)[in_run | ends_in_term]
