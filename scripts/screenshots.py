"""Screenshots for docs/: the main window on a demo project built from seeds/, under a real X server.

Without a DISPLAY the script restarts itself under ``xvfb-run`` (or a private ``Xvfb``); install
those with ``bash scripts/system-deps.sh screen``. Writes:

* ``docs/screenshots/workbench.png``   light theme, English: article list, article with entities,
  a quote (speaker and cue) and a stance, side panel;
* ``docs/screenshots/dark-arabic.png`` the same window in the dark theme with the Arabic interface.

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


def ensure_display() -> None:
    """Re-run under xvfb-run, or start Xvfb, when there is no X display."""
    if os.environ.get("DISPLAY") or os.environ.get("ANNOTATOR_SCREENSHOTS_CHILD"):
        return
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
    sys.exit("screenshots.py: no X display and no Xvfb; run `bash scripts/system-deps.sh screen` first")


def build_demo(path: Path) -> tuple[int, str]:
    """Import seeds/ and annotate the first article: entities, a quote with speaker and cue, stances."""
    from annotator.commands import AddQuote, AddSpan, AddStance, SetDocStatus
    from annotator.ingest import import_paths
    from annotator.store import Store

    store = Store.open(path)
    import_paths(store, [ROOT / "seeds"])
    who = store.annotator_id("demo")
    doc = next(d for d in store.doc_ids() if '"يسعى لمواصلة التنسيق' in store.document(d).text)
    text = store.document(doc).text

    def at(phrase: str, after: str = "") -> tuple[int, int]:
        a = text.index(phrase, text.index(after) if after else 0)
        return a, a + len(phrase)

    def span(phrase: str, label: str, after: str = "") -> int:
        a, b = at(phrase, after)
        return store.run(AddSpan(doc, who, a, b, label), who).spans.pop()

    body = "قال وزير الخارجية"
    span("وزير الخارجية العراقي", "PER", body)
    speaker = span("فؤاد حسين", "PER", body)
    span("العراق", "GPE", "إن العراق")
    span("الولايات المتحدة الأميركية", "GPE", body)
    span("واشنطن", "GPE", "الدوليّةِ التي")
    span("التحالف الدوليّ", "ORG", body)
    span("الخارجية العراقية", "ORG", "أكدت")
    span("داعش", "ORG", "تنظيم")
    quote = at('"يسعى لمواصلة التنسيق والتعاون الأمنيّ مع الولايات المتحدة الأميركية، ويحرص على ديمومة '
               'الجُهُود الدوليّةِ التي تقودها واشنطن من خلال التحالف الدوليّ"')
    store.run(AddQuote(doc, who, content=quote, cue=at("قال", body), speaker_span_id=speaker), who)
    store.run(AddStance(doc, who, "favor", holder_span_id=speaker, target_topic="strategic_dialogue",
                        evidence=[at("يجدد تأكيده والتزامه بتعزيز شراكته الاستراتيجية")]), who)
    store.run(AddStance(doc, who, "favor", scope="article", target_topic="us_presence_iraq"), who)
    for other in store.doc_ids()[:2]:
        if other != doc:
            store.run(SetDocStatus(other, who, "done"), who)
    store.close()
    return doc, "demo"


def main() -> None:
    ensure_display()
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="annotator-shots-"))
    os.environ["ANNOTATOR_HOME"] = str(tmp / "home")  # fresh settings; the user's are never touched
    doc, who = build_demo(tmp / "demo.db")

    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.app import AppController, setup_application
    from ui.settings import Settings

    app = QApplication(sys.argv[:1])
    settings = Settings()
    settings.font_size = 15
    setup_application(app, settings)
    window = AppController(settings).open(tmp / "demo.db", who)
    assert window is not None
    window.resize(1440, 880)
    window.splitter.setSizes([520, 920])
    window.open_document(doc)
    window.workbench.panel.setCurrentIndex(1)  # the Quotes tab
    window.workbench.select("quote", window.store.quotes(doc)[0].id)
    window.workbench.view.verticalScrollBar().setValue(0)

    def shoot(name: str) -> None:
        QTest.qWait(400)  # let fonts, layouts and the status bar settle
        path = out_dir / name
        window.grab().save(str(path))
        print(f"saved {path} ({app.platformName()})")

    shoot("workbench.png")
    window.set_theme("dark")
    window.set_language("ar")
    window.workbench.panel.setCurrentIndex(2)  # the Stances tab
    window.workbench.select("stance", next(s.id for s in window.store.stances(doc) if s.scope == "mention"))
    window.workbench.view.verticalScrollBar().setValue(0)
    shoot("dark-arabic.png")
    window.close()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
