"""Clean a scraped article: drop site boilerplate lines, the repeated title, extra blank lines.

Rules match whole lines only (never text inside a line), and the riskier ones (calls to join a
newsletter or channel, disclaimers) only near the start or end of the article, so real content
is not lost. Every dropped line is returned with its original 1-based number and the reason,
so a user can see it and put it back (``annotator restore-line``).

This runs for every imported file, so the common cases are cheap: a long paragraph is decided
by its length and first character, a longer Arabic line by its place and, near an edge, a few
substring scans; only the rest (short lines, mostly) get a normalization key and the regular
expressions. Those are what repeats from article to article (widgets, bylines, banners), so
their verdicts are remembered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from annotator.ingest.meta import find_date, find_outlet, line_key

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
# both alternatives start at the beginning of the key, so ``match`` decides as ``search`` would
_DISCLAIMER = re.compile(r"تنويه\s*:|(?:الاراء|المقالات)\b.{0,60}\b(?:تعبر|تمثل)\s+(?:عن\s+)?راي\s+(?:كاتب|كتاب)")
# words one of the edge rules needs, looked for in the case-folded line before building its key.
# A long Arabic line near an edge is tested for all of them, so the test is a few scans of the
# line instead of one per word (see _hint_parts; tests/core/test_ingest_txt_rules.py checks that
# _edge_hint decides exactly as ``any(h in line.casefold() for h in _EDGE_HINTS)``).
_EDGE_HINTS = (
    "واتس", "whatsapp", "تيل", "تلغرام", "تلجرام", "telegram", "فيس", "تويتر", "ستغرام", "ستجرام", "يوتيوب",
    "تيك توك", "google", "جوجل", "غوغل", "نشر", "newsletter", "بريد", "mail", "تنويه", "رأي", "راي", "©", "حقوق",
)
#: the Latin hints can only be in the case-folded line if the line has a character whose folding
#: holds "a" or "e" (every Latin hint has one; these are all such characters)
_FOLD_A_OR_E = ("a", "e", "A", "E", "\u1e9a")
# every cookie rule needs one of these (a cheap test before the regex with its word boundaries)
_COOKIE_HINTS = ("cookie", "privacy", "terms of", "gdpr", "consent to", "you agree to")


def _hint_parts(hints: tuple[str, ...], anchors: str) -> tuple[list[re.Pattern[str]], tuple[str, ...], tuple[str, ...]]:
    """Split the hints for :func:`_edge_hint`: one regex per anchor letter for the non-Latin hints
    holding it, the other non-Latin hints, the Latin ones.

    A regex that starts with one literal letter is searched for that letter first (as fast as
    ``in``); each alternative is the rest of a hint after the letter, with a look-behind for the
    part before it. Case folding leaves non-Latin hint characters alone and never produces them
    (checked by the tests), so those hints are looked for in the line itself.
    """
    latin = tuple(h for h in hints if h.isascii())
    rest = [h for h in hints if not h.isascii()]
    regexes = []
    for a in anchors:
        mine = [h for h in rest if a in h]
        rest = [h for h in rest if a not in h]
        alts = []
        for h in mine:
            k = h.index(a)
            alts.append(re.escape(h[k + 1 :]) + (f"(?<={re.escape(h)})" if k else ""))
        regexes.append(re.compile(re.escape(a) + "(?:" + "|".join(alts) + ")"))
    return regexes, tuple(rest), latin


_HINT_REGEXES, _OTHER_HINTS, _LATIN_HINTS = _hint_parts(_EDGE_HINTS, "ترو")


def _edge_hint(line: str) -> bool:
    """Whether the case-folded line holds one of ``_EDGE_HINTS``."""
    for h in _OTHER_HINTS:
        if h in line:
            return True
    for r in _HINT_REGEXES:
        if r.search(line):
            return True
    for c in _FOLD_A_OR_E:
        if c in line:
            low = line.casefold()
            return any(h in low for h in _LATIN_HINTS)
    return False


_ALNUM = re.compile(r"[^\W_]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
_MEMO_MAX = 2048  # lines whose verdict is remembered, per dict (cleared when full; <= 300 characters each)
_memo: tuple[dict[str, tuple[str | None, str | None]], dict[str, tuple[str | None, str | None]]] = ({}, {})  # [near_edge]


@dataclass
class Cleaned:
    title: str
    text: str
    published: str | None = None
    source: str | None = None
    removed: list[dict[str, Any]] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Lines split at CRLF, CR or LF; a final line break does not make an extra empty line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


def _verdict(stripped: str, near_edge: bool) -> tuple[str | None, str | None]:
    """(why a non-empty, stripped line is boilerplate or ``None`` to keep it, the line's key
    when the rules built it)."""
    n = len(stripped)
    memo = _memo[near_edge]
    if n <= _MAX_WIDGET_LEN:  # short lines repeat most: remembered whatever the verdict
        verdict = memo.get(stripped)
        if verdict is None:
            verdict = _decide(stripped, n, near_edge, memo)
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            memo[stripped] = verdict
        return verdict
    return _decide(stripped, n, near_edge, memo)


def _decide(stripped: str, n: int, near_edge: bool,
            memo: dict[str, tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
    first = stripped[0]
    if not first.isalnum() and not stripped[1:2].isalnum() and not _ALNUM.search(stripped):
        return "lone punctuation", None
    if n > _MAX_RULE_LEN:
        return None, None
    arabic = ("\u0621" <= first <= "\u064a" or "\u0621" <= stripped[1:2] <= "\u064a"
              or _ARABIC_LETTER.search(stripped) is not None)
    if n <= _MAX_WIDGET_LEN:
        key = line_key(stripped)
        return _keyed(key, arabic, near_edge), key
    # widgets and buttons are short; longer Arabic lines are only suspect near the edges
    if arabic and not (near_edge and _edge_hint(stripped)):
        return None, None
    verdict = memo.get(stripped)  # a banner line, or one that calls to follow a channel
    if verdict is None:
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        key = line_key(stripped)
        verdict = memo[stripped] = (_keyed(key, arabic, near_edge), key)
    return verdict


def _keyed(key: str, arabic: bool, near_edge: bool) -> str | None:
    m = _ANYWHERE_ONE.match(key)
    if m:
        return _ANYWHERE_REASONS[m.lastgroup]  # type: ignore[index]
    if not arabic and any(h in key for h in _COOKIE_HINTS) and _COOKIE.search(key):
        return "cookie / privacy notice"
    if near_edge:
        if _CALL.search(key) and _SOCIAL.search(key):
            return "newsletter / social call to action"
        if _DISCLAIMER.match(key):
            return "disclaimer"
    return None


def clean_article(text: str) -> Cleaned:
    """Split, drop boilerplate, keep the title once at the top, find the date and the outlet."""
    lines = split_lines(text)
    n = len(lines)
    strips = [line.strip(_STRIP) if line else line for line in lines]
    content = [i for i in range(n) if strips[i]]
    reasons: dict[int, str] = {}
    if len(content) + lines.count("") < n:
        for i in range(n):
            if lines[i] and not strips[i]:
                reasons[i] = "whitespace-only line"
    # the edge: the first _EDGE_HEAD and the last _EDGE_TAIL non-empty lines
    head_end = content[_EDGE_HEAD - 1] if len(content) > _EDGE_HEAD else n
    tail_start = content[-_EDGE_TAIL] if len(content) > _EDGE_TAIL else 0
    keys: dict[int, str] = {}  # line keys the rules built, for the repeated-title test
    for i in content:
        stripped = strips[i]
        if len(stripped) > _MAX_RULE_LEN and stripped[0].isalnum():
            continue  # an article paragraph (see _verdict)
        reason, key = _verdict(stripped, i <= head_end or i >= tail_start)
        if reason is not None:
            reasons[i] = reason
        elif key is not None:
            keys[i] = key

    kept_content = [i for i in content if i not in reasons] if reasons else content
    title = strips[kept_content[0]] if kept_content else ""
    header = kept_content[1 : 1 + _HEADER_LINES]
    if title:
        tkey = keys.get(kept_content[0]) or line_key(title)
        size = len(title)
        limit = size // 3
        for i in header:
            line = lines[i]
            if abs(len(line) - size) <= limit:
                # the key of the stripped line is the line's key when nothing was stripped
                key = keys.get(i) if len(strips[i]) == len(line) else None
                if (key if key is not None else line_key(line)) == tkey:
                    reasons[i] = "repeated title"

    # blank lines: none before the first or after the last kept line, at most one in a row
    kept_at: list[int] = []
    blank_run = True  # at the start, a blank line is "leading"
    for i in range(n):
        if i in reasons:
            continue
        if lines[i]:
            blank_run = False
        elif blank_run:
            reasons[i] = "extra blank line" if kept_at else "leading blank line"
            continue
        else:
            blank_run = True
        kept_at.append(i)
    if blank_run and kept_at:  # kept lines never hold two blank lines in a row: at most one trails
        reasons[kept_at.pop()] = "trailing blank line"

    published = source = None
    for i in header:
        if i in reasons:
            continue
        line = lines[i]
        if published is None:
            published = find_date(line)
        if source is None:
            source = find_outlet(line)
    removed = [{"line": i + 1, "text": lines[i], "reason": reasons[i]} for i in sorted(reasons)]
    return Cleaned(title, "\n".join([lines[i] for i in kept_at]), published, source, removed)
