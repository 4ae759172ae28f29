"""Search across the project with results in context, and "label all hits" from there.

The full-text index (over normalized text) finds the candidate articles; exact matching with
:func:`annotator.text.find_occurrences` then gives each hit's offsets, so a query matches through
diacritics, letter forms, spelling variants and attached proclitics like the rest of the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator import text as T
from annotator.commands import AddSpan, Batch, CommandError
from annotator.store import Store
from annotator.suggest.base import load_layers
from annotator.suggest.propagate import candidate_docs


@dataclass(frozen=True, slots=True)
class Hit:
    doc_id: int
    start: int
    end: int
    context_before: str
    match: str
    context_after: str


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """Up to ``width`` characters each side, cut at a space and never across a line break."""
    a = max(0, start - width)
    before = text[a:start]
    if a > 0 and " " in before:
        before = before[before.index(" ") + 1 :]
    before = before.rsplit("\n", 1)[-1]
    b = min(len(text), end + width)
    after = text[end:b]
    if b < len(text) and " " in after:
        after = after[: after.rindex(" ")]
    after = after.split("\n", 1)[0]
    return before, after


def search_project(store: Store, query: str, limit: int = 200, *, context: int = 40) -> list[Hit]:
    """Hits of ``query`` (normalized matching) in article order, at most ``limit``."""
    if not T.normalize(query, store.variants).strip():
        return []
    hits: list[Hit] = []
    for doc_id, text in store.texts(candidate_docs(store, query)):
        for a, b in T.find_occurrences(text, query, store.variants):
            before, after = _context(text, a, b, context)
            hits.append(Hit(doc_id, a, b, before, text[a:b], after))
            if len(hits) >= limit:
                return hits
    return hits


def label_hits(store: Store, hits: Sequence[Hit], label: str, annotator_id: int) -> Batch:
    """One undoable batch labelling every hit (active spans, origin ``propagated``).

    Places the annotator already labelled, or overlapping one of their spans, are skipped, and so
    are remembered rejections of the same label at the same place.
    """
    if store.schema.entity(label) is None:
        raise CommandError(f"label {label!r} is not in the project's schema")
    docs = sorted({h.doc_id for h in hits})
    with store.read() as conn:
        layers = load_layers(conn, docs, annotator_id, None)
    cmds = []
    for h in sorted(hits, key=lambda h: (h.doc_id, h.start)):
        layer = layers[h.doc_id]
        if layer.span_allowed(h.start, h.end, label):
            layer.add_span(h.start, h.end, label)
            cmds.append(
                AddSpan(h.doc_id, annotator_id, h.start, h.end, label, origin="propagated", status="active")
            )
    return Batch(list(cmds), label=f"Label {len(cmds)} hits as {label}")
