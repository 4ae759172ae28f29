"""Dates and outlets stated in an article's header lines ("23 يوليو 2021", "(الأناضول)", "العربية").

Matching runs on normalization keys (alef forms, ta marbuta, Arabic-Indic digits unified), so
"أبريل"/"ابريل" and "٢٣" need no extra patterns. Only whole, well-formed dates are taken.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from annotator.text import KEY_TABLE

# str.translate with a dict pays for a failed lookup on every unmapped character; a list indexed
# by code point is ~4x faster. Characters past its end (rare here) are left as they are.
_LINE_TABLE: list[int | str | None] = list(range(0x2070))
for _cp, _to in KEY_TABLE.items():
    if _cp < len(_LINE_TABLE):
        _LINE_TABLE[_cp] = _to
_DIGIT = re.compile(r"\d")


def basic_key(line: str) -> str:
    """:func:`annotator.text.basic_key` for matching short lines (fast; see ``_LINE_TABLE``)."""
    return line.translate(_LINE_TABLE)


def line_key(line: str) -> str:
    """The key of a line with runs of spaces collapsed, for comparing whole lines."""
    return " ".join(basic_key(line).split())

_AR_MONTHS = {
    # Egypt and the Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # the Levant and Iraq
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    # the Maghreb
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8,
}
_EN_MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        1,
    )
    for m in names
}
_MONTHS = {basic_key(k): v for k, v in _AR_MONTHS.items()} | _EN_MONTHS


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_MONTH = f"(?:{_alternation(list(_MONTHS))})"
# "24 تموز 2021", "23 يوليو/تموز 2021", "7 April, 2021"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({_MONTH})(?:\s*/\s*{_MONTH})?\.?\s*,?\s*(\d{{4}})(?!\d)"
)
# "April 7, 2021", "Wednesday, April 7, 2021 9:34:00 PM"
_MONTH_DAY_YEAR = re.compile(rf"(?<![^\W\d_])({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)")  # day/month/year (Arabic usage)


def _iso(y: str | int, m: str | int, d: str | int) -> str | None:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        return None
    return day.isoformat() if 1900 <= day.year <= 2100 else None


_MEMO_LEN = 60  # results for lines up to this long are remembered: date lines and bylines repeat
_MEMO_MAX = 10_000  # entries per memo (cleared when full)
_date_memo: dict[str, str | None] = {}
_outlet_memo: dict[str, str | None] = {}


def _memo(memo: dict[str, str | None], line: str, find: Callable[[str], str | None]) -> str | None:
    """``find(line)``, remembered in ``memo`` (cleared when it holds :data:`_MEMO_MAX` lines)."""
    try:
        return memo[line]
    except KeyError:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        found = memo[line] = find(line)
        return found


def find_date(line: str) -> str | None:
    """The ISO date of the first complete date stated in ``line``, if any."""
    if not _DIGIT.search(line):
        return None
    if len(line) > _MEMO_LEN:
        return _find_date(line)
    return _memo(_date_memo, line, _find_date)


def _find_date(line: str) -> str | None:
    key = basic_key(line)
    m = _DAY_MONTH_YEAR.search(key)
    if m and (iso := _iso(m.group(3), _MONTHS[m.group(2)], m.group(1))):
        return iso
    m = _MONTH_DAY_YEAR.search(key)
    if m and (iso := _iso(m.group(3), _MONTHS[m.group(1)], m.group(2))):
        return iso
    m = _ISO.search(key)
    if m and (iso := _iso(m.group(1), m.group(2), m.group(3))):
        return iso
    m = _NUMERIC.search(key)
    if m and (iso := _iso(m.group(3), m.group(2), m.group(1))):
        return iso
    return None


#: outlets and agencies whose name may stand alone on a line (a byline) or close a photo caption
OUTLETS = (
    "الأناضول", "العربية", "الحدث", "الجزيرة", "الجزيرة نت", "رويترز", "فرانس برس", "أ ف ب", "أ.ف.ب",
    "أسوشيتد برس", "د ب أ", "الحرة", "سكاي نيوز عربية", "بي بي سي", "بي بي سي عربي", "روسيا اليوم",
    "الشرق الأوسط", "العربي الجديد", "شفق نيوز", "السومرية", "السومرية نيوز", "واع", "المدى",
    "الصباح", "رووداو", "بغداد اليوم", "العهد", "الميادين", "المنار", "الأهرام", "اليوم السابع",
    "CNN", "BBC", "AFP", "Reuters", "AP", "RT", "Anadolu",
)
_MAX_OUTLET_LEN = max(len(o) for o in OUTLETS) + 4
_OUTLET_KEYS = {basic_key(o).strip(): o for o in OUTLETS}
# a short line closing with "(الأناضول)" or "(رويترز)": the outlet credited for a photo or story
_CAPTION = re.compile(r"\(\s*([^()\n]{2,40}?)\s*\)\s*$")
_MAX_CAPTION_WORDS = 20


def find_outlet(line: str) -> str | None:
    """The outlet named by a byline (a line holding only a known outlet) or a closing caption credit."""
    if len(line) > _MEMO_LEN:
        last = line[-1]
        # nothing to strip, so too long for a byline (_MAX_OUTLET_LEN < _MEMO_LEN), and no caption
        if last != ")" and not last.isspace() and not line[0].isspace():
            return None
        return _find_outlet(line)
    return _memo(_outlet_memo, line, _find_outlet)


def _find_outlet(line: str) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 300:
        return None
    if len(stripped) <= _MAX_OUTLET_LEN and line_key(stripped) in _OUTLET_KEYS:
        return stripped
    if not stripped.endswith(")"):
        return None
    m = _CAPTION.search(stripped)
    if m and len(stripped.split()) <= _MAX_CAPTION_WORDS:
        inner = m.group(1).strip()
        if line_key(inner) in _OUTLET_KEYS:
            return inner
    return None
