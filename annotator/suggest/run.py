"""Running the suggesters: one article as an undoable command, the whole project in chunks.

Suggestions are rows with status ``suggested`` (origin ``suggested``): they never count as
annotations until accepted (status ``active``); a rejected one keeps its row with status
``rejected`` so the same suggestion is not made again. The project runner is meant for a worker
thread: it reports progress, stops when asked, and commits each chunk of articles in one
transaction (computing outside it, so the write lock is held only for the inserts).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, or_, select

from annotator import text as T
from annotator.commands import AddQuote, AddSpan, Batch, Changes, EditQuote, SetSpanStatus
from annotator.store import AUDIT, D, Q, S, Store, Tx, bulk_insert, insert_with_ids
from annotator.suggest.base import Layer, Mention, QuoteCandidate, SpanCandidate, load_layers, merge_mentions
from annotator.suggest.gazetteer import Gazetteer, from_store
from annotator.suggest.quotes import find_quotes

KINDS = ("entities", "quotes")
ORIGIN = "suggested"


@dataclass
class AddSuggestedQuote(AddQuote):
    """AddQuote whose speaker may be a mention added earlier in the same batch (id known at do time)."""

    speaker_from: AddSpan | None = None

    def do(self, tx: Tx) -> Changes:
        if self.speaker_span_id is None and self.speaker_from is not None:
            self.speaker_span_id = self.speaker_from.span_id
        return super().do(tx)


def compute_article(
    doc_id: int,
    text: str,
    layer: Layer,
    kinds: Sequence[str],
    gazetteer: Gazetteer | None,
    cue_keys: frozenset[str],
    variants: T.Variants,
) -> tuple[list[SpanCandidate], list[QuoteCandidate]]:
    """Entity and quote candidates of one article that the annotator has not labelled or rejected."""
    spans: list[SpanCandidate] = []
    if "entities" in kinds and gazetteer is not None:
        for m in gazetteer.match(text):
            if layer.span_allowed(m.start, m.end, m.label):
                layer.add_span(m.start, m.end, m.label)
                spans.append(SpanCandidate(doc_id, m.start, m.end, m.label, m.entity_id))
    quotes: list[QuoteCandidate] = []
    if "quotes" in kinds:
        mentions = merge_mentions(layer.mentions, (Mention(c.start, c.end, c.label) for c in spans))
        for q in find_quotes(text, mentions, cue_keys, variants):
            if q.content[0] < q.content[1] and layer.quote_allowed(*q.content):
                layer.add_quote(*q.content)
                sid = q.speaker_mention.span_id if q.speaker_mention else None
                sp = (q.speaker_mention.start, q.speaker_mention.end) if q.speaker_mention else q.speaker
                quotes.append(QuoteCandidate(doc_id, q.content, q.cue, q.kind, q.speaker_text, sp, sid))
    return spans, quotes


def suggest_article(
    store: Store,
    doc_id: int,
    annotator_id: int,
    kinds: Sequence[str] = KINDS,
    *,
    gazetteer: Gazetteer | None = None,
) -> Batch:
    """One undoable command adding this article's suggestions (empty when there is nothing new)."""
    text = store.document(doc_id).text
    with store.read() as conn:
        layer = load_layers(conn, [doc_id], annotator_id, store.gold_id)[doc_id]
    if "entities" in kinds and gazetteer is None:
        gazetteer = from_store(store, annotator_id)
    spans, quotes = compute_article(
        doc_id, text, layer, kinds, gazetteer, store.schema.cue_keys, store.variants
    )
    cmds: list[Any] = []
    by_range: dict[tuple[int, int], AddSpan] = {}
    for c in spans:
        add = AddSpan(
            doc_id,
            annotator_id,
            c.start,
            c.end,
            c.label,
            origin=ORIGIN,
            status="suggested",
            entity_id=c.entity_id,
        )
        by_range[(c.start, c.end)] = add
        cmds.append(add)
    for q in quotes:
        cmds.append(
            AddSuggestedQuote(
                doc_id,
                annotator_id,
                q.content,
                q.cue,
                speaker_span_id=q.speaker_span_id,
                speaker_text=q.speaker_text,
                kind=q.kind,
                origin=ORIGIN,
                status="suggested",
                speaker_from=by_range.get(q.speaker) if q.speaker and q.speaker_span_id is None else None,
            )
        )
    return Batch(cmds, label=f"Suggest {len(spans)} mentions and {len(quotes)} quotes")


# --- accepting and rejecting -----------------------------------------------------------------


def _split(store: Store, span_ids: Sequence[int], quote_ids: Sequence[int]) -> tuple[list[int], list[int]]:
    """Entity span ids and quote ids; a quote's content or cue span stands for its quote."""
    ids = list(dict.fromkeys(span_ids))
    quotes = list(dict.fromkeys(quote_ids))
    owner: dict[int, int] = {}
    with store.read() as conn:
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            rows = conn.execute(
                select(Q.c.id, Q.c.content_span_id, Q.c.cue_span_id).where(
                    or_(Q.c.content_span_id.in_(chunk), Q.c.cue_span_id.in_(chunk))
                )
            )
            for qid, content, cue in rows:
                owner[int(content)] = int(qid)
                if cue is not None:
                    owner[int(cue)] = int(qid)
    spans = [sid for sid in ids if sid not in owner]
    quotes += [q for q in dict.fromkeys(owner[sid] for sid in ids if sid in owner) if q not in quotes]
    return spans, quotes


def _set_status(store: Store, status: str, span_ids: Sequence[int], quote_ids: Sequence[int]) -> Batch:
    spans, quotes = _split(store, span_ids, quote_ids)
    if status == "active":  # an accepted quote's suggested speaker mention is accepted with it
        for qid in quotes:
            row = store.quote(qid)
            sp = store.span(row.speaker_span_id) if row and row.speaker_span_id else None
            if sp is not None and sp.status == "suggested" and sp.id not in spans:
                spans.append(sp.id)
    cmds: list[Any] = [SetSpanStatus(spans, status)] if spans else []
    cmds += [EditQuote(q, {"status": status}) for q in quotes]
    verb = "Accept" if status == "active" else "Reject"
    n = len(spans) + len(quotes)
    return Batch(cmds, label=f"{verb} {n} suggestion{'s' if n != 1 else ''}")


def accept(store: Store, span_ids: Sequence[int] = (), quote_ids: Sequence[int] = ()) -> Batch:
    """The command accepting suggestions (they become annotations: status ``active``)."""
    return _set_status(store, "active", span_ids, quote_ids)


def reject(store: Store, span_ids: Sequence[int] = (), quote_ids: Sequence[int] = ()) -> Batch:
    """The command rejecting suggestions; the rejected rows stay so they are never suggested again."""
    return _set_status(store, "rejected", span_ids, quote_ids)


# --- the whole project -----------------------------------------------------------------------


@dataclass
class SuggestReport:
    total: int = 0  # articles to do
    articles: int = 0  # articles done (committed)
    spans: int = 0
    quotes: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    per_label: dict[str, int] = field(default_factory=dict)


def _write_chunk(
    conn: Any, annotator_id: int, found: list[tuple[list[SpanCandidate], list[QuoteCandidate]]]
) -> None:
    """Bulk inserts for one chunk, ids reserved up front (:func:`insert_with_ids`: one executemany
    each, no RETURNING per row); see PITFALLS on ORM speed."""
    base = {"annotator_id": annotator_id, "origin": ORIGIN, "status": "suggested"}
    span_rows: list[dict[str, Any]] = [
        {
            **base,
            "doc_id": c.doc_id,
            "start": c.start,
            "end": c.end,
            "layer": "entity",
            "label": c.label,
            "entity_id": c.entity_id,
        }
        for spans, _ in found
        for c in spans
    ]
    new_ids: dict[tuple[int, int, int], int] = {}
    if span_rows:
        ids = insert_with_ids(conn, S, span_rows)
        new_ids = {(r["doc_id"], r["start"], r["end"]): i for r, i in zip(span_rows, ids, strict=True)}
    quotes = [q for _, qs in found for q in qs]
    if not quotes:
        return
    rows = []
    for q in quotes:
        rows.append(
            {
                **base,
                "doc_id": q.doc_id,
                "start": q.content[0],
                "end": q.content[1],
                "layer": "quote",
                "label": "QUOTE",
                "entity_id": None,
            }
        )
        if q.cue is not None:
            rows.append(
                {
                    **base,
                    "doc_id": q.doc_id,
                    "start": q.cue[0],
                    "end": q.cue[1],
                    "layer": "cue",
                    "label": "CUE",
                    "entity_id": None,
                }
            )
    quote_ids = iter(insert_with_ids(conn, S, rows))
    qrows = []
    for q in quotes:
        content = next(quote_ids)
        cue = next(quote_ids) if q.cue is not None else None
        speaker = q.speaker_span_id or (new_ids.get((q.doc_id, *q.speaker)) if q.speaker else None)
        qrows.append(
            {
                "doc_id": q.doc_id,
                "annotator_id": annotator_id,
                "content_span_id": content,
                "cue_span_id": cue,
                "speaker_span_id": speaker,
                "speaker_entity_id": None,
                "speaker_text": q.speaker_text.strip(),
                "kind": q.kind,
                "origin": ORIGIN,
                "status": "suggested",
            }
        )
    bulk_insert(conn, Q, qrows)


def suggest_project(
    store: Store,
    annotator_id: int,
    kinds: Sequence[str] = KINDS,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    doc_ids: Sequence[int] | None = None,
    chunk_size: int = 200,
) -> SuggestReport:
    """Suggest over many articles, committing per chunk; safe to call from a worker thread.

    ``progress(done, total)`` is called after each committed chunk; when ``cancelled()`` turns
    true the chunk being computed is dropped and the run stops (earlier chunks stay committed).
    """
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown suggestion kind(s) {sorted(unknown)}; expected {', '.join(KINDS)}")
    t0 = time.perf_counter()
    ids = list(doc_ids) if doc_ids is not None else store.doc_ids()
    report = SuggestReport(total=len(ids))
    gz = from_store(store, annotator_id) if "entities" in kinds else None
    cue_keys, variants, gold = store.schema.cue_keys, store.variants, store.gold_id
    if progress:
        progress(0, len(ids))
    for at in range(0, len(ids), chunk_size):
        chunk = ids[at : at + chunk_size]
        found = []
        with store.read() as conn:
            rows = conn.execute(select(D.c.id, D.c.text).where(D.c.id.in_(chunk)))
            texts: dict[int, str] = {int(i): str(t) for i, t in rows}
            layers = load_layers(conn, chunk, annotator_id, gold)
        for doc_id in chunk:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            found.append(
                compute_article(doc_id, texts[doc_id], layers[doc_id], kinds, gz, cue_keys, variants)
            )
        if report.cancelled:
            break
        with store.write() as conn:
            _write_chunk(conn, annotator_id, found)
            n_spans = sum(len(s) for s, _ in found)
            n_quotes = sum(len(q) for _, q in found)
            conn.execute(
                insert(AUDIT).values(
                    annotator_id=annotator_id,
                    action="SuggestProject",
                    doc_id=None,
                    detail={
                        "articles": len(chunk),
                        "spans": n_spans,
                        "quotes": n_quotes,
                        "kinds": list(kinds),
                    },
                )
            )
        report.articles += len(chunk)
        report.spans += n_spans
        report.quotes += n_quotes
        for spans, _ in found:
            for c in spans:
                report.per_label[c.label] = report.per_label.get(c.label, 0) + 1
        if progress:
            progress(report.articles, len(ids))
    report.seconds = time.perf_counter() - t0
    return report
