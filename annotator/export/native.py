"""The native JSONL export (docs/format.md): one line per article with every selected layer.

Keys come in the documented order, blocks by annotator name and items by (start, end, label), so
the output is deterministic: importing it into an empty project and exporting again gives the
same bytes. Every span is validated against the article text before the file is renamed into place.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
from collections.abc import Iterable
from itertools import repeat
from multiprocessing.connection import Connection
from pathlib import Path
from time import perf_counter
from typing import IO, Any

import orjson

from annotator.export.model import (
    EntityColumns,
    ExportError,
    ExportOptions,
    ExportReport,
    Progress,
    XDoc,
    XLayer,
    XQuote,
    XSpan,
    XStance,
)
from annotator.export.query import iter_export_docs
from annotator.export.validate import validate_doc
from annotator.export.writer import atomic_file
from annotator.forksafe import can_fork
from annotator.store import Store

SUFFIX = ".jsonl"
_LINE = orjson.OPT_APPEND_NEWLINE


def _entity(s: XSpan) -> dict[str, Any]:
    d: dict[str, Any] = {"start": s.start, "end": s.end, "label": s.label, "text": s.text,
                         "entity": s.entity, "origin": s.origin}
    if s.status != "active":
        d["status"] = s.status
    return d


def _range(s: XSpan | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _mention(s: XSpan | None) -> dict[str, Any] | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text, "label": s.label}


def _quote(q: XQuote) -> dict[str, Any]:
    d: dict[str, Any] = {
        "content": _range(q.content),
        "cue": _range(q.cue),
        "speaker": _mention(q.speaker),
        "speaker_entity": q.speaker_entity,
        "speaker_text": q.speaker_text,
        "kind": q.kind,
        "origin": q.origin,
    }
    if q.status != "active":
        d["status"] = q.status
    return d


def _stance(s: XStance) -> dict[str, Any]:
    d: dict[str, Any] = {
        "scope": s.scope,
        "holder": _mention(s.holder),
        "holder_entity": s.holder_entity,
        "holder_text": s.holder_text,
        "target": {"entity": s.target_entity, "topic": s.target_topic, "text": s.target_text},
        "polarity": s.polarity,
        "evidence": [_range(e) for e in s.evidence],
        "origin": s.origin,
    }
    if s.status != "active":
        d["status"] = s.status
    return d


def _span_rows(ents: tuple[XSpan, ...] | EntityColumns) -> Iterable[tuple[Any, ...]]:
    """The spans' fields, straight from the columns when the query gave them (no XSpan made)."""
    if not isinstance(ents, EntityColumns):
        return ents
    starts, ends, text = ents.starts, ents.ends, ents.text
    return zip(starts, ends, ents.labels, map(text.__getitem__, map(slice, starts, ends)),
               repeat(None) if ents.uids is None else ents.uids, ents.origins, ents.statuses,
               strict=False)  # uids may be repeat(None)


def _entities(ents: tuple[XSpan, ...] | EntityColumns) -> list[dict[str, Any]]:
    """One dict per span, built inline (the hot loop of the native export)."""
    if isinstance(ents, EntityColumns) and ents.statuses.count("active") == len(ents.statuses):
        # columns of active spans (the usual case): no status test per span
        starts, ends, text = ents.starts, ents.ends, ents.text
        origins = ents.origins
        if ents.uids is None and origins and origins.count(origins[0]) == len(origins):
            # and one origin, no canonical entity linked: two fields fewer to pass per span
            origin = origins[0]
            return [
                {"start": a, "end": b, "label": label, "text": t, "entity": None, "origin": origin}
                for a, b, label, t in zip(starts, ends, ents.labels, map(text.__getitem__, map(slice, starts, ends)),
                                          strict=True)
            ]
        return [
            {"start": a, "end": b, "label": label, "text": t, "entity": ent, "origin": origin}
            for a, b, label, t, ent, origin in zip(
                starts, ends, ents.labels, map(text.__getitem__, map(slice, starts, ends)),
                repeat(None) if ents.uids is None else ents.uids, ents.origins, strict=False)  # uids may repeat
        ]
    return [
        {"start": a, "end": b, "label": label, "text": text, "entity": ent, "origin": origin}
        if status == "active" else _entity(XSpan(a, b, label, text, ent, origin, status))
        for a, b, label, text, ent, origin, status in _span_rows(ents)
    ]


def _block(layer: XLayer) -> dict[str, Any]:
    return {
        "annotator": layer.annotator,
        "status": layer.status,
        "seconds": float(layer.seconds),
        "entities": _entities(layer.entities),
        "quotes": [_quote(q) for q in layer.quotes],
        "stances": [_stance(s) for s in layer.stances],
    }


def record(doc: XDoc) -> dict[str, Any]:
    """The JSON object of one article, keys in the order docs/format.md shows."""
    return {
        "id": doc.uid,
        "title": doc.title,
        "text": doc.text,
        "meta": {
            "source": doc.source,
            "published": doc.published,
            "url": doc.url,
            "language": doc.language,
            "provenance": doc.provenance,
            "extra": doc.meta,
        },
        "annotations": [_block(layer) for layer in doc.layers],
        "kb": [{"id": e.uid, "name": e.name, "type": e.type, "aliases": list(e.aliases)} for e in doc.kb],
    }


#: below this many articles the export runs in one process (a fork costs more than it saves)
FORK_MIN_ARTICLES = 2000


def write(store: Store, options: ExportOptions, out: Path, progress: Progress | None = None) -> ExportReport:
    """Write the native JSONL file ``out`` atomically; raises ExportError if a span fails validation.

    On a SQLite project of many articles, where the process may fork (the CLI, not the GUI), the
    second half of the articles is written by a forked process into a part file while this one
    writes the first half, and the part is appended: the same bytes in about half the time on two
    cores. If anything committed to the project meanwhile (``PRAGMA data_version`` moved), the
    two halves might not be one snapshot, so the export is written again in this process alone.
    """
    if options.split is not None:
        raise ExportError("the native format keeps the whole project in one file; --split is for training formats")
    t0 = perf_counter()
    report = ExportReport(paths=[Path(out)])
    with atomic_file(Path(out)) as f:
        if not (_forkable(store) and _write_forked(store, options, Path(out), f, report, progress)):
            _write_part(store, options, f, report, progress, None)
    report.seconds = perf_counter() - t0
    return report


def _write_part(store: Store, options: ExportOptions, f: IO[bytes], report: ExportReport,
                progress: Progress | None, part: tuple[int, int] | None) -> None:
    for doc in iter_export_docs(store, options, progress, columns=True, part=part):
        validate_doc(doc)
        f.write(orjson.dumps(record(doc), option=_LINE))
        report.count(doc)


def _forkable(store: Store) -> bool:
    return (store.dialect == "sqlite" and store.path is not None and (os.cpu_count() or 1) >= 2
            and can_fork() and store.doc_count() >= FORK_MIN_ARTICLES)


def _write_forked(store: Store, options: ExportOptions, out: Path, f: IO[bytes], report: ExportReport,
                  progress: Progress | None) -> bool:
    """The export in two processes (see :func:`write`); False, with ``f`` emptied, when it must
    be written again in one."""
    assert store.path is not None
    watch = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)  # sees commits by anyone else
    version = watch.execute("PRAGMA data_version").fetchone()[0]
    part_path = out.with_name(f".{out.name}.{os.getpid()}.part")
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(store.path, options, part_path, send), name="native-export", daemon=True)
    try:
        child.start()
        send.close()
        half = None if progress is None else (lambda done, total: progress(done, 2 * total))
        _write_part(store, options, f, report, half, (0, 2))
        try:
            got: tuple[Any, ...] = receive.recv()
        except EOFError:  # the process ended without a word
            got = ("error", "no result")
        child.join()
        if got[0] == "export-error":
            raise ExportError(got[1])
        same = watch.execute("PRAGMA data_version").fetchone()[0] == version
        if got[0] != "ok" or child.exitcode != 0 or not same:
            f.seek(0)
            f.truncate()
            report.documents = report.spans = report.quotes = report.stances = 0
            return False
        with part_path.open("rb") as part:
            shutil.copyfileobj(part, f, 1 << 22)
        report.documents += got[1]
        report.spans += got[2]
        report.quotes += got[3]
        report.stances += got[4]
        if progress is not None:
            progress(report.documents, report.documents)
        return True
    finally:
        receive.close()
        watch.close()
        if child.is_alive():
            child.kill()
            child.join()
        part_path.unlink(missing_ok=True)


def _child(path: Path, options: ExportOptions, part_path: Path, send: Connection) -> None:
    """The forked half: the second share of the articles into ``part_path``, its counts to ``send``.
    It opens the project afresh and never touches the connections it inherited."""
    try:
        store = Store.open(path)
        report = ExportReport()
        with part_path.open("wb", buffering=1 << 20) as f:
            _write_part(store, options, f, report, None, (1, 2))
        send.send(("ok", report.documents, report.spans, report.quotes, report.stances))
    except ExportError as e:
        send.send(("export-error", str(e)))
    except Exception as e:  # reported, and the parent writes the export alone
        send.send(("error", repr(e)))
    finally:
        send.close()
