"""Parse large imports in worker processes while the importing process writes to the database.

Decoding, cleaning and JSON parsing are pure Python and dominate a big import; the database
takes one writer. So readers run in forked workers (a fork starts in milliseconds and inherits
the loaded modules, where a spawned interpreter would spend a second importing them) and hand
back validated records, search keys included, in file order. Only where forking is safe: Linux,
a process with one thread and no Qt (the CLI, scripts, the benchmark); elsewhere and for small
inputs the readers run in the calling process, with the same results.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

from annotator import text as T
from annotator.forksafe import can_fork
from annotator.ingest.jsonl import read_lines
from annotator.ingest.records import Context, DocRec, IngestError, Packed, Parsed
from annotator.ingest.txt import read_txt

MIN_TXT_FILES = 1000  # fewer .txt files are read in the calling process
MIN_JSONL_BYTES = 4_000_000  # smaller JSONL files too
JSONL_PART_BYTES = 4_000_000  # a JSONL file is cut into parts of about this size, at line ends
TXT_PART_FILES = 200  # .txt files per task


def workers(settle: Callable[[], object] | None = None) -> int:
    """How many worker processes an import may use here (0: read in the calling process);
    ``settle``: see :func:`annotator.forksafe.can_fork`."""
    wanted = os.environ.get("ANNOTATOR_IMPORT_WORKERS")
    if wanted is not None:
        n = int(wanted)
    else:
        n = min(os.cpu_count() or 1, 4)
        if n < 2:
            return 0
    if n <= 0 or not can_fork(settle):
        return 0
    return n



def make_pool(n: int, *, keys: bool = False) -> ProcessPoolExecutor:
    """``n`` forked readers; ``keys``: they will make search keys, so the key table is built here
    first (once, ~0.1 s) for every worker to inherit instead of each building its own."""
    if keys:
        T.fts_key("")
    return ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"))


def ordered[R](pool: ProcessPoolExecutor, fn: Callable[..., R], tasks: Iterable[tuple[Any, ...]],
               window: int) -> Iterator[R]:
    """``fn(*task)`` for every task, in order, at most ``window`` ahead (bounds memory)."""
    pending: deque[Future[R]] = deque()
    it = iter(tasks)
    try:
        for task in it:
            pending.append(pool.submit(fn, *task))
            if len(pending) >= window:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(fn, *nxt))
            yield result
    finally:
        for f in pending:
            f.cancel()


def _pack(docs: list[DocRec], keys: bool) -> None:
    """Ready records to travel back: SQLite's search keys made here (for the whole batch at
    once) and, since SQLite takes UTF-8 bytes as they are, texts and keys as bytes (other
    databases get the records as read)."""
    if keys:
        for d, key in zip(docs, T.fts_keys_utf8([d.title + "\n" + d.text for d in docs]), strict=True):
            d.search_key = key
            d.pack()


# --- .txt -------------------------------------------------------------------------------------


def read_txt_files(paths: list[str], keys: bool) -> Packed:
    """Worker task: several .txt articles, with their search keys when ``keys`` (packed for the trip back)."""
    out = [read_txt(Path(path)) for path in paths]
    _pack([d for parsed in out for d in parsed.docs], keys)
    return Packed(out)


def txt_results(pool: ProcessPoolExecutor | None, paths: list[str], keys: bool) -> Iterator[Parsed]:
    """Each file's :class:`Parsed`, in order (in workers when there is a pool). Paths go as
    strings: pickling a ``Path`` parses it, which adds up over tens of thousands of files."""
    if pool is None:
        for path in paths:
            yield read_txt(Path(path))
        return
    tasks = [(paths[i : i + TXT_PART_FILES], keys) for i in range(0, len(paths), TXT_PART_FILES)]
    for part in ordered(pool, read_txt_files, tasks, window=2 * pool._max_workers):  # type: ignore[attr-defined]
        yield from part


# --- JSONL ------------------------------------------------------------------------------------


def jsonl_parts(fh: BinaryIO, part_bytes: int = JSONL_PART_BYTES) -> Iterator[tuple[int, int, int]]:
    """(start, end, first line number) of consecutive parts of an open file, cut after line ends.

    Read as the parts are handed out: the first part goes to a reader while the rest of the file
    is still being scanned for line ends (not after reading the whole file first). The first
    parts are smaller (1/8, 1/4, 1/2 of ``part_bytes``), so the database starts writing sooner."""
    start, line = 0, 1
    sizes = itertools.chain((max(1, part_bytes // 8), max(1, part_bytes // 4), max(1, part_bytes // 2)),
                            itertools.repeat(part_bytes))
    while block := fh.read(next(sizes)):
        if not block.endswith(b"\n"):
            block += fh.readline()  # on to the end of the line (or of the file)
        end = start + len(block)
        yield start, end, line
        line += block.count(b"\n")
        start = end


def read_jsonl_part(path: Path, start: int, end: int, first: int, ctx: Context,
                    keys: bool) -> tuple[Packed, set[str], int]:
    """Worker task: the lines of one part of a JSONL file (see :func:`annotator.ingest.jsonl.read_lines`)."""
    with path.open("rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    parsed = Parsed("jsonl")
    kinds: set[str] = set()
    lines = data.split(b"\n")  # as iterating over the file does: only LF ends a line
    if lines and not lines[-1]:
        lines.pop()
    read_lines(lines, first, path, ctx, parsed, kinds)
    _pack(parsed.docs, keys)
    return Packed([parsed]), kinds, end - start


def jsonl_results(pool: ProcessPoolExecutor, path: Path, ctx: Context,
                  keys: bool) -> Iterator[tuple[Parsed, set[str], int]]:
    """Each part's records, errors, kinds and size in bytes, in file order."""
    try:
        fh = path.open("rb")
    except OSError as e:
        yield _unreadable(e), set(), 0
        return
    with fh:
        tasks = ((path, a, b, first, ctx, keys) for a, b, first in jsonl_parts(fh))
        try:
            for packed, kinds, size in ordered(pool, read_jsonl_part, tasks, window=2 * pool._max_workers):  # type: ignore[attr-defined]
                yield packed[0], kinds, size
        except OSError as e:
            yield _unreadable(e), set(), 0


def _unreadable(e: OSError) -> Parsed:
    return Parsed("jsonl", errors=[IngestError(0, f"cannot read file: {e.strerror or e}")])
