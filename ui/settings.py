"""User settings (who is annotating, theme, language, font size, window layout, last article).

Stored with QSettings in an INI file under ``ANNOTATOR_HOME`` or ``XDG_CONFIG_HOME`` when either is
set, so tests and benchmarks never read or write the user's real configuration.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from platformdirs import user_config_dir
from PySide6.QtCore import QByteArray, QSettings

THEMES = ("light", "dark")
LANGUAGES = ("en", "ar")
DEFAULT_FONT_SIZE = 16
MIN_FONT_SIZE, MAX_FONT_SIZE = 8, 48


def settings_path() -> Path:
    """Where the settings file lives: ANNOTATOR_HOME, then XDG_CONFIG_HOME, then the OS default."""
    home = os.environ.get("ANNOTATOR_HOME")
    if home:
        return Path(home) / "settings.ini"
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg:
        return Path(xdg) / "annotator" / "settings.ini"
    return Path(user_config_dir("annotator", appauthor=False)) / "settings.ini"


def _project_key(project: str) -> str:
    return hashlib.sha1(project.encode()).hexdigest()[:16]


class Settings:
    """Typed accessors over one QSettings file; every setter writes through immediately."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _str(self, key: str, default: str) -> str:
        v = self.qs.value(key, default)
        return str(v) if v is not None else default

    def _set(self, key: str, value: object, *, flush: bool = True) -> None:
        current = self.qs.value(key)
        if current is not None and (current == value or (isinstance(value, str | int) and str(current) == str(value))):
            return  # unchanged: each sync rewrites and flushes the file (~20 ms at every start-up)
        self.qs.setValue(key, value)
        if flush:
            self.qs.sync()

    def flush(self) -> None:
        """Write pending values (those set with ``flush=False``) to the file now."""
        self.qs.sync()

    # --- who and how ------------------------------------------------------------------------

    @property
    def annotator(self) -> str:
        return self._str("annotator", "")

    @annotator.setter
    def annotator(self, name: str) -> None:
        self._set("annotator", name)

    @property
    def theme(self) -> str:
        v = self._str("theme", "light")
        return v if v in THEMES else "light"

    @theme.setter
    def theme(self, name: str) -> None:
        self._set("theme", name if name in THEMES else "light")

    @property
    def language(self) -> str:
        v = self._str("language", "en")
        return v if v in LANGUAGES else "en"

    @language.setter
    def language(self, code: str) -> None:
        self._set("language", code if code in LANGUAGES else "en")

    @property
    def font_size(self) -> int:
        try:
            v = int(self._str("font_size", str(DEFAULT_FONT_SIZE)))
        except ValueError:
            v = DEFAULT_FONT_SIZE
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, v))

    @font_size.setter
    def font_size(self, pt: int) -> None:
        self._set("font_size", max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(pt))))

    @property
    def last_project(self) -> str:
        return self._str("last_project", "")

    @last_project.setter
    def last_project(self, target: str) -> None:
        self._set("last_project", target)

    # --- window layout ----------------------------------------------------------------------

    def layout(self, name: str) -> QByteArray | None:
        v = self.qs.value(f"layout/{name}")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def set_layout(self, name: str, data: QByteArray) -> None:
        self._set(f"layout/{name}", data)

    def clear_layout(self) -> None:
        self.qs.remove("layout")
        self.qs.sync()

    # --- per project ------------------------------------------------------------------------

    def last_document(self, project: str) -> int | None:
        v = self._str(f"projects/{_project_key(project)}/last_document", "")
        return int(v) if v.isdigit() else None

    def set_last_document(self, project: str, doc_id: int | None) -> None:
        # not flushed: this runs on every article opened; QSettings writes it on its own next sync
        # and the main window's close saves it again
        self._set(f"projects/{_project_key(project)}/last_document", "" if doc_id is None else str(doc_id), flush=False)
