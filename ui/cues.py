"""Cue-verb candidates around a quote, nearest first (the quote editor's suggestions).

A token is a cue when its matching key, after any attached proclitic (وقال → قال), is one of the
schema's cue keys; all normalization comes from :mod:`annotator.text`.
"""

from __future__ import annotations

from annotator import text as T
from annotator.schema import Schema

WINDOW = 160  # code points searched on each side of the quote


def cue_candidates(
    text: str, start: int, end: int, schema: Schema, window: int = WINDOW
) -> list[tuple[int, int]]:
    """(start, end) of cue words within ``window`` of ``text[start:end]``, nearest first."""
    keys = schema.cue_keys
    if not keys:
        return []
    lo, hi = max(0, start - window), min(len(text), end + window)
    out: list[tuple[int, int, int]] = []
    for tok in T.tokenize(text[lo:hi]):
        a, b = lo + tok.start, lo + tok.end
        if tok.kind != "word" or (a < end and b > start):
            continue
        cut = T.proclitic_length(tok.text, keys.__contains__)
        if T.normalize(tok.text[cut:]) in keys:
            distance = start - b if b <= start else a - end
            out.append((distance, a + cut, b))
    return [(a, b) for _, a, b in sorted(out)]
