"""Training formats written in two processes (annotator.export.forked): the same files, cards and
counts as in one process, for every format that can fork, with and without a split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator import commands as C
from annotator.export import ExportOptions, ExportReport, export, forked, training
from annotator.store import Store

from ..conftest import add_document
from .test_export_training import GOLD2, TEXT2, _spans
from .test_export_training_formats import with_quotes_and_stances

pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")

FORMATS = ["tokens", "conll", "doccano", "label-studio", "quotes", "stances", "spacy"]


@pytest.fixture
def project(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    with_quotes_and_stances(sqlite_store)  # two articles, three annotators, quotes, stances, a kb link
    gold = sqlite_store.gold_id
    for k in range(8):
        text = f"{TEXT2}\nالخبر رقم {k}."
        doc = add_document(sqlite_store, text, uid=f"doc-x{k}")
        for a, b, label in _spans(text, GOLD2[: 1 + k % 4]):
            sqlite_store.run(C.AddSpan(doc, gold, a, b, label))
        sqlite_store.run(C.SetDocStatus(doc, gold, "done"))
    monkeypatch.setattr(forked, "can_fork", lambda settle=None: True)  # the suite may have Qt loaded; no window here
    return sqlite_store


def files(out: Path) -> dict[str, bytes]:
    """Every file the export wrote, the card without its time stamp."""
    found = sorted(out.iterdir()) if out.is_dir() else sorted(out.parent.glob(f"{out.stem}*"))
    got = {}
    for p in found:
        data = p.read_bytes()
        if p.name.endswith("README.md"):
            data = b"\n".join(x for x in data.split(b"\n") if not x.startswith(b"Written by annotator"))
        got[p.name] = data
    return got


def summary(r: ExportReport) -> tuple[Any, ...]:
    return r.documents, r.spans, r.quotes, r.stances, r.notes


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("split", [None, (50, 25, 25)])
def test_two_processes_write_what_one_does(project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           fmt: str, split: tuple[int, int, int] | None) -> None:
    opts = ExportOptions(layer="all", split=split, nested="columns", extra={"docbin": False})
    suffix = {"conll": ".conll", "label-studio": ".json"}.get(fmt, ".jsonl")
    with monkeypatch.context() as m:
        m.setattr(forked, "FORK_MIN_ARTICLES", 10**9)
        one = export(project, fmt, opts, tmp_path / "one" / (f"x{suffix}" if split is None else "x"))
    calls: list[int] = []
    real = training._write_halves

    def spy(*args: Any) -> None:
        calls.append(1)
        real(*args)

    monkeypatch.setattr(training, "_write_halves", spy)
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 2)
    two = export(project, fmt, opts, tmp_path / "two" / (f"x{suffix}" if split is None else "x"))
    assert calls == [1]
    assert summary(two) == summary(one) and one.documents == 10
    a, b = files(tmp_path / "one" / "x" if split else tmp_path / "one" / f"x{suffix}"), \
        files(tmp_path / "two" / "x" if split else tmp_path / "two" / f"x{suffix}")
    assert a == b and len(a) >= 2
    assert not list((tmp_path / "two").glob(".*"))  # no part file left behind


@pytest.mark.parametrize("split", [None, (50, 25, 25)])
def test_docbins_of_two_processes_are_joined_into_the_docbins_of_one(
        project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, split: tuple[int, int, int] | None) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    opts = ExportOptions(layer="all", split=split, nested="columns")
    with monkeypatch.context() as m:
        m.setattr(forked, "FORK_MIN_ARTICLES", 10**9)
        one = export(project, "spacy", opts, tmp_path / "one" / ("x.jsonl" if split is None else "x"))
    calls: list[int] = []
    real = training._write_halves
    monkeypatch.setattr(training, "_write_halves", lambda *a: (calls.append(1), real(*a))[1])
    monkeypatch.setattr(forked, "FORK_MIN_ARTICLES", 2)
    two = export(project, "spacy", opts, tmp_path / "two" / ("x.jsonl" if split is None else "x"))
    assert calls == [1] and summary(two) == summary(one)
    bins = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.spacy"))
    assert len(bins) == (1 if split is None else 3)
    vocab = spacy.blank("ar").vocab
    for rel in bins:  # the same docs (the bytes differ: compressed in other pieces)
        a = list(DocBin().from_disk(tmp_path / "one" / rel).get_docs(vocab))
        b = list(DocBin().from_disk(tmp_path / "two" / rel).get_docs(vocab))
        assert [d.to_json() for d in a] == [d.to_json() for d in b] and [d.user_data for d in a] == [
            d.user_data for d in b]
        assert [[(s.start, s.end, s.label_) for s in d.spans["sc"]] for d in a] == [
            [(s.start, s.end, s.label_) for s in d.spans["sc"]] for d in b]
    assert {k: v for k, v in files(tmp_path / "one" / ("x" if split else "x.jsonl")).items() if not k.endswith(".spacy")} \
        == {k: v for k, v in files(tmp_path / "two" / ("x" if split else "x.jsonl")).items() if not k.endswith(".spacy")}
