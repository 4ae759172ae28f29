"""Annotate all occurrences: propose a labelled mention's label on every other occurrence.

Matching is :func:`annotator.text.find_occurrences` (diacritics, hamza/alef forms, ta marbuta,
alef maqsura, tatweel, spelling variants, attached proclitics; spans on the entity only). For the
whole project the full-text index narrows the articles first; exact matching runs within them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from annotator import text as T
from annotator.commands import AddSpan, Batch, CommandError
from annotator.store import Store
from annotator.suggest.base import Layer, SpanCandidate, load_layers

Scope = Literal["article", "project"]


def candidate_docs(store: Store, phrase: str) -> list[int]:
    """Articles whose normalized text may contain ``phrase`` (a superset; exact matching follows).

    One index query: :meth:`Store.search` itself expands the first word's attached proclitics
    (والعراق, للعراق: FTS5 indexes whole words) and the spelling variants; the PostgreSQL index
    matches substrings, clitics included.
    """
    return sorted(store.search(phrase, limit=10_000_000))


def find_candidates(
    store: Store,
    annotator_id: int,
    phrase: str,
    label: str,
    doc_ids: Sequence[int],
    *,
    entity_id: int | None = None,
    layers: dict[int, Layer] | None = None,
) -> list[SpanCandidate]:
    """Every occurrence of ``phrase`` in the given articles the annotator has not labelled or rejected."""
    variants = store.variants
    if layers is None:
        with store.read() as conn:
            layers = load_layers(conn, doc_ids, annotator_id, None)
    out: list[SpanCandidate] = []
    for doc_id, text in store.texts(doc_ids):
        layer = layers[doc_id]
        for a, b in T.find_occurrences(text, phrase, variants):
            if layer.span_allowed(a, b, label):
                layer.add_span(a, b, label)
                out.append(SpanCandidate(doc_id, a, b, label, entity_id))
    return out


def propagate(
    store: Store,
    annotator_id: int,
    *,
    span_id: int | None = None,
    text: str | None = None,
    label: str | None = None,
    doc_id: int | None = None,
    scope: Scope = "article",
) -> list[SpanCandidate]:
    """Candidates for "annotate all": from a span id, or from ``text`` + ``label`` (+ ``doc_id``).

    ``scope="article"`` searches the span's (or ``doc_id``'s) article, ``"project"`` all of them.
    """
    entity_id = None
    if span_id is not None:
        span = store.span(span_id)
        if span is None:
            raise CommandError(f"no span with id {span_id}")
        text = store.document(span.doc_id).text[span.start : span.end]
        label, doc_id, entity_id = span.label, span.doc_id, span.entity_id
    if not text or not label:
        raise CommandError("propagation needs a span id, or a text and a label")
    if store.schema.entity(label) is None:
        raise CommandError(f"label {label!r} is not in the project's schema")
    if scope == "article":
        if doc_id is None:
            raise CommandError("propagation within an article needs the article")
        docs = [doc_id]
    else:
        docs = candidate_docs(store, text)
    return find_candidates(store, annotator_id, text, label, docs, entity_id=entity_id)


def propagate_command(
    store: Store,
    annotator_id: int,
    candidates: Sequence[SpanCandidate],
    *,
    accept: bool = False,
) -> Batch:
    """One undoable batch adding the candidates: as suggestions, or directly active (``accept``)."""
    status = "active" if accept else "suggested"
    cmds = [
        AddSpan(
            c.doc_id,
            annotator_id,
            c.start,
            c.end,
            c.label,
            origin="propagated",
            status=status,
            entity_id=c.entity_id,
        )
        for c in candidates
    ]
    n = len(cmds)
    verb = "Label" if accept else "Suggest"
    return Batch(cmds, label=f"{verb} {n} occurrence{'s' if n != 1 else ''}")
