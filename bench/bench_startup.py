"""Start-up of the desktop app on a 100,000-article project, against the issue's targets.

Each run is a fresh process (offscreen), timed from just before the parent spawns it to an
interactive main window: shown, first painted, and the event loop idle (a zero-time single-shot
timer queued behind the first paint has run). Then, in the same process: the event loop's longest
stall over the next second (work that start-up left running synchronously would show here), the
peak resident memory (VmHWM) and the article list scrolled by wheel steps and by pages, each step's
rows fetched and painted.

Python bytecode is cached in a private folder (``PYTHONPYCACHEPREFIX``), as an installed app has
it; the first run fills that cache and is reported apart as the cold start.

Run: ``python bench/bench_startup.py [--articles 100000] [--runs 5] [--keep PATH]``.
The project is built with SQLAlchemy Core bulk inserts plus ``Store.index_documents``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET_SECONDS = 1.5
TARGET_MB = 300.0
OUTLETS = ("alaraby", "aawsat", "rudaw", "shafaq", "almada", "independent")


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB, from /proc (Linux)."""
    cur = peak = 0.0
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cur, peak


def build_project(path: Path, n: int) -> float:
    """Bulk-insert ``n`` articles made of seed paragraphs, index them, and annotate them as a
    project of that size would be: ten entity mentions per article on average from two annotators
    (a tenth of them still suggestions), "bench" done with a third of the articles and working on
    some more. Returns the seconds taken."""
    from sqlalchemy import insert

    from annotator.store import DS, D, S, Store

    t0 = time.perf_counter()
    paragraphs = [p.strip() for f in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
    store = Store.open(path)
    labels = store.schema.labels
    who = (store.annotator_id("bench"), store.annotator_id("other"))
    batch = 10_000
    with store.write() as conn:
        for k in range(0, n, batch):
            rows, spans, statuses = [], [], []
            for i in range(k, min(n, k + batch)):
                body = "\n\n".join(paragraphs[(i * 7 + j) % len(paragraphs)] for j in range(3))
                title = f"{paragraphs[i % len(paragraphs)][:60]} ({i})"
                rows.append({"id": i + 1, "uid": f"b{i:08d}", "title": title, "text": body, "length": len(body),
                             "content_hash": f"{i:064x}", "source": OUTLETS[i % len(OUTLETS)],
                             "published": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                             "provenance": {}, "meta": {}})
                mentions = i % 11 + 5  # 5..15 mentions, each annotator about half of them
                for m in range(mentions):
                    a = (len(body) - 12) * m // mentions
                    spans.append({"doc_id": i + 1, "annotator_id": who[m % 2], "start": a, "end": a + 9,
                                  "layer": "entity", "label": labels[(i + m) % len(labels)], "origin": "manual",
                                  "status": "suggested" if m % 10 == 9 else "active", "entity_id": None})
                if i % 3 == 0 or i % 7 == 1:
                    statuses.append({"doc_id": i + 1, "annotator_id": who[0], "seconds": 60.0,
                                     "status": "done" if i % 3 == 0 else "in_progress"})
            conn.execute(insert(D), rows)
            conn.execute(insert(S), spans)
            conn.execute(insert(DS), statuses)
            store.index_documents(conn, [(r["id"], r["title"], r["text"]) for r in rows])
    store.close()
    return time.perf_counter() - t0


def child(path: str, started: float) -> None:
    """One start-up, as ``annotator gui PATH`` does it; prints a JSON line of measurements."""
    marks: dict[str, tuple[float, float]] = {}

    def mark(name: str) -> None:  # (wall s since the parent spawned us, CPU s of this process)
        marks[name] = (time.time() - started, time.process_time())

    mark("python up")
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import AppController, setup_application
    from ui.settings import Settings

    mark("imports")
    app = QApplication(sys.argv[:1])
    settings = Settings()
    setup_application(app, settings)
    mark("app set up")
    controller = AppController(settings)
    window = controller.open(path, "bench")
    assert window is not None
    mark("window shown")
    result: dict[str, object] = {}

    class FirstPaint(QObject):
        paints = 0

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints += 1
                if "first paint" not in marks:
                    mark("first paint")
                    QTimer.singleShot(0, ready)  # runs once the events queued behind the paint are done
            return False

    def ready() -> None:
        mark("interactive")
        result["rss_mb"], result["hwm_mb"] = _rss_mb()
        result["rows"] = window.articles.model.rowCount()
        watch_stalls()

    ticks: list[float] = []

    def watch_stalls() -> None:
        """Tick every 5 ms for a second: the largest gap beyond 5 ms is the longest freeze."""
        timer = QTimer(app)
        timer.setInterval(5)
        end = time.perf_counter() + 1.0

        def tick() -> None:
            ticks.append(time.perf_counter())
            if ticks[-1] >= end:
                timer.stop()
                result["stall_ms"] = max((b - a) * 1000 - 5 for a, b in itertools.pairwise(ticks))
                result["wheel_ms"], result["page_ms"] = scroll()
                result["peak_mb"] = _rss_mb()[1]
                app.quit()

        timer.timeout.connect(tick)
        ticks.append(time.perf_counter())
        timer.start()

    def scroll() -> tuple[list[float], list[float]]:
        """Wheel steps (three rows, what the mouse wheel does) down the list, then whole pages,
        then a jump to the end and back; each step is timed until the rows are fetched and painted."""
        view = window.articles.view
        bar = view.verticalScrollBar()

        def step(value: int) -> float:
            before = painter.paints
            t0 = time.perf_counter()
            bar.setValue(value)  # Qt scrolls the pixels it has and repaints only the rows scrolled in
            app.processEvents()
            if painter.paints == before:  # not painted yet: force it, so that it is counted
                view.viewport().repaint()
            return (time.perf_counter() - t0) * 1000

        wheel = [step(bar.value() + 3) for _ in range(60)]
        pages = [step(bar.value() + bar.pageStep()) for _ in range(40)]
        pages += [step(bar.maximum()), step(0)]
        return wheel, pages

    painter = FirstPaint()
    for w in (window, window.articles.view.viewport()):
        w.installEventFilter(painter)
    app.exec()
    result["marks"] = marks
    print(json.dumps(result))


def run_child(path: Path, env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", str(path), "--started", str(started)],
                         env=env, capture_output=True, text=True, check=True)
    result: dict = json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[type-arg]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="reuse (or create) the project at this path")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.started)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "big.db"
        if not path.exists():
            print(f"building a project of {args.articles:,} articles ...", flush=True)
            print(f"  built in {build_project(path, args.articles):.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_HOME=str(Path(tmp) / "home"),
                   ANNOTATOR_USER="bench", PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        cold = run_child(path, env)  # compiles and caches the bytecode
        runs = [run_child(path, env) for _ in range(args.runs)]
    report(cold, runs)


def report(cold: dict, runs: list[dict]) -> None:  # type: ignore[type-arg]
    def wall(r: dict, m: str) -> float:  # type: ignore[type-arg]
        return float(r["marks"][m][0])

    startup = [wall(r, "interactive") for r in runs]
    cpu = [r["marks"]["interactive"][1] for r in runs]
    load = os.getloadavg()[0]
    print(f"\nstart-up of a {runs[0]['rows']:,}-article project, {len(runs)} runs after one cold run "
          f"(offscreen, {os.cpu_count()} cores, load average {load:.1f})\n")
    print(f"{'measure':<46}{'median':>9}{'worst':>9}{'target':>9}  ok")
    rows = [
        ("process start -> interactive window (s)", startup, TARGET_SECONDS),
        ("  CPU time of that process until then (s)", cpu, TARGET_SECONDS),
        ("peak resident memory when interactive (MB)", [r["hwm_mb"] for r in runs], TARGET_MB),
        ("peak resident memory incl. scrolling (MB)", [r["peak_mb"] for r in runs], TARGET_MB),
        ("longest event-loop stall in the next 1 s (ms)", [r["stall_ms"] for r in runs], 50.0),
        ("list: one wheel step, rows fetched+painted (ms)", [x for r in runs for x in r["wheel_ms"]], 16.0),
        ("list: one page down / jump (ms)", [x for r in runs for x in r["page_ms"]], 16.0),
    ]
    for name, values, target in rows:
        med, worst = statistics.median(values), max(values)
        print(f"{name:<46}{med:>9.2f}{worst:>9.2f}{target:>9.1f}  {'yes' if med <= target else 'NO'}")
    print(f"\ncold start (no bytecode cache yet): {wall(cold, 'interactive'):.2f} s, "
          f"{cold['marks']['interactive'][1]:.2f} s CPU")
    print("\nwhere the start-up goes (median, since process start):   wall s   CPU s")
    for m in runs[0]["marks"]:
        print(f"  {m:<55}{statistics.median(wall(r, m) for r in runs):>7.3f}"
              f"{statistics.median(r['marks'][m][1] for r in runs):>8.3f}")
    print("(ok compares the median with the target; the 50 ms stall and 16 ms frame budgets are ours)")


if __name__ == "__main__":
    main()
