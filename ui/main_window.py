"""The main window: the article list beside the Workbench, menus, status bar with progress.

It owns the project's single UndoAdapter and wires everything through it: the Workbench pushes
edits, the list refreshes only the rows of documents that changed, Ctrl+Enter marks the article
done (an undoable ``SetDocStatus``) and moves to the next unfinished one. It also hosts every
tool of the project: the Assist menu (:class:`ui.assist.AssistController`), the Review menu
(:class:`ui.review_window.ReviewLauncher`), the project search dock
(:class:`ui.search_panel.SearchPanel`, Ctrl+Shift+F) and File → Export…
(:class:`ui.export_dialog.ExportDialog`). Every key is bound once in the window: label keys and
Assist keys only while the Workbench has focus, the rest window-wide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMenu, QMessageBox, QSplitter, QWidget

from annotator.commands import Changes, CommandError, SetDocStatus
from annotator.store import Store
from ui.article_list import ArticleListPanel
from ui.assist import AssistController
from ui.export_dialog import ExportDialog
from ui.help import GuidelinesDialog, ShortcutSheetDialog, ensure_guidelines
from ui.i18n import current_language, install_language
from ui.project_dialogs import ProjectLock, ask_annotator, choose_project_file
from ui.review_window import ReviewLauncher
from ui.search_panel import SearchPanel, show_hit
from ui.settings import Settings
from ui.themes import apply_theme, current_theme
from ui.undo import UndoAdapter
from ui.workbench import Workbench

#: widths the search dock makes room for when it is opened (taken from the article list first)
DOCK_WIDTH, WORKBENCH_MIN, LIST_MIN = 340, 740, 380


class MainWindow(QMainWindow):
    """One open project for one annotator."""

    openProjectRequested = Signal(str)

    def __init__(self, store: Store, settings: Settings, annotator_id: int, project: str,
                 lock: ProjectLock | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store, self.settings, self.project, self.lock = store, settings, project, lock
        self.annotator_id = annotator_id
        self.undo = UndoAdapter(store, annotator_id, self)
        self.articles = ArticleListPanel(store, annotator_id, self)
        self.workbench = Workbench(store, self.undo, annotator_id, self)
        self.workbench.set_font_size(settings.font_size)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.articles)
        self.splitter.addWidget(self.workbench)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("progressLabel")
        self.annotator_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.annotator_label)
        self.statusBar().addPermanentWidget(self.progress_label)
        self._dialogs: dict[str, QWidget] = {}
        self.assist = AssistController(self.workbench)
        self.review = ReviewLauncher(self, self)
        self.search = SearchPanel(store, self.undo, lambda: self.annotator_id, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search)
        self.search.hide()
        # what Reset layout goes back to: the search dock docked and hidden
        self._default_state = self.saveState()

        self._make_actions()
        self.retranslate()
        self.undo.changed.connect(self._on_changed)
        self.undo.failed.connect(self.show_message)
        self.articles.documentActivated.connect(self.open_document)
        self.workbench.documentEdited.connect(self._on_document_edited)
        self.workbench.statusMessage.connect(self.show_message)
        self.workbench.markDoneRequested.connect(self.mark_done_and_next)
        self.search.hitActivated.connect(self.show_hit)
        self.search.statusMessage.connect(self.show_message)
        self.search.toggleViewAction().triggered.connect(self._search_toggled)
        self.assist.projectSuggested.connect(lambda _report: self._reload_articles())
        self._restore_layout()
        self._update_progress()
        self._open_first_document()

    # --- actions and menus --------------------------------------------------------------------

    def _action(self, name: str, slot: Callable[[], object], keys: tuple[str | QKeySequence, ...] = ()) -> QAction:
        act = QAction(self)
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        a = self._action
        self.act_open = a("openProject", self.open_project_dialog, (QKeySequence.StandardKey.Open,))  # type: ignore[arg-type]
        self.act_switch = a("switchAnnotator", self.switch_annotator_dialog)
        self.act_export = a("export", self.export_dialog, ("Ctrl+E",))
        self.act_quit = a("quit", self.close, ("Ctrl+Q",))
        self.act_find = a("find", self.focus_search, ("Ctrl+F",))
        self.act_search = a("searchProject", self.toggle_project_search, ("Ctrl+Shift+F",))
        self.act_done = a("markDone", self.mark_done_and_next, ("Ctrl+Return", "Ctrl+Enter"))
        self.act_next = a("nextUnfinished", lambda: self.go_unfinished(1), ("Alt+Down",))
        self.act_prev = a("previousUnfinished", lambda: self.go_unfinished(-1), ("Alt+Up",))
        self.act_next_any = a("nextArticle", lambda: self.go_relative(1), ("Alt+PgDown",))
        self.act_prev_any = a("previousArticle", lambda: self.go_relative(-1), ("Alt+PgUp",))
        self.act_bigger = a("fontBigger", lambda: self.change_font_size(1), ("Ctrl++", "Ctrl+="))
        self.act_smaller = a("fontSmaller", lambda: self.change_font_size(-1), ("Ctrl+-",))
        self.act_reset_layout = a("resetLayout", self.reset_layout)
        self.act_shortcuts = a("shortcuts", self.show_shortcuts, ("F1", "?", "؟"))
        self.act_guidelines = a("guidelines", self.show_guidelines, ("F2",))
        self.theme_group = QActionGroup(self)
        self.act_light = a("themeLight", lambda: self.set_theme("light"))
        self.act_dark = a("themeDark", lambda: self.set_theme("dark"))
        self.lang_group = QActionGroup(self)
        self.act_english = a("languageEnglish", lambda: self.set_language("en"))
        self.act_arabic = a("languageArabic", lambda: self.set_language("ar"))
        for group, acts in ((self.theme_group, (self.act_light, self.act_dark)),
                            (self.lang_group, (self.act_english, self.act_arabic))):
            for act in acts:
                act.setCheckable(True)
                group.addAction(act)
        self.act_undo: QAction | None = None
        self.act_redo: QAction | None = None

    def retranslate(self) -> None:
        """Set every visible text (again): called at start and on each language change."""
        for act, text in (
            (self.act_open, self.tr("&Open project…")), (self.act_switch, self.tr("Switch &annotator…")),
            (self.act_export, self.tr("&Export…")), (self.act_quit, self.tr("&Quit")),
            (self.act_find, self.tr("&Find articles")), (self.act_search, self.tr("&Search the project…")),
            (self.act_done, self.tr("Mark &done and go to next")),
            (self.act_next, self.tr("&Next unfinished article")), (self.act_prev, self.tr("&Previous unfinished article")),
            (self.act_next_any, self.tr("Next article in list")), (self.act_prev_any, self.tr("Previous article in list")),
            (self.act_bigger, self.tr("&Bigger text")), (self.act_smaller, self.tr("&Smaller text")),
            (self.act_reset_layout, self.tr("&Reset layout")), (self.act_shortcuts, self.tr("&Keyboard shortcuts")),
            (self.act_guidelines, self.tr("Annotation &guidelines")), (self.act_light, self.tr("&Light theme")),
            (self.act_dark, self.tr("&Dark theme")), (self.act_english, "English"), (self.act_arabic, "العربية"),
        ):
            act.setText(text)
        for old in (self.act_undo, self.act_redo):
            if old is not None:
                self.removeAction(old)
                old.deleteLater()
        self.act_undo = self.undo.stack.createUndoAction(self, self.tr("Undo"))
        self.act_undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.act_redo = self.undo.stack.createRedoAction(self, self.tr("Redo"))
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.act_undo, self.act_redo):
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(act)
        app = QApplication.instance()
        self.act_dark.setChecked(isinstance(app, QApplication) and current_theme(app) == "dark")
        self.act_light.setChecked(not self.act_dark.isChecked())
        self.act_arabic.setChecked(isinstance(app, QApplication) and current_language(app) == "ar")
        self.act_english.setChecked(not self.act_arabic.isChecked())
        self.search.setWindowTitle(self.tr("Search project"))  # also the View menu's toggle
        self.review.retranslate()
        self._build_menus()
        self.articles.retranslate()
        self._update_title()
        self._update_progress()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        self.menus: dict[str, QMenu] = {}

        def menu(key: str, title: str, items: Sequence[QAction | None]) -> QMenu:
            m = bar.addMenu(title)
            m.setObjectName(f"menu_{key}")
            for it in items:
                m.addSeparator() if it is None else m.addAction(it)
            self.menus[key] = m
            return m

        menu("file", self.tr("&File"), [self.act_open, self.act_switch, None, self.act_export, None, self.act_quit])
        menu("edit", self.tr("&Edit"), [self.act_undo, self.act_redo, None, self.act_find, self.act_search])
        menu("annotate", self.tr("&Annotate"), [*self.workbench.actions(), None, self.act_done])
        menu("assist", self.tr("A&ssist"), self.assist.actions())
        menu("review", self.tr("&Review"), self.review.actions())
        menu("navigate", self.tr("&Navigate"), [self.act_next, self.act_prev, None, self.act_next_any, self.act_prev_any])
        view = menu("view", self.tr("&View"), [self.search.toggleViewAction(), None, self.act_bigger,
                                                 self.act_smaller, None, self.act_light, self.act_dark, None])
        lang = view.addMenu(self.tr("&Language"))
        lang.addActions([self.act_english, self.act_arabic])
        view.addSeparator()
        view.addAction(self.act_reset_layout)
        menu("help", self.tr("&Help"), [self.act_shortcuts, self.act_guidelines])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "act_open"):
            self.retranslate()
        super().changeEvent(event)

    # --- documents ------------------------------------------------------------------------------

    def current_document(self) -> int | None:
        return self.workbench.current_document()

    def open_document(self, doc_id: int | None) -> None:
        """Show an article in the Workbench and select it in the list."""
        if doc_id == self.workbench.current_document() and doc_id is not None:
            return
        self.workbench.set_document(doc_id)
        if doc_id is not None:
            self.articles.select_document(doc_id, emit=False)
        self.settings.set_last_document(self.project, doc_id)
        self._update_title()

    def _open_first_document(self) -> None:
        last = self.settings.last_document(self.project)
        if last is not None and self.articles.model.row_of(last) is not None:
            self.open_document(last)
            return
        first = self.articles.model.next_unfinished(None)
        ids = self.articles.model.ids()
        self.open_document(first if first is not None else (ids[0] if ids else None))

    def go_unfinished(self, step: int) -> None:
        target = self.articles.model.next_unfinished(self.current_document(), step)
        if target is None:
            self.show_message(self.tr("No other unfinished article in the list."))
            return
        self.open_document(target)

    def go_relative(self, step: int) -> None:
        model = self.articles.model
        cur = self.current_document()
        row = model.row_of(cur) if cur is not None else None
        nxt = (row + step) if row is not None else 0
        if 0 <= nxt < model.rowCount():
            self.open_document(model.doc_id(nxt))

    def mark_done_and_next(self) -> None:
        doc = self.current_document()
        if doc is None:
            return
        try:
            self.undo.push(SetDocStatus(doc, self.annotator_id, "done"))
        except CommandError as e:
            self.show_message(str(e))
            return
        target = self.articles.model.next_unfinished(doc)
        if target is None:
            self.show_message(self.tr("Article done. Every article in the list is done."))
            return
        self.open_document(target)
        self.show_message(self.tr("Article done."))

    def _on_changed(self, changes: Changes) -> None:
        self.articles.refresh(changes.docs | {d for d, _a in changes.statuses})
        if changes.statuses:
            self._update_progress()

    def _on_document_edited(self, doc_id: int) -> None:
        # the Workbench may also have moved the status to "in progress" outside the undo stack
        self.articles.refresh([doc_id])

    def _reload_articles(self) -> None:
        """Re-read every row after a project-wide run that wrote outside the undo stack."""
        keep = self.current_document()
        self.articles.model.reload()
        if keep is not None:
            self.articles.select_document(keep, emit=False)
        self._update_progress()

    def show_hit(self, doc_id: int, start: int, end: int) -> None:
        """A search hit: open its article with the match selected and focused, ready for a label key."""
        show_hit(self.open_document, self.workbench.view, doc_id, start, end)

    # --- status bar and title ---------------------------------------------------------------

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _update_progress(self) -> None:
        done, total = self.articles.model.progress()
        # isolated left-to-right, so "3 / 10" keeps its order inside the Arabic sentence
        self.progress_label.setText(self.tr("Done %1").replace("%1", f"\u2066{done} / {total}\u2069"))
        self.annotator_label.setText(self.tr("Annotator: %1").replace("%1", self.store.annotator_name(self.annotator_id)))

    def _update_title(self) -> None:
        doc = self.current_document()
        name = self.store.path.name if self.store.path is not None else self.store.url
        self.setWindowTitle(f"{name} — annotator" + (f" — #{doc}" if doc is not None else ""))

    # --- File menu --------------------------------------------------------------------------------

    def open_project_dialog(self) -> None:
        start = str(self.store.path.parent) if self.store.path is not None else ""
        path = choose_project_file(self, start)
        if path:
            self.openProjectRequested.emit(path)

    def switch_annotator_dialog(self) -> None:
        names = [a.name for a in self.store.annotators()]
        name = ask_annotator(self, names, self.store.annotator_name(self.annotator_id))
        if name:
            self.set_annotator(self.store.annotator_id(name))
            self.settings.annotator = name

    def set_annotator(self, annotator_id: int) -> None:
        """Work as another annotator: their statuses, counts and spans; the undo history starts afresh."""
        if annotator_id == self.annotator_id:
            return
        self.annotator_id = annotator_id
        self.undo.clear()
        self.undo.who = annotator_id
        self.articles.set_annotator(annotator_id)
        self.workbench.set_annotator(annotator_id)
        self._update_progress()
        self.show_message(self.tr("Now annotating as %1.").replace("%1", self.store.annotator_name(annotator_id)))

    def export_dialog(self) -> ExportDialog:
        """File → Export…: one dialog at a time (raised if open); it exports in the background."""
        dialog = self._dialogs.get("export")
        if isinstance(dialog, ExportDialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
        dialog = ExportDialog(self.store, self.store.annotator_name(self.annotator_id), self)
        self._show_dialog("export", dialog)
        return dialog

    # --- Edit, View and Help menus ------------------------------------------------------------

    def focus_search(self) -> None:
        self.articles.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.articles.search.selectAll()

    def toggle_project_search(self) -> None:
        """Ctrl+Shift+F: show the search dock with its query focused; hide it when already there."""
        focus = QApplication.focusWidget()
        if self.search.isVisible() and focus is not None and self.search.isAncestorOf(focus):
            self.search.hide()
            self.workbench.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        opening = self.search.isHidden()
        self.search.focus_query()
        if opening:
            self._make_room_for_search()

    def _search_toggled(self, shown: bool) -> None:
        if shown:
            self._make_room_for_search()

    def _make_room_for_search(self) -> None:
        """Opening the dock: give it a readable width, taken from the article list rather than the
        article, so the Workbench keeps its side panel."""
        if self.search.isFloating():
            return
        if self.search.width() < DOCK_WIDTH:
            self.resizeDocks([self.search], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # place the dock now, so the splitter's sizes below are the final ones
        sizes = self.splitter.sizes()
        move = min(WORKBENCH_MIN - sizes[1], sizes[0] - LIST_MIN) if len(sizes) == 2 else 0
        if move > 0:
            self.splitter.setSizes([sizes[0] - move, sizes[1] + move])

    def change_font_size(self, delta: int) -> None:
        self.settings.font_size = self.settings.font_size + delta
        self.workbench.set_font_size(self.settings.font_size)
        self.show_message(self.tr("Text size %1 pt").replace("%1", str(self.settings.font_size)))

    def set_theme(self, name: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, name)
        self.settings.theme = name
        (self.act_dark if name == "dark" else self.act_light).setChecked(True)

    def set_language(self, code: str) -> None:
        app = QApplication.instance()
        self.settings.language = code
        if isinstance(app, QApplication) and not install_language(app, code):
            QMessageBox.warning(self, "annotator", "The Arabic translation file is missing; staying in English.")

    def reset_layout(self) -> None:
        self.settings.clear_layout()
        self.search.setFloating(False)
        self.restoreState(self._default_state)
        self.showNormal()
        self.resize(1280, 820)
        self.splitter.setSizes([self._default_list_width(), max(400, self.width() - self._default_list_width())])

    def show_shortcuts(self) -> None:
        groups = [
            (self.tr("File"), [self.act_open, self.act_export, self.act_quit]),
            (self.tr("Edit"), [a for a in (self.act_undo, self.act_redo) if a is not None]
             + [self.act_find, self.act_search]),
            (self.tr("Annotate"), [*self.workbench.actions(), self.act_done]),
            (self.tr("Assist"), self.assist.actions()),
            (self.tr("Review"), self.review.actions()),
            (self.tr("Navigate"), [self.act_next, self.act_prev, self.act_next_any, self.act_prev_any]),
            (self.tr("View"), [self.act_bigger, self.act_smaller]),
            (self.tr("Help"), [self.act_shortcuts, self.act_guidelines]),
        ]
        self._show_dialog("shortcuts", ShortcutSheetDialog(groups, self.store.schema, self))

    def show_guidelines(self) -> None:
        try:
            path = ensure_guidelines(self.store)
        except OSError as e:
            QMessageBox.warning(self, self.tr("Annotation guidelines"),
                                self.tr("The guidelines file cannot be written: %1").replace("%1", str(e)))
            return
        self._show_dialog("guidelines", GuidelinesDialog(path, self))

    def _show_dialog(self, key: str, dialog: QWidget) -> None:
        """Non-modal help windows: one of each kind, replaced when opened again."""
        old = self._dialogs.pop(key, None)
        if old is not None:
            old.close()
            old.deleteLater()
        self._dialogs[key] = dialog
        dialog.show()
        dialog.raise_()

    # --- layout persistence and closing ---------------------------------------------------------

    def _default_list_width(self) -> int:
        return 600

    def _restore_layout(self) -> None:
        geometry = self.settings.layout("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        state = self.settings.layout("state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.layout("splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([self._default_list_width(), 680])

    def save_layout(self) -> None:
        self.settings.set_layout("geometry", self.saveGeometry())
        self.settings.set_layout("state", self.saveState())
        self.settings.set_layout("splitter", self.splitter.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.settings.set_last_document(self.project, self.current_document())
        self.settings.flush()
        self.workbench.flush_time()
        for dialog in self._dialogs.values():
            dialog.close()  # a running export is cancelled and waited for
        for tool in (self.review.review_window, self.review.agreement_view):
            if tool is not None:
                tool.close()
        self.assist.shutdown()  # a project-wide suggestion run stops before the project closes
        super().closeEvent(event)
        if event.isAccepted():
            self.release()

    def release(self) -> None:
        """Give the project back: close the database and drop the lock (idempotent)."""
        self.undo.clear()
        self.store.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
