"""Arabic text layer: matching keys with offset maps, tokens with offsets, clitic-aware boundaries.

Stored text is never rewritten. Everything here builds *keys* for matching and search, and maps
positions in a key back to code-point offsets in the original text.

pyarabic supplies the character tables (tashkeel, tatweel, alef and hamza forms). Its
``tokenize_with_location`` drops punctuation tokens and it has nothing that unifies spelling
variants such as أميركا/أمريكا, so tokens and variants are handled here.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

import numpy as np
import pyarabic.araby as araby

# --- normalization -------------------------------------------------------------------------------

#: marks removed from keys: harakat, shadda, sukun, superscript alef, Quranic annotation signs
_MARKS = (
    "".join(araby.TASHKEEL)
    + "\u0653\u0654\u0655\u0656\u0657\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f"
    + araby.MINI_ALEF
    + "".join(chr(c) for c in range(0x0610, 0x061B))
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))
    + "".join(chr(c) for c in range(0x06DF, 0x06E9))
    + "".join(chr(c) for c in range(0x06EA, 0x06EE))
)
#: invisible format characters removed from keys (ZWNJ/ZWJ, bidi marks and embeddings, soft hyphen)
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u00ad\ufeff"
_DELETE = _MARKS + araby.TATWEEL + _INVISIBLE

_MAP = {
    # alef forms (pyarabic's normalize_hamza would turn أ into ء; for keys we want one alef)
    araby.ALEF_MADDA: araby.ALEF,
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,
    araby.ALEF_HAMZA_BELOW: araby.ALEF,
    araby.ALEF_WASLA: araby.ALEF,
    araby.TEH_MARBUTA: araby.HEH,
    araby.ALEF_MAKSURA: araby.YEH,
    araby.WAW_HAMZA: araby.WAW,
    araby.YEH_HAMZA: araby.YEH,
    "\u06a9": araby.KAF,  # Persian keheh
    "\u06cc": araby.YEH,  # Farsi yeh
    "\u06c1": araby.HEH,
    "\u066c": ",",  # Arabic thousands separator
    "\u066b": ".",  # Arabic decimal separator
    "\u060c": ",",  # Arabic comma
    "\u061b": ";",
    "\u061f": "?",
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2013": "-",
    "\u2014": "-",
}
_MAP.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_MAP.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Extended (Persian) digits
_MAP.update({chr(c): " " for c in (0x00A0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000, 0x1680, 0x205F)})
_MAP.update({chr(c): " " for c in range(0x2000, 0x2007)})
_MAP.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

#: one-to-one or deleting: lets offsets be found without a character loop
KEY_TABLE: dict[int, str | None] = {ord(c): None for c in _DELETE}
KEY_TABLE.update({ord(k): v for k, v in _MAP.items()})


_DELETED = 0xFFFFFFFF
_lut: np.ndarray | None = None


def _lookup() -> np.ndarray:
    """Code point -> key code point (or _DELETED), over the BMP; built once (256 KB)."""
    global _lut
    if _lut is None:
        lut = np.arange(0x10000, dtype=np.uint32)
        for cp, repl in KEY_TABLE.items():
            lut[cp] = _DELETED if repl is None else ord(repl)
        _lut = lut
    return _lut


def _mapped(s: str) -> np.ndarray:
    """The key's code points: one vectorised pass instead of str.translate's per-character dict
    lookups (about 20x faster on Arabic text; index building is on the import hot path)."""
    cps = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32)
    lut = _lookup()
    return np.where(cps < 0x10000, lut[np.minimum(cps, 0xFFFF)], cps)


_SHORT = 48  # shorter strings are keyed with str.translate: numpy's fixed cost pays off on longer ones


def basic_key(s: str) -> str:
    """The key without spelling variants: marks, tatweel and invisibles gone, letter forms unified."""
    if len(s) < _SHORT:
        return s.translate(KEY_TABLE)
    out = _mapped(s)
    return str(out[out != _DELETED].tobytes().decode("utf-32-le"))


#: Common spelling variants of names. Each entry maps key substrings to a canonical substring; the
#: project schema can add more. Stems (not whole words) so that الأمريكية matches الأميركية too.
DEFAULT_VARIANTS: dict[str, Sequence[str]] = {
    "اميرك": ("امريك",),
    "بنتاغون": ("بنتاجون", "بننتاجون", "بننتاغون", "بنتاكون"),
    "كونغرس": ("كونجرس", "كونكرس"),
    "غوغل": ("جوجل", "قوقل"),
    "انكلتر": ("انجلتر",),
    "بلينكن": ("بلينكين",),
    "ترامب": ("ترمب",),
    "بيونغ يانغ": ("بيونج يانج",),
    "فيسبوك": ("فايسبوك", "فيس بوك"),
    "يوتيوب": ("يو تيوب",),
    "الاتحاد الاوروبي": ("الاتحاد الاوربي",),
    "اوروب": ("اوربا",),
    "فلاديمير": ("فلادمير",),
    "بوتين": ("بوتن",),
}


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity (used as a cache key)
class Variants:
    """A compiled table of spelling variants over basic keys."""

    pattern: re.Pattern[str] | None
    canonical: dict[str, str]

    @classmethod
    def build(cls, table: Mapping[str, Sequence[str]]) -> Variants:
        canonical: dict[str, str] = {}
        for canon, forms in table.items():
            ck = basic_key(canon)
            for form in forms:
                fk = basic_key(form)
                if fk and fk != ck:
                    canonical[fk] = ck
        if not canonical:
            return cls(None, {})
        alternatives = sorted(canonical, key=len, reverse=True)
        return cls(re.compile("|".join(re.escape(a) for a in alternatives)), canonical)

    def _present(self, key: str) -> tuple[str, ...]:
        """The variant forms ``key`` holds. Substring tests are C-fast, and a form absent from the
        key can never match, so the regex of these gives what :attr:`pattern` gives (scanning a
        long key with the whole alternation costs ~60 ns a character, measured; most keys hold
        one form or none)."""
        return tuple(form for form in self.canonical if form in key) if self.pattern is not None else ()

    def apply(self, key: str) -> str:
        present = self._present(key)
        if not present:
            return key
        if len(present) == 1:  # the usual case: str.replace is the same leftmost, non-overlapping replacement
            return key.replace(present[0], self.canonical[present[0]])
        return _alternation(present).sub(lambda m: self.canonical[m.group(0)], key)

    def finditer(self, key: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`pattern` in a key (by the forms present only, as :meth:`apply`)."""
        present = self._present(key)
        return _alternation(present).finditer(key) if present else iter(())

    @property
    def spellings(self) -> dict[str, list[str]]:
        """Canonical key -> [canonical, its variant forms ...]."""
        return _spellings(self)

    @property
    def canonical_pattern(self) -> re.Pattern[str] | None:
        forms = _spellings(self)
        return _alternation(tuple(forms)) if forms else None


@lru_cache(maxsize=256)
def _alternation(forms: tuple[str, ...]) -> re.Pattern[str]:
    """The regex of some variant forms, longest first (as :meth:`Variants.build` orders them)."""
    return re.compile("|".join(re.escape(a) for a in sorted(forms, key=len, reverse=True)))


@lru_cache(maxsize=16)
def _spellings(variants: Variants) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for form, canon in variants.canonical.items():
        out.setdefault(canon, [canon]).append(form)
    return out


DEFAULT = Variants.build(DEFAULT_VARIANTS)


def normalize(s: str, variants: Variants = DEFAULT) -> str:
    """The matching and search key of ``s`` (vectorised: no offset map)."""
    return variants.apply(basic_key(s))


def search_key(s: str, variants: Variants = DEFAULT) -> str:
    """The full-text index form of a text (and of a query): :func:`normalize`.

    Attached proclitics are handled at query time by :func:`clitic_forms`, which keeps the
    index cheap to build and also finds indefinite names (لواشنطن for واشنطن).
    """
    return normalize(s, variants)


_FTS_DELETED = 0xFFFF  # U+FFFF is a noncharacter: the tokenizer would drop it anyway
_fts_lut: np.ndarray | None = None


def _fold(ch: str) -> int:
    """The code point unicode61 would index for ``ch`` (lower case), or a space for a separator."""
    cat = unicodedata.category(ch)
    if cat[0] in "LN" or cat == "Co":
        low = ch.lower()
        return ord(low) if len(low) == 1 else ord(ch)
    return 0x20


_WORD_RUN = re.compile(r"[^\W_]+")  # letters and numbers (str.isalnum): Unicode categories L* and N*


def _long_lowers(s: str, offset: int = 0) -> list[int]:
    """Positions of the characters of ``s`` whose lower case is longer than one character (U+0130
    today), found by halving: a lower case is never shorter, so equal lengths mean none."""
    if len(s.lower()) == len(s):
        return []
    if len(s) == 1:
        return [offset]
    mid = len(s) // 2
    return _long_lowers(s[:mid], offset) + _long_lowers(s[mid:], offset + mid)


def _fold_many(cps: np.ndarray) -> np.ndarray:
    """:func:`_fold` of many BMP code points (no surrogates) at once: one ``lower()`` of them all
    and one regex pass over them instead of a category look-up and a ``lower()`` per character
    (about 4x faster; the key table folds ~63,000 when a process first needs it). Equal to
    :func:`_fold` for every BMP code point (tested)."""
    s = cps.astype("<u4").tobytes().decode("utf-32-le")
    long = _long_lowers(s)  # _fold keeps such a character as it is
    lowered = s
    if long:
        chars = list(s)
        for i in long:
            chars[i] = "\0"  # lowers to itself, one character
        lowered = "".join(chars)
    low = np.frombuffer(lowered.lower().encode("utf-32-le"), dtype=np.uint32).copy()
    low[long] = cps[long]
    word = np.zeros(len(s), dtype=bool)
    for m in _WORD_RUN.finditer(s):
        word[m.start() : m.end()] = True
    private = (cps >= 0xE000) & (cps <= 0xF8FF)  # category Co in the BMP
    return np.where(word | private, low, 0x20)


def _fts_lookup() -> np.ndarray:
    """The key table followed by the tokenizer's folding, over the BMP (uint16; built once).

    Characters FTS5's unicode61 tokenizer treats as separators (anything but letters, numbers and
    private-use characters) become spaces and other letters their lower case, so the index can
    use the much faster ``ascii`` tokenizer and still split words exactly where unicode61 would.
    """
    global _fts_lut
    if _fts_lut is None:
        to = _lookup()
        deleted = to == _DELETED
        ascii_ = to < 0x80
        space = ((to >= 0xD800) & (to < 0xE000)) | (to == 0xFFFF)
        lut = np.where(deleted, _FTS_DELETED, np.where(space, 0x20, to)).astype(np.uint16)
        rest = np.flatnonzero(~(deleted | ascii_ | space))
        lut[rest] = _fold_many(to[rest])
        _fts_lut = lut
    return _fts_lut


def fts_key(s: str) -> str:
    """What the SQLite full-text index stores for a text and matches queries against.

    :func:`basic_key` with every separator a space (see :func:`_fts_lookup`), in one vectorised
    pass over UTF-16 code units. Spelling variants and proclitics are expanded at query time
    (:func:`spellings`, :func:`clitic_forms`), which keeps indexing cheap.
    """
    data = s.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(s):
        out = _fts_lookup()[np.frombuffer(data, dtype=np.uint16)]
        return str(out[out != _FTS_DELETED].tobytes().decode("utf-16-le", "surrogatepass"))
    # characters beyond the BMP (emoji, math letters; rare): code points, those folded one by one
    cps = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = _fts_lookup()[np.minimum(cps, 0xFFFF)].astype(np.uint32)
    for i in np.flatnonzero(cps > 0xFFFF).tolist():
        wide[i] = _fold(chr(int(cps[i])))
    return str(wide[wide != _FTS_DELETED].tobytes().decode("utf-32-le", "surrogatepass"))


def fts_keys_utf8(texts: Sequence[str]) -> list[bytes]:
    """``fts_key(t).encode("utf-8")`` for every text, in one vectorised pass over all of them.

    An import reader keys hundreds of articles at a time: one lookup, one filter and one decode
    for the batch instead of a handful of numpy and codec calls per article (about twice as
    fast). Texts beyond the BMP take :func:`fts_key` one by one.
    """
    if not texts:
        return []
    joined = "".join(texts)
    data = joined.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(joined):
        return [fts_key(t).encode("utf-8") for t in texts]
    out = np.take(_fts_lookup(), np.frombuffer(data, dtype=np.uint16))
    keep = out != _FTS_DELETED
    key = out[keep].tobytes().decode("utf-16-le")  # no surrogates: the table maps them to spaces
    # each text's end in the key: its end in the input less the characters deleted before it
    # (few: counted through their positions, not a running sum over every character)
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    at = (ends - np.searchsorted(np.flatnonzero(~keep), ends)).tolist()
    return [key[a:b].encode("utf-8") for a, b in itertools.pairwise([0, *at])]


def spellings(key: str, variants: Variants = DEFAULT, limit: int = 32) -> list[str]:
    """Every spelling of a (basic) key under the variant table, canonical first (at most ``limit``).

    "امريكا" gives ["اميركا", "امريكا"]: a search expands the query instead of rewriting the index.
    """
    canon = variants.apply(key)
    if variants.pattern is None:
        return [canon]
    forms = variants.spellings
    parts: list[list[str]] = []
    pos = 0
    for m in variants.canonical_pattern.finditer(canon):  # type: ignore[union-attr]
        parts += [[canon[pos : m.start()]], forms[m.group(0)]]
        pos = m.end()
    parts.append([canon[pos:]])
    return ["".join(p) for p in itertools.islice(itertools.product(*parts), limit)]


def is_definite(word_key: str) -> bool:
    """A definite noun's key (ال and at least two letters): ل + ال is written لل, the article's
    alef dropped (ل + العراق is للعراق), so such a word is also found from its lam."""
    return word_key.startswith("ال") and len(word_key) > 3


def clitic_forms(word_key: str) -> list[str]:
    """A word key and its forms with attached proclitics (والعراق, للعراق, بواشنطن ...)."""
    forms = [word_key, *(p + word_key for p in PROCLITICS)]
    if is_definite(word_key):
        forms += [c + "ل" + word_key[1:] for c in ("", *CONJUNCTIONS)]
    return forms


@dataclass(frozen=True, slots=True)
class KeyedText:
    """A key and, for each key position, the code-point offset in the original text.

    ``offsets`` has ``len(key) + 1`` entries; the last is the end of the original text, so the
    original span of ``key[i:j]`` is ``offsets[i] : end_of(j)`` (see :meth:`span`). Both are
    integer arrays: a long article's map is made in a few vectorised steps, and a match reads
    only its two ends.
    """

    key: str
    offsets: np.ndarray
    ends: np.ndarray

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original (start, end) covering key[i:j] (j > i)."""
        return int(self.offsets[i]), int(self.ends[j - 1])

    def offset(self, i: int) -> int:
        """Original offset of key position ``i`` (``len(key)``: the end of the text)."""
        return int(self.offsets[i])


def keyed(s: str, variants: Variants = DEFAULT) -> KeyedText:
    """Key of ``s`` with a map back to original offsets (marks after a letter stay with it)."""
    if len(s) < _SHORT:  # a word or two (a cue verb, a name)
        key = s.translate(KEY_TABLE)
        kept = np.fromiter((i for i, c in enumerate(s) if ord(c) not in KEY_TABLE or KEY_TABLE[ord(c)]),
                           dtype=np.int64, count=len(key))
    else:
        mapped = _mapped(s)
        keep = mapped != _DELETED
        kept = np.flatnonzero(keep)
        key = mapped[keep].tobytes().decode("utf-32-le")
    # offsets[i]: where key char i starts; ends[i]: its original end, swallowing the deleted
    # marks that follow it (a deleted run between two kept chars belongs to the earlier one)
    offsets = np.append(kept, len(s))
    ends = offsets[1:]
    out_key: list[str] = []
    out_off: list[np.ndarray] = []
    out_end: list[np.ndarray] = []
    pos = done = 0  # key copied up to pos; the offset arrays up to done
    for m in variants.finditer(key):
        a, b = m.span()
        rep = variants.canonical[m.group(0)]
        out_key += (key[pos:a], rep)
        pos = b
        if len(rep) == b - a:
            continue  # char for char (امريكا -> اميركا): the offsets stay as they are
        out_off.append(offsets[done:a])
        out_end.append(ends[done:a])
        if rep:  # replacement char k stands on original char a + k (the last one on the rest)
            src = np.minimum(np.arange(a, a + len(rep)), b - 1)
            out_off.append(offsets[src])
            tail = ends[src]
            tail[-1] = ends[b - 1]
            out_end.append(tail)
        done = b
    if not out_key:
        return KeyedText(key, offsets, ends)
    out_key.append(key[pos:])
    if not out_off:
        return KeyedText("".join(out_key), offsets, ends)
    out_off.append(offsets[done:])
    out_end.append(ends[done:])
    return KeyedText("".join(out_key), np.concatenate(out_off), np.concatenate(out_end))


# --- tokens ------------------------------------------------------------------------------------

#: characters inside a word besides letters and digits: diacritics, tatweel, ZWNJ/ZWJ
WORD_EXTRA = _MARKS + araby.TATWEEL + "\u200c\u200d"
#: what joins digits into one number token: 3.5, 1,000, ٣٫٥
NUMBER_SEPARATORS = ".,\u066b\u066c"
#: where :func:`sentences` ends a sentence (besides line breaks), and the closing quotes it takes along
SENTENCE_TERMINATORS = ".!?\u061f"
CLOSING_QUOTES = "\"'\u00bb\u201d"
_WORD_CHARS = r"[^\W_]" + "|[" + re.escape(WORD_EXTRA) + "]"
_SEPARATOR_CLASS = "[" + re.escape(NUMBER_SEPARATORS) + "]"
_TOKEN_RE = re.compile(
    rf"(?P<word>(?:{_WORD_CHARS})+(?:{_SEPARATOR_CLASS}(?=\d)\d+)*)|(?P<punct>[^\s])",
)
_DIGITS_RE = re.compile(rf"^[\d{re.escape(NUMBER_SEPARATORS)}]+$")


class Token(NamedTuple):
    """A token and its code-point offsets (a named tuple: articles have thousands, made in bulk)."""

    start: int
    end: int
    text: str
    kind: str  # word | number | punct

    @property
    def is_word(self) -> bool:
        return self.kind != "punct"


_LASTGROUP = attrgetter("lastgroup")


def _kind(text: str, group: str | None) -> str:
    if group != "word":
        return "punct"
    return "number" if text[0].isdigit() and _DIGITS_RE.match(text) else "word"  # \d only matches digits


def tokenize(text: str) -> list[Token]:
    """Words, numbers and single punctuation/symbol tokens with code-point offsets.

    Diacritics and tatweel stay inside their word (unlike ``\\w`` or FTS5's unicode61).
    """
    ms = list(_TOKEN_RE.finditer(text))
    strings = list(map(re.Match.group, ms))
    kinds = list(map(_kind, strings, map(_LASTGROUP, ms)))
    return list(map(Token, map(re.Match.start, ms), map(re.Match.end, ms), strings, kinds))


def token_bounds(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


_PARA_RE = re.compile(r"[^\n]+")
_TERMINATOR_CLASS = re.escape(SENTENCE_TERMINATORS)
_SENT_RE = re.compile(rf"[^{_TERMINATOR_CLASS}\n]+(?:[{_TERMINATOR_CLASS}]+[{re.escape(CLOSING_QUOTES)}]?|$)", re.MULTILINE)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line of the text."""
    return [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if m.group(0).strip()]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split at . ! ? ؟ and line breaks (whitespace trimmed)."""
    out = []
    for m in _SENT_RE.finditer(text):
        a, b = m.span()
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            out.append((a + lead, b - trail))
    return out


# --- clitics -----------------------------------------------------------------------------------

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
#: proclitic sequences, longest first: (و|ف)? (ب|ل|ك)?
PROCLITICS = tuple(
    sorted(
        {c + p for c in ["", *CONJUNCTIONS] for p in ["", *PREPOSITIONS]} - {""},
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3  # letters left after stripping: never strip down to a two-letter word


def proclitic_length(word: str, known: Callable[[str], bool] | None = None) -> int:
    """How many code points of ``word`` are attached proclitics (و ف ب ل ك), keeping ال.

    A prefix is stripped when what follows is a definite noun (العراق in والعراق, للعراق → لعراق
    keeps the article's lam) or a word ``known`` recognises (واشنطن in لواشنطن). Plain initial
    letters (لبنان، بغداد، واشنطن) are never stripped without that evidence.
    """
    letters = [(i, c) for i, c in enumerate(word) if KEY_TABLE.get(ord(c), c) is not None]
    skel = "".join(KEY_TABLE.get(ord(c), c) or "" for _, c in letters)
    for pre in PROCLITICS:
        n = len(pre)
        if not skel.startswith(pre) or len(skel) - n < _MIN_STEM:
            continue
        rest = skel[n:]
        definite = is_definite(rest)
        # ل + ال is written لل: the article's alef is dropped (للعراق)
        lam_article = pre.endswith("ل") and rest.startswith("ل") and len(rest) >= 3 and skel[n - 1 : n + 1] == "لل"
        if definite or lam_article or (known is not None and known(rest)):
            return letters[n][0]  # first code point of the stem (marks on the clitic go with it)
    return 0


_EDGE_PUNCT = set("\"'«»“”‘’()[]{}<>.,،؛;:!?؟-–—/\\|*•…")


def snap(
    text: str,
    start: int,
    end: int,
    *,
    strip_clitics: bool = True,
    known: Callable[[str], bool] | None = None,
) -> tuple[int, int] | None:
    """Snap a selection to whole tokens, trim spaces and edge punctuation, drop proclitics.

    Returns ``None`` when nothing but spaces or punctuation is selected.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if start >= end:
        return None
    bounds = token_bounds(text)
    # expand a partial word at either edge to the whole word
    for a, b in bounds:
        if a < start < b:
            start = a
        if a < end < b:
            end = b
            break
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT):
        end -= 1
    if start >= end:
        return None
    if strip_clitics:
        first_end = next((b for a, b in bounds if a == start), end)
        cut = proclitic_length(text[start:first_end], known)
        if cut and start + cut < end:
            start += cut
    return start, end


def vocabulary(text: str, variants: Variants = DEFAULT) -> frozenset[str]:
    """The set of word keys of a text: evidence that a stem stands alone (for clitic stripping)."""
    return frozenset(normalize(t.text, variants) for t in tokenize(text) if t.kind == "word")


# --- matching ----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _keyed_cached(text: str, variants: Variants) -> KeyedText:
    return keyed(text, variants)


def find_occurrences(
    text: str,
    phrase: str,
    variants: Variants = DEFAULT,
    *,
    allow_proclitics: bool = True,
) -> list[tuple[int, int]]:
    """Original (start, end) of every occurrence of ``phrase`` in ``text``, matched on keys.

    Matches through diacritics, tatweel, letter forms and spelling variants; a match must start at
    a word start or right after attached proclitics (بواشنطن, والعراق) and end at a word end. The
    returned span covers the entity only, never the proclitics.
    """
    pk = normalize(phrase, variants).strip()
    if not pk:
        return []
    kt = _keyed_cached(text, variants)
    key = kt.key
    pattern = _occurrence_pattern(pk, allow_proclitics)
    # Scanning the whole key with the pattern costs ~0.1 us a character (its look-behind comes
    # first, so the regex engine cannot skip ahead); a match holds ``core``, found with str.find,
    # and starts at most ``back`` characters before it. Trying the positions of each such window
    # in order, from the end of the previous match, finds what ``pattern.finditer`` finds.
    core = pk[1:] if len(pk) > 1 else pk
    if len(core) < 3 or key.count(core) * 64 > len(key):  # short or frequent: the scan is cheaper
        return [kt.span(*m.span("m")) for m in pattern.finditer(key)]
    back = 1 + (_MAX_PROCLITIC if allow_proclitics else 0)
    out: list[tuple[int, int]] = []
    end = 0
    c = key.find(core)
    while c >= 0:
        for p in range(max(end, c - back), c + 1):
            m = pattern.match(key, p)
            if m is not None:
                out.append(kt.span(*m.span("m")))
                end = m.end()
                break
        c = key.find(core, c + 1)
    return out


_MAX_PROCLITIC = max(map(len, PROCLITICS))


@lru_cache(maxsize=256)
def _occurrence_pattern(pk: str, allow_proclitics: bool) -> re.Pattern[str]:
    """A phrase key at a word start (after attached proclitics when allowed) and a word end."""
    pre = "|".join(PROCLITICS) if allow_proclitics else ""
    # for "لل" + stem, the phrase's own "ال" is written as "ل": allow that too
    alts = [re.escape(pk)]
    if allow_proclitics and is_definite(pk):
        alts.append("(?<=ل)" + re.escape(pk[1:]))
    body = "|".join(alts)
    boundary = r"(?<![^\W_])"
    clitic = f"(?:{pre})?" if pre else ""
    return re.compile(rf"{boundary}{clitic}(?P<m>{body})(?![^\W_])")


def contains_arabic(s: str) -> bool:
    return any(araby.is_arabicrange(c) for c in s if c.isalpha())


def unique_in_order(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
