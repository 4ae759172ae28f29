"""Assignment with overlap: every article to exactly `overlap` annotators, balanced, seeded, undoable."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from sqlalchemy import select

from annotator import commands as C
from annotator.cli import main
from annotator.review.assign import AssignArticles, plan_assignment
from annotator.store import DS, Store

from ..conftest import add_document


def assigned(store: Store) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    with store.read() as conn:
        for doc, ann in conn.execute(select(DS.c.doc_id, DS.c.annotator_id).where(DS.c.assigned.is_(True))):
            out.setdefault(doc, set()).add(ann)
    return out


def make(store: Store, n: int, start: int = 0) -> list[int]:
    return [add_document(store, f"مقال رقم {i} عن بغداد") for i in range(start, start + n)]


def test_two_of_four_balanced_and_undoable(store: Store) -> None:
    docs = make(store, 11)
    anns = [store.annotator_id(n) for n in "abcd"]
    store.run(C.SetDocStatus(docs[0], anns[0], status="in_progress", add_seconds=5))  # an existing row
    cmd = AssignArticles(anns, overlap=2, seed=7)
    store.run(cmd)
    got = assigned(store)
    assert set(got) == set(docs) and all(len(v) == 2 for v in got.values())
    load = Counter(a for v in got.values() for a in v)
    assert sum(load.values()) == 22 and max(load.values()) - min(load.values()) <= 1
    pairs = Counter(tuple(sorted(v)) for v in got.values())
    assert set(pairs) == set(combinations(sorted(anns), 2))  # every pair shares articles
    assert store.doc_status(docs[0], anns[0]) == ("in_progress", 5.0)  # work state untouched
    store.undo(cmd)
    assert assigned(store) == {}
    assert store.doc_status(docs[0], anns[0]) == ("in_progress", 5.0)
    store.run(cmd)  # redo: the same plan
    assert assigned(store) == got


def test_seeded_and_only_unassigned_unless_reassign(store: Store) -> None:
    docs = make(store, 8)
    anns = [store.annotator_id(n) for n in "abcd"]
    first = AssignArticles(anns, overlap=2, seed=1)
    store.run(first)
    assert plan_assignment(docs, anns, 2, seed=1) == first.plan  # deterministic
    assert any(plan_assignment(docs, anns, 2, seed=s) != first.plan for s in range(2, 6))
    before = assigned(store)
    again = AssignArticles(anns, overlap=2, seed=1)
    store.run(again)
    assert again.plan == {} and assigned(store) == before
    new = make(store, 2, start=100)
    more = AssignArticles(anns, overlap=2, seed=1)
    store.run(more)
    assert set(more.plan) == set(new)
    load = Counter(a for v in assigned(store).values() for a in v)
    assert max(load.values()) - min(load.values()) <= 1  # balanced against the work they had
    redo = AssignArticles(anns[:2], overlap=1, seed=3, reassign=True)
    store.run(redo)
    after = assigned(store)
    assert set(after) == set(docs + new) and all(len(v) == 1 and v <= set(anns[:2]) for v in after.values())
    store.undo(redo)
    assert assigned(store) == {**before, **{d: set(more.plan[d]) for d in new}}


def _rows(store: Store) -> list[tuple[object, ...]]:
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(select(DS).order_by(DS.c.doc_id, DS.c.annotator_id))]


def test_undoing_a_reassignment_restores_every_status_row_exactly(store: Store) -> None:
    docs = make(store, 30)
    anns = [store.annotator_id(n) for n in "abc"]
    store.run(C.SetDocStatus(docs[3], anns[2], status="done", add_seconds=12))
    store.run(AssignArticles(anns, overlap=2, seed=4))
    before = _rows(store)
    redo = AssignArticles(anns[1:], overlap=1, seed=9, reassign=True)
    store.run(redo)
    changed = _rows(store)
    assert changed != before and len(assigned(store)) == 30
    store.undo(redo)
    assert _rows(store) == before  # flags and their times, and no row left over
    store.run(redo)
    assert [r[:-1] for r in _rows(store)] == [r[:-1] for r in changed]  # redo: the same rows (new times)


def test_bad_overlap_is_refused(store: Store) -> None:
    make(store, 2)
    anns = [store.annotator_id(n) for n in "ab"]
    with pytest.raises(C.CommandError, match="overlap"):
        store.run(AssignArticles(anns, overlap=3))
    with pytest.raises(C.CommandError, match="gold"):
        store.run(AssignArticles([*anns, store.gold_id], overlap=1))
    assert assigned(store) == {}


def test_assign_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.db"
    store = Store.open(path)
    make(store, 6)
    store.close()
    assert main(["--project", str(path), "assign", "--annotators", "a,b,c,d", "--overlap", "2", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "assigned 6 articles" in out
    assert main(["--project", str(path), "assign", "--annotators", "a,b,c,d", "--overlap", "2"]) == 0
    assert "assigned 0 articles" in capsys.readouterr().out
    assert main(["--project", str(path), "assign", "--annotators", "a,b", "--overlap", "1", "--articles", "all"]) == 0
    assert "assigned 6 articles" in capsys.readouterr().out
    assert main(["--project", str(path), "assign", "--annotators", "a,b", "--overlap", "5"]) == 1
    store = Store.open(path)
    assert all(len(v) == 1 for v in assigned(store).values()) and len(assigned(store)) == 6
    store.close()
