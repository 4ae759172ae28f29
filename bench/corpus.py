"""Generate a benchmark corpus that looks like the sample articles in ``seeds/``.

Articles are made of real Arabic sentences taken from the seed articles (shuffled with a fixed
seed, lengths around the seeds' own), so the text has the samples' letters, diacritics, NBSPs,
quotes and numbers. Entity spans mark names from a small gazetteer where they occur.

- :func:`write_doccano_jsonl`: articles with ``label: [[start, end, LABEL], ...]`` (doccano).
- :func:`write_txt_folder`: ``.txt`` files like scraped pages (title repeated, date line,
  ``+ الخط -``, newsletter/cookie lines), mostly UTF-8 with some UTF-8-BOM, Windows-1256 and
  UTF-16 files, some with CRLF line ends.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import orjson

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: names that occur in the seeds, with the label a reader would give them
GAZETTEER = {
    "فؤاد حسين": "PER", "جو بايدن": "PER", "مصطفى الكاظمي": "PER", "أنتوني بلينكن": "PER",
    "قاسم الأعرجي": "PER", "جون كيربي": "PER", "الولايات المتحدة": "GPE", "واشنطن": "GPE",
    "بغداد": "GPE", "العراق": "GPE", "البيت الأبيض": "ORG", "التحالف الدولي": "ORG",
    "وزارة الخارجية": "ORG", "الأناضول": "ORG",
}
_NAMES = re.compile("|".join(sorted(map(re.escape, GAZETTEER), key=len, reverse=True)))
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")

BOILERPLATE = [
    "+ الخط -",
    "المساهمون",
    "اشترك في النشرة البريدية لتصلك آخر الأخبار",
    "تابعونا على واتساب",
    "We use cookies to improve your experience. By using this site you agree to our privacy policy.",
    "شارك الخبر",
]
DATES = ["23 يوليو 2021", "الجمعة 23 يوليو 2021 02:51 م", "2021-07-24", "24 تموز 2021"]


def seed_sentences(seeds: Path = SEEDS) -> list[str]:
    """Sentences of the seed articles' body paragraphs (long lines; titles and widgets left out)."""
    out: list[str] = []
    for f in sorted(seeds.glob("*.txt")):
        for line in f.read_text(encoding="utf-8-sig").splitlines():
            line = line.strip()
            if len(line) < 80:
                continue
            out.extend(s.strip() for s in _SENTENCE_END.split(line) if len(s.strip()) > 20)
    if not out:
        raise RuntimeError(f"no sentences found in {seeds}")
    return out


class Generator:
    """Deterministic article factory over the seed sentences."""

    def __init__(self, seed: int = 13, seeds: Path = SEEDS) -> None:
        self.rng = random.Random(seed)
        self.sentences = seed_sentences(seeds)
        self.mean_len = sum(len(f.read_text(encoding="utf-8-sig")) for f in seeds.glob("*.txt")) // max(
            1, len(list(seeds.glob("*.txt"))))
        self.named = [s for s in self.sentences if _NAMES.search(s)]
        self.count = 0

    def body(self) -> str:
        """Paragraphs of 1-3 sentences until the article is about as long as a seed article."""
        target = int(self.mean_len * self.rng.uniform(0.5, 1.5))
        paras: list[str] = []
        size = 0
        while size < target:
            para = " ".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(1, 3)))
            paras.append(para)
            size += len(para) + 2
        self.count += 1
        # a serial number keeps every article distinct (imports de-duplicate identical texts)
        paras.append(f"(تقرير رقم {self.count})")
        return "\n\n".join(paras)

    def title(self) -> str:
        words = self.rng.choice(self.sentences).split()
        return " ".join(words[: self.rng.randint(6, 11)]).rstrip("،,.")

    def spans(self, text: str, n: int) -> list[list[int | str]]:
        """Up to ``n`` gazetteer mentions found in the text, as doccano's [start, end, label]."""
        found = [(m.start(), m.end(), GAZETTEER[m.group()]) for m in _NAMES.finditer(text)]
        picked = sorted(self.rng.sample(found, min(n, len(found))))
        return [[a, b, label] for a, b, label in picked]


def iter_doccano(n_docs: int, n_spans: int, seed: int = 13) -> Iterator[dict[str, object]]:
    gen = Generator(seed)
    per_doc, extra = divmod(n_spans, n_docs)
    for i in range(n_docs):
        text = gen.body()
        want = per_doc + (1 if i < extra else 0)
        spans = gen.spans(text, want)
        while len(spans) < want:  # a sentence with a name, so every article carries its share
            text += "\n\n" + gen.rng.choice(gen.named)
            spans = gen.spans(text, want)
        yield {"text": text, "title": gen.title(), "label": spans}


def write_doccano_jsonl(path: Path, n_docs: int, n_spans: int, seed: int = 13) -> tuple[int, int]:
    """Write the JSONL corpus; returns (articles, spans) written."""
    docs = spans = 0
    with path.open("wb") as f:
        for rec in iter_doccano(n_docs, n_spans, seed):
            f.write(orjson.dumps(rec, option=orjson.OPT_APPEND_NEWLINE))
            docs += 1
            spans += len(rec["label"])  # type: ignore[arg-type]
    return docs, spans


def scraped_page(gen: Generator) -> str:
    """A page as saved from a news site: title, repeated title, date, widgets, body, footer."""
    title = gen.title()
    rng = gen.rng
    lines = [title, "", title, "", rng.choice(DATES), rng.choice(BOILERPLATE[:2]), "", gen.body(), ""]
    lines += rng.sample(BOILERPLATE[2:], rng.randint(1, 3))
    return "\n".join(lines) + "\n"


def write_txt_folder(folder: Path, n_docs: int, seed: int = 13) -> dict[str, int]:
    """Write ``n_docs`` .txt articles; returns how many files use each encoding."""
    folder.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed + 1)
    counts: dict[str, int] = {}
    for i in range(n_docs):
        page = scraped_page(gen)
        r = i % 100
        if r < 3:
            enc, crlf = "cp1256", True
        elif r < 5:
            enc, crlf = "utf-16", True
        elif r < 10:
            enc, crlf = "utf-8-sig", False
        else:
            enc, crlf = "utf-8", r < 20
        if crlf:
            page = page.replace("\n", "\r\n")
        try:
            data = page.encode(enc)
        except UnicodeEncodeError:  # a character Windows-1256 lacks: keep this one in UTF-8
            enc, data = "utf-8", page.encode("utf-8")
        (folder / f"{i:06d}.txt").write_bytes(data)
        counts[enc] = counts.get(enc, 0) + 1
    return counts


def span_rows(doc_ids: list[int], texts: dict[int, int], annotator_id: int, n: int, seed: int = 13) -> list[dict[str, object]]:
    """``n`` span rows spread over the articles (random offsets inside each text), for bulk writes."""
    rng = random.Random(seed)
    labels = ("PER", "ORG", "GPE", "LOC", "EVENT", "MISC")
    rows: list[dict[str, object]] = []
    for i in range(n):
        doc = doc_ids[i % len(doc_ids)]
        length = texts[doc]
        start = rng.randrange(0, max(1, length - 20))
        rows.append({"doc_id": doc, "annotator_id": annotator_id, "start": start,
                     "end": min(length, start + rng.randint(3, 20)), "layer": "entity",
                     "label": labels[i % len(labels)], "origin": "imported", "status": "active"})
    return rows
