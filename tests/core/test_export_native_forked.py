"""The native export in two processes (a forked second half, appended): the same bytes as in one,
and back to one process whenever the halves might not be one snapshot or the fork fails."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from annotator import commands as C
from annotator.export import ExportError, ExportOptions, export, forked, native
from annotator.store import Store

from ..conftest import add_document
from .test_export_native import OTHER, TEXT, build

ALL = ExportOptions(layer="all")

# The test process may run threads of earlier tests (Qt's, pools); the export itself forks only
# from a single-threaded process (can_fork), which these tests overrule on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


@pytest.fixture
def project(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    build(sqlite_store)  # two articles with every kind of item
    for k in range(6):
        add_document(sqlite_store, f"{OTHER} {k}", uid=f"doc-x{k}")
    monkeypatch.setattr(forked, "can_fork", lambda settle=None: True)  # the suite has Qt loaded; this test has no window
    return sqlite_store


def halves_used(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record what each forked attempt returned (True: the two halves were used)."""
    seen: list[bool] = []
    real = native._write_halves

    def spy(*args: Any) -> bool:
        seen.append(real(*args))
        return seen[-1]

    monkeypatch.setattr(native, "_write_halves", spy)
    return seen


def single(store: Store, out: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    return single_report(store, out, monkeypatch)[0]


def single_report(store: Store, out: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, tuple[int, ...]]:
    with monkeypatch.context() as m:
        m.setattr(forked, "FORK_MIN_ARTICLES", 10**9)
        r = export(store, "native", ALL, out)
    return out.read_bytes(), (r.documents, r.spans, r.quotes, r.stances)


def test_two_processes_write_the_bytes_one_does(project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want, counts = single_report(project, tmp_path / "one.jsonl", monkeypatch)
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 2)
    seen = halves_used(monkeypatch)
    report = export(project, "native", ALL, tmp_path / "two.jsonl")
    assert seen == [True]
    assert (tmp_path / "two.jsonl").read_bytes() == want and want.count(b"\n") == 8
    assert (report.documents, report.spans, report.quotes, report.stances) == counts == (8, 5, 2, 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.jsonl", "project.db", "project.db-shm",
                                                         "project.db-wal", "two.jsonl"]  # no part left


def test_a_commit_during_the_export_makes_it_start_again_in_one_process(
        project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 2)
    real_child = forked._child

    def child_after_an_edit(path: Path, *args: Any) -> None:  # someone else commits meanwhile
        Store.open(path).run(C.AddSpan(1, Store.open(path).annotator_id("late"), 0, 3, "PER"))
        real_child(path, *args)

    monkeypatch.setattr(forked, "_child", child_after_an_edit)
    seen = halves_used(monkeypatch)
    export(project, "native", ALL, tmp_path / "out.jsonl")
    assert seen == [False]  # the halves may straddle the edit: written again in one process
    got = (tmp_path / "out.jsonl").read_bytes()
    assert b'"annotator":"late"' in got
    assert got == single(project, tmp_path / "again.jsonl", monkeypatch)


def test_a_failing_fork_falls_back_and_a_bad_span_in_the_second_half_is_reported(
        project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 2)
    want = single(project, tmp_path / "one.jsonl", monkeypatch)

    def broken(*args: Any) -> None:
        raise RuntimeError("no")

    with monkeypatch.context() as m:
        m.setattr(forked, "Store", type("S", (), {"open": staticmethod(broken)}))  # the child cannot open it
        seen = halves_used(m)
        export(project, "native", ALL, tmp_path / "fallback.jsonl")
    assert seen == [False] and (tmp_path / "fallback.jsonl").read_bytes() == want

    real = native.validate_doc

    def strict(doc: Any) -> None:
        if doc.uid == "doc-x5":  # in the second half only
            raise ExportError("article doc-x5: span 0-3 does not match the text")
        real(doc)

    monkeypatch.setattr(native, "validate_doc", strict)
    with pytest.raises(ExportError, match="doc-x5"):
        export(project, "native", ALL, tmp_path / "bad.jsonl")
    assert not (tmp_path / "bad.jsonl").exists() and not list(tmp_path.glob(".bad.jsonl*"))
    assert TEXT  # the articles themselves are untouched


def test_progress_covers_both_halves_and_a_vanished_child_means_one_process(
        project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 2)
    want = single(project, tmp_path / "one.jsonl", monkeypatch)
    seen = halves_used(monkeypatch)
    calls: list[tuple[int, int]] = []
    export(project, "native", ALL, tmp_path / "two.jsonl", progress=lambda d, t: calls.append((d, t)))
    assert seen == [True] and calls[-1] == (8, 8)
    assert all(t == 8 for _, t in calls) and [d for d, _ in calls] == sorted(d for d, _ in calls)

    def vanish(*args: Any) -> None:
        os._exit(3)  # killed half-way: no result, no goodbye

    monkeypatch.setattr(forked, "_child", vanish)
    calls.clear()
    export(project, "native", ALL, tmp_path / "three.jsonl", progress=lambda d, t: calls.append((d, t)))
    assert seen == [True, False] and (tmp_path / "three.jsonl").read_bytes() == want and calls[-1] == (8, 8)


def test_the_snapshot_watch_opens_project_paths_with_odd_characters(tmp_path: Path) -> None:
    folder = tmp_path / "my projects #1 ?100%"
    folder.mkdir()
    store = Store.open(folder / "news.db")
    watch = forked.watcher(store.path)  # type: ignore[arg-type]
    try:
        before = watch.execute("PRAGMA data_version").fetchone()[0]
        add_document(store, "نص", uid="d1")  # a commit by another connection moves it
        assert watch.execute("PRAGMA data_version").fetchone()[0] != before
    finally:
        watch.close()
        store.close()
