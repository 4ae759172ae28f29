"""``annotator adjudicate --accept-agreed`` over a whole project."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.cli import main
from annotator.models import TABLES
from annotator.store import Store

from ..conftest import add_document
from .test_agreement import OMAR, SARA, TEXT, annotate, tok


def test_accept_agreed_everywhere(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path)
    d1 = add_document(store, TEXT)
    d2 = add_document(store, TEXT + " ")
    d3 = add_document(store, TEXT + "  ")
    sara, omar, lina = (store.annotator_id(n) for n in ("sara", "omar", "lina"))
    annotate(store, d1, sara, SARA)
    annotate(store, d1, omar, OMAR)
    annotate(store, d2, sara, SARA)
    annotate(store, d2, omar, SARA)
    annotate(store, d3, sara, SARA)  # one annotator only: nothing to compare, nothing accepted
    annotate(store, d2, lina, OMAR)  # lina is left out with --annotators
    store.close()

    args = ["--project", str(path), "--annotator", "boss", "adjudicate", "--accept-agreed"]
    assert main([*args, "--annotators", "sara,omar"]) == 0
    assert "accepted 5 agreed items into gold in 2 articles" in capsys.readouterr().out
    assert main([*args, "--annotators", "sara,omar"]) == 0
    assert "accepted 0 agreed items" in capsys.readouterr().out

    store = Store.open(path)
    gold = store.gold_id
    assert [(s.start, s.end, s.label) for s in store.spans(d1, gold)] == [(*tok(5), "GPE")]
    assert sorted((s.start, s.end, s.label) for s in store.spans(d2, gold)) == sorted((a, b, lab) for (a, b), lab in SARA)
    assert store.spans(d3, gold) == []
    assert store.doc_status(d2, gold)[0] == "done" and store.doc_status(d1, gold)[0] != "done"
    rd = TABLES["review_decision"]
    with store.read() as conn:
        rows = conn.execute(select(rd.c.reviewer_id, rd.c.decision, rd.c.source_annotator_id)).all()
    boss = store.annotator_id("boss", create=False)
    assert len(rows) == 5 and set(rows) == {(boss, "accept", sara)}
    assert store.annotators(include_gold=True)[-1].role == "reviewer"
    store.close()
    assert main([*args, "--annotators", "sara,nobody"]) == 1


def test_project_wide_accept_is_one_undoable_command(store: Store) -> None:
    from annotator.review.project import accept_agreed_everywhere, review_targets

    docs = [add_document(store, TEXT + " " * i) for i in range(3)]
    sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
    for d in docs:
        annotate(store, d, sara, SARA)
        annotate(store, d, omar, OMAR)
    assert [t.doc_id for t in review_targets(store)] == docs
    rev = store.annotator_id("rev", role="reviewer")
    cmd = accept_agreed_everywhere(store, rev)
    assert (cmd.accepted, cmd.articles) == (3, 3)
    assert all(len(store.spans(d, store.gold_id)) == 1 for d in docs)
    store.undo(cmd, rev)
    assert all(store.spans(d, store.gold_id) == [] for d in docs)
    store.run(cmd, rev)
    assert all(len(store.spans(d, store.gold_id)) == 1 for d in docs)
