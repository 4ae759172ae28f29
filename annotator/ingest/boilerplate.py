"""Clean a scraped article: drop site boilerplate lines, the repeated title, extra blank lines.

Rules match whole lines only (never text inside a line), and the riskier ones (calls to join a
newsletter or channel, disclaimers) only near the start or end of the article, so real content
is not lost. Every dropped line is returned with its original 1-based number and the reason,
so a user can see it and put it back (``annotator restore-line``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotator.ingest.meta import find_date, find_outlet, line_key

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: stripped around lines before rules look at them: whitespace (NBSP included) and invisibles
_STRIP = " \t\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\u200b\u200c\u200d\u200e\u200f\u061c\ufeff"
_MAX_RULE_LEN = 300  # longer lines are article paragraphs: no rule looks at them
_MAX_WIDGET_LEN = 60  # widget patterns match short lines; a long copyright line is caught near the edges
_EDGE_HEAD = 5  # non-empty lines at the start where edge-only rules apply
_EDGE_TAIL = 12  # ... and at the end
_HEADER_LINES = 8  # non-empty lines searched for a date, an outlet and a repeated title

# (reason, pattern over the line's key: lower-case, letter forms unified, spaces collapsed)
_ANYWHERE = [
    ("font-size control", re.compile(r"^(?:[-+]\s*(?:حجم\s+)?الخط\s*[-+]|(?:a\s*[-+]\s*){1,2}|[-+]\s*a\s*[-+]?)$")),
    ("contributors label", re.compile(r"^(?:المساهمون|المساهمين|ساهم في التحرير|شارك في التغطيه)\s*:?$")),
    ("share / related-links widget", re.compile(
        r"^(?:شارك|مشاركه|شارك الخبر|شارك هذا الخبر|شارك المقال|اقرا ايضا|اقرا ايضاً|اقرا المزيد|مواضيع ذات صله"
        r"|share|share this|tweet|read more|related|advertisement|اعلان)\s*:?$")),
    ("banner button", re.compile(
        r"^(?:close|accept|accept all|accept cookies|ok|okay|got it|i agree|agree|dismiss|decline|reject all"
        r"|no thanks|×|✕|x|اغلاق|موافق|قبول|رفض)$")),
    ("copyright notice", re.compile(r"^(?:©|\(c\)|copyright\b|all rights reserved|جميع الحقوق محفوظه)")),
]
# the rules above as one anchored alternation: the first that matches names the reason, as in a loop
_ANYWHERE_ONE = re.compile("|".join(f"(?P<r{i}>{p.pattern.removeprefix('^')})" for i, (_, p) in enumerate(_ANYWHERE)))
_ANYWHERE_REASONS = {f"r{i}": reason for i, (reason, _) in enumerate(_ANYWHERE)}
_COOKIE = re.compile(
    r"\b(?:cookies?|privacy policy|privacy notice|privacy settings|terms of (?:use|service)|gdpr"
    r"|consent to|you agree to)\b"
)
_SOCIAL = re.compile(
    r"\b(?:واتساب|واتس اب|whatsapp|تيليجرام|تيليغرام|تلغرام|تلجرام|telegram|فيسبوك|تويتر|انستغرام|انستجرام"
    r"|يوتيوب|تيك توك|google news|جوجل نيوز|غوغل نيوز|نشره|النشره|newsletter|البريد الالكتروني|بريدك|e-?mail)\b"
)
_CALL = re.compile(
    r"\b(?:انضموا|انضم|تابعونا|تابعوا|اشترك|اشتركوا|سجلوا|تسجل|سجل الان|اضغط|انقر|حمل تطبيق|لمتابعه"
    r"|subscribe|sign up|follow us|join|click here)\b"
)
_DISCLAIMER = re.compile(r"^تنويه\s*:|^(?:الاراء|المقالات)\b.{0,60}\b(?:تعبر|تمثل)\s+(?:عن\s+)?راي\s+(?:كاتب|كتاب)")
# words one of the edge rules needs (looked for in the raw line before building its key, for
# speed: plain substring tests of the case-folded line, much faster than a regex alternation)
_EDGE_HINTS = (
    "واتس", "whatsapp", "تيل", "تلغرام", "تلجرام", "telegram", "فيس", "تويتر", "ستغرام", "ستجرام", "يوتيوب",
    "تيك توك", "google", "جوجل", "غوغل", "نشر", "newsletter", "بريد", "mail", "تنويه", "رأي", "راي", "©", "حقوق",
)
# every cookie rule needs one of these (a cheap test before the regex with its word boundaries)
_COOKIE_HINTS = ("cookie", "privacy", "terms of", "gdpr", "consent to", "you agree to")


def _edge_hint(line: str) -> bool:
    low = line.casefold()
    return any(h in low for h in _EDGE_HINTS)

_ALNUM = re.compile(r"[^\W_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")


@dataclass
class Cleaned:
    title: str
    text: str
    published: str | None = None
    source: str | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Lines split at CRLF, CR or LF; a final line break does not make an extra empty line."""
    lines = _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _rule(stripped: str, near_edge: bool) -> str | None:
    """Why a (non-empty, stripped) line is boilerplate, or ``None`` to keep it."""
    if not stripped[0].isalnum() and not _ALNUM.search(stripped):
        return "lone punctuation"
    n = len(stripped)
    if n > _MAX_RULE_LEN:
        return None
    # widgets and buttons are short; longer Arabic lines are only suspect near the edges
    if n > _MAX_WIDGET_LEN and not (near_edge and _edge_hint(stripped)) and _ARABIC_LETTER.search(stripped):
        return None
    key = line_key(stripped)
    m = _ANYWHERE_ONE.match(key)
    if m:
        return _ANYWHERE_REASONS[m.lastgroup]  # type: ignore[index]
    if any(h in key for h in _COOKIE_HINTS) and _COOKIE.search(key) and not _ARABIC_LETTER.search(stripped):
        return "cookie / privacy notice"
    if near_edge:
        if _CALL.search(key) and _SOCIAL.search(key):
            return "newsletter / social call to action"
        if _DISCLAIMER.search(key):
            return "disclaimer"
    return None


def clean_article(text: str) -> Cleaned:
    """Split, drop boilerplate, keep the title once at the top, find the date and the outlet."""
    lines = split_lines(text)
    strips = [line.strip(_STRIP) for line in lines]
    content = [i for i, stripped in enumerate(strips) if stripped]
    edge = set(content[:_EDGE_HEAD]) | set(content[-_EDGE_TAIL:])
    reasons: list[str | None] = [None] * len(lines)
    for i, stripped in enumerate(strips):
        if not stripped:
            if lines[i]:
                reasons[i] = "whitespace-only line"
            continue
        reasons[i] = _rule(stripped, i in edge)

    kept_content = [i for i in content if reasons[i] is None]
    title = lines[kept_content[0]].strip(_STRIP) if kept_content else ""
    header = kept_content[1 : 1 + _HEADER_LINES]
    if title:
        tkey = line_key(title)
        for i in header:
            if abs(len(lines[i]) - len(title)) <= len(title) // 3 and line_key(lines[i]) == tkey:
                reasons[i] = "repeated title"

    # blank lines: none before the first or after the last kept line, at most one in a row
    kept: list[str] = []
    blank_run = True  # at the start, a blank line is "leading"
    for i, line in enumerate(lines):
        if reasons[i] is not None:
            continue
        if line == "":
            if blank_run:
                reasons[i] = "leading blank line" if not kept else "extra blank line"
                continue
            blank_run = True
        else:
            blank_run = False
        kept.append(line)
    idx = [i for i in range(len(lines)) if reasons[i] is None]
    while kept and kept[-1] == "":
        kept.pop()
        reasons[idx.pop()] = "trailing blank line"

    published = source = None
    for i in [i for i in header if reasons[i] is None]:
        line = lines[i]
        if published is None:
            published = find_date(line)
        if source is None:
            source = find_outlet(line)
    removed = [{"line": i + 1, "text": lines[i], "reason": r} for i, r in enumerate(reasons) if r is not None]
    return Cleaned(title, "\n".join(kept), published, source, removed)
