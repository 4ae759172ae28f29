"""Merging an annotator's own project copy: no duplicates, identity kept, merging twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from annotator import commands as C
from annotator.cli import main
from annotator.models import TABLES
from annotator.review.adjudicate import AcceptAllAgreed
from annotator.review.merge import merge_projects
from annotator.store import Store

from ..conftest import add_document
from .test_agreement import OMAR, SARA, TEXT, annotate, tok

QUOTE_TEXT = "قال جو بايدن إن القوات ستبقى في العراق."
OMAR_ONLY = "مقال لم يره أحد غير عمر في بغداد"


def where(text: str, part: str) -> tuple[int, int]:
    return text.index(part), text.index(part) + len(part)


BIDEN, CONTENT = where(QUOTE_TEXT, "جو بايدن"), where(QUOTE_TEXT, "القوات ستبقى في العراق")
COUNTED = ("document", "annotator", "entity", "span", "quote", "stance", "stance_evidence", "doc_status",
           "review_decision")


def counts(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {t: int(conn.execute(select(func.count()).select_from(TABLES[t])).scalar() or 0) for t in COUNTED}


def omar_copy(path: Path) -> Path:
    """omar's own project: the shared articles, his annotations, one article and one entity only he has."""
    other = Store.open(path)
    doc = add_document(other, TEXT)
    qdoc = add_document(other, QUOTE_TEXT)
    extra = add_document(other, OMAR_ONLY, uid="omar-only")
    omar = other.annotator_id("omar")
    ent = C.CreateEntity("جو بايدن", "PER", aliases=["بايدن"], uid="biden")
    other.run(ent)
    annotate(other, doc, omar, OMAR)
    m = C.AddSpan(qdoc, omar, *BIDEN, "PER", entity_id=ent.entity_id)
    other.run(m)
    other.run(C.AddQuote(qdoc, omar, CONTENT, cue=(0, 3), speaker_span_id=m.span_id, kind="direct"))
    other.run(C.AddStance(qdoc, omar, "against", holder_span_id=m.span_id, target_topic="us_presence_iraq",
                          evidence=[CONTENT]))
    annotate(other, extra, omar, [(where(OMAR_ONLY, "بغداد"), "GPE")])
    other.run(C.SetDocStatus(doc, omar, status="done", add_seconds=30, assigned=True))
    # omar also annotated sara's article the same way she did, and reviewed it in his copy
    sara_there = other.annotator_id("sara")
    annotate(other, doc, sara_there, SARA)
    other.run(AcceptAllAgreed(doc, other.annotator_id("rev", role="reviewer")))
    other.close()
    return path


def test_merge_two_copies(store: Store, tmp_path: Path) -> None:
    doc = add_document(store, TEXT)
    qdoc = add_document(store, QUOTE_TEXT)
    sara = store.annotator_id("sara")
    annotate(store, doc, sara, SARA)
    store.run(C.SetDocStatus(doc, sara, status="in_progress", add_seconds=50))
    store.run(C.CreateEntity("جو بايدن", "PER", uid="biden-here"))  # same entity, other uid: name+type match
    before = counts(store)
    other = omar_copy(tmp_path / "omar.db")

    report = merge_projects(store, other)
    after = counts(store)
    assert report.added["document"] == 1 and report.matched["document"] == 2
    assert report.annotators_added == ["omar", "rev"]
    assert report.added["entity"] == 0 and report.matched["entity"] == 1
    assert report.added["span"] == 4 + 1 + 1 + 1 + 1 + 1 + 1  # OMAR, mention, content, cue, evidence, extra, gold
    assert report.matched["span"] == 4  # sara's spans in omar's copy are hers here already
    assert after["quote"] == before["quote"] + 1 and after["stance"] == before["stance"] + 1
    assert after["review_decision"] == 1 and after["stance_evidence"] == 1
    assert after["document"] == before["document"] + 1

    omar = store.annotator_id("omar", create=False)
    assert sorted((s.start, s.end, s.label) for s in store.spans(doc, omar)) == sorted(
        (a, b, lab) for (a, b), lab in OMAR)
    assert len(store.spans(doc, sara)) == 4  # not doubled
    [q] = store.quotes(qdoc, omar)
    speaker = store.span(q.speaker_span_id)  # type: ignore[arg-type]
    assert speaker is not None and speaker.annotator_id == omar and (speaker.start, speaker.end) == BIDEN
    [ent] = store.entities("بايدن")
    assert speaker.entity_id == ent.id and ent.aliases == ("بايدن",)  # aliases united
    [st] = store.stances(qdoc, omar)
    assert st.holder_span_id == speaker.id and len(st.evidence_span_ids) == 1
    assert store.doc_status(doc, omar) == ("done", 30.0)
    assert store.doc_status(doc, sara) == ("in_progress", 50.0)
    extra = store.doc_id_by_uid("omar-only")
    assert extra is not None and store.search("عمر") == [extra]  # indexed for search
    gold = [(s.start, s.end, s.label) for s in store.spans(doc, store.gold_id)]
    assert gold == [(*tok(5), "GPE")]

    again = merge_projects(store, other)
    assert not again.changed and counts(store) == after
    assert "nothing new" in again.lines()[-1]


def test_merge_skips_changed_text_and_refuses_non_projects(store: Store, tmp_path: Path) -> None:
    add_document(store, "نص أول", uid="same-uid")
    other = Store.open(tmp_path / "o.db")
    d = add_document(other, "نص آخر مختلف", uid="same-uid")
    annotate(other, d, other.annotator_id("omar"), [((0, 2), "PER")])
    other.close()
    report = merge_projects(store, tmp_path / "o.db")
    assert report.added["document"] == 0 and report.added["span"] == 0
    assert "same-uid" in report.warnings[0]
    with pytest.raises(C.CommandError, match="no project file"):
        merge_projects(store, tmp_path / "missing.db")
    (tmp_path / "junk.db").write_bytes(b"")
    with pytest.raises(C.CommandError, match="not an annotator project"):
        merge_projects(store, tmp_path / "junk.db")


def test_merge_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here = Store.open(tmp_path / "here.db")
    add_document(here, TEXT)
    add_document(here, QUOTE_TEXT)
    here.close()
    other = omar_copy(tmp_path / "omar.db")
    assert main(["--project", str(tmp_path / "here.db"), "merge", str(other)]) == 0
    out = capsys.readouterr().out
    assert "span" in out and "omar" in out
    assert main(["--project", str(tmp_path / "here.db"), "merge", str(other)]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert main(["--project", str(tmp_path / "here.db"), "merge", str(tmp_path / "nope.db")]) == 1


def test_native_import_and_file_merge_agree(store: Store, tmp_path: Path) -> None:
    """The two ways in (import omar's native JSONL export, merge his project file) give the same rows."""
    from annotator.export import export
    from annotator.export.model import ExportOptions
    from annotator.ingest import import_paths

    add_document(store, TEXT)
    add_document(store, QUOTE_TEXT)
    other = omar_copy(tmp_path / "omar.db")
    source = Store.open(other)
    export(source, "native", ExportOptions(), tmp_path / "omar.jsonl")
    source.close()
    import_paths(store, [tmp_path / "omar.jsonl"])
    imported = counts(store)
    report = merge_projects(store, other)
    after = counts(store)
    for table in ("document", "entity", "span", "quote", "stance", "stance_evidence"):
        assert report.added[table] == 0, table
        assert after[table] == imported[table], table
    assert report.added["review_decision"] == 1  # decisions travel only in project files
