from __future__ import annotations

from annotator import commands as C
from annotator.store import Store

from ..conftest import add_document


def test_add_and_undo_span_on_both_backends(store: Store) -> None:
    doc = add_document(store, "قال حسين إن العراق")
    who = store.annotator_id("sara")
    cmd = C.AddSpan(doc, who, 4, 8, "PER")
    store.run(cmd, who)
    assert [(s.start, s.end, s.label) for s in store.spans(doc)] == [(4, 8, "PER")]
    store.undo(cmd, who)
    assert store.spans(doc) == []
    store.run(cmd, who)  # redo keeps the id
    assert store.spans(doc)[0].id == cmd.span_id
