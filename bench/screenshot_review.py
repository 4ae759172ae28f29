"""Screenshot of review mode: two annotators' differing layers of a seed article, partly adjudicated.

``build_review_demo(path)`` makes the project (seeds/ imported; "sara" and "omar" annotate the
same article with every kind of difference; reviewer "rev" has accepted the agreed items);
``open_review(path, doc, reviewer)`` returns a shown :class:`ui.review_window.ReviewWindow` on it,
with an open disagreement selected. ``scripts/screenshots.py`` can call both inside its own
QApplication (after ``setup_application``) and grab the window.

Run under Xvfb to see real rendering:
``xvfb-run -a -s "-screen 0 1440x900x24" python bench/screenshot_review.py [OUT.png [dark|light [ar|en]]]``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.commands import AddQuote, AddSpan, AddStance  # noqa: E402
from annotator.ingest import import_paths  # noqa: E402
from annotator.review.adjudicate import AcceptAllAgreed  # noqa: E402
from annotator.store import Store  # noqa: E402
from ui.fonts import ui_font  # noqa: E402
from ui.i18n import install_language  # noqa: E402
from ui.review_window import ReviewWindow  # noqa: E402
from ui.themes import apply_theme  # noqa: E402
from ui.undo import UndoAdapter  # noqa: E402

SEED = ROOT / "seeds" / "000_a260749bfb491ba1.txt"


def build_review_demo(path: Path) -> tuple[int, str]:
    """The project file at ``path``: returns (the reviewed article's id, the reviewer's name)."""
    store = Store.open(path)
    try:
        import_paths(store, [SEED])
        doc = next(d for d in store.doc_ids() if '"يسعى لمواصلة التنسيق' in store.document(d).text)
        text = store.document(doc).text
        body = text.index("قال وزير الخارجية")

        def at(phrase: str, after: int = body) -> tuple[int, int]:
            a = text.index(phrase, after)
            return a, a + len(phrase)

        sara, omar = store.annotator_id("sara"), store.annotator_id("omar")
        rev = store.annotator_id("rev", role="reviewer")
        common = [("فؤاد حسين", "PER"), ("واشنطن", "GPE"), ("التحالف الدوليّ", "ORG")]
        own = {
            sara: [*common, ("وزير الخارجية العراقي", "PER"), ("العراق", "GPE"),
                   ("الولايات المتحدة الأميركية", "GPE"), ("داعش", "ORG")],
            omar: [*common, ("وزير الخارجية", "PER"), ("العراق", "LOC"), ("الولايات المتحدة", "GPE"),
                   ("الخارجية العراقية", "ORG")],
        }
        speakers: dict[int, int] = {}
        for who, spans in own.items():
            for phrase, label in spans:
                ch = store.run(AddSpan(doc, who, *at(phrase), label), who)
                if phrase == "فؤاد حسين":
                    speakers[who] = ch.spans.pop()
        quote = at('"يسعى لمواصلة التنسيق والتعاون الأمنيّ مع الولايات المتحدة الأميركية، ويحرص على ديمومة '
                   'الجُهُود الدوليّةِ التي تقودها واشنطن من خلال التحالف الدوليّ"')
        shorter = (quote[0], text.index("، ويحرص", quote[0]))
        for who, content in ((sara, quote), (omar, shorter)):
            store.run(AddQuote(doc, who, content=content, cue=at("قال"), speaker_span_id=speakers[who]), who)
            store.run(AddStance(doc, who, "favor", scope="article", target_topic="us_presence_iraq"), who)
        for who, polarity in ((sara, "favor"), (omar, "neutral")):
            store.run(AddStance(doc, who, polarity, holder_span_id=speakers[who], target_topic="strategic_dialogue",
                                evidence=[at("يجدد تأكيده والتزامه بتعزيز شراكته الاستراتيجية")]), who)
        store.run(AcceptAllAgreed(doc, rev), rev)
    finally:
        store.close()
    return doc, "rev"


def open_review(path: Path, doc: int, reviewer: str, parent: object = None) -> ReviewWindow:
    """A shown review window on ``doc``, an open disagreement selected (needs a QApplication)."""
    store = Store.open(path)
    rev = store.annotator_id(reviewer, role="reviewer")
    win = ReviewWindow(store, UndoAdapter(store, rev), rev, parent)  # type: ignore[arg-type]
    win.resize(1440, 880)
    win.open_document(doc)
    items = win.view.model.items
    row = next((i for i, it in enumerate(items) if not it.decided and it.kind == "quote"), 0)
    win.view.select_row(row)
    win.show()
    win.view.splitter.setSizes([560, 880])
    return win


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/review.png")
    theme = sys.argv[2] if len(sys.argv) > 2 else "dark"
    language = sys.argv[3] if len(sys.argv) > 3 else "en"
    app = QApplication(sys.argv[:1])
    app.setFont(ui_font(11))
    apply_theme(app, theme)
    install_language(app, language)
    path = Path(tempfile.mkdtemp(prefix="annotator-review-")) / "review.db"
    doc, reviewer = build_review_demo(path)
    win = open_review(path, doc, reviewer)
    QTest.qWaitForWindowExposed(win)
    QTest.qWait(400)  # fonts, layouts and the idle highlighting settle
    win.grab().save(str(out))
    print(f"saved {out} ({QApplication.platformName()}, {theme}, {language})")
    win.close()
    win.store.close()


if __name__ == "__main__":
    main()
