"""The shortcuts that keep ``.txt`` cleaning fast decide exactly as the plain rules they replace."""

from __future__ import annotations

import sys

import pytest

from annotator.ingest import boilerplate as B
from annotator.ingest.meta import _MAX_OUTLET_LEN, _MEMO_LEN, find_outlet, line_key


def _plain_hint(line: str) -> bool:
    return any(h in line.casefold() for h in B._EDGE_HINTS)


def test_case_folding_cannot_make_or_break_a_non_latin_hint() -> None:
    hint_chars = set("".join(h for h in B._EDGE_HINTS if not h.isascii()))
    latin_letters = set("".join(h for h in B._EDGE_HINTS if h.isascii()))
    assert all("a" in h or "e" in h for h in B._LATIN_HINTS)
    folds_a_or_e = set()
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        folded = c.casefold()
        if folded != c:
            assert not hint_chars & set(folded), hex(cp)
        if {"a", "e"} & set(folded):
            folds_a_or_e.add(c)
    assert folds_a_or_e == set(B._FOLD_A_OR_E)
    assert latin_letters <= set("abcdefghijklmnopqrstuvwxyz")


@pytest.mark.parametrize("line", [
    "تابعونا على واتساب وتيليغرام", "قناتنا على تلجرام", "صفحتنا على فيسبوك", "حساب الوزارة على تويتر",
    "ستغرام", "انستجرام", "قناة يوتيوب", "تيك توك", "جوجل", "غوغل نيوز", "النشرة البريدية", "بريدك",
    "تنويه: المقال", "رأي الكاتب", "الراي العام", "© 2021", "جميع الحقوق محفوظة",
    "Follow us on WhatsApp", "TELEGRAM", "Google News", "NEWSLETTER", "e-MAIL", "ＭＡＩＬ",
    "\u1e9aMAIL", "straße", "MAİL", "يوتيو ب", "تيك  توك", "واتْساب", "رأْي", "وات س", "تويت",
    "قال وزير الخارجية العراقي إن بلاده تسعى إلى علاقات متوازنة مع الجميع", "مقتل 3 أشخاص", "",
])
def test_edge_hint_is_the_plain_substring_test(line: str) -> None:
    for variant in (line, "قال " + line + " أمس", line.upper(), line * 3):
        assert B._edge_hint(variant) is _plain_hint(variant), variant


def test_long_arabic_line_is_checked_near_the_edges_only() -> None:
    cta = "انضموا إلى قناتنا على تلغرام لمتابعة آخر الأخبار العاجلة والتقارير الحصرية من مراسلينا"
    body = "قال وزير الخارجية العراقي فؤاد حسين إن العراق يسعى للتعاون مع شركائه في المنطقة والعالم."
    lines = ["العنوان", "", cta] + [body + f" ({i})" for i in range(30)] + [cta, "", cta]
    cleaned = B.clean_article("\n".join(lines) + "\n")
    removed = {r["line"]: r["reason"] for r in cleaned.removed}
    assert removed == {3: "newsletter / social call to action", 34: "newsletter / social call to action",
                       36: "newsletter / social call to action", 35: "trailing blank line"}
    middle = ["العنوان", ""] + [body + f" ({i})" for i in range(15)] + [cta] + [body + f" ({i})" for i in range(15, 30)]
    assert cta in B.clean_article("\n".join(middle)).text.split("\n")  # far from both edges: kept
    # the remembered verdict of a short line depends on where it stands
    short = "تابعونا على واتساب"
    assert B._verdict(short, True)[0] == "newsletter / social call to action"
    assert B._verdict(short, False)[0] is None


def test_line_breaks_and_repeated_title_with_stripped_characters() -> None:
    text = "\ufeffالعنوان الرئيسي\r\n\r\n\u200fالعنوان  الرئيسي\r\rنص المقال.\r\n\r\n"
    cleaned = B.clean_article(text)
    assert B.split_lines(text) == text.replace("\r\n", "\n").replace("\r", "\n").split("\n")[:-1]
    assert cleaned.title == "العنوان الرئيسي" and cleaned.text == "\ufeffالعنوان الرئيسي\n\nنص المقال."
    assert [(r["line"], r["reason"]) for r in cleaned.removed] == [
        (3, "repeated title"), (4, "extra blank line"), (6, "trailing blank line")]


@pytest.mark.parametrize("line", [
    "وزير الخارجية العراقي فؤاد حسين خلال مؤتمر صحفي في بغداد اليوم (الأناضول)",
    "وزير الخارجية العراقي فؤاد حسين خلال مؤتمر صحفي في بغداد اليوم (الأناضول)   ",
    "   " + "ا" * 70, "ا" * 70 + "\t", " " * 70 + "رويترز", "رويترز" + " " * 70, "ا" * 70,
])
def test_find_outlet_shortcut_for_long_lines(line: str) -> None:
    assert _MAX_OUTLET_LEN < _MEMO_LEN  # longer lines with nothing to strip cannot be bylines
    stripped = line.strip()
    byline = stripped if len(stripped) <= _MAX_OUTLET_LEN and line_key(stripped) in {"رويترز"} else None
    found = find_outlet(line)
    assert found in (byline, "الأناضول") and (found is not None) == (byline is not None or stripped.endswith(")"))
