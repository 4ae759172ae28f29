"""Native JSONL export: exact output for a hand-built project, validation, atomic writes, filters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import update

from annotator import commands as C
from annotator.export import ExportError, ExportOptions, XDoc, XLayer, XSpan, export, format_module
from annotator.export.native import record
from annotator.export.validate import validate_doc
from annotator.export.writer import atomic_file
from annotator.store import D, S, Store

from ..conftest import add_document

TEXT = (
    'قال وزير الخارجية العراقي فؤاد حسين إن العراق "يسعى لمواصلة التنسيق الأمني مع واشنطن". '
    "وأكد مسؤولون أميركيون أن الحوار مستمر."
)
TITLE = "وزير الخارجية العراقي: نسعى لمواصلة التنسيق"
OTHER = "خبر آخر بلا تعليقات عن بغداد."


def rng(part: str, after: int = 0) -> tuple[int, int]:
    i = TEXT.index(part, after)
    return i, i + len(part)


def sp(part: str, label: str, **extra: Any) -> dict[str, Any]:
    a, b = rng(part)
    return {"start": a, "end": b, "label": label, "text": TEXT[a:b], **extra}


def mention(part: str, label: str) -> dict[str, Any]:
    a, b = rng(part)
    return {"start": a, "end": b, "text": TEXT[a:b], "label": label}


def rg(part: str) -> dict[str, Any]:
    a, b = rng(part)
    return {"start": a, "end": b, "text": TEXT[a:b]}


def build(store: Store) -> dict[str, Any]:
    """Two annotators and gold on one article, plus an untouched article; returns ids and uids."""
    doc = add_document(store, TEXT, uid="doc-1", title=TITLE)
    other = add_document(store, OTHER, uid="doc-2")
    sara, omar, gold = store.annotator_id("sara"), store.annotator_id("omar"), store.gold_id
    fuad = C.CreateEntity("فؤاد حسين", "PER", ["حسين"], uid="ent-fuad")
    iraq = C.CreateEntity("العراق", "GPE", uid="ent-iraq")
    store.run(fuad)
    store.run(iraq)
    per = C.AddSpan(doc, sara, *rng("فؤاد حسين"), "PER", entity_id=fuad.entity_id)
    store.run(per)
    store.run(C.AddSpan(doc, sara, *rng("العراق", 30), "GPE", entity_id=iraq.entity_id))
    store.run(C.AddSpan(doc, sara, *rng("واشنطن"), "GPE"))
    store.run(C.AddQuote(doc, sara, rng("يسعى لمواصلة التنسيق الأمني مع واشنطن"), cue=rng("قال"),
                         speaker_span_id=per.span_id))
    store.run(C.AddQuote(doc, sara, rng("أن الحوار مستمر"), cue=rng("أكد"),
                         speaker_text="مسؤولون أميركيون", kind="indirect"))
    store.run(C.AddStance(doc, sara, "favor", holder_span_id=per.span_id, holder_entity_id=fuad.entity_id,
                          target_topic="us_presence_iraq",
                          evidence=[rng("مواصلة التنسيق الأمني"), rng("يسعى")]))
    store.run(C.SetDocStatus(doc, sara, "done", 312.5))
    store.run(C.AddSpan(doc, omar, *rng("وزير الخارجية العراقي"), "PER"))
    store.run(C.AddSpan(doc, omar, *rng("واشنطن"), "GPE", origin="suggested", status="suggested"))
    rejected = C.AddSpan(doc, omar, *rng("الحوار"), "MISC", origin="suggested", status="rejected")
    store.run(rejected)
    store.run(C.SetDocStatus(doc, omar, "in_progress", 40.0))
    store.run(C.AddSpan(doc, gold, *rng("فؤاد حسين"), "PER", entity_id=fuad.entity_id, origin="adjudicated"))
    store.run(C.AddStance(doc, gold, "neutral", scope="article", target_entity_id=iraq.entity_id,
                          target_text="العلاقات مع واشنطن"))
    store.run(C.SetDocStatus(doc, gold, "done", 60.0))
    return {"doc": doc, "other": other, "omar": omar}


def expected_doc1(blocks: list[dict[str, Any]], kb: list[str]) -> dict[str, Any]:
    entities = {
        "ent-fuad": {"id": "ent-fuad", "name": "فؤاد حسين", "type": "PER", "aliases": ["حسين"]},
        "ent-iraq": {"id": "ent-iraq", "name": "العراق", "type": "GPE", "aliases": []},
    }
    return {
        "id": "doc-1", "title": TITLE, "text": TEXT,
        "meta": {"source": None, "published": None, "url": None, "language": "ar", "provenance": {}, "extra": {}},
        "annotations": blocks,
        "kb": [entities[k] for k in kb],
    }


def gold_block() -> dict[str, Any]:
    return {
        "annotator": "gold", "status": "done", "seconds": 60.0,
        "entities": [sp("فؤاد حسين", "PER", entity="ent-fuad", origin="adjudicated")],
        "quotes": [],
        "stances": [{"scope": "article", "holder": None, "holder_entity": None, "holder_text": "",
                     "target": {"entity": "ent-iraq", "topic": None, "text": "العلاقات مع واشنطن"},
                     "polarity": "neutral", "evidence": [], "origin": "manual"}],
    }


def omar_block(suggestions: bool = False) -> dict[str, Any]:
    ents = [sp("وزير الخارجية العراقي", "PER", entity=None, origin="manual")]
    if suggestions:
        ents.append(sp("واشنطن", "GPE", entity=None, origin="suggested", status="suggested"))
    return {"annotator": "omar", "status": "in_progress", "seconds": 40.0, "entities": ents, "quotes": [], "stances": []}


def sara_block(per: str = "PER") -> dict[str, Any]:
    gpe_iraq = rng("العراق", 30)
    return {
        "annotator": "sara", "status": "done", "seconds": 312.5,
        "entities": [
            sp("فؤاد حسين", per, entity="ent-fuad", origin="manual"),
            {"start": gpe_iraq[0], "end": gpe_iraq[1], "label": "GPE", "text": "العراق", "entity": "ent-iraq",
             "origin": "manual"},
            sp("واشنطن", "GPE", entity=None, origin="manual"),
        ],
        "quotes": [
            {"content": rg("يسعى لمواصلة التنسيق الأمني مع واشنطن"), "cue": rg("قال"),
             "speaker": mention("فؤاد حسين", per), "speaker_entity": None, "speaker_text": "",
             "kind": "direct", "origin": "manual"},
            {"content": rg("أن الحوار مستمر"), "cue": rg("أكد"), "speaker": None, "speaker_entity": None,
             "speaker_text": "مسؤولون أميركيون", "kind": "indirect", "origin": "manual"},
        ],
        "stances": [
            {"scope": "mention", "holder": mention("فؤاد حسين", per), "holder_entity": "ent-fuad", "holder_text": "",
             "target": {"entity": None, "topic": "us_presence_iraq", "text": ""}, "polarity": "favor",
             "evidence": [rg("يسعى"), rg("مواصلة التنسيق الأمني")], "origin": "manual"},
        ],
    }


def expected_doc2() -> dict[str, Any]:
    return {"id": "doc-2", "title": "", "text": OTHER,
            "meta": {"source": None, "published": None, "url": None, "language": "ar", "provenance": {}, "extra": {}},
            "annotations": [], "kb": []}


def lines(path: Path) -> list[bytes]:
    got = path.read_bytes().splitlines(keepends=True)
    print([orjson.loads(x) for x in got])  # shown by pytest when a comparison fails
    return got


def dump(*records: dict[str, Any]) -> list[bytes]:
    return [orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records]


def test_native_export_is_exactly_the_documented_format(store: Store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "all.jsonl"
    report = export(store, "native", ExportOptions(), out)
    doc1 = expected_doc1([gold_block(), omar_block(), sara_block()], ["ent-fuad", "ent-iraq"])
    assert lines(out) == dump(doc1, expected_doc2())  # same bytes: key order, item order, non-ASCII kept
    assert "العراق".encode() in out.read_bytes()
    assert (report.documents, report.spans, report.quotes, report.stances) == (2, 5, 2, 2)
    assert report.paths == [out]
    export(store, "native", ExportOptions(), tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").read_bytes() == out.read_bytes()


def test_status_filter_keeps_qualifying_layers_and_articles(store: Store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "done.jsonl"
    export(store, "native", ExportOptions(statuses=("done",)), out)
    assert lines(out) == dump(expected_doc1([gold_block(), sara_block()], ["ent-fuad", "ent-iraq"]))
    export(store, "native", ExportOptions(layer="gold", statuses=("not_started",)), out)
    gold_empty = {"annotator": "gold", "status": "not_started", "seconds": 0.0, "entities": [], "quotes": [], "stances": []}
    assert lines(out) == dump({**expected_doc2(), "annotations": [gold_empty]})


def test_labels_rename_and_named_layers(store: Store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "per.jsonl"
    opts = ExportOptions(layer="annotator", annotators=("sara", "omar"), statuses=("done",),
                         labels=("PER",), rename={"PER": "PERSON"})
    export(store, "native", opts, out)
    sara = sara_block("PERSON")
    sara["entities"] = sara["entities"][:1]
    assert lines(out) == dump(expected_doc1([sara], ["ent-fuad"]))


def test_suggestions_only_on_request_and_rejected_never(store: Store, tmp_path: Path) -> None:
    ids = build(store)
    out = tmp_path / "s.jsonl"
    opts = ExportOptions(layer="annotator", annotators=("omar",), include_suggestions=True)
    export(store, "native", opts, out)
    assert lines(out)[0] == dump(expected_doc1([omar_block(suggestions=True)], []))[0]
    assert b'"MISC"' not in out.read_bytes()
    assert [s.label for s in store.spans(ids["doc"], ids["omar"], statuses=("rejected",))] == ["MISC"]


def test_corrupted_span_fails_validation_and_leaves_no_file(store: Store, tmp_path: Path) -> None:
    ids = build(store)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "bad.jsonl"
    out.write_bytes(b"previous export\n")
    with store.write() as conn:  # what a buggy tool or a hand edit of the database could leave
        conn.execute(update(D).where(D.c.id == ids["doc"]).values(length=len(TEXT) + 10))
        conn.execute(update(S).where(S.c.doc_id == ids["doc"], S.c.label == "MISC").values(status="active", end=len(TEXT) + 3))
    with pytest.raises(ExportError, match=r"article doc-1: entity span \d+:\d+ 'MISC' of 'omar'"):
        export(store, "native", ExportOptions(), out)
    assert out.read_bytes() == b"previous export\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["bad.jsonl"]


def test_validate_names_article_and_span_when_text_differs() -> None:
    good = XSpan(4, 8, "PER", "وزير")
    bad = XSpan(4, 8, "PER", "حسين")
    layer = XLayer("sara", "done", 0.0, (good,), (), ())
    doc = XDoc("u-7", "", TEXT, None, None, None, "ar", {}, {}, (layer,))
    validate_doc(doc)
    with pytest.raises(ExportError, match="article u-7: entity span 4:8 'PER' of 'sara' has text 'حسين'"):
        validate_doc(XDoc("u-7", "", TEXT, None, None, None, "ar", {}, {}, (XLayer("sara", "done", 0.0, (bad,), (), ()),)))
    assert record(doc)["annotations"][0]["entities"][0]["text"] == TEXT[4:8]


def test_atomic_file_keeps_old_content_when_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_file(target) as f:
        f.write(b"partial line")
        raise RuntimeError("formatter crashed")
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    with atomic_file(target) as f:
        f.write(b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_unknown_format_and_annotator_are_clear_errors(sqlite_store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="known formats: native, tokens"):
        format_module("xml")
    with pytest.raises(ExportError, match="no annotator named nadia; the project has: gold"):
        export(sqlite_store, "native", ExportOptions(layer="annotator", annotators=("nadia",)), tmp_path / "x.jsonl")
    assert not (tmp_path / "x.jsonl").exists()


def test_default_output_goes_to_exports_in_current_folder(sqlite_store: Store, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    add_document(sqlite_store, OTHER)
    report = export(sqlite_store, "native", ExportOptions())
    assert report.path is not None and report.path.parent == tmp_path / "exports"
    assert report.path.name.startswith("project-native-") and report.path.suffix == ".jsonl"
    assert orjson.loads(report.path.read_bytes())["text"] == OTHER
    inside = export(sqlite_store, "native", ExportOptions(), tmp_path)  # an existing folder: a file inside it
    assert inside.path is not None and inside.path.parent == tmp_path and inside.path.is_file()


def _shape(docs: list[XDoc]) -> list[tuple[str, list[str]]]:
    return [(d.uid, [layer.annotator for layer in d.layers]) for d in docs]


@pytest.mark.parametrize("opts", [ExportOptions(), ExportOptions(statuses=("not_started", "in_progress")),
                                  ExportOptions(layer="gold"), ExportOptions(labels=("GPE",)),
                                  ExportOptions(include_suggestions=True)])
def test_partial_loading_selects_the_same_articles_and_layers(store: Store, opts: ExportOptions) -> None:
    """Formats that skip entity spans (quotes, stances, split plans) or quotes and stances (the
    entity formats) see the same articles and layers as a full read, only without those items."""
    from annotator.export.query import iter_export_docs

    ids = build(store)
    # layers with no work status and only a quote, only a stance, only an entity span
    lina = store.annotator_id("lina")
    store.run(C.AddSpan(ids["other"], store.annotator_id("nadia"), 0, 3, "GPE"))
    store.run(C.AddQuote(ids["doc"], lina, rng("أن الحوار مستمر"), speaker_text="مسؤولون", kind="indirect"))
    store.run(C.AddStance(ids["other"], store.annotator_id("huda"), "against", scope="article",
                          target_topic="us_presence_iraq"))
    full = list(iter_export_docs(store, opts))
    names = {layer.annotator for d in full for layer in d.layers}
    if opts.layer == "all":
        assert {"lina", "huda", "nadia"} <= names
    for entities, items in ((False, True), (True, False), (False, False)):
        part = list(iter_export_docs(store, opts, entities=entities, items=items))
        assert _shape(part) == _shape(full)
        for got, want in zip((x for d in part for x in d.layers), (x for d in full for x in d.layers), strict=True):
            assert got.entities == (want.entities if entities else ())
            assert (got.quotes, got.stances) == ((want.quotes, want.stances) if items else ((), ()))
