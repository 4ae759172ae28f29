"""The annotations of the open article, cached for the views and kept current from ``Changes``.

One query per table loads an article; after that each edit's ``Changes`` record says which span,
quote and stance ids to re-read, so a single edit costs a few small queries, never a reload.
Rows are the store's frozen row objects (ids and values), never ORM objects.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from annotator.commands import Changes
from annotator.store import DocRow, EntityRow, QuoteRow, SpanRow, StanceRow, Store

VISIBLE_STATUSES = ("active", "suggested")


@dataclass
class Delta:
    """What an update touched in this article: old and new rows of changed spans."""

    old_spans: dict[int, SpanRow] = field(default_factory=dict)
    new_spans: dict[int, SpanRow] = field(default_factory=dict)
    quotes: bool = False
    stances: bool = False
    entities: bool = False
    #: mentions that became or stopped being a quote's speaker (drawn linked to their quote)
    relinked: set[int] = field(default_factory=set)

    @property
    def span_ids(self) -> set[int]:
        return set(self.old_spans) | set(self.new_spans)

    def __bool__(self) -> bool:
        return bool(self.old_spans or self.new_spans or self.quotes or self.stances or self.entities)


def _key(s: SpanRow) -> tuple[int, int, int]:
    return (s.start, -s.end, s.id)


class ArticleState:
    """Spans, quotes and stances of one article and annotator, with lookups the views need."""

    def __init__(self, store: Store, doc: DocRow, annotator_id: int) -> None:
        self.store = store
        self.doc = doc
        self.text = doc.text
        self.annotator_id = annotator_id
        self.spans: dict[int, SpanRow] = {
            s.id: s for s in store.spans(doc.id, annotator_id, statuses=VISIBLE_STATUSES)
        }
        #: entity mentions in reading order (start, -end, id): Tab order and the entity panel's rows
        self.mention_keys: list[tuple[int, int, int]] = sorted(
            _key(s) for s in self.spans.values() if s.layer == "entity"
        )
        #: mentions still suggestions (listed, not counted as annotations), kept current by apply()
        self.suggested_mentions = sum(
            1 for s in self.spans.values() if s.layer == "entity" and s.status == "suggested"
        )
        self.quotes: dict[int, QuoteRow] = {}
        self.stances: dict[int, StanceRow] = {}
        self._entities: dict[int, EntityRow | None] = {}
        self.reload_quotes()
        self.reload_stances()

    # --- loading ---------------------------------------------------------------------------------

    def reload_quotes(self) -> None:
        self.quotes = {
            q.id: q for q in self.store.quotes(self.doc.id, self.annotator_id, statuses=VISIBLE_STATUSES)
        }
        self.quote_by_span: dict[int, int] = {}
        self._quote_refs: set[int] = set()
        #: speaker mention -> the quotes it speaks
        self.speaker_of: dict[int, list[int]] = {}
        for q in self.quotes.values():
            for sid in (q.content_span_id, q.cue_span_id):
                if sid is not None:
                    self.quote_by_span[sid] = q.id
            self._quote_refs |= {
                i for i in (q.content_span_id, q.cue_span_id, q.speaker_span_id) if i is not None
            }
            if q.speaker_span_id is not None:
                self.speaker_of.setdefault(q.speaker_span_id, []).append(q.id)

    def reload_stances(self) -> None:
        self.stances = {
            s.id: s for s in self.store.stances(self.doc.id, self.annotator_id, statuses=VISIBLE_STATUSES)
        }
        self.stance_by_span: dict[int, int] = {}
        self._stance_refs: set[int] = set()
        for st in self.stances.values():
            for sid in st.evidence_span_ids:
                self.stance_by_span[sid] = st.id
            self._stance_refs |= set(st.evidence_span_ids) | (
                {st.holder_span_id} if st.holder_span_id else set()
            )

    def apply(self, changes: Changes) -> Delta:
        """Re-read what ``changes`` touched; return what changed in this article."""
        delta = Delta()
        for sid in changes.spans:
            old = self.spans.get(sid)
            new = self.store.span(sid)
            if new is not None and (
                new.doc_id != self.doc.id
                or new.annotator_id != self.annotator_id
                or new.status not in VISIBLE_STATUSES
            ):
                new = None
            if old is None and new is None:
                continue
            if old == new:
                continue
            if old is not None:
                delta.old_spans[sid] = old
                del self.spans[sid]
                if old.layer == "entity":
                    i = bisect_left(self.mention_keys, _key(old))
                    del self.mention_keys[i]
                    self.suggested_mentions -= old.status == "suggested"
            if new is not None:
                delta.new_spans[sid] = new
                self.spans[sid] = new
                if new.layer == "entity":
                    insort(self.mention_keys, _key(new))
                    self.suggested_mentions += new.status == "suggested"
        touched = delta.span_ids
        # a quote or stance row changes only with its own spans or a mention it names
        if changes.quotes or touched & self._quote_refs:
            before, speakers = self.quotes, set(self.speaker_of)
            self.reload_quotes()
            delta.quotes = before != self.quotes
            delta.relinked = speakers ^ set(self.speaker_of)
        if changes.stances or touched & self._stance_refs:
            before_st = self.stances
            self.reload_stances()
            delta.stances = before_st != self.stances
        if changes.entities:
            self._entities.clear()
            delta.entities = True
        return delta

    # --- lookups ---------------------------------------------------------------------------------

    def entity(self, entity_id: int | None) -> EntityRow | None:
        if entity_id is None:
            return None
        if entity_id not in self._entities:
            self._entities[entity_id] = self.store.entity(entity_id)
        return self._entities[entity_id]

    def span_text(self, span_id: int | None, limit: int = 0) -> str:
        s = self.spans.get(span_id) if span_id is not None else None
        if s is None:
            return ""
        t = self.text[s.start : s.end].replace("\n", " ")
        return t if not limit or len(t) <= limit else t[: limit - 1] + "…"

    def mention_ids(self) -> list[int]:
        return [k[2] for k in self.mention_keys]

    def mention_row(self, span_id: int) -> int:
        """Row of a mention in reading order (-1 if it is not one)."""
        s = self.spans.get(span_id)
        if s is None or s.layer != "entity":
            return -1
        i = bisect_left(self.mention_keys, _key(s))
        return i if i < len(self.mention_keys) and self.mention_keys[i][2] == span_id else -1

    def spans_at(self, cp: int) -> list[SpanRow]:
        """Spans covering code point ``cp``, innermost (shortest) first."""
        hits = [s for s in self.spans.values() if s.start <= cp < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.id))

    def mention_at(self, cp: int) -> SpanRow | None:
        return next((s for s in self.spans_at(cp) if s.layer == "entity"), None)

    def speaker_label(self, q: QuoteRow) -> str:
        if q.speaker_span_id is not None and q.speaker_span_id in self.spans:
            return self.span_text(q.speaker_span_id, 40)
        ent = self.entity(q.speaker_entity_id)
        if ent is not None:
            return ent.name
        return q.speaker_text or "?"

    def holder_label(self, st: StanceRow) -> str:
        if st.scope == "article":
            return QCoreApplication.translate("ArticleState", "the article")
        if st.holder_span_id is not None and st.holder_span_id in self.spans:
            return self.span_text(st.holder_span_id, 40)
        ent = self.entity(st.holder_entity_id)
        return ent.name if ent is not None else (st.holder_text or "?")

    def target_label(self, st: StanceRow) -> str:
        if st.target_topic:
            topic = self.store.schema.topic(st.target_topic)
            return (topic.name_ar or topic.name) if topic else st.target_topic
        ent = self.entity(st.target_entity_id)
        return ent.name if ent is not None else (st.target_text or "?")

    def article_stance(self, topic_id: str) -> StanceRow | None:
        return next(
            (s for s in self.stances.values() if s.scope == "article" and s.target_topic == topic_id), None
        )
