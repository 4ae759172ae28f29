"""Read CoNLL/BIO token files: a token per line, then one or more tag columns (nested entities).

Tags are IOB2 (``B-PER``, ``I-PER``, ``O``); IOB1 files whose entities start with ``I-`` and
BIOES files (``S-``, ``E-``) are read too. A blank line ends a sentence, ``-DOCSTART-`` a
document. The text is the tokens joined with one space, sentences joined with ``\\n``.
"""

from __future__ import annotations

import re
from pathlib import Path

from annotator.ingest.boilerplate import split_lines
from annotator.ingest.encodings import decode
from annotator.ingest.records import Context, DocRec, IngestError, LayerRec, Parsed, SpanRec

_TAG = re.compile(r"^(?:O|([BIES])[-_](.+))$")
_MAX_ERRORS = 50


class _Doc:
    def __init__(self, line: int) -> None:
        self.line = line
        self.sentences: list[list[tuple[str, list[str], int]]] = [[]]  # (token, tags, line)

    def add(self, token: str, tags: list[str], line: int) -> None:
        self.sentences[-1].append((token, tags, line))

    def break_sentence(self) -> None:
        if self.sentences[-1]:
            self.sentences.append([])

    @property
    def empty(self) -> bool:
        return not any(self.sentences)


def _spans(doc: _Doc, columns: int, ctx: Context) -> tuple[str, list[SpanRec]]:
    """Rebuild the text and decode each tag column into spans (errors name the token's line)."""
    parts: list[str] = []
    pos = 0
    spans: dict[tuple[int, int, str], SpanRec] = {}
    for sent in (s for s in doc.sentences if s):
        if parts:
            parts.append("\n")
            pos += 1
        open_: list[tuple[int, str] | None] = [None] * columns  # per column: (start, label)
        last_end = pos
        for k, (token, tags, line) in enumerate(sent):
            if k:
                parts.append(" ")
                pos += 1
            start, end = pos, pos + len(token)
            parts.append(token)
            pos = end
            for c, tag in enumerate(tags):
                m = _TAG.match(tag)
                if m is None:
                    raise IngestError(line, f"tag {tag!r} in column {c + 2} is not O, B-X, I-X, E-X or S-X")
                cur = open_[c]
                if m.group(1) is None:  # O
                    if cur is not None:
                        spans.setdefault((cur[0], last_end, cur[1]), SpanRec(cur[0], last_end, cur[1]))
                    open_[c] = None
                    continue
                try:
                    label = ctx.label(m.group(2))
                except ValueError as e:
                    raise IngestError(line, str(e)) from None
                kind = m.group(1)
                if kind in "IE" and cur is not None and cur[1] == label:
                    open_[c] = (cur[0], label)  # continues (IOB1 I- after O starts a new one below)
                else:
                    if cur is not None:
                        spans.setdefault((cur[0], last_end, cur[1]), SpanRec(cur[0], last_end, cur[1]))
                    open_[c] = (start, label)
                if kind in "ES":
                    s0, lab = open_[c]  # type: ignore[misc]
                    spans.setdefault((s0, end, lab), SpanRec(s0, end, lab))
                    open_[c] = None
            last_end = end
        for cur in open_:
            if cur is not None:
                spans.setdefault((cur[0], last_end, cur[1]), SpanRec(cur[0], last_end, cur[1]))
    return "".join(parts), sorted(spans.values(), key=lambda s: (s.start, s.end, s.label))


def read_conll(path: Path, ctx: Context) -> Parsed:
    parsed = Parsed("conll")
    try:
        text, parsed.encoding = decode(path.read_bytes())
    except IngestError as e:
        parsed.errors.append(e)
        return parsed
    except OSError as e:
        parsed.errors.append(IngestError(0, f"cannot read file: {e.strerror or e}"))
        return parsed
    docs: list[_Doc] = [_Doc(1)]
    columns = 0
    for lineno, line in enumerate(split_lines(text), 1):
        parts = [p for p in (line.split("\t") if "\t" in line else line.split()) if p.strip()]
        if not parts:
            docs[-1].break_sentence()
            continue
        parts = [p.strip() for p in parts]
        if parts[0] == "-DOCSTART-":
            docs.append(_Doc(lineno + 1))
            continue
        if len(parts) < 2:
            parsed.errors.append(IngestError(lineno, f"expected a token and at least one tag column, got {line!r}"))
        elif columns and len(parts) - 1 != columns:
            parsed.errors.append(IngestError(lineno, f"expected {columns} tag column(s) as on the first token line, "
                                                     f"got {len(parts) - 1}"))
        else:
            columns = len(parts) - 1
            docs[-1].add(parts[0], parts[1:], lineno)
        if len(parsed.errors) >= _MAX_ERRORS:
            break
    if parsed.errors:
        return parsed
    real = [d for d in docs if not d.empty]
    if not real:
        parsed.errors.append(IngestError(0, "no tokens: the file is empty"))
        return parsed
    for n, d in enumerate(real, 1):
        try:
            body, spans = _spans(d, columns, ctx)
        except IngestError as e:
            parsed.errors.append(e)
            continue
        uid = path.stem if len(real) == 1 else f"{path.stem}-{n}"
        first = body.split("\n", 1)[0]
        parsed.docs.append(DocRec(
            line=d.line,
            text=body,
            uid=uid,
            title=first[:120],
            provenance={"file": path.name, "format": "conll", "encoding": parsed.encoding, "line": d.line},
            layers=[LayerRec(entities=spans)] if spans else [],
        ))
    if parsed.errors:
        parsed.docs.clear()
    return parsed
