"""The sentence structure quote suggestions rely on: tokens, quotation marks, cues, clauses.

:class:`Tokens` numbers the paragraphs and sentences of an article (a full stop inside quoted
words does not end the sentence), pairs quotation marks (" “ ” « ») within a paragraph and marks
the cue verbs, also with an attached و/ف. The helpers find a cue's subject, the content that an
introducer (colon, quotation mark, إن/أن) opens, and a mention inside a range.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import lru_cache

from annotator import text as T
from annotator.suggest.base import Mention

# fmt: off
PARTICIPLE_CUES = ("قائلا", "مؤكدا", "مشيرا", "مضيفا", "لافتا", "مبينا", "موضحا", "معتبرا", "مشددا",
    "محذرا", "متابعا", "داعيا", "منوها", "مستدركا")
_COMPLEMENTIZERS = ("إن", "أن", "بأن", "إنه", "أنه", "بأنه", "إنها", "أنها", "بأنها", "إننا", "أننا",
    "بأننا", "إنهم", "أنهم", "بأنهم")
#: words that end the subject after a cue: prepositions, times, adverbs
_STOP = ("في", "على", "خلال", "عبر", "مع", "من", "عن", "إلى", "الى", "أمام", "بعد", "قبل", "حول",
    "منذ", "عند", "لدى", "أثناء", "بحسب", "حسب", "وفق", "ضمن", "اليوم", "أمس", "غدا", "الجمعة",
    "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "مساء", "صباح", "أواخر", "أوائل",
    "مطلع", "قد", "لقد", "أيضا", "كذلك", "بدوره", "بدورها", "فيه", "فيها", "له", "لها", "الذي", "التي",
    "ما")
_LEAD_SKIP = ("فيه", "فيها", "له", "لها", "أيضا", "كذلك", "بدوره", "بدورها")
_CONNECTIVES = ("فيما", "بينما", "كما", "حيث", "ثم", "و")
_TITLES = ("وزير", "رئيس", "الرئيس", "المتحدث", "الناطق", "مسؤول", "السفير", "الوزير", "زعيم")
_OPEN, _CLOSE, _BOTH = "«“", "»”", '"'
_SENT_END = ".!?؟"
MIN_QUOTED_WORDS = 4  # shorter quoted text after a cue is a name or a term ("فؤاد حسين", "داعش")
MIN_ORPHAN_WORDS = 5  # a quoted passage with no cue before it must be longer still
MAX_SUBJECT_WORDS = 8

# fmt: on


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(T.normalize(w) for w in words)


PARTICIPLE_KEYS = _keys(PARTICIPLE_CUES) | _keys(w[:-1] + "ة" for w in PARTICIPLE_CUES)  # مضيفةً، مؤكدةً
#: "قالت مصادر لوكالة رويترز إن": the addressee (ل + outlet) is not part of the speaker
ADDRESSEE_KEYS = _keys(
    "ل" + w for w in ("وكالة", "صحيفة", "قناة", "موقع", "نشرة", "شبكة", "تلفزيون", "إذاعة", "مجلة", "صحفيين")
)
COMP_KEYS, STOP_KEYS, LEAD_KEYS = _keys(_COMPLEMENTIZERS), _keys(_STOP), _keys(_LEAD_SKIP)
CONNECTIVE_KEYS, TITLE_KEYS = _keys(_CONNECTIVES), _keys(_TITLES)
KANA_KEYS = _keys(("كان", "كانت", "وكان", "وكانت", "فكان", "فكانت"))


@lru_cache(maxsize=100_000)
def word_key(word: str, variants: T.Variants) -> str:
    """Normalized key of one word (cached: a corpus repeats its words)."""
    return T.normalize(word, variants)


class Tokens:
    """Tokens of one article with paragraph and sentence numbers and paired quotation marks."""

    def __init__(self, text: str, cue_keys: frozenset[str], variants: T.Variants) -> None:
        self.text = text
        self.toks = T.tokenize(text)
        self.starts = [t.start for t in self.toks]
        self.keys = [word_key(t.text, variants) if t.is_word else t.text for t in self.toks]
        n = len(self.toks)
        self.para = [0] * n
        self.sent = [0] * n
        self.inside = [False] * n
        self.seg: dict[int, int] = {}  # opening mark token -> closing mark token
        self.closer: dict[int, int] = {}  # closing mark token -> opening mark token
        self.cue_strip: dict[int, int] = {}  # cue token -> letters of و/ف before the verb
        p = s = 0
        open_at: int | None = None
        for i, t in enumerate(self.toks):
            if i and "\n" in text[self.toks[i - 1].end : t.start]:
                p, s, open_at = p + 1, s + 1, None
            self.para[i], self.sent[i] = p, s
            if t.text in _OPEN or (t.text in _BOTH and open_at is None):
                open_at = i
            elif (t.text in _CLOSE or t.text in _BOTH) and open_at is not None:
                self.seg[open_at] = i
                self.closer[i] = open_at
                for k in range(open_at + 1, i):
                    self.inside[k] = True
                open_at = None
            elif t.text in _SENT_END and open_at is None:
                s += 1
        for i, key in enumerate(self.keys):
            if self.toks[i].is_word and not self.inside[i]:
                if key in cue_keys or key in PARTICIPLE_KEYS:
                    self.cue_strip[i] = 0
                elif len(key) > 3 and key[0] in "وف" and (key[1:] in cue_keys or key[1:] in PARTICIPLE_KEYS):
                    self.cue_strip[i] = 1

    def words_in(self, a: int, b: int) -> int:
        return sum(1 for k in range(a, b) if self.toks[k].is_word)

    def seg_words(self, i: int) -> int:
        return self.words_in(i + 1, self.seg[i]) if i in self.seg else 0

    def cue_span(self, i: int) -> tuple[int, int]:
        t = self.toks[i]
        cut = self.cue_strip[i]
        return (T.keyed(t.text).offset(cut) + t.start if cut else t.start), t.end

    def is_participle(self, i: int) -> bool:
        return i in self.cue_strip and self.keys[i][self.cue_strip[i] :] in PARTICIPLE_KEYS

    def range_of(self, a: int, b: int) -> tuple[int, int]:
        """Original offsets of tokens a..b (inclusive)."""
        return self.toks[a].start, self.toks[b].end

    def index_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def trim(tx: Tokens, a: int, b: int) -> tuple[int, int] | None:
    """Token range a..b without edge punctuation and trailing connectives; None if under 2 words.

    A closing quotation mark whose opening mark is kept stays, so the content stays balanced.
    """
    while b >= a and (not tx.toks[b].is_word or tx.keys[b] in CONNECTIVE_KEYS):
        if b in tx.closer and a <= tx.closer[b]:
            break
        b -= 1
    while a <= b and not tx.toks[a].is_word and not (a in tx.seg and tx.seg[a] <= b):
        a += 1
    return (a, b) if a <= b and tx.words_in(a, b + 1) >= 2 else None


def subject(tx: Tokens, i: int, sent: int) -> tuple[int, int] | None:
    """Tokens of the subject starting at token i (inclusive range), if the verb is followed by one."""
    n = len(tx.toks)
    while i < n and tx.sent[i] == sent and tx.keys[i] in LEAD_KEYS:
        i += 1
    a, words = i, 0
    while i < n and tx.sent[i] == sent and words < MAX_SUBJECT_WORDS:
        if i in tx.seg and 0 < tx.seg_words(i) < MIN_QUOTED_WORDS:  # a quoted name: "فؤاد حسين"
            i = tx.seg[i] + 1
            words += 1
            continue
        k = tx.keys[i]
        if not tx.toks[i].is_word or k in STOP_KEYS or k in COMP_KEYS or i in tx.cue_strip:
            break
        if words and (k in ADDRESSEE_KEYS or (k.startswith("لل") and len(k) > 4)):  # لوكالة، للصحيفة
            break
        words += 1
        i += 1
    return (a, i - 1) if words else None


def content_after(tx: Tokens, kind: str, j: int, sent: int) -> tuple[tuple[int, int], str] | None:
    """Content offsets and kind for an introducer at token j (colon, opening mark or إن/أن)."""
    n = len(tx.toks)
    if kind == "quote":
        return (tx.toks[j].end, tx.toks[tx.seg[j]].start), "direct"
    k = j + 1
    if k < n and k in tx.seg and tx.seg_words(k) >= 2:
        return (tx.toks[k].end, tx.toks[tx.seg[k]].start), "direct" if kind == "colon" else "mixed"
    end = k
    if kind == "colon":  # unquoted speech after a colon runs to the paragraph's end
        while end + 1 < n and tx.para[end + 1] == tx.para[k]:
            end += 1
    else:
        while (
            end + 1 < n
            and tx.sent[end + 1] == sent
            and not (end + 1 in tx.cue_strip and not tx.inside[end + 1])
        ):
            end += 1
    r = trim(tx, k, min(end, n - 1))
    if r is None:
        return None
    a, b = r
    quoted = any(tx.seg_words(x) >= MIN_QUOTED_WORDS for x in range(a, b + 1) if x in tx.seg)
    kind_out = "direct" if kind == "colon" else ("mixed" if quoted else "indirect")
    return (tx.toks[a].start, tx.toks[b].end), kind_out


def preverbal_subject(tx: Tokens, cue: int) -> tuple[int, int] | None:
    """The subject of "وكانت وزارة الخارجية أعلنت" / "وكان X قد قال": between كان and the verb."""
    first = cue
    while first > 0 and tx.sent[first - 1] == tx.sent[cue]:
        first -= 1
    if tx.keys[first] not in KANA_KEYS or cue - first < 2:
        return None
    a, b = first + 1, cue - 1
    while b >= a and tx.keys[b] in STOP_KEYS:
        b -= 1
    if b < a or b - a >= MAX_SUBJECT_WORDS or not all(tx.toks[k].is_word for k in range(a, b + 1)):
        return None
    return a, b


def mention_in(mentions: Sequence[Mention], a: int, b: int, labels: Sequence[str]) -> Mention | None:
    inside = [m for m in mentions if a <= m.start and m.end <= b and m.label in labels]
    for label in labels:
        found = [m for m in inside if m.label == label]
        if found:
            return found[-1]
    return None
