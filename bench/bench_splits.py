"""Split grouping (issue 5): speed on 10,000 articles and the size of the largest group.

    python bench/bench_splits.py [--articles 10000]

Three synthetic corpora, each grouped by ``annotator.export.splits.group_articles`` (sketches,
near-duplicate pass, same-event pass), timed end to end:

- ``random words``: 550 words drawn at random from the sample articles' vocabulary (as in
  ``bench_export.py``): no two articles are related, every word is common;
- ``distinct topics``: one made-up topic per article (:func:`distinct_topics`): running text from
  real articles plus twelve topic words from a shared vocabulary of invented words, so chance
  overlaps exist but no two articles report one event;
- ``remixed seeds``: ``bench/corpus.py``'s generator, articles made of the five samples' sentences:
  any two share a third of their text, so only the size cap keeps groups small.

Targets: 10,000 articles grouped within 5 s of CPU time (the wall time is printed too: on a
busy machine it is the larger); no group over 1% of the corpus; and for the first two corpora,
nearly every article alone.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annotator.export.splits import GroupParams, group_articles  # noqa: E402
from bench.corpus import Generator  # noqa: E402

TARGET_SECONDS_PER_10K = 5.0
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def distinct_topics(background: list[str], n: int, rng: random.Random, vocabulary: int = 1500) -> list[str]:
    """``n`` articles on ``n`` made-up topics: 200 words of ``background`` (running text: function
    and common words) and 60 draws from the topic's twelve words, taken from ``vocabulary``
    invented words shared by all topics (so topics overlap by chance, as real ones do)."""
    vocab = sorted({"".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 7))) for _ in range(vocabulary)})
    out = []
    for _ in range(n):
        topic = rng.sample(vocab, 12)
        body = [rng.choice(background) for _ in range(200)] + [rng.choice(topic) for _ in range(60)]
        rng.shuffle(body)
        out.append(" ".join(body))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    args = ap.parse_args()
    n = args.articles
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    events = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "events").glob("*.txt"))]
    rng = random.Random(3)
    vocab = sorted({w for t in seeds for w in t.split()})
    gen = Generator(13)
    corpora = {
        "random words": [" ".join(rng.choice(vocab) for _ in range(550)) for _ in range(n)],
        "distinct topics": distinct_topics([w for t in events for w in t.split()], n, random.Random(7),
                                           vocabulary=max(1500, 3 * n // 4)),
        "remixed seeds": [gen.body() for _ in range(n)],
    }
    target = TARGET_SECONDS_PER_10K * n / 10_000
    cap = GroupParams().cap(n)
    print(f"{'corpus':<16} {'articles':>8} {'chars':>6} {'wall s':>7} {'cpu s':>6} {'groups':>7} {'largest':>7} "
          f"{'alone':>6} {'refused':>7}  target cpu <= {target:.1f} s, largest <= {cap}")
    failed = False
    for name, texts in corpora.items():
        t0, c0 = time.perf_counter(), time.process_time()
        r = group_articles(texts).report()
        wall, secs = time.perf_counter() - t0, time.process_time() - c0
        alone = r["sizes"].get("1", 0) / n
        ok = secs <= target and r["largest"] <= cap and (name == "remixed seeds" or alone >= 0.95)
        failed |= not ok
        print(f"{name:<16} {n:>8} {sum(map(len, texts)) // n:>6} {wall:>7.2f} {secs:>6.2f} {r['groups']:>7} {r['largest']:>7} "
              f"{alone:>6.0%} {r['refused']:>7}  {'ok' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
