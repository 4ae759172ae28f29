"""Screenshots for docs/: the app on a demo project built from seeds/, under a real X server.

Without a DISPLAY the script restarts itself under ``xvfb-run`` (or a private ``Xvfb``); the Debian
packages for that come from ``bash scripts/system-deps.sh screen``, which the script runs first
(it installs only what is missing, and nothing else is ever installed). Writes:

* ``docs/screenshots/workbench.png``   light theme, English: article list, an article with entities,
  a quote (speaker and cue) and a stance whose evidence overlaps it, side panel;
* ``docs/screenshots/review-dark.png`` dark theme: the review of that article between two
  annotators, their layers side by side with gold so far (the agreed items accepted), a boundary
  disagreement selected;
* ``docs/screenshots/dark-arabic.png`` the main window in the dark theme with the Arabic interface.

Run: ``python scripts/screenshots.py [OUT_DIR]``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCREEN = "1440x900x24"
SIZE = (1440, 880)
QUOTE = ('"يسعى لمواصلة التنسيق والتعاون الأمنيّ مع الولايات المتحدة الأميركية، ويحرص على ديمومة '
         'الجُهُود الدوليّةِ التي تقودها واشنطن من خلال التحالف الدوليّ"')
BODY = "قال وزير الخارجية"


def ensure_display() -> None:
    """Re-run under xvfb-run, or start Xvfb, when there is no X display."""
    if os.environ.get("DISPLAY") or os.environ.get("ANNOTATOR_SCREENSHOTS_CHILD"):
        return
    deps = subprocess.call(["bash", str(ROOT / "scripts" / "system-deps.sh"), "screen"])
    env = dict(os.environ, ANNOTATOR_SCREENSHOTS_CHILD="1")
    env.pop("QT_QPA_PLATFORM", None)
    if shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, __file__, *sys.argv[1:]]
        sys.exit(subprocess.call(cmd, env=env))
    if shutil.which("Xvfb"):
        display = ":97"
        server = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"])
        try:
            time.sleep(1.0)
            env["DISPLAY"] = display
            sys.exit(subprocess.call([sys.executable, __file__, *sys.argv[1:]], env=env))
        finally:
            server.terminate()
    sys.exit(f"screenshots.py: no X display and no Xvfb (scripts/system-deps.sh screen exited {deps})")


def build_demo(path: Path) -> int:
    """Import seeds/ and annotate one article twice: "demo" (entities, a quote with speaker and cue,
    stances) and "sara" (agreeing on most, differing on a label, a boundary and two mentions)."""
    from annotator.commands import AddQuote, AddSpan, AddStance, SetDocStatus
    from annotator.ingest import import_paths
    from annotator.store import Store

    store = Store.open(path)
    import_paths(store, [ROOT / "seeds"])
    doc = next(d for d in store.doc_ids() if QUOTE[:20] in store.document(d).text)
    text = store.document(doc).text

    def at(phrase: str, after: str = "") -> tuple[int, int]:
        a = text.index(phrase, text.index(after) if after else 0)
        return a, a + len(phrase)

    def span(who: int, phrase: str, label: str, after: str = "") -> int:
        a, b = at(phrase, after)
        return store.run(AddSpan(doc, who, a, b, label), who).spans.pop()

    mentions = [("وزير الخارجية العراقي", "PER", BODY), ("العراق", "GPE", "إن العراق"),
                ("واشنطن", "GPE", "الدوليّةِ التي"), ("التحالف الدوليّ", "ORG", BODY)]
    for name, own in (("demo", [("الولايات المتحدة الأميركية", "GPE", BODY), ("الخارجية العراقية", "ORG", "أكدت"),
                                ("داعش", "ORG", "تنظيم")]),
                      ("sara", [("الولايات المتحدة", "GPE", BODY), ("الخارجية العراقية", "GPE", "أكدت"),
                                ("حسين", "PER", "يزور")])):
        who = store.annotator_id(name)
        speaker = span(who, "فؤاد حسين", "PER", BODY)
        for phrase, label, after in mentions + own:
            span(who, phrase, label, after)
        store.run(AddQuote(doc, who, content=at(QUOTE), cue=at("قال", BODY), speaker_span_id=speaker), who)
        store.run(AddStance(doc, who, "favor", holder_span_id=speaker, target_topic="us_presence_iraq",
                            evidence=[at("يحرص على ديمومة الجُهُود الدوليّةِ التي تقودها واشنطن")]), who)
        store.run(AddStance(doc, who, "favor", scope="article", target_topic="us_presence_iraq"), who)
        store.run(SetDocStatus(doc, who, "done"), who)
    demo = store.annotator_id("demo")
    for other in store.doc_ids()[:2]:
        if other != doc:
            store.run(SetDocStatus(other, demo, "done"), demo)
    store.close()
    return doc


def main() -> None:
    ensure_display()
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="annotator-shots-"))
    os.environ["ANNOTATOR_HOME"] = str(tmp / "home")  # fresh settings; the user's are never touched
    doc = build_demo(tmp / "demo.db")

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from ui.app import AppController, setup_application
    from ui.review_window import ReviewWindow
    from ui.settings import Settings
    from ui.undo import UndoAdapter

    app = QApplication(sys.argv[:1])
    settings = Settings()
    settings.font_size = 15
    setup_application(app, settings)
    window = AppController(settings).open(tmp / "demo.db", "demo")
    assert window is not None
    window.resize(*SIZE)
    window.splitter.setSizes([500, SIZE[0] - 500])
    window.open_document(doc)
    window.workbench.panel.setCurrentIndex(1)  # the Quotes tab
    window.workbench.select("quote", window.store.quotes(doc, window.annotator_id)[0].id)
    window.workbench.view.verticalScrollBar().setValue(0)

    def shoot(widget: QWidget, name: str) -> None:
        widget.raise_()
        widget.activateWindow()
        QTest.qWait(500)  # let fonts, layouts, idle highlighting and the status bar settle
        path = out_dir / name
        widget.grab().save(str(path))
        print(f"saved {path} ({app.platformName()})")

    shoot(window, "workbench.png")

    window.set_theme("dark")
    store = window.store
    reviewer = store.annotator_id("reviewer")
    review = ReviewWindow(store, UndoAdapter(store, reviewer), reviewer)
    review.resize(*SIZE)
    review.show()
    review.open_document(doc)
    review.view.accept_all_agreed()
    items = review.view.model.items
    row = next((i for i, it in enumerate(items) if not it.decided and "boundary" in it.status), 0)
    review.view.select_row(row)
    review.view.tabs.setCurrentIndex(1)  # side by side: each annotator's layer, and gold so far
    review.view.splitter.setSizes([470, SIZE[0] - 470])
    shoot(review, "review-dark.png")
    review.close()

    window.set_language("ar")
    window.workbench.panel.setCurrentIndex(2)  # the Stances tab
    window.workbench.select("stance", next(s.id for s in store.stances(doc, window.annotator_id)
                                           if s.scope == "mention"))
    window.workbench.view.verticalScrollBar().setValue(0)
    shoot(window, "dark-arabic.png")
    window.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
