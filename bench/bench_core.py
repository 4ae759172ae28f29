"""Core benchmark (issue 2): import, export, bulk writes, single edits and memory, against targets.

Run ``python bench/bench_core.py`` (``--quick`` for a corpus ten times smaller, with time targets
scaled to match). Everything happens in a temporary folder: the corpus is generated from the
sentences of ``seeds/`` (see ``bench/corpus.py``), projects are fresh SQLite files.
The comparison column holds the figures measured for Label Studio and doccano on the same
machine and corpus size (from the issue).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpus

from annotator import commands as C
from annotator.export import ExportOptions, export
from annotator.ingest.write import insert_with_ids
from annotator.store import D, S, Store

CHILD_IMPORT = """
import json, sys, time
from annotator.store import Store
from annotator.ingest import import_paths
store = Store.open(sys.argv[1])
t0 = time.perf_counter()
report = import_paths(store, [sys.argv[2]])
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "documents": store.doc_count()}))
"""


@dataclass
class Row:
    measure: str
    result: float
    unit: str
    target: float
    higher_is_better: bool
    others: str

    @property
    def ok(self) -> bool:
        return self.result >= self.target if self.higher_is_better else self.result <= self.target

    def cells(self) -> list[str]:
        op = ">=" if self.higher_is_better else "<="
        fmt = (lambda v: f"{v:,.0f}") if self.result >= 1000 or self.target >= 1000 else (lambda v: f"{v:.3g}")
        return [self.measure, f"{fmt(self.result)} {self.unit}", f"{op} {fmt(self.target)} {self.unit}",
                self.others, "pass" if self.ok else "FAIL"]


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t0


def bench_jsonl(tmp: Path, n_docs: int, n_spans: int, scale: float, rows: list[Row]) -> Store:
    from annotator.ingest import import_paths

    path = tmp / "corpus.jsonl"
    docs, spans = corpus.write_doccano_jsonl(path, n_docs, n_spans)
    mb = path.stat().st_size / 1e6
    print(f"corpus: {docs} articles, {spans} spans, {mb:.1f} MB of doccano JSONL", file=sys.stderr)
    store = Store.open(tmp / "jsonl.db")
    _, secs = timed(import_paths, store, [path])
    got = store.doc_count()
    if got != docs:
        raise SystemExit(f"JSONL import stored {got} articles out of {docs}")
    rows.append(Row(f"import {docs:,} articles + {spans:,} spans (JSONL)", secs, "s", 1.5 * scale, False,
                    "LS 17.5 s, doccano 8.2 s, sqlite3 0.8 s"))
    report, secs = timed(export, store, "native", ExportOptions(), tmp / "native.jsonl")
    if report.documents != docs or report.spans != spans:
        raise SystemExit(f"native export wrote {report.documents} articles / {report.spans} spans")
    rows.append(Row(f"native export of it ({report.spans:,} spans)", secs, "s", 1.0 * scale, False,
                    "LS 26.3 s (CoNLL 51 s), doccano 5.6 s, sqlite3 0.6 s"))
    return store


def bench_bulk_spans(store: Store, n: int, rows: list[Row]) -> None:
    with store.read() as conn:
        lengths = {int(i): int(n_) for i, n_ in conn.execute(select(D.c.id, D.c.length))}
    who = store.annotator_id("bulk")
    span_rows = corpus.span_rows(sorted(lengths), lengths, who, n)
    t0 = time.perf_counter()
    with store.write() as conn:  # the bulk path of imports: ids reserved, one Core executemany
        insert_with_ids(conn, S, span_rows)
    secs = time.perf_counter() - t0
    rows.append(Row(f"bulk span writes ({n:,} spans)", n / secs, "spans/s", 100_000, True,
                    "ORM add_all ~9,000/s"))


def bench_export_rate(store: Store, tmp: Path, rows: list[Row]) -> None:
    report, secs = timed(export, store, "native", ExportOptions(), tmp / "native-all.jsonl")
    rows.append(Row(f"native export, {report.spans:,} spans (issue 5)", report.spans / secs, "spans/s",
                    200_000, True, "-"))


def bench_edits(store: Store, n: int, rows: list[Row]) -> None:
    doc_ids = store.doc_ids()
    who = store.annotator_id("editor")
    times = []
    for i in range(n):
        doc = doc_ids[(i * 7919) % len(doc_ids)]
        cmd = C.AddSpan(doc, who, 0, 3 + i % 5, "PER")
        t0 = time.perf_counter()
        store.run(cmd, who)
        times.append(time.perf_counter() - t0)
    times.sort()
    median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    rows.append(Row(f"single edit: command + commit, median of {n}", median * 1000, "ms", 5, False,
                    "LS/doccano 16-97 ms per request"))
    rows.append(Row(f"single edit: command + commit, p95 of {n}", p95 * 1000, "ms", 5, False, "-"))


def bench_txt(tmp: Path, n_docs: int, rows: list[Row]) -> None:
    folder = tmp / "txt"
    counts = corpus.write_txt_folder(folder, n_docs)
    print(f"corpus: {n_docs} .txt articles, encodings {counts}", file=sys.stderr)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", CHILD_IMPORT, str(tmp / "txt.db"), str(folder)],
                         capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0:
        raise SystemExit(f"the .txt import child failed:\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["documents"] != n_docs:
        print(f"warning: .txt import stored {result['documents']} of {n_docs} articles", file=sys.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: KiB
    rows.append(Row(f".txt import incl. detection, cleaning, indexing ({n_docs:,})",
                    result["documents"] / result["seconds"], "articles/s", 5_000, True, "-"))
    rows.append(Row(f"peak RSS of that {n_docs:,}-article import (child process)", peak_mb, "MB", 300, False, "-"))


def table(rows: list[Row]) -> str:
    head = ["measure", "result", "target", "Label Studio / doccano (issue)", ""]
    cells = [head, *[r.cells() for r in rows]]
    widths = [max(len(c[i]) for c in cells) for i in range(len(head))]
    lines = ["  ".join(c[i].ljust(widths[i]) for i in range(len(head))).rstrip() for c in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a corpus ten times smaller (time targets scaled)")
    ap.add_argument("--edits", type=int, default=300, help="single edits to time (default 300)")
    args = ap.parse_args(argv)
    scale = 0.1 if args.quick else 1.0
    n_jsonl, n_spans, n_txt, n_bulk = (int(x * scale) for x in (10_000, 20_000, 20_000, 200_000))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as d:
        tmp = Path(d)
        store = bench_jsonl(tmp, n_jsonl, n_spans, scale, rows)
        bench_bulk_spans(store, n_bulk, rows)
        bench_export_rate(store, tmp, rows)
        bench_edits(store, args.edits, rows)
        store.close()
        bench_txt(tmp, n_txt, rows)
    print(f"\nannotator core benchmark{' (--quick: sizes /10)' if args.quick else ''}, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    print(table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
