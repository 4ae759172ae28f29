"""Suggesting over a large project: articles per second and total time of ``suggest_project``.

Builds a project of N articles (default 20,000) from the five sample articles: paragraphs are
shuffled and every article gets a distinct line, so texts differ but read like the samples. The
gazetteer holds the project's entities, 2,000 imported-style names and the annotator's labelled
mentions; the run suggests entities and quotes, committing per chunk, as the GUI's worker does.

    python bench/bench_suggest.py [--articles 20000] [--chunk 200] [--db URL]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator import commands as C  # noqa: E402
from annotator.models import utcnow  # noqa: E402
from annotator.store import D, Q, S, Store  # noqa: E402
from annotator.suggest import suggest_project  # noqa: E402


def generate(store: Store, n: int, seed: int = 1) -> list[int]:
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    paras = [[x for x in s.split("\n") if x.strip()] for s in samples]
    now = utcnow()
    ids: list[int] = []
    for at in range(0, n, 1000):
        rows = []
        for i in range(at, min(n, at + 1000)):
            ps = list(paras[i % len(paras)])
            head, body = ps[0], ps[1:]
            rng.shuffle(body)
            text = "\n\n".join([head, *body, f"رقم المقال {i}"])
            h = hashlib.sha256(text.encode()).hexdigest()
            rows.append(
                {
                    "uid": h[:16],
                    "title": head,
                    "text": text,
                    "length": len(text),
                    "content_hash": h,
                    "provenance": {},
                    "meta": {},
                    "created_at": now,
                    "language": "ar",
                }
            )
        with store.write() as conn:
            new = (
                conn.execute(insert(D).returning(D.c.id, sort_by_parameter_order=True), rows).scalars().all()
            )
            store.index_documents(
                conn, [(int(i), r["title"], r["text"]) for i, r in zip(new, rows, strict=True)]
            )
        ids += [int(i) for i in new]
    return ids


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--chunk", type=int, default=200)
    ap.add_argument("--db", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(args.db or Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        ids = generate(store, args.articles)
        print(f"generated {len(ids)} articles in {time.perf_counter() - t0:.1f} s")
        who = store.annotator_id("bench")
        names = [C.CreateEntity(f"اسم{i} عائلة{i}", "PER") for i in range(2000)]
        names += [
            C.CreateEntity("فؤاد حسين", "PER", ["حسين فؤاد"]),
            C.CreateEntity("أنتوني بلينكن", "PER", ["بلينكن"]),
        ]
        store.run(C.Batch(list(names)), who)
        text = store.document(ids[0]).text
        for word, label in (("واشنطن", "GPE"), ("العراق", "GPE"), ("داعش", "ORG")):
            if word in text:
                a = text.index(word)
                store.run(C.AddSpan(ids[0], who, a, a + len(word), label), who)
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if now - last[0] > 5 or done == total:
                last[0] = now
                print(f"  {done}/{total}", flush=True)

        report = suggest_project(store, who, progress=progress, chunk_size=args.chunk)
        with store.read() as conn:
            spans = conn.execute(
                select(func.count()).select_from(S).where(S.c.status == "suggested", S.c.layer == "entity")
            ).scalar()
            quotes = conn.execute(
                select(func.count()).select_from(Q).where(Q.c.status == "suggested")
            ).scalar()
        print(
            f"suggested over {report.articles} articles in {report.seconds:.1f} s: "
            f"{report.articles / report.seconds:.0f} articles/s; {spans} entity and {quotes} quote suggestions "
            f"({store.dialect}, chunk {args.chunk})"
        )
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
