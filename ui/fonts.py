"""The fonts bundled with the app, registered with Qt so Arabic renders the same on every machine.

A fresh machine may have no Arabic font at all; Qt would then fall back to whatever it finds
(DejaVu: joined but plain). Registering Noto Naskh Arabic and Noto Sans (SIL OFL, see
``fonts/OFL.txt``) as application fonts makes the article view and the Arabic interface look
the same everywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
ARABIC_FAMILY = "Noto Naskh Arabic"
LATIN_FAMILY = "Noto Sans"
FONT_FILES = (
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
)

_registered: dict[str, list[str]] = {}


def ensure_fonts() -> str:
    """Register the bundled fonts once (needs a QGuiApplication); return the Arabic family name."""
    if not _registered:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(FONTS_DIR / name))
            _registered[name] = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    families = _registered.get(FONT_FILES[0]) or []
    return families[0] if families else ARABIC_FAMILY


def ui_font(point_size: int | None = None) -> QFont:
    """The interface font: Noto Sans for Latin, falling back to Noto Naskh Arabic for Arabic text."""
    arabic = ensure_fonts()
    font = QFont(LATIN_FAMILY)
    font.setFamilies([LATIN_FAMILY, arabic])
    if point_size:
        font.setPointSize(point_size)
    return font


def article_font(point_size: int) -> QFont:
    """The font of article text: Noto Naskh Arabic first, Noto Sans for Latin runs and digits."""
    arabic = ensure_fonts()
    font = QFont(arabic)
    font.setFamilies([arabic, LATIN_FAMILY])
    font.setPointSize(point_size)
    return font
