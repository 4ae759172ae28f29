"""Start-up of the desktop app on a 100,000-article project, against the issue's targets.

Measures, in a fresh process each run (offscreen): time from process start to an interactive main
window (first paint done and the event loop idle) and resident memory at that point; then, in the
same process, scrolling the article list page by page (each page's rows fetched and painted).

Run: ``python bench/bench_startup.py [--articles 100000] [--runs 3] [--keep PATH]``.
The project is built with SQLAlchemy Core bulk inserts plus ``Store.index_documents``.
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
    """Bulk-insert ``n`` articles made of seed paragraphs and index them; returns seconds taken."""
    from sqlalchemy import insert

    from annotator.store import D, Store

    t0 = time.perf_counter()
    paragraphs = [p.strip() for f in sorted((ROOT / "seeds").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
    store = Store.open(path)
    batch = 10_000
    with store.write() as conn:
        for k in range(0, n, batch):
            rows = []
            for i in range(k, min(n, k + batch)):
                body = "\n\n".join(paragraphs[(i * 7 + j) % len(paragraphs)] for j in range(3))
                title = f"{paragraphs[i % len(paragraphs)][:60]} ({i})"
                rows.append({"id": i + 1, "uid": f"b{i:08d}", "title": title, "text": body, "length": len(body),
                             "content_hash": f"{i:064x}", "source": OUTLETS[i % len(OUTLETS)],
                             "published": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                             "provenance": {}, "meta": {}})
            conn.execute(insert(D), rows)
            store.index_documents(conn, [(r["id"], r["title"], r["text"]) for r in rows])
    store.close()
    return time.perf_counter() - t0


def child(path: str, started: float) -> None:
    """One start-up, as ``annotator gui PATH`` does it; prints a JSON line of measurements."""
    marks = {"python up": time.time() - started}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import AppController, setup_application
    from ui.settings import Settings

    marks["imports"] = time.time() - started
    app = QApplication(sys.argv[:1])
    settings = Settings()
    setup_application(app, settings)
    controller = AppController(settings)
    window = controller.open(path, "bench")
    assert window is not None
    marks["window built"] = time.time() - started
    result: dict[str, object] = {}

    class FirstPaint(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first paint" not in marks:
                marks["first paint"] = time.time() - started
                QTimer.singleShot(0, ready)  # runs once the events queued behind the paint are done
            return False

    def ready() -> None:
        marks["interactive"] = time.time() - started
        ru = resource.getrusage(resource.RUSAGE_SELF)
        result["cpu_s"] = ru.ru_utime + ru.ru_stime  # robust to other processes sharing the cores
        result["rss_mb"], _ = _rss_mb()
        result["rows"] = window.articles.model.rowCount()
        result["scroll_ms"] = scroll()
        result["peak_mb"] = _rss_mb()[1]
        app.quit()

    def scroll() -> list[float]:
        view = window.articles.view
        bar = view.verticalScrollBar()
        times = []
        for step in range(60):  # page down through the list, then jump to the end and back
            t0 = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep() if step < 58 else (bar.maximum() if step == 58 else 0))
            view.viewport().repaint()
            times.append((time.perf_counter() - t0) * 1000)
        return times

    painter = FirstPaint()
    for w in (window, window.articles.view.viewport()):
        w.installEventFilter(painter)
    app.exec()
    result["marks"] = marks
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
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
                   ANNOTATOR_USER="bench")
        runs = []
        for _ in range(args.runs):
            started = time.time()
            out = subprocess.run([sys.executable, __file__, "--child", str(path), "--started", str(started)],
                                 env=env, capture_output=True, text=True, check=True)
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    startup = [r["marks"]["interactive"] for r in runs]
    rss = [r["rss_mb"] for r in runs]
    scroll = [ms for r in runs for ms in r["scroll_ms"]]
    load = os.getloadavg()[0]
    print(f"\nstart-up of a {runs[0]['rows']:,}-article project, {len(runs)} runs (offscreen, "
          f"{os.cpu_count()} cores, load average {load:.1f})\n")
    print(f"{'measure':<40}{'median':>10}{'worst':>10}{'target':>10}  ok")
    rows = [
        ("process start -> interactive window (s)", statistics.median(startup), max(startup), TARGET_SECONDS),
        ("  CPU time of that process (s)", statistics.median(r["cpu_s"] for r in runs),
         max(r["cpu_s"] for r in runs), TARGET_SECONDS),
        ("resident memory when interactive (MB)", statistics.median(rss), max(rss), TARGET_MB),
        ("peak memory incl. scrolling (MB)", statistics.median(r["peak_mb"] for r in runs),
         max(r["peak_mb"] for r in runs), TARGET_MB),
        ("scroll one page of the list (ms)", statistics.median(scroll), max(scroll), 16.0),
    ]
    for name, med, worst, target in rows:
        print(f"{name:<40}{med:>10.2f}{worst:>10.2f}{target:>10.1f}  {'yes' if worst <= target else 'NO'}")
    print("\nwhere the start-up time goes (median s since process start):")
    for mark in runs[0]["marks"]:
        print(f"  {mark:<16}{statistics.median(r['marks'][mark] for r in runs):>8.3f}")


if __name__ == "__main__":
    main()
