"""Help: the keyboard shortcut sheet (F1 or ?) and the project's annotation guidelines (F2).

The guidelines are a Markdown file kept with the project (``<project>.guidelines.md`` next to the
SQLite file), so they travel with the data and can be edited in any editor; the first open writes
a starting template built from the project's label schema.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from annotator.cli.common import data_dir
from annotator.schema import Schema
from annotator.store import Store


def guidelines_path(store: Store) -> Path:
    """``<project>.guidelines.md`` beside a SQLite project; under the data folder for a server URL."""
    if store.path is not None:
        name = store.path.name
        stem = name[: -len(".db")] if name.endswith(".db") else store.path.stem
        return store.path.with_name(f"{stem}.guidelines.md")
    db = str(store.engine.url.database or "project").rsplit("/", 1)[-1]
    return data_dir() / "guidelines" / f"{store.engine.url.host or 'server'}-{db}.guidelines.md"


def guidelines_template(schema: Schema) -> str:
    """A first version of the guidelines: the schema's labels, keys, cues and topics, to be edited."""
    lines = [
        f"# Annotation guidelines — {schema.name}",
        "",
        "Edit this file (Markdown) to record the project's decisions; every annotator sees it with F2.",
        "",
        "## Entities",
        "",
        "Select the mention and press its key. Attached proclitics (و، ف، ب، ل، ك) and the article ال",
        "belong to the word, not the name: the span snaps to the token and strips و/ف/ب/ل/ك.",
        "",
        "| Key | Label | Meaning | المعنى |",
        "|---|---|---|---|",
    ]
    lines += [f"| {e.key or '—'} | `{e.label}` | {e.name} | {e.name_ar} |" for e in schema.entities]
    lines += [
        "",
        "## Quotes",
        "",
        f"Kinds: {', '.join(schema.quote_kinds)}. Mark the quoted content, then the speaker and the cue verb.",
        "",
        "Common cues: " + "، ".join(schema.cues[:16]) + ("…" if len(schema.cues) > 16 else ""),
        "",
        "## Stances",
        "",
        f"Polarities: {', '.join(schema.polarities)}. A stance has a holder, a target (an entity or a "
        "topic) and the evidence spans that show it.",
        "",
    ]
    if schema.topics:
        lines += ["| Topic | Name | الاسم |", "|---|---|---|"]
        lines += [f"| `{t.id}` | {t.name} | {t.name_ar} |" for t in schema.topics]
        lines.append("")
    lines += ["## Decisions", "", "- (add the project's decisions on hard cases here)", ""]
    return "\n".join(lines)


def ensure_guidelines(store: Store) -> Path:
    """The guidelines file of the project, written from the template if it does not exist yet."""
    path = guidelines_path(store)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(guidelines_template(store.schema), encoding="utf-8")
    return path


class GuidelinesDialog(QDialog):
    """Shows the guidelines Markdown; "Edit" opens the file in the system editor, "Reload" re-reads it."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(self.tr("Annotation guidelines"))
        self.resize(760, 680)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        edit = QPushButton(self.tr("Edit file…"), self)
        reload_ = QPushButton(self.tr("Reload"), self)
        buttons.addButton(edit, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(reload_, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        edit.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path))))
        reload_.clicked.connect(self.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as e:
            text = self.tr("The guidelines file cannot be read: %1").replace("%1", str(e))
        self.browser.setMarkdown(text)


class ShortcutSheetDialog(QDialog):
    """Every action that has a key, grouped by menu, plus the label keys of the project's schema."""

    def __init__(self, groups: list[tuple[str, list[QAction]]], schema: Schema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(620, 700)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(self._html(groups, schema))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)

    def _html(self, groups: list[tuple[str, list[QAction]]], schema: Schema) -> str:
        native = QKeySequence.SequenceFormat.NativeText
        parts = []
        for title, actions in groups:
            rows = []
            for a in actions:
                keys = [k.toString(native) for k in a.shortcuts() if not k.isEmpty()]
                if keys:
                    name = html.escape(a.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
                    rows.append(f"<tr><td><b>{html.escape('   '.join(keys))}</b></td><td>{name}</td></tr>")
            if rows:
                parts.append(f"<h3>{html.escape(title)}</h3><table cellspacing=6>{''.join(rows)}</table>")
        labels = "".join(
            f"<tr><td><b>{html.escape(e.key)}</b></td><td><span style='color:{e.color}'>■</span> "
            f"{html.escape(e.label)} — {html.escape(e.name)} {html.escape(e.name_ar)}</td></tr>"
            for e in schema.entities if e.key
        )
        heading = self.tr("Entity labels (after selecting text)")
        parts.append(f"<h3>{html.escape(heading)}</h3>"
                     f"<table cellspacing=6>{labels}</table>")
        return "".join(parts)
