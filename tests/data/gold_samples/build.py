"""Resolve the hand annotation (anchors.json) on the imported sample articles; write gold.jsonl.

The annotation was written by reading the five articles: each quote is given by the words its
content starts and ends with, its cue verb and its speaker; entity mentions by the written forms
of a handful of names. Offsets are resolved on the text *as the app imports it*
(``annotator.ingest.import_paths`` drops boilerplate lines, so raw-file offsets would be wrong),
with literal string search (not the app's matcher, which is what gets measured), and every
offset is checked against the text. ``--review`` prints each entity mention in context.

    python tests/data/gold_samples/build.py [--review]
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[2] / "seeds"
_LETTER = r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06FA-\u06FFA-Za-z0-9]"
_PRE = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


def imported_texts(seeds: Path = SEEDS) -> dict[str, str]:
    """The sample articles' text as stored by the app's importer, by file name."""
    from annotator.ingest import import_paths
    from annotator.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "samples.db")
        try:
            report = import_paths(store, sorted(seeds.glob("*.txt")))
            return {f.path.name: store.document(f.doc_ids[0]).text for f in report.files if f.doc_ids}
        finally:
            store.close()


def _word_at(text: str, word: str, start: int, end: int, *, last: bool) -> tuple[int, int] | None:
    """The last (or first) whole word ``word`` in text[start:end], optionally after و/ف."""
    pat = re.compile(rf"(?<!{_LETTER})(?:[وف])?({re.escape(word)})(?!{_LETTER})")
    found = list(pat.finditer(text, start, end))
    if not found:
        return None
    m = found[-1] if last else found[0]
    return m.start(1), m.end(1)


def resolve_quotes(text: str, quotes: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    pos = 0
    for q in quotes:
        a = text.find(q["from"], pos)
        if a < 0:
            raise SystemExit(f"{where}: content start {q['from']!r} not found after offset {pos}")
        b = text.find(q["to"], a)
        if b < 0:
            raise SystemExit(f"{where}: content end {q['to']!r} not found after {a}")
        b += len(q["to"])
        cue = None
        if q["cue"]:
            if q.get("cue_after"):
                line_end = text.find("\n", b)
                cue = _word_at(text, q["cue"], b, line_end if line_end >= 0 else len(text), last=False)
            else:
                line_start = text.rfind("\n", 0, a) + 1
                cue = _word_at(text, q["cue"], line_start, a, last=True)
            if cue is None:
                raise SystemExit(f"{where}: cue {q['cue']!r} not found near content {q['from']!r}")
        out.append(
            {
                "content": [a, b],
                "content_text": text[a:b],
                "cue": list(cue) if cue else None,
                "cue_text": text[cue[0] : cue[1]] if cue else None,
                "speaker": q["speaker"],
                "kind": q["kind"],
            }
        )
        pos = a + 1
    return out


def resolve_entities(
    text: str, entities: dict[str, dict[str, Any]], exclude: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Every whole-word occurrence of the listed forms (longest first), proclitics left outside."""
    forms = sorted(
        ((f, eid, e["label"]) for eid, e in entities.items() for f in e["forms"]), key=lambda x: -len(x[0])
    )
    taken: list[tuple[int, int]] = []
    out: list[dict[str, Any]] = []
    for form, eid, label in forms:
        alts = [re.escape(form)]
        if form.startswith("ال"):
            alts.append("(?<=ل)" + re.escape(form[1:]))  # ل + العراق is written للعراق
        pat = re.compile(rf"(?<!{_LETTER})(?:{'|'.join(_PRE)})?({'|'.join(alts)})(?!{_LETTER})")
        for m in pat.finditer(text):
            a, b = m.span(1)
            if any(x < b and a < y for x, y in taken) or (a, b) in exclude:
                continue
            taken.append((a, b))
            out.append({"start": a, "end": b, "text": text[a:b], "label": label, "entity": eid})
    return sorted(out, key=lambda e: e["start"])


def build(review: bool = False) -> list[dict[str, Any]]:
    anchors = json.loads((HERE / "anchors.json").read_text(encoding="utf-8"))
    texts = imported_texts()
    records = []
    for art in anchors["articles"]:
        name = art["file"]
        text = texts[name]
        excl = {(x["start"], x["end"]) for x in anchors.get("entity_exclude", []) if x["file"] == name}
        rec = {
            "file": name,
            "text_sha1": hashlib.sha1(text.encode()).hexdigest(),
            "quotes": resolve_quotes(text, art["quotes"], name),
            "entities": resolve_entities(text, anchors["entities"], excl),
        }
        check(rec, text)
        records.append(rec)
        if review:
            for e in rec["entities"]:
                a, b = e["start"], e["end"]
                ctx = (text[max(0, a - 25) : a] + "[" + text[a:b] + "]" + text[b : b + 25]).replace("\n", " ")
                print(f"{name[:3]} {a:5d} {e['label']:4} {e['entity']:10} {ctx}")
    return records


def check(rec: dict[str, Any], text: str) -> None:
    """Every offset must select the recorded text; cues and contents must not be empty."""
    for q in rec["quotes"]:
        a, b = q["content"]
        assert 0 <= a < b <= len(text) and text[a:b] == q["content_text"], (rec["file"], q)
        if q["cue"]:
            c, d = q["cue"]
            assert text[c:d] == q["cue_text"] and not (a <= c < b), (rec["file"], q)
    for e in rec["entities"]:
        assert text[e["start"] : e["end"]] == e["text"], (rec["file"], e)


def main() -> int:
    records = build(review="--review" in sys.argv)
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    nq = sum(len(r["quotes"]) for r in records)
    ne = sum(len(r["entities"]) for r in records)
    print(f"gold.jsonl: {len(records)} articles, {nq} quotes, {ne} entity mentions (all offsets checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
