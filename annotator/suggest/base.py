"""What every suggester shares: candidate records and the annotator's existing layer of an article.

A suggestion is only *proposed* here. Before anything is written we check the annotator's own
layer: a place already covered is skipped, and a place the annotator rejected before (a row with
status ``rejected`` at the same offsets and label) is remembered and never proposed again.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, select

from annotator.store import Q, S

#: entity labels that can speak (speaker mentions of quotes)
SPEAKER_LABELS = ("PER", "ORG")


@dataclass(frozen=True, slots=True)
class SpanCandidate:
    """A proposed entity mention: offsets into the article text and a label."""

    doc_id: int
    start: int
    end: int
    label: str
    entity_id: int | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A known mention in an article (an existing span or a candidate of the same run)."""

    start: int
    end: int
    label: str
    span_id: int | None = None  # only the annotator's own spans are referenced by id


@dataclass(frozen=True, slots=True)
class QuoteCandidate:
    """A proposed quote: content range, cue range, speaker (text and, if known, its mention) and kind."""

    doc_id: int
    content: tuple[int, int]
    cue: tuple[int, int] | None
    kind: str
    speaker_text: str = ""
    speaker: tuple[int, int] | None = None  # offsets of the speaker phrase or mention
    speaker_span_id: int | None = None


def _overlaps(intervals: list[tuple[int, int]], starts: list[int], longest: int, a: int, b: int) -> bool:
    """Whether [a, b) overlaps any of the sorted intervals (none is longer than ``longest``)."""
    k = bisect.bisect_left(starts, b) - 1
    while k >= 0 and starts[k] > a - longest:
        if intervals[k][1] > a:
            return True
        k -= 1
    return False


@dataclass
class Layer:
    """The annotator's spans and quotes in one article, for the covered/rejected checks."""

    doc_id: int
    entity_rows: list[tuple[int, int, int, str, str]] = field(
        default_factory=list
    )  # id, start, end, label, status
    quote_rows: list[tuple[int, int, str]] = field(default_factory=list)  # content start, end, status
    mentions: list[Mention] = field(default_factory=list)  # entity mentions: own + gold (active)

    def __post_init__(self) -> None:
        self.equal = {(a, b, lab) for _, a, b, lab, st in self.entity_rows if st != "rejected"}
        self.rejected = {(a, b, lab) for _, a, b, lab, st in self.entity_rows if st == "rejected"}
        self._occupied = sorted((a, b) for _, a, b, _, st in self.entity_rows if st != "rejected")
        self._occ_starts = [a for a, _ in self._occupied]
        self._occ_longest = max((b - a for a, b in self._occupied), default=0)
        self.rejected_quotes = {(a, b) for a, b, st in self.quote_rows if st == "rejected"}
        self._quotes = sorted((a, b) for a, b, st in self.quote_rows if st != "rejected")
        self._quote_starts = [a for a, _ in self._quotes]
        self._quote_longest = max((b - a for a, b in self._quotes), default=0)

    def span_allowed(self, start: int, end: int, label: str, *, overlap_ok: bool = False) -> bool:
        """Not rejected before, not already there, and (unless ``overlap_ok``) not overlapping a span."""
        key = (start, end, label)
        if key in self.rejected or key in self.equal:
            return False
        return overlap_ok or not _overlaps(self._occupied, self._occ_starts, self._occ_longest, start, end)

    def quote_allowed(self, start: int, end: int) -> bool:
        """Not rejected before and not overlapping a quote the annotator has or was offered."""
        if (start, end) in self.rejected_quotes:
            return False
        return not _overlaps(self._quotes, self._quote_starts, self._quote_longest, start, end)

    def add_span(self, start: int, end: int, label: str) -> None:
        """Record a span proposed in this run, so later candidates do not collide with it."""
        self.equal.add((start, end, label))
        i = bisect.bisect_left(self._occupied, (start, end))
        self._occupied.insert(i, (start, end))
        self._occ_starts.insert(i, start)
        self._occ_longest = max(self._occ_longest, end - start)

    def add_quote(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._quotes, (start, end))
        self._quotes.insert(i, (start, end))
        self._quote_starts.insert(i, start)
        self._quote_longest = max(self._quote_longest, end - start)


def load_layers(
    conn: Connection, doc_ids: Sequence[int], annotator_id: int, gold_id: int | None
) -> dict[int, Layer]:
    """The annotator's layer of each article in a few queries (bulk, for project runs)."""
    ids = list(doc_ids)
    ents: dict[int, list[tuple[int, int, int, str, str]]] = {d: [] for d in ids}
    quotes: dict[int, list[tuple[int, int, str]]] = {d: [] for d in ids}
    mentions: dict[int, list[Mention]] = {d: [] for d in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        who = [annotator_id] if gold_id is None or gold_id == annotator_id else [annotator_id, gold_id]
        rows = conn.execute(
            select(S.c.id, S.c.doc_id, S.c.annotator_id, S.c.start, S.c.end, S.c.label, S.c.status).where(
                and_(S.c.doc_id.in_(chunk), S.c.layer == "entity", S.c.annotator_id.in_(who))
            )
        )
        for sid, doc, ann, a, b, label, status in rows:
            if ann == annotator_id:
                ents[doc].append((sid, a, b, label, status))
            if status != "rejected" and (ann == annotator_id or status == "active"):
                mentions[doc].append(Mention(a, b, label, sid if ann == annotator_id else None))
        qrows = conn.execute(
            select(Q.c.doc_id, S.c.start, S.c.end, Q.c.status)
            .select_from(Q.join(S, S.c.id == Q.c.content_span_id))
            .where(and_(Q.c.doc_id.in_(chunk), Q.c.annotator_id == annotator_id))
        )
        for doc, a, b, status in qrows:
            quotes[doc].append((a, b, status))
    return {
        d: Layer(d, ents[d], quotes[d], sorted(set(mentions[d]), key=lambda m: (m.start, m.end))) for d in ids
    }


def merge_mentions(existing: Iterable[Mention], extra: Iterable[Mention]) -> list[Mention]:
    """Existing mentions plus new ones that do not overlap them, in text order."""
    out = list(existing)
    spans = [(m.start, m.end) for m in out]
    for m in extra:
        if not any(a < m.end and m.start < b for a, b in spans):
            out.append(m)
            spans.append((m.start, m.end))
    return sorted(out, key=lambda m: (m.start, m.end))
