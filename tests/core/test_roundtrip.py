"""Round trip: native export -> import into an empty project -> native export gives the same bytes."""

from __future__ import annotations

from pathlib import Path

import orjson

from annotator import commands as C
from annotator.export import ExportOptions, export
from annotator.ingest import import_paths
from annotator.store import Store

from ..conftest import SEEDS
from .test_export_native import build


def roundtrip(source: Store, tmp_path: Path, options: ExportOptions | None = None) -> tuple[bytes, bytes]:
    first = tmp_path / "first.jsonl"
    export(source, "native", options or ExportOptions(), first)
    target = Store.open(tmp_path / "copy.db")
    try:
        report = import_paths(target, [first])
        assert report.ok, [str(f) for f in report.failed]
        second = tmp_path / "second.jsonl"
        export(target, "native", options or ExportOptions(), second)
    finally:
        target.close()
    return first.read_bytes(), second.read_bytes()


def test_hand_built_project_round_trips_byte_for_byte(store: Store, tmp_path: Path) -> None:
    build(store)
    first, second = roundtrip(store, tmp_path)
    assert second == first
    doc = orjson.loads(first.splitlines()[0])
    # the trip carried every kind of annotation, not an empty file
    assert [b["annotator"] for b in doc["annotations"]] == ["gold", "omar", "sara"]
    sara = doc["annotations"][2]
    assert len(sara["entities"]) == 3 and len(sara["quotes"]) == 2 and len(sara["stances"]) == 1
    assert sara["quotes"][0]["speaker"]["label"] == "PER" and sara["stances"][0]["evidence"]
    assert {e["id"] for e in doc["kb"]} == {"ent-fuad", "ent-iraq"}


def test_suggestions_round_trip_when_included(sqlite_store: Store, tmp_path: Path) -> None:
    build(sqlite_store)
    opts = ExportOptions(include_suggestions=True)
    first, second = roundtrip(sqlite_store, tmp_path, opts)
    assert second == first
    assert b'"status":"suggested"' in first


def test_imported_seed_articles_round_trip_with_provenance(sqlite_store: Store, tmp_path: Path) -> None:
    report = import_paths(sqlite_store, [SEEDS])
    assert report.imported == 5
    doc = sqlite_store.doc_ids()[0]
    text = sqlite_store.document(doc).text
    who = sqlite_store.annotator_id("sara")
    start = text.index("فؤاد حسين")
    sqlite_store.run(C.AddSpan(doc, who, start, start + len("فؤاد حسين"), "PER"))
    sqlite_store.run(C.SetDocStatus(doc, who, "in_progress", 7.25))
    first, second = roundtrip(sqlite_store, tmp_path)
    assert second == first
    lines = [orjson.loads(x) for x in first.splitlines()]
    assert len(lines) == 5
    assert lines[0]["meta"]["provenance"]["removed_lines"]  # boilerplate records survive the trip
    assert lines[0]["annotations"][0]["entities"][0]["text"] == "فؤاد حسين"
