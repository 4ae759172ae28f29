"""Export speed: a project with 200,000 entity spans, every format timed against 200,000 spans/s.

    python bench/bench_export.py [--docs 2000] [--spans-per-doc 100] [--keep DIR]

The project is built with bulk Core inserts (the ORM would take minutes, see PITFALLS): articles
made from the sample articles in ``seeds/``, gold entity spans on word tokens, a few quotes and
stances per article, every article marked done. Each format runs through the same entry point
as the CLI (``annotator.export.export``). The grouping step of ``--split`` is timed on 10,000
articles as well.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import text as T  # noqa: E402
from annotator.export import ExportOptions, export  # noqa: E402
from annotator.export.query import iter_export_docs  # noqa: E402
from annotator.export.splits import group_articles  # noqa: E402
from annotator.store import DS, SE, ST, D, Q, S, Store  # noqa: E402

TARGET = 200_000  # spans per second
LABELS = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
FORMATS = ("native", "tokens", "conll", "spacy", "doccano", "label-studio", "quotes", "stances")


def build(store: Store, n_docs: int, per_doc: int, seed: int = 1) -> int:
    """Insert ``n_docs`` articles with ``per_doc`` gold entity spans each; returns the span count."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    gold = store.gold_id
    docs, spans, quotes, stances, evidence, statuses = [], [], [], [], [], []
    span_id = 0
    for d in range(1, n_docs + 1):
        body = seeds[d % len(seeds)]
        text = f"مقال رقم {d}\n\n{body}"
        words = [t for t in T.tokenize(text) if t.kind == "word"]
        docs.append({"id": d, "uid": f"bench-{d:06d}", "title": f"مقال رقم {d}", "text": text, "length": len(text),
                     "content_hash": hashlib.sha256(text.encode()).hexdigest(), "provenance": {}, "meta": {}})
        picks = sorted(rng.sample(range(len(words) - 1), per_doc))
        for k in picks:
            end_tok = words[k + 1] if rng.random() < 0.3 else words[k]
            span_id += 1
            spans.append({"id": span_id, "doc_id": d, "annotator_id": gold, "start": words[k].start,
                          "end": end_tok.end, "layer": "entity", "label": rng.choice(LABELS),
                          "origin": "manual", "status": "active", "entity_id": None})
        for q in range(3):
            a = words[10 + q * 40]
            b = words[10 + q * 40 + 8]
            span_id += 1
            spans.append({"id": span_id, "doc_id": d, "annotator_id": gold, "start": a.start, "end": b.end,
                          "layer": "quote", "label": "QUOTE", "origin": "manual", "status": "active", "entity_id": None})
            quotes.append({"doc_id": d, "annotator_id": gold, "content_span_id": span_id, "speaker_text": "مسؤول",
                           "kind": "direct", "origin": "manual", "status": "active"})
        for s in range(2):
            a = words[20 + s * 30]
            span_id += 1
            spans.append({"id": span_id, "doc_id": d, "annotator_id": gold, "start": a.start, "end": a.end,
                          "layer": "evidence", "label": "EVIDENCE", "origin": "manual", "status": "active",
                          "entity_id": None})
            sid = len(stances) + 1
            stances.append({"id": sid, "doc_id": d, "annotator_id": gold, "scope": "article", "holder_text": "",
                            "target_topic": "us_presence_iraq", "target_text": "", "polarity": "favor",
                            "origin": "manual", "status": "active"})
            evidence.append({"stance_id": sid, "span_id": span_id})
        statuses.append({"doc_id": d, "annotator_id": gold, "status": "done", "assigned": False, "seconds": 0.0})
    with store.write() as conn:
        conn.execute(insert(D), docs)
        conn.execute(insert(S), spans)
        conn.execute(insert(Q), quotes)
        conn.execute(insert(ST), stances)
        conn.execute(insert(SE), evidence)
        conn.execute(insert(DS), statuses)
    return n_docs * per_doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--spans-per-doc", type=int, default=100)
    ap.add_argument("--group-articles", type=int, default=10_000)
    ap.add_argument("--keep", type=Path, help="keep the project and exports in this folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "bench.db"
        db.unlink(missing_ok=True)
        store = Store.open(db)
        t0 = time.perf_counter()
        n = build(store, args.docs, args.spans_per_doc)
        print(f"built {args.docs} articles, {n} entity spans in {time.perf_counter() - t0:.1f} s")
        opts = ExportOptions(layer="gold", statuses=("done",))
        rows = []
        t0 = time.perf_counter()
        n_docs = sum(1 for _ in iter_export_docs(store, opts))
        rows.append(("(query only)", n_docs, time.perf_counter() - t0))
        runs = [(f, opts) for f in FORMATS]
        runs.insert(4, ("spacy", ExportOptions(layer="gold", statuses=("done",), extra={"docbin": False})))
        for fmt, o in runs:
            label = fmt + (" (JSONL only)" if o.extra.get("docbin") is False else "")
            suffix = {"conll": ".conll", "label-studio": ".json"}.get(fmt, ".jsonl")
            t0 = time.perf_counter()
            report = export(store, fmt, o, folder / f"out-{fmt}-{len(rows)}{suffix}")
            secs = time.perf_counter() - t0
            items = {"quotes": report.quotes, "stances": report.stances}.get(fmt, report.spans)
            rows.append((label, items, secs))
        store.close()
    print()
    # every run reads all n spans of the project; "items" is what the format wrote (spans, quotes,
    # stances; articles for the query-only baseline)
    print(f"{'format':<22} {'items':>8} {'seconds':>8} {'spans/s':>10}  target {TARGET:,} spans/s")
    for label, items, secs in rows:
        rate = n / secs if secs else float("inf")
        verdict = "ok" if rate >= TARGET else "below"
        print(f"{label:<22} {items:>8} {secs:>8.2f} {rate:>10,.0f}  {verdict}")
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(3)
    vocab = sorted({w for t in seeds for w in t.split()})
    texts = [" ".join(rng.choice(vocab) for _ in range(550)) for _ in range(args.group_articles)]
    t0 = time.perf_counter()
    g = group_articles(texts)
    print(f"\nsplit grouping (MinHash + LSH): {len(texts)} articles of ~{sum(map(len, texts)) // len(texts)} "
          f"characters in {time.perf_counter() - t0:.1f} s ({g.report()['groups']} groups)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
