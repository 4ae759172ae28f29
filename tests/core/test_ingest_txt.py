from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from annotator import commands as C
from annotator.ingest import import_paths
from annotator.ingest.restore import RestoreLines
from annotator.store import CommandError, D, Store

from ..conftest import SEEDS

ARTICLE = "الخارجية العراقيَّة تؤكد الشراكة\n\nقال وزير الخارجية العراقي فؤاد حسين\u00a0إن العراق يسعى للتعاون.\nوأضاف أن الحوار مستمر."


def _rows(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(D)).scalar() or 0)


def _removed(doc_text_lines: list[dict[str, object]], reason: str) -> list[str]:
    return [str(r["text"]) for r in doc_text_lines if r["reason"] == reason]


def test_seed_articles_import_clean(store: Store) -> None:
    report = import_paths(store, [SEEDS])
    assert report.ok and report.imported == 5 and report.duplicates == 0
    docs = {store.document(i).uid: store.document(i) for i in report.doc_ids}
    a = docs["000_a260749bfb491ba1"]
    title = "وزير الخارجية العراقي: نسعى لمواصلة التنسيق الأمنيّ مع واشنطن"
    assert a.title == title
    assert a.text.count(title) == 1 and a.text.startswith(title + "\n\n23 يوليو 2021\n")
    assert "المساهمون" not in a.text and "+ الخط -" not in a.text
    assert "فؤاد حسين\u00a0إن العراق" in a.text  # NBSP inside kept lines is untouched
    removed = a.provenance["removed_lines"]
    assert {"line": 3, "text": title, "reason": "repeated title"} in removed
    assert any(r["line"] == 33 and r["text"] == "المساهمون" for r in removed)
    assert a.provenance["file"] == "000_a260749bfb491ba1.txt" and a.provenance["encoding"] == "utf-8"
    assert (a.published, a.source) == ("2021-07-23", "الأناضول")

    b = docs["001_1a3138c70ab38eb2"]
    assert "cookie" not in b.text.lower() and "Privacy Policy" not in b.text and not b.text.endswith("Close")
    assert _removed(b.provenance["removed_lines"], "cookie / privacy notice")[0].startswith("Read our Privacy Policy")
    assert b.text.endswith("مواصلة ذلك.")
    assert b.published == "2021-07-24"  # "السبت 24 تموز 2021": Levantine month name

    c = docs["003_354d3392e6522b73"]
    assert c.text.count("واشنطن توافق على سحب قواتها من العراق") == 1
    assert "واتساب" not in c.text and "النشرة اليومية" not in c.text
    assert (c.published, c.source) == ("2021-04-07", "العربية")
    assert "\n\nملفات عديدة\n" in c.text  # a short sub-heading in the body is content, not boilerplate

    assert docs["002_891eec3982b9d151"].published == "2021-07-23"
    assert docs["002_891eec3982b9d151"].text.startswith("العراق: قواتنا")
    d = docs["004_17cbc4ecf8b5e0c1"]
    assert d.provenance["removed_lines"] == [] and d.text == (SEEDS / "004_17cbc4ecf8b5e0c1.txt").read_text("utf-8").rstrip("\n")
    for doc in docs.values():
        assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    assert store.search("العراقية")  # indexed for search as part of the import


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-16-le", "utf-8-sig"])
def test_encodings_detected(sqlite_store: Store, tmp_path: Path, encoding: str) -> None:
    text = ARTICLE
    f = tmp_path / "article.txt"
    f.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    report = import_paths(sqlite_store, [f])
    assert report.ok, report.failed
    doc = sqlite_store.document(report.doc_ids[0])
    assert doc.text == text
    assert doc.title == ARTICLE.split("\n")[0]
    found = doc.provenance["encoding"]
    assert found == {"cp1256": "cp1256", "utf-16": "utf-16", "utf-16-le": "utf-16-le", "utf-8-sig": "utf-8-sig"}[encoding]


def test_binary_file_rejected_and_nothing_written(store: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    before = _rows(store)
    report = import_paths(store, [tmp_path])
    assert _rows(store) == before + 1  # the good file still imports
    assert [(f.path.name, f.status) for f in report.files] == [
        ("good.txt", "imported"), ("image.txt", "failed"), ("notes.pdf", "skipped")]
    (failure,) = report.failed
    assert failure.path.name == "image.txt" and "binary file" in failure.message
    assert str(failure).startswith(str(tmp_path / "image.txt"))
    assert "not an importable file" in report.skipped[0].reason


def test_reimport_adds_nothing_and_uid_clash_gets_suffix(sqlite_store: Store, tmp_path: Path) -> None:
    f = tmp_path / "a" / "story.txt"
    f.parent.mkdir()
    f.write_text(ARTICLE, encoding="utf-8")
    first = import_paths(sqlite_store, [f])
    again = import_paths(sqlite_store, [f])
    assert (first.imported, again.imported, again.duplicates) == (1, 0, 1)
    assert again.doc_ids == first.doc_ids
    other = tmp_path / "b" / "story.txt"
    other.parent.mkdir()
    other.write_text(ARTICLE + "\nسطر آخر.", encoding="utf-8")
    third = import_paths(sqlite_store, [other])
    doc = sqlite_store.document(third.doc_ids[0])
    assert doc.uid.startswith("story-") and len(doc.uid) == len("story-") + 8


def test_restore_lines_and_refusal_once_annotated(store: Store) -> None:
    report = import_paths(store, [SEEDS / "000_a260749bfb491ba1.txt"])
    doc_id = report.doc_ids[0]
    before = store.document(doc_id)
    who = store.annotator_id("sara")
    cmd = RestoreLines(doc_id, [7, 33])
    store.run(cmd, who)
    after = store.document(doc_id)
    lines = after.text.split("\n")
    assert "+ الخط -" in lines and lines[-1] == "المساهمون"
    assert lines.index("+ الخط -") == before.text.split("\n").index("وزير الخارجية العراقي فؤاد حسين (الأناضول)") + 1
    assert [r["line"] for r in after.provenance["removed_lines"]] == [3, 4, 32]
    assert store.search("المساهمون") == [doc_id]
    store.undo(cmd, who)
    assert store.document(doc_id).text == before.text and store.search("المساهمون") == []
    # restoring everything gives back the original file's lines
    store.run(RestoreLines(doc_id, [3, 4, 7, 32, 33]), who)
    assert store.document(doc_id).text == (SEEDS / "000_a260749bfb491ba1.txt").read_text("utf-8").rstrip("\n")
    with pytest.raises(CommandError, match="were not removed"):
        store.run(RestoreLines(doc_id, [1]), who)

    report = import_paths(store, [SEEDS / "003_354d3392e6522b73.txt"])
    doc_id = report.doc_ids[0]
    store.run(C.AddSpan(doc_id, who, 0, 6, "GPE"), who)
    with pytest.raises(CommandError, match="offsets"):
        store.run(RestoreLines(doc_id, [2]), who)
    assert store.document(doc_id).text.count("واشنطن توافق على سحب قواتها من العراق") == 1


def test_a_file_the_database_refuses_leaves_no_rows_in_a_batch(sqlite_store: Store, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import IntegrityError

    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"عنوان {i}\n\nنص المقال رقم {i}" + (" BOOM" if i == 2 else ""), "utf-8")
    real = sqlite_store.index_documents

    def refusing(conn, docs, **kw):  # type: ignore[no-untyped-def]
        docs = list(docs)
        if any("BOOM" in body for _, _, body in docs):
            raise IntegrityError("INSERT", {}, Exception("refused"))
        real(conn, docs, **kw)

    monkeypatch.setattr(sqlite_store, "index_documents", refusing)
    report = import_paths(sqlite_store, [tmp_path])
    assert [f.status for f in report.files] == ["imported", "imported", "failed", "imported", "imported"]
    assert "the database refused it" in report.failed[0].message and report.failed[0].path.name == "2.txt"
    assert _rows(sqlite_store) == 4
    assert sorted(sqlite_store.document(i).title for i in report.doc_ids) == ["عنوان 0", "عنوان 1", "عنوان 3", "عنوان 4"]


def _forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make imports use two forked parse workers even for a handful of files (and under pytest-qt)."""
    import annotator.ingest as ingest
    from annotator.ingest import parallel

    monkeypatch.setattr(ingest, "workers", lambda settle=None: 2)
    monkeypatch.setattr(ingest, "MIN_TXT_FILES", 1)
    monkeypatch.setattr(ingest, "MIN_JSONL_BYTES", 1)
    monkeypatch.setattr(parallel, "TXT_PART_FILES", 2)
    monkeypatch.setattr(parallel, "JSONL_PART_BYTES", 300)


def _snapshot(store: Store) -> list[tuple[object, ...]]:
    with store.read() as conn:
        rows = conn.execute(select(D.c.uid, D.c.title, D.c.text, D.c.length, D.c.content_hash, D.c.provenance,
                                   D.c.source, D.c.published).order_by(D.c.id))
        return [tuple(r) for r in rows]


# pytest may hold other threads (earlier tests' helpers); the importer itself forks only in a
# single-threaded process (annotator.ingest.parallel.workers), which this test overrides
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_parallel_workers_import_txt_exactly_as_the_calling_process(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(SEEDS.glob("*.txt")):
        (src / f.name).write_bytes(f.read_bytes())
    (src / "cp1256.txt").write_bytes((ARTICLE + "\nالمساهمون\n").replace("\n", "\r\n").encode("cp1256"))
    (src / "utf16.txt").write_bytes(("عنوان آخر\n" + ARTICLE).encode("utf-16"))
    (src / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (src / "copy.txt").write_bytes((src / "cp1256.txt").read_bytes())  # a duplicate article
    serial = Store.open(tmp_path / "serial.db")
    expected = import_paths(serial, [src])
    _forked(monkeypatch)
    forked = Store.open(tmp_path / "forked.db")
    report = import_paths(forked, [src])
    assert [(f.path.name, f.status) for f in report.files] == [(f.path.name, f.status) for f in expected.files]
    assert [str(f) for f in report.failed] == [str(f) for f in expected.failed] and len(report.failed) == 1
    assert report.imported == expected.imported == 7 and report.duplicates == 1
    assert _snapshot(forked) == _snapshot(serial)
    assert forked.document(forked.doc_id_by_uid("copy") or 0).provenance["encoding"] == "cp1256"
    for query in ("العراقية", "واشنطن", "فؤاد حسين", "الأناضول"):
        assert forked.search(query) == serial.search(query) != []
    assert import_paths(forked, [src]).imported == 0  # idempotent


def test_the_cycle_collector_pauses_during_an_import_and_resumes_after(sqlite_store: Store) -> None:
    import gc

    seen: list[bool] = []
    assert gc.isenabled()
    report = import_paths(sqlite_store, [SEEDS], progress=lambda done, total: seen.append(gc.isenabled()))
    assert report.imported == 5 and seen and not any(seen)  # off while the files were read and written
    assert gc.isenabled()  # and back on afterwards
    gc.disable()
    try:  # a caller that had it off keeps it off
        import_paths(sqlite_store, [SEEDS])
        assert not gc.isenabled()
    finally:
        gc.enable()
