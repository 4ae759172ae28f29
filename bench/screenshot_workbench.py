"""Screenshot of the Workbench on a sample article with entities, a quote, a stance and a suggestion.

Run under Xvfb to see real rendering (offscreen works too):
``xvfb-run -a -s "-screen 0 1280x1024x24" python bench/screenshot_workbench.py [OUT.png [light|dark]]``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.commands import AddSpan
from annotator.store import Store
from tests.conftest import add_document
from ui.fonts import ensure_fonts
from ui.themes import apply_theme
from ui.undo import UndoAdapter
from ui.workbench import Workbench

SEED = Path("/work/shared/seeds/000_a260749bfb491ba1.txt")
TEXT = (
    SEED.read_text(encoding="utf-8")
    if SEED.exists()
    else ('قال وزير الخارجية العراقي فؤاد حسين إن العراق "يسعى لمواصلة التنسيق" مع واشنطن.\n')
)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/wb.png")
    theme = sys.argv[2] if len(sys.argv) > 2 else "light"
    app = QApplication.instance() or QApplication(sys.argv)
    ensure_fonts()
    apply_theme(app, theme)
    store = Store.open(Path(tempfile.mkdtemp()) / "shot.db")
    lines = TEXT.split("\n")
    body = (
        "\n".join(lines[4:]).strip()
        + "\nوالتقى الوفد بالرئيس الأميركي لبحث العلاقات الثنائية 🇮🇶."
        + "\nThe US Embassy in Baghdad said on 23 July 2021 that talks 🇺🇸🇮🇶 went well."
    )
    doc = add_document(store, body, title=lines[0].strip())
    who = store.annotator_id("alice")
    undo = UndoAdapter(store, who)
    wb = Workbench(store, undo, who)
    wb.resize(1240, 760)
    wb.show()
    wb.activateWindow()
    QTest.qWaitForWindowActive(wb)  # shortcuts need the active window
    wb.set_document(doc)
    wb.view.setFocus()
    app.processEvents()

    def tag(word: str, key: Qt.Key, within: str = "") -> int:
        """Select ``word`` (its first occurrence, or the one inside ``within``) and press ``key``."""
        a = body.index(within) + within.index(word) if within else body.index(word)
        wb.view.select_range(a, a + len(word))
        QTest.keyClick(wb.view, key)
        assert wb.selected is not None, wb.banner.text()
        return wb.selected[1]

    tag("وزير الخارجية العراقي", Qt.Key.Key_1)
    tag("فؤاد حسين", Qt.Key.Key_1)  # right after the PER above: the start ticks keep them apart
    tag("العراق", Qt.Key.Key_3, within="إن العراق")
    tag("الولايات المتحدة الأميركية", Qt.Key.Key_3)
    tag("واشنطن", Qt.Key.Key_3, within="يزور حسين واشنطن")
    tag("التحالف الدوليّ", Qt.Key.Key_2)
    tag("الخارجية العراقية", Qt.Key.Key_2)
    tag("والولايات المتحدة", Qt.Key.Key_3)  # snaps away the و
    tag("US Embassy in Baghdad", Qt.Key.Key_2)
    tag("Baghdad", Qt.Key.Key_3)  # nested in the ORG
    tag("بالرئيس الأميركي", Qt.Key.Key_1)  # snaps away the ب: joining must survive the boundary
    a = body.rindex("داعش")
    store.run(AddSpan(doc, who, a, a + 4, "ORG", origin="suggested", status="suggested"))
    wb.set_document(None)
    wb.set_document(doc)
    wb.view.setFocus()
    # a quote: content, then the speaker clicked in the text, cue suggested
    q = body.index('"يسعى')
    qe = body.index('التحالف الدوليّ"') + len('التحالف الدوليّ"')
    wb.view.select_range(q, qe)
    QTest.keyClick(wb.view, Qt.Key.Key_Q)
    speaker = body.index("فؤاد حسين") + 2
    QTest.mouseClick(wb.view.viewport(), Qt.MouseButton.LeftButton, pos=wb.view.rect_of(speaker, speaker + 1))
    assert wb.editor is not None
    QTest.keyClick(wb.editor, Qt.Key.Key_Return)
    # a stance with evidence, and an article-level stance
    e = body.index("يحرص على ديمومة الجُهُود الدوليّةِ")
    wb.view.select_range(e, e + len("يحرص على ديمومة الجُهُود الدوليّةِ"))
    QTest.keyClick(wb.view, Qt.Key.Key_S)
    assert wb.editor is not None
    QTest.mouseClick(wb.view.viewport(), Qt.MouseButton.LeftButton, pos=wb.view.rect_of(speaker, speaker + 1))
    wb.editor.polarity.setCurrentIndex(0)  # type: ignore[union-attr]
    QTest.keyClick(wb.editor, Qt.Key.Key_Return)
    wb.set_article_stance("us_presence_iraq", "favor")
    wb.panel.setCurrentIndex(1)
    wb.select("quote", store.quotes(doc, who)[0].id)
    wb.view.verticalScrollBar().setValue(0)
    for _ in range(20):
        app.processEvents()
    wb.grab().save(str(out))
    # second picture: the end of the article, the stance selected in the Stances tab
    wb.panel.setCurrentIndex(2)
    wb.select("stance", next(s.id for s in store.stances(doc, who) if s.scope == "mention"))
    wb.view.verticalScrollBar().setValue(wb.view.verticalScrollBar().maximum())
    for _ in range(20):
        app.processEvents()
    second = out.with_name(out.stem + "_end" + out.suffix)
    wb.grab().save(str(second))
    print(f"saved {out} and {second}; message: {wb.banner.text() or 'none'}")
    wb.set_document(None)


if __name__ == "__main__":
    main()
