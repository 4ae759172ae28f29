from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from sqlalchemy import func, select

from annotator.ingest import import_paths
from annotator.store import ST, D, Q, S, Store

TEXT = "قال وزير الخارجية فؤاد حسين إن العراق يريد شراكة مع واشنطن."
# offsets: فؤاد حسين 18:27, العراق 31:37, واشنطن 52:58, قال 0:3, the quote 28:58


def _span(a: int, b: int, **extra: Any) -> dict[str, Any]:
    return {"start": a, "end": b, "text": TEXT[a:b], **extra}


def native_record() -> dict[str, Any]:
    return {
        "id": "art-1",
        "title": "شراكة",
        "text": TEXT,
        "meta": {"source": "الأناضول", "published": "2021-07-23", "url": None, "language": "ar",
                 "provenance": {"file": "a.txt", "format": "txt", "encoding": "utf-8",
                                "removed_lines": [{"line": 2, "text": "المساهمون", "reason": "contributors label"}]},
                 "extra": {"desk": "iraq"}},
        "annotations": [{
            "annotator": "sara", "status": "done", "seconds": 312.5,
            "entities": [_span(18, 27, label="PER", entity="e1", origin="manual"),
                         _span(31, 37, label="GPE", entity=None, origin="manual")],
            "quotes": [{"content": _span(28, 58), "cue": _span(0, 3),
                        "speaker": _span(18, 27, label="PER"), "speaker_entity": "e1",
                        "speaker_text": "", "kind": "indirect", "origin": "manual"}],
            "stances": [{"scope": "mention", "holder": _span(18, 27, label="PER"), "holder_entity": None,
                         "holder_text": "", "target": {"entity": None, "topic": "strategic_dialogue", "text": ""},
                         "polarity": "favor", "evidence": [_span(28, 58)], "origin": "manual"}],
        }],
        "kb": [{"id": "e1", "name": "فؤاد حسين", "type": "PER", "aliases": ["حسين"]}],
    }


def _write(path: Path, records: list[Any]) -> Path:
    path.write_bytes(b"".join(r if isinstance(r, bytes) else orjson.dumps(r) + b"\n" for r in records))
    return path


def _count(store: Store, table: Any) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def test_native_import_restores_every_layer(store: Store, tmp_path: Path) -> None:
    f = _write(tmp_path / "export.jsonl", [native_record()])
    report = import_paths(store, [f])
    assert report.ok, report.failed
    assert (report.imported, report.spans, report.quotes, report.stances) == (1, 2, 1, 1)
    doc = store.document(report.doc_ids[0])
    assert (doc.uid, doc.title, doc.source, doc.published) == ("art-1", "شراكة", "الأناضول", "2021-07-23")
    assert doc.meta == {"desk": "iraq"} and doc.provenance["removed_lines"][0]["text"] == "المساهمون"
    sara = store.annotator_id("sara", create=False)
    assert store.doc_status(doc.id, sara) == ("done", 312.5)
    ents = store.spans(doc.id, sara, layers=["entity"])
    assert [(s.start, s.end, s.label, s.origin) for s in ents] == [(18, 27, "PER", "manual"), (31, 37, "GPE", "manual")]
    linked = store.entity(ents[0].entity_id)  # type: ignore[arg-type]
    assert linked is not None and (linked.uid, linked.name, linked.aliases) == ("e1", "فؤاد حسين", ("حسين",))
    (quote,) = store.quotes(doc.id, sara)
    assert quote.kind == "indirect" and quote.speaker_span_id == ents[0].id and quote.speaker_entity_id == linked.id
    content, cue = store.span(quote.content_span_id), store.span(quote.cue_span_id)  # type: ignore[arg-type]
    assert content and cue and (content.start, content.end, cue.start, cue.end) == (28, 58, 0, 3)
    (stance,) = store.stances(doc.id, sara)
    assert (stance.polarity, stance.target_topic, stance.holder_span_id) == ("favor", "strategic_dialogue", ents[0].id)
    ev = store.span(stance.evidence_span_ids[0])
    assert ev is not None and (ev.layer, ev.start, ev.end) == ("evidence", 28, 58)

    # importing it again, or merging it on top, adds nothing
    spans, quotes, stances = _count(store, S), _count(store, Q), _count(store, ST)
    again = import_paths(store, [f])
    assert (again.imported, again.duplicates, again.spans, again.quotes, again.stances) == (0, 1, 0, 0, 0)
    assert (_count(store, S), _count(store, Q), _count(store, ST)) == (spans, quotes, stances)

    # another annotator's export of the same article merges in, keeping who did what
    other = native_record()
    other["annotations"][0]["annotator"] = "omar"
    other["annotations"][0]["entities"].append(_span(52, 58, label="GPE", origin="manual"))
    merged = import_paths(store, [_write(tmp_path / "omar.jsonl", [other])])
    assert (merged.imported, merged.duplicates, merged.spans, merged.quotes, merged.stances) == (0, 1, 3, 1, 1)
    omar = store.annotator_id("omar", create=False)
    assert len(store.spans(doc.id, omar, layers=["entity"])) == 3
    assert len(store.spans(doc.id, sara, layers=["entity"])) == 2

    # the same canonical entity under another id (another project's export) links to the one we have
    third = native_record()
    third["id"], third["text"] = "art-2", TEXT + " "
    third["kb"] = [{"id": "x9", "name": "فؤاد حسين", "type": "PER", "aliases": []},
                   {"id": "x10", "name": "فؤاد حسين", "type": "PER", "aliases": []}]
    third["annotations"][0]["entities"][0]["entity"] = "x9"
    third["annotations"][0]["entities"][1]["entity"] = "x10"
    third["annotations"][0]["quotes"][0]["speaker_entity"] = "x9"
    linked_again = import_paths(store, [_write(tmp_path / "third.jsonl", [third])])
    assert linked_again.ok, linked_again.failed
    spans = store.spans(linked_again.doc_ids[0], sara, layers=["entity"])
    assert [s.entity_id for s in spans] == [linked.id, linked.id]


def test_doccano_both_forms_with_label_map(sqlite_store: Store, tmp_path: Path) -> None:
    f = _write(tmp_path / "doccano.jsonl", [
        {"id": 7, "text": TEXT, "label": [[18, 27, "PERSON"], [31, 37, "GPE"], [31, 37, "GPE"]]},
        {"text": TEXT + " ثانية", "entities": [{"id": 1, "start_offset": 52, "end_offset": 58, "label": "GPE"}],
         "relations": []},
        {"text": "نص بلا تسميات", "title": "عنوان", "meta": {"k": 1}},
    ])
    refused = import_paths(sqlite_store, [f], annotator="lina")
    (failure,) = refused.failed
    assert failure.line == 1 and "'PERSON'" in failure.message and "--map PERSON=" in failure.message
    assert _count(sqlite_store, D) == 0
    report = import_paths(sqlite_store, [f], annotator="lina", label_map={"PERSON": "PER"})
    assert report.ok and (report.imported, report.spans) == (3, 3)
    lina = sqlite_store.annotator_id("lina", create=False)
    first, second, third = (sqlite_store.document(i) for i in report.doc_ids)
    assert first.uid == "7" and second.uid == "doccano-2"
    assert [(s.start, s.end, s.label, s.origin) for s in sqlite_store.spans(first.id, lina)] == [
        (18, 27, "PER", "imported"), (31, 37, "GPE", "imported")]
    assert [(s.start, s.end) for s in sqlite_store.spans(second.id, lina)] == [(52, 58)]
    assert (third.title, third.meta) == ("عنوان", {"k": 1})
    assert report.files[0].format == "doccano"
    assert import_paths(sqlite_store, [f], annotator="lina", label_map={"PERSON": "PER"}).spans == 0


def test_malformed_lines_reject_the_whole_file(store: Store, tmp_path: Path) -> None:
    good = {"text": TEXT, "label": [[18, 27, "PER"]]}
    f = _write(tmp_path / "bad.jsonl", [good, b'{"text": "broken\n', {"text": TEXT, "label": [[50, 99, "PER"]]},
                                        {"text": TEXT, "label": [[5, 3, "PER"]]}, [1, 2]])
    before = _count(store, D), _count(store, S)
    report = import_paths(store, [f])
    assert (_count(store, D), _count(store, S)) == before
    assert [(e.path.name, e.line) for e in report.failed] == [("bad.jsonl", 2), ("bad.jsonl", 3), ("bad.jsonl", 4),
                                                              ("bad.jsonl", 5)]
    assert "malformed JSON" in report.failed[0].message and "outside the text" in report.failed[1].message
    assert report.imported == 0 and report.files[0].status == "failed"
    # a native span whose text does not match its offsets is garbage too
    rec = native_record()
    rec["annotations"][0]["entities"][0]["start"] = 17
    report = import_paths(store, [_write(tmp_path / "native.jsonl", [rec])])
    assert report.failed[0].line == 1 and "is not text[17:27]" in report.failed[0].message
    assert _count(store, D) == before[0]


def test_conll_two_tag_columns(sqlite_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "ner.conll"
    f.write_text(
        "-DOCSTART- O O\n\n"
        "وزير\tO\tO\nخارجية\tB-ORG\tO\nالعراق\tI-ORG\tB-GPE\nفؤاد\tB-PER\tO\nحسين\tI-PER\tO\n\n"
        "زار\tO\tO\nواشنطن\tI-GPE\tO\n.\tO\tO\n"
        "-DOCSTART- O O\n"
        "بغداد\tB-GPE\tO\n",
        encoding="utf-8",
    )
    report = import_paths(sqlite_store, [f], annotator="lina")
    assert report.ok, report.failed
    first, second = (sqlite_store.document(i) for i in report.doc_ids)
    assert first.text == "وزير خارجية العراق فؤاد حسين\nزار واشنطن ."
    assert (first.uid, second.uid, second.text) == ("ner-1", "ner-2", "بغداد")
    spans = sqlite_store.spans(first.id)
    got = [(first.text[s.start:s.end], s.label) for s in spans]
    assert got == [("خارجية العراق", "ORG"), ("العراق", "GPE"), ("فؤاد حسين", "PER"), ("واشنطن", "GPE")]

    bad = tmp_path / "bad.bio"
    bad.write_text("وزير\tO\nخارجية\tX-ORG\nالعراق\n", encoding="utf-8")
    report = import_paths(sqlite_store, [bad])
    assert [(e.line, e.message.split(":")[0]) for e in report.failed] == [
        (3, "expected a token and at least one tag column, got 'العراق'")]
    report = import_paths(sqlite_store, [bad.with_suffix(".iob")])
    assert "no such file" in report.failed[0].message


def test_two_kb_ids_for_one_entity_make_one_row(sqlite_store: Store, tmp_path: Path) -> None:
    from annotator.store import E

    rec = native_record()
    rec["kb"] = [{"id": "x9", "name": "فؤاد حسين", "type": "PER", "aliases": []},
                 {"id": "x10", "name": "فؤاد حسين", "type": "PER", "aliases": []}]
    rec["annotations"][0]["entities"][1]["entity"] = "x10"
    rec["annotations"][0]["entities"][1]["label"] = "PER"
    rec["annotations"][0]["entities"][0]["entity"] = "x9"
    rec["annotations"][0]["quotes"][0]["speaker_entity"] = None
    report = import_paths(sqlite_store, [_write(tmp_path / "kb.jsonl", [rec])])
    assert report.ok, report.failed
    assert _count(sqlite_store, E) == 1
    ids = {s.entity_id for s in sqlite_store.spans(report.doc_ids[0], layers=["entity"])}
    assert len(ids) == 1 and None not in ids


# pytest may hold other threads (earlier tests' helpers); the importer itself forks only in a
# single-threaded process (annotator.ingest.parallel.workers), which this test overrides
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_parallel_parts_import_jsonl_exactly_as_the_calling_process(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_ingest_txt import _forked

    records: list[Any] = [{"text": f"{TEXT} ({i})", "label": [[18, 27, "PER"], [52, 58, "GPE"]]} for i in range(30)]
    records[7] = records[3]  # a duplicate inside the file, in another part
    records.insert(12, native_record())
    f = _write(tmp_path / "big.jsonl", records)
    serial = Store.open(tmp_path / "serial.db")
    expected = import_paths(serial, [f])
    _forked(monkeypatch)
    forked = Store.open(tmp_path / "forked.db")
    report = import_paths(forked, [f])
    assert (report.imported, report.duplicates, report.spans, report.quotes, report.stances) == (
        expected.imported, expected.duplicates, expected.spans, expected.quotes, expected.stances) == (30, 1, 60, 1, 1)
    assert report.files[0].format == expected.files[0].format == "native"
    with serial.read() as a, forked.read() as b:
        for table in (D, S, Q, ST):
            cols = [c for c in table.c if c.name != "created_at"]
            assert b.execute(select(*cols).order_by(table.c.id)).all() == a.execute(select(*cols).order_by(table.c.id)).all()
    assert forked.search("واشنطن") == serial.search("واشنطن") != []
    assert import_paths(forked, [f]).imported == 0  # idempotent

    # a bad line in a late part: the whole file is refused with file:line and nothing is written
    bad = _write(tmp_path / "bad.jsonl", [*({"text": f"{TEXT} [{i}]"} for i in range(20)), b"{oops\n",
                                          {"text": TEXT, "label": [[50, 99, "PER"]]}])
    before = _count(forked, D)
    report = import_paths(forked, [bad])
    assert [(e.path.name, e.line) for e in report.failed] == [("bad.jsonl", 21), ("bad.jsonl", 22)]
    assert report.files[0].status == "failed" and _count(forked, D) == before


def test_jsonl_parts_cut_after_line_ends_and_number_their_first_lines() -> None:
    import io
    import itertools

    from annotator.ingest.parallel import jsonl_parts

    lines = [b'{"text": "%d"}\n' % i * (1 + i % 3) for i in range(50)]
    data = b"".join(lines) + b'{"text": "last, no line end"}'
    for size in (1, 7, 40, 100, 10_000):
        parts = list(jsonl_parts(io.BytesIO(data), size))
        assert parts[0][0] == 0 and parts[-1][1] == len(data)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(parts))  # contiguous
        for start, end, first in parts:
            assert end == len(data) or data[end - 1 : end] == b"\n"  # every cut follows a line end
            assert end - start >= min(size // 8, len(data) - start)  # the first parts are smaller
            assert first == data.count(b"\n", 0, start) + 1
    assert list(jsonl_parts(io.BytesIO(b""))) == []


def test_parsed_records_travel_by_column_and_come_back_equal() -> None:
    import pickle

    from annotator.ingest.records import (
        DocRec,
        IngestError,
        KbRec,
        LayerRec,
        Packed,
        Parsed,
        QuoteRec,
        SpanRec,
        StanceRec,
    )

    speaker = SpanRec(18, 27, "PER", entity="e1")
    layer = LayerRec("ali", "done", 12.5, [speaker, SpanRec(31, 37, "GPE", origin="manual", status="rejected")],
                     [QuoteRec((28, 58), (0, 3), speaker, "e1", "", "indirect")],
                     [StanceRec("favor", holder=speaker, target_topic="t", evidence=[(28, 58)])])
    docs = [DocRec(1, TEXT, "a", title="t", source="s", meta={"k": [1]}, layers=[layer, LayerRec("gold")],
                   kb=[KbRec("e1", "فؤاد حسين", "PER", ("حسين",))]),
            DocRec(2, TEXT + "!", "b"),  # no layers
            DocRec(3, TEXT + "؟", "c", layers=[LayerRec(entities=[SpanRec(0, 3, "PER")])])]
    docs[1].search_key = b"key"
    docs[1].pack()
    results = [Parsed("native", docs[:1], [], "utf-8"), Parsed("txt", errors=[IngestError(9, "late")]),
               Parsed("native", docs[1:], [], "utf-16")]
    got = pickle.loads(pickle.dumps(Packed(results)))
    assert type(got) is list
    assert [(p.format, p.encoding, len(p.docs)) for p in got] == [("native", "utf-8", 1), ("txt", "utf-8", 0),
                                                                  ("native", "utf-16", 2)]
    assert [(e.line, e.message) for e in got[1].errors] == [(9, "late")]
    back = Parsed("native", got[0].docs + got[2].docs)
    assert back.docs == docs
    assert back.docs[1].packed == docs[1].packed and back.docs[1].text == ""
    assert back.docs[0].content_hash == docs[0].content_hash  # travelled, not recomputed from ""
    # every record and list is its own again (nothing shared between articles or layers)
    back.docs[1].layers.append(LayerRec())
    back.docs[0].layers[1].entities.append(SpanRec(0, 1, "PER"))
    assert back.docs[2].layers == docs[2].layers and len(back.docs[0].layers[0].entities) == 2
    assert pickle.loads(pickle.dumps(Packed())) == []
