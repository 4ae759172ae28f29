"""Quote suggestions from cue verbs, quotation marks and إن/أن clauses.

A cue verb (the schema's cues, also with an attached و/ف: وقال، وأضاف; and the participles that
continue a quote: مؤكدا، مشيرا ...) opens a search to the end of its sentence for what introduces
the speech: a colon or quoted words (direct), or إن/أن (indirect; *mixed* when the clause quotes
words). The speaker is the subject right after the verb (قال وزير الخارجية العراقي فؤاد حسين إن),
else a person/organization mention earlier in the sentence, else the previous quote's speaker
(وأضاف أن ...), else the nearest earlier mention. Long quoted passages without a cue before them
and headline quotes (العراق: قواتنا ...) are proposed too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator import text as T
from annotator.suggest.base import SPEAKER_LABELS, Mention
from annotator.suggest.clauses import (
    COMP_KEYS,
    MIN_ORPHAN_WORDS,
    MIN_QUOTED_WORDS,
    TITLE_KEYS,
    Tokens,
    content_after,
    mention_in,
    preverbal_subject,
    subject,
    trim,
)


@dataclass(frozen=True, slots=True)
class FoundQuote:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    kind: str  # direct | indirect | mixed
    speaker_text: str
    speaker: tuple[int, int] | None  # the subject phrase or the mention used as speaker
    speaker_mention: Mention | None  # a PER/ORG mention inside ``speaker`` when there is one


def find_quotes(
    text: str,
    mentions: Sequence[Mention],
    cue_keys: frozenset[str],
    variants: T.Variants = T.DEFAULT,
) -> list[FoundQuote]:
    """Quote candidates of one article, in text order (see the module docstring for the rules)."""
    tx = Tokens(text, cue_keys, variants)
    n = len(tx.toks)
    found: list[tuple[int, FoundQuote]] = []  # (cue or opening token, quote)
    used: set[int] = set()

    def outside_quotes(m: Mention) -> bool:
        i = tx.index_at(m.start)
        return not tx.inside[i] and not any(q.content[0] <= m.start < q.content[1] for _, q in found)

    speakers = [m for m in mentions if m.label in SPEAKER_LABELS]

    def fallback(at: int, participle: bool) -> FoundQuote | None:
        """A quote-shaped record carrying only the speaker, from context before token ``at``."""
        pos = tx.toks[at].start
        prev = [q for i, q in found if i < at and q.speaker_text and tx.para[i] >= tx.para[at] - 2]
        same = [
            m
            for m in speakers
            if m.end <= pos and tx.sent[tx.index_at(m.start)] == tx.sent[at] and outside_quotes(m)
        ]
        before = [m for m in speakers if m.end <= pos and outside_quotes(m)]
        options: list[FoundQuote | Mention | None] = [same[-1] if same else None, prev[-1] if prev else None]
        if participle:
            options.reverse()
        options.append(before[-1] if before else None)
        for o in options:
            if isinstance(o, FoundQuote):
                return o
            if isinstance(o, Mention):
                return FoundQuote((0, 0), None, "", text[o.start : o.end], (o.start, o.end), o)
        return None

    def make(
        at: int, cue: int | None, content: tuple[int, int], kind: str, subj: tuple[int, int] | None
    ) -> None:
        if subj is not None:
            a, b = tx.range_of(*subj)
            m = mention_in(speakers, a, b, SPEAKER_LABELS)
            found.append(
                (
                    at,
                    FoundQuote(
                        content, tx.cue_span(cue) if cue is not None else None, kind, text[a:b], (a, b), m
                    ),
                )
            )
            return
        if cue is not None and (pre := preverbal_subject(tx, cue)) is not None:
            make(at, cue, content, kind, pre)
            return
        ctx = fallback(at, cue is not None and tx.is_participle(cue))
        sp_text, sp, sp_m = (ctx.speaker_text, ctx.speaker, ctx.speaker_mention) if ctx else ("", None, None)
        found.append(
            (at, FoundQuote(content, tx.cue_span(cue) if cue is not None else None, kind, sp_text, sp, sp_m))
        )

    for ci in sorted(tx.cue_strip):
        if ci in used or any(q.content[0] <= tx.toks[ci].start < q.content[1] for _, q in found):
            continue
        sent, scan = tx.sent[ci], ci + 1
        if scan < n and tx.is_participle(scan) and not tx.is_participle(ci):  # أكد قائلا: one cue
            used.add(scan)
            scan += 1
        # a participle (مؤكدا، مشيرا) continues the main verb's sentence: what follows is its object
        subj = None if tx.is_participle(ci) else subject(tx, scan, sent)
        j, intro = scan, None
        while j < n and tx.sent[j] == sent:
            if j in tx.seg:
                if tx.seg_words(j) >= MIN_QUOTED_WORDS:
                    intro = "quote"
                    break
                j = tx.seg[j] + 1
                continue
            if tx.toks[j].text == ":":
                intro = "colon"
                break
            if j in tx.cue_strip:
                break
            if tx.toks[j].is_word and tx.keys[j] in COMP_KEYS:
                intro = "comp"
                break
            j += 1
        if intro is None:
            continue
        got = content_after(tx, intro, j, sent)
        if got is None:
            continue
        if subj is not None and subj[1] >= j:
            subj = None
        make(ci, ci, got[0], got[1], subj)

    # long quoted passages no cue claimed: the cue may follow (بحسب ما قال المتحدث ...) or be absent
    for o, c in sorted(tx.seg.items()):
        a, b = tx.toks[o].end, tx.toks[c].start
        if tx.seg_words(o) < MIN_ORPHAN_WORDS or any(q.content[0] < b and a < q.content[1] for _, q in found):
            continue
        later = next((k for k in range(c + 1, n) if tx.sent[k] != tx.sent[c] or k in tx.cue_strip), None)
        same = later is not None and tx.sent[later] == tx.sent[c]
        cue = later if same and later in tx.cue_strip and later not in used else None
        subj = subject(tx, cue + 1, tx.sent[cue]) if cue is not None else None
        make(o, cue, (a, b), "direct", subj)

    # headlines and captions: "العراق: قواتنا لا تزال ..." (a short speaker, a colon, the words)
    for p in sorted(set(tx.para)):
        idx = [i for i in range(n) if tx.para[i] == p]
        colon = next((i for i in idx if tx.toks[i].text == ":" and not tx.inside[i]), None)
        if colon is None or any(i in tx.cue_strip for i in idx if i < colon):
            continue
        if not 1 <= tx.words_in(idx[0], colon) <= 6 or tx.words_in(colon + 1, idx[-1] + 1) < 3:
            continue
        a, b = tx.toks[idx[0]].start, tx.toks[colon - 1].end
        m = mention_in(mentions, a, b, (*SPEAKER_LABELS, "GPE"))
        if m is None and not any(tx.keys[i] in TITLE_KEYS for i in idx if i < colon):
            continue
        r = trim(tx, colon + 1, idx[-1])
        if r is None:
            continue
        content = (tx.toks[r[0]].start, tx.toks[r[1]].end)
        if any(q.content[0] < content[1] and content[0] < q.content[1] for _, q in found):
            continue
        found.append((idx[0], FoundQuote(content, None, "direct", text[a:b], (a, b), m)))
    return [q for _, q in sorted(found, key=lambda x: x[1].content)]
