"""Entry points of issue 4's GUI: the review window, and the Review menu the main window shows.

:class:`ReviewWindow` hosts a :class:`ui.review_view.ReviewView` in its own window over the
project's single UndoAdapter, so a decision undone here or from the main window's Edit menu is
the same step. :class:`ReviewLauncher` owns the main window's Review menu actions: review the
current article (Ctrl+R), the Agreement view (double-click an article there to review it) and
the assignment dialog.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QWidget
from sqlalchemy import func, select, union

from annotator.store import DS, ST, D, Q, S, Store
from ui.agreement_view import AgreementView
from ui.assign_dialog import AssignDialog
from ui.review_view import ReviewView
from ui.undo import UndoAdapter


class ReviewWindow(QMainWindow):
    """Review one article at a time; Alt+Down / Alt+Up go to the next / previous article two or
    more annotators have annotated; Ctrl+Z / Ctrl+Shift+Z undo and redo decisions."""

    def __init__(self, store: Store, undo: UndoAdapter, reviewer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.store, self.undo, self.reviewer_id = store, undo, reviewer_id
        self.view = ReviewView(store, undo, reviewer_id, self)
        self.setCentralWidget(self.view)
        self.view.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        undo_act = undo.stack.createUndoAction(self, self.tr("Undo"))
        undo_act.setShortcuts([QKeySequence("Ctrl+Z")])
        redo_act = undo.stack.createRedoAction(self, self.tr("Redo"))
        redo_act.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_next_article = QAction(self.tr("Next article to review"), self)
        self.act_next_article.setShortcut(QKeySequence("Alt+Down"))
        self.act_next_article.triggered.connect(lambda: self.go_article(1))
        self.act_prev_article = QAction(self.tr("Previous article to review"), self)
        self.act_prev_article.setShortcut(QKeySequence("Alt+Up"))
        self.act_prev_article.triggered.connect(lambda: self.go_article(-1))
        close = QAction(self.tr("Close"), self)
        close.setShortcut(QKeySequence("Ctrl+W"))
        close.triggered.connect(self.close)
        menu = self.menuBar().addMenu(self.tr("&Review"))
        menu.addActions([undo_act, redo_act])
        menu.addSeparator()
        menu.addActions(self.view.review_actions())
        menu.addSeparator()
        menu.addActions([self.act_next_article, self.act_prev_article, close])
        for act in (undo_act, redo_act, self.act_next_article, self.act_prev_article, close):
            self.addAction(act)
        self.resize(1300, 820)

    def open_document(self, doc_id: int) -> None:
        self.view.set_document(doc_id)
        doc = self.store.document(doc_id)
        self.setWindowTitle(self.tr("Review — %1").replace("%1", doc.title or doc.uid))

    def go_article(self, step: int) -> None:
        """Move to the next/previous article with two or more annotators' layers."""
        target = neighbour_to_review(self.store, self.view.current_document(), step)
        if target is None:
            self.statusBar().showMessage(self.tr("No further article to review."), 6000)
            return
        self.open_document(target)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.set_document(None)
        super().closeEvent(event)


def neighbour_to_review(store: Store, doc_id: int | None, step: int) -> int | None:
    """The next (``step`` > 0) or previous article after ``doc_id`` that two or more annotators have
    annotated (as :func:`annotator.review.project.review_targets` counts it: status done, or an active
    entity, quote or stance). Looks through the ids in growing batches, so a key press costs a few
    indexed queries however big the project, not a load of every layer (seconds at 20,000 articles)."""
    forward = step > 0
    cur = doc_id if doc_id is not None else (0 if forward else None)
    gold, batch = store.gold_id, 32
    with store.read() as conn:
        while True:
            q = select(D.c.id)
            if cur is not None:
                q = q.where(D.c.id > cur if forward else D.c.id < cur)
            ids = list(conn.execute(q.order_by(D.c.id if forward else D.c.id.desc()).limit(batch)).scalars())
            if not ids:
                return None
            parts = [select(t.c.doc_id, t.c.annotator_id).where(t.c.doc_id.in_(ids), t.c.annotator_id != gold,
                                                                   t.c.status == "active", *extra)
                     for t, extra in ((S, [S.c.layer == "entity"]), (Q, []), (ST, []))]
            parts.append(select(DS.c.doc_id, DS.c.annotator_id).where(
                DS.c.doc_id.in_(ids), DS.c.annotator_id != gold, DS.c.status == "done"))
            who = union(*parts).subquery()
            hits = set(conn.execute(select(who.c.doc_id).group_by(who.c.doc_id)
                                    .having(func.count(func.distinct(who.c.annotator_id)) >= 2)).scalars())
            if hits:
                return int(min(hits) if forward else max(hits))
            cur, batch = ids[-1], min(batch * 4, 8192)



class _Host(Protocol):
    """What the launcher needs of the main window."""

    store: Store
    undo: UndoAdapter
    annotator_id: int

    def current_document(self) -> int | None: ...

    def show_message(self, text: str) -> None: ...


class ReviewLauncher(QObject):
    """The Review menu's actions for a main window: Review article (Ctrl+R), Agreement…, Assign articles…."""

    def __init__(self, host: _Host, parent: QWidget) -> None:
        super().__init__(parent)
        self.host, self.parent_widget = host, parent
        self.review_window: ReviewWindow | None = None
        self.agreement_view: AgreementView | None = None
        self.act_review = QAction(parent)
        self.act_review.setObjectName("reviewArticle")
        self.act_review.setShortcut(QKeySequence("Ctrl+R"))
        self.act_review.triggered.connect(lambda: self.review())
        self.act_agreement = QAction(parent)
        self.act_agreement.setObjectName("agreement")
        self.act_agreement.triggered.connect(self.agreement)
        self.act_assign = QAction(parent)
        self.act_assign.setObjectName("assignArticles")
        self.act_assign.triggered.connect(self.assign)
        for act in self.actions():
            parent.addAction(act)
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.act_review, self.act_agreement, self.act_assign]

    def retranslate(self) -> None:
        self.act_review.setText(self.tr("&Review article"))
        self.act_agreement.setText(self.tr("A&greement…"))
        self.act_assign.setText(self.tr("A&ssign articles…"))
        self._rebuild_open_windows()

    def _rebuild_open_windows(self) -> None:
        """After a language switch: the review window and the agreement view set their texts when
        they are built, so open ones are built again, where they were (same article and item,
        same place on screen). Nothing is lost: decisions are in the database and the undo stack
        is the main window's."""
        old = self.review_window
        if old is not None and old.isVisible() and old.view.current_document() is not None:
            doc, row, geometry = old.view.current_document(), old.view.current_row(), old.saveGeometry()
            self.review_window = None
            old.close()
            new = self.review(doc)
            if new is not None:
                new.restoreGeometry(geometry)
                new.view.select_row(row)
        view = self.agreement_view
        if view is not None and view.isVisible():
            geometry = view.saveGeometry()
            self.agreement_view = None
            view.close()
            self.agreement().restoreGeometry(geometry)

    def review(self, doc_id: int | None = None) -> ReviewWindow | None:
        """Open (or raise) the review window on ``doc_id`` or the main window's current article."""
        doc = doc_id if doc_id is not None else self.host.current_document()
        if doc is None:
            self.host.show_message(self.tr("Open an article to review first."))
            return None
        if self.review_window is None:
            self.review_window = ReviewWindow(self.host.store, self.host.undo, self.host.annotator_id,
                                              self.parent_widget)
            window = self.review_window
            window.destroyed.connect(lambda _=None, w=window: self._forget("review_window", w))
            self.review_window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review_window.view.reviewer_id = self.host.annotator_id
        self.review_window.open_document(doc)
        self.review_window.show()
        self.review_window.raise_()
        self.review_window.activateWindow()
        return self.review_window

    def agreement(self) -> AgreementView:
        if self.agreement_view is None:
            view = AgreementView(self.host.store, self.parent_widget)
            view.setWindowFlag(Qt.WindowType.Window, True)
            view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            view.openArticle.connect(lambda doc: self.review(doc))
            view.destroyed.connect(lambda _=None, v=view: self._forget("agreement_view", v))
            self.agreement_view = view
            view.compute()
        self.agreement_view.show()
        self.agreement_view.raise_()
        return self.agreement_view

    def _forget(self, name: str, widget: QWidget) -> None:
        """A closed window is forgotten, unless a newer one took its place meanwhile."""
        if getattr(self, name) is widget:
            setattr(self, name, None)

    def assign(self) -> None:
        AssignDialog(self.host.store, self.host.undo, self.parent_widget).exec()
