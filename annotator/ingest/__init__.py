"""Import articles: ``.txt`` news articles, JSONL (plain, doccano, native) and CoNLL/BIO files.

:func:`import_paths` is the one entry point (the CLI, the first-run import of ``seeds/``, merges
and the round-trip test use it). Each file is read and validated completely, then written in
one transaction, so a bad file changes nothing and the others still import. Many ``.txt`` files
are written several per transaction for speed; if such a batch fails, its files are retried one
by one so only the bad file is left out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from annotator.gcpause import cyclic_gc_paused
from annotator.ingest.conll import read_conll
from annotator.ingest.jsonl import MAX_ERRORS, finish, read_jsonl
from annotator.ingest.parallel import (
    MIN_JSONL_BYTES,
    MIN_TXT_FILES,
    jsonl_results,
    make_pool,
    txt_results,
    workers,
)
from annotator.ingest.records import Context, DocRec, ImportFailure, IngestError, Parsed
from annotator.ingest.write import Counts, Writer
from annotator.store import Store

__all__ = ["DEFAULT_ANNOTATOR", "FORMATS", "FileResult", "ImportFailure", "ImportReport", "import_paths"]

#: who pre-annotated records without an annotator belong to when the caller names nobody
DEFAULT_ANNOTATOR = "imported"
#: file name endings and the reader each goes to
FORMATS = {".txt": "txt", ".jsonl": "jsonl", ".conll": "conll", ".bio": "conll", ".iob": "conll"}
TXT_BATCH = 1000  # .txt files written per transaction (at most; the last one is written after the readers are done)
TXT_BATCH_BYTES = 32_000_000  # ... and at most about this many bytes of them


@dataclass
class FileResult:
    path: Path
    format: str
    status: str  # imported | duplicate | failed | skipped
    imported: int = 0
    duplicates: int = 0
    spans: int = 0
    quotes: int = 0
    stances: int = 0
    errors: list[ImportFailure] = field(default_factory=list)
    reason: str = ""  # why a file was skipped
    doc_ids: list[int] = field(default_factory=list)  # the articles it holds (new or already there)


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[ImportFailure] = field(default_factory=list)
    spans: int = 0
    quotes: int = 0
    stances: int = 0
    files: list[FileResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def skipped(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "skipped"]

    @property
    def failed_files(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def doc_ids(self) -> list[int]:
        return list(dict.fromkeys(i for f in self.files for i in f.doc_ids))

    def add(self, result: FileResult) -> None:
        self.files.append(result)
        self.imported += result.imported
        self.duplicates += result.duplicates
        self.spans += result.spans
        self.quotes += result.quotes
        self.stances += result.stances
        self.failed.extend(result.errors)


def _scan(folder: str, rel: tuple[str, ...], out: list[tuple[tuple[str, ...], str, int]]) -> None:
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name.startswith("."):
                continue
            if e.is_dir(follow_symlinks=False):
                _scan(e.path, (*rel, e.name), out)
            elif e.is_file():
                out.append(((*rel, e.name), e.path, e.stat().st_size))


def _walk(paths: Iterable[str | Path]) -> Iterator[tuple[str, str, str | None, int]]:
    """(file, its lower-case suffix, problem, size) for every file named or found below a named
    folder (hidden ones skipped), folders in path order. One ``scandir`` per folder, suffixes from
    the names as strings: pathlib's own costs add up over tens of thousands of files."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found: list[tuple[tuple[str, ...], str, int]] = []
            _scan(str(path), (), found)
            for rel, f, size in sorted(found):
                yield f, os.path.splitext(rel[-1])[1].lower(), None, size
        elif path.is_file():
            yield str(path), path.suffix.lower(), None, path.stat().st_size
        else:
            yield str(path), path.suffix.lower(), "no such file or folder", 0


def _apply(result: FileResult, counts: Counts) -> None:
    result.imported, result.duplicates = counts.imported, counts.duplicates
    result.spans, result.quotes, result.stances = counts.spans, counts.quotes, counts.stances
    result.doc_ids = counts.doc_ids
    result.status = "imported" if counts.imported or counts.spans or counts.quotes or counts.stances else "duplicate"


def _fail(result: FileResult, errors: Iterable[IngestError]) -> None:
    result.status = "failed"
    result.errors = [ImportFailure(result.path, e.line, e.message) for e in errors]


class _Abandon(Exception):
    """A file's records have errors: roll its transaction back."""


class _Importer:
    def __init__(self, store: Store, annotator: str, label_map: dict[str, str],
                 progress: Callable[[int, int], None] | None, total: int,
                 work: list[tuple[FileResult, int, str]]) -> None:
        self.store = store
        self.writer = Writer(store, annotator)
        self.ctx = Context.make(store.schema, label_map)
        self.progress = progress
        self.total = total
        self.done = 0
        self.pending: list[tuple[FileResult, DocRec]] = []
        self.pending_bytes = 0
        txt = [name for r, _, name in work if r.format == "txt"]  # strings travel to readers cheaply
        big_jsonl = any(r.format == "jsonl" and size >= MIN_JSONL_BYTES for r, size, _ in work)
        # a checkpoint still running (an import just before) must end before the readers fork
        n = workers(store.settle) if len(txt) >= MIN_TXT_FILES or big_jsonl else 0
        self.keys = store.dialect == "sqlite"  # workers make SQLite's search keys
        self.pool = make_pool(n, keys=self.keys) if n else None
        self.txt = txt_results(self.pool if len(txt) >= MIN_TXT_FILES else None, txt, self.keys)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def tick(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def write(self, items: list[tuple[FileResult, list[DocRec]]]) -> bool:
        counts = [Counts() for _ in items]
        try:
            self.writer.write([(c, docs) for c, (_, docs) in zip(counts, items, strict=True)])
        except SQLAlchemyError as e:
            if len(items) == 1:
                _fail(items[0][0], [IngestError(0, f"the database refused it: {getattr(e, 'orig', None) or e}")])
            return False
        for c, (result, _) in zip(counts, items, strict=True):
            _apply(result, c)
        return True

    def flush(self) -> None:
        batch, self.pending, self.pending_bytes = self.pending, [], 0
        if batch and not self.write([(r, [d]) for r, d in batch]):
            for r, d in batch:  # find the file the database refused; the others go in alone
                self.write([(r, [d])])
        if batch and self.pool is not None:  # the readers are forked already: a thread is safe now
            self.store.checkpoint(wait=False)

    def file(self, result: FileResult, size: int) -> None:
        parsed: Parsed
        if result.format == "txt":
            parsed = next(self.txt)
            if parsed.errors:
                _fail(result, parsed.errors)
            else:
                self.pending.append((result, parsed.docs[0]))
                self.pending_bytes += size
                if len(self.pending) >= TXT_BATCH or self.pending_bytes >= TXT_BATCH_BYTES:
                    self.flush()
            self.tick(size)
            return
        self.flush()
        start = self.done
        if result.format == "jsonl" and self.pool is not None and size >= MIN_JSONL_BYTES:
            self.jsonl_parallel(result)
            self.tick(start + size - self.done)
            return
        if result.format == "jsonl":
            parsed = read_jsonl(result.path, self.ctx, lambda n: self.tick(start + n - self.done))
        else:
            parsed = read_conll(result.path, self.ctx)
        result.format = parsed.format
        if parsed.errors:
            _fail(result, parsed.errors)
        else:
            self.write([(result, parsed.docs)])
        self.tick(start + size - self.done)

    def jsonl_parallel(self, result: FileResult) -> None:
        """A big JSONL file: parts parsed in workers are written as they come, in one transaction
        that is rolled back if any line is bad (the file then changes nothing, as in serial)."""
        assert self.pool is not None
        verdict = Parsed("jsonl")  # errors of the whole file; its records go straight to the database
        kinds: set[str] = set()
        counts = Counts()
        records = 0
        try:
            with self.writer.session() as session:
                for part, part_kinds, nbytes in jsonl_results(self.pool, result.path, self.ctx, self.keys):
                    kinds |= part_kinds
                    verdict.errors += part.errors
                    if not verdict.errors:
                        session.add([(counts, part.docs)])
                        records += len(part.docs)
                    self.tick(nbytes)
                    if len(verdict.errors) >= MAX_ERRORS:
                        break
                if records:
                    verdict.docs.append(DocRec(0, "-", "-"))  # stands for the records written
                finish(verdict, kinds)
                if verdict.errors:
                    raise _Abandon
        except _Abandon:
            result.format = verdict.format
            _fail(result, verdict.errors)
            return
        except SQLAlchemyError as e:
            _fail(result, [IngestError(0, f"the database refused it: {getattr(e, 'orig', None) or e}")])
            return
        result.format = verdict.format
        _apply(result, counts)


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    annotator: str | None = None,
    label_map: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import files and folders (walked recursively) into the project; see the module docstring.

    ``annotator`` owns pre-annotated records that name nobody (doccano, CoNLL); ``label_map``
    renames labels found in files to the schema's; ``progress(done_bytes, total_bytes)``.
    """
    with cyclic_gc_paused():
        return _import_paths(store, paths, annotator, label_map, progress)


def _import_paths(store: Store, paths: Iterable[str | Path], annotator: str | None,
                  label_map: dict[str, str] | None, progress: Callable[[int, int], None] | None) -> ImportReport:
    report = ImportReport()
    results: list[FileResult] = []
    work: list[tuple[FileResult, int, str]] = []  # (result, size, the path as found)
    for name, suffix, problem, size in _walk(paths):
        path = Path(name)
        fmt = FORMATS.get(suffix)
        if problem is not None:
            result = FileResult(path, fmt or "", "failed")
            _fail(result, [IngestError(0, problem)])
        elif fmt is None:
            reason = f"not an importable file ({suffix or 'no extension'}; expected {', '.join(FORMATS)})"
            result = FileResult(path, "", "skipped", reason=reason)
        else:
            result = FileResult(path, fmt, "pending")
            work.append((result, size, name))
        results.append(result)
    importer = _Importer(store, annotator or DEFAULT_ANNOTATOR, dict(label_map or {}), progress,
                         sum(size for _, size, _ in work), work)
    try:
        for result, size, _ in work:
            importer.file(result, size)
        importer.flush()
    finally:
        importer.close()
    if work:  # imports write with automatic checkpoints off (Store.write(bulk=True)): one now, on a
        store.checkpoint(wait=False)  # thread of its own (the import is committed; see Store.checkpoint)
    for result in results:
        report.add(result)
    return report
