"""Selections snapped to whole words without attached proclitics, for one open article.

``annotator.text.snap`` does the work; this supplies its ``known=`` evidence: the words that
stand alone in the article (``vocabulary``) or in the project's canonical entity names. A
50,000-word article's vocabulary takes a few hundred ms, so it is collected in slices of
paragraphs from the event loop after the article opens; a tag that comes sooner finishes it first.
Tokens never cross a line break, so the union of the slices is the article's whole vocabulary.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from annotator import text as T
from annotator.store import Store

SLICE = 15  # paragraphs per event-loop turn (~8 ms)


class Snapper(QObject):
    def __init__(self, store: Store, text: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.text = text
        self.vocab: set[str] = set()
        self._todo: list[str] = []
        self._idle_on = False
        self.restart()

    def restart(self) -> None:
        """(Re)collect the vocabulary, e.g. after canonical entities changed."""
        variants = self.store.variants
        self.vocab = set()
        for e in self.store.entities(limit=1_000_000):
            for name in (e.name, *e.aliases):
                self.vocab |= T.vocabulary(name, variants)
        lines = self.text.split("\n")
        self._todo = ["\n".join(lines[i : i + SLICE]) for i in range(0, len(lines), SLICE)]
        if self._idle_on:
            QTimer.singleShot(0, self._idle)

    def start_idle(self) -> None:
        """Collect the rest from the event loop (called once the article has been painted)."""
        if not self._idle_on:
            self._idle_on = True
            QTimer.singleShot(0, self._idle)

    def stop(self) -> None:
        """The article was closed: drop the remaining slices."""
        self._todo = []
        self._idle_on = False

    @property
    def ready(self) -> bool:
        return not self._todo

    def finish(self) -> None:
        self._step(len(self._todo))

    def _step(self, n: int) -> None:
        todo, self._todo = self._todo[:n], self._todo[n:]
        for chunk in todo:
            self.vocab |= T.vocabulary(chunk, self.store.variants)

    def _idle(self) -> None:
        if self._todo and self._idle_on:
            self._step(1)
            if self._todo:
                QTimer.singleShot(0, self._idle)

    def known(self, stem: str) -> bool:
        if self._todo:
            self.finish()
        return T.normalize(stem, self.store.variants) in self.vocab

    def snap(self, start: int, end: int, *, clitics: bool = True) -> tuple[int, int] | None:
        """``start:end`` snapped to whole words (and, for mentions, without proclitics).

        Only the selected paragraphs are passed to ``snap``, which tokenizes what it is given.
        """
        text = self.text
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", end)
        hi = len(text) if hi < 0 else hi
        got = T.snap(text[lo:hi], start - lo, end - lo, strip_clitics=clitics, known=self.known)
        return (got[0] + lo, got[1] + lo) if got else None
