"""Read JSONL: plain ``{"text": ...}`` records, doccano's two span formats, and the native format.

Every line is parsed and validated; errors name the line and do not stop the reading, so a user
sees all problems of a file at once (as doccano does). The native format is read by
:mod:`annotator.ingest.native`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from annotator.ingest.native import parse_native
from annotator.ingest.records import Context, DocRec, IngestError, LayerRec, Parsed, SpanRec

MAX_ERRORS = 50
_PLAIN_KEYS = {"id", "text", "title", "meta", "source", "published", "url", "language", "label", "labels",
               "entities", "relations", "annotator"}


def offsets(start: Any, end: Any, length: int, what: str) -> tuple[int, int]:
    """Validated (start, end) inside a text of ``length`` code points."""
    if type(start) is not int or type(end) is not int:
        raise ValueError(f"{what}: offsets must be integers, got {start!r}, {end!r}")
    if not 0 <= start < end <= length:
        raise ValueError(f"{what}: offsets {start}:{end} are outside the text (length {length}) or empty")
    return start, end


def _doccano_spans(rec: dict[str, Any], length: int, ctx: Context) -> list[SpanRec]:
    spans: dict[tuple[int, int, str], SpanRec] = {}
    raw = rec.get("label", rec.get("labels"))
    if raw is not None:
        if not isinstance(raw, list):
            raise ValueError(f"'label' must be a list of [start, end, label], got {type(raw).__name__}")
        for i, item in enumerate(raw):
            if not isinstance(item, list | tuple) or len(item) != 3:
                raise ValueError(f"label #{i + 1}: expected [start, end, label], got {item!r}")
            s, e = offsets(item[0], item[1], length, f"label #{i + 1}")
            label = ctx.label(item[2])
            spans.setdefault((s, e, label), SpanRec(s, e, label))
    ents = rec.get("entities")
    if ents is not None:
        if not isinstance(ents, list):
            raise ValueError(f"'entities' must be a list, got {type(ents).__name__}")
        for i, item in enumerate(ents):
            if not isinstance(item, dict):
                raise ValueError(f"entity #{i + 1}: expected an object, got {item!r}")
            s, e = offsets(item.get("start_offset"), item.get("end_offset"), length, f"entity #{i + 1}")
            label = ctx.label(item.get("label"))
            spans.setdefault((s, e, label), SpanRec(s, e, label))
    return sorted(spans.values(), key=lambda x: (x.start, x.end, x.label))


def _opt_str(rec: dict[str, Any], key: str) -> str | None:
    v = rec.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        raise ValueError(f"'{key}' must be a string, got {type(v).__name__}")
    return v


def _first_line(text: str, limit: int = 200) -> str:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if line:
            return line[:limit]
        start = end + 1
    return ""


def parse_plain(rec: dict[str, Any], lineno: int, path: Path, ctx: Context) -> DocRec:
    """A plain or doccano record: text, optional title/metadata, optional entity spans."""
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' must be a non-empty string")
    spans = _doccano_spans(rec, len(text), ctx)
    meta = rec.get("meta") or {}
    if not isinstance(meta, dict):
        raise ValueError(f"'meta' must be an object, got {type(meta).__name__}")
    meta = dict(meta)
    for k, v in rec.items():
        if k not in _PLAIN_KEYS:
            meta.setdefault(k, v)
    annotator = _opt_str(rec, "annotator")
    fmt = "doccano" if spans or "label" in rec or "labels" in rec or "entities" in rec else "jsonl"
    rid = rec.get("id")
    uid = str(rid) if isinstance(rid, str | int) and not isinstance(rid, bool) and str(rid) else ""
    doc = DocRec(
        line=lineno,
        text=text,
        uid=uid or f"{path.stem}-{lineno}",
        title=_opt_str(rec, "title") or _first_line(text),
        source=_opt_str(rec, "source"),
        published=_opt_str(rec, "published"),
        url=_opt_str(rec, "url"),
        language=_opt_str(rec, "language") or "ar",
        provenance={"file": path.name, "format": fmt, "encoding": "utf-8", "line": lineno},
        meta=meta,
    )
    if spans:
        doc.layers.append(LayerRec(annotator=annotator, entities=spans))
    return doc


def parse_record(raw: bytes, lineno: int, path: Path, ctx: Context) -> tuple[DocRec, str]:
    """One line's article and its kind (jsonl, doccano, native); ValueError says what is wrong."""
    try:
        rec = orjson.loads(raw)
    except orjson.JSONDecodeError as e:
        raise ValueError(f"malformed JSON: {e}") from None
    if not isinstance(rec, dict):
        raise ValueError(f"expected a JSON object, got {type(rec).__name__}")
    if "annotations" in rec or "kb" in rec:
        return parse_native(rec, lineno, path, ctx), "native"
    doc = parse_plain(rec, lineno, path, ctx)
    return doc, str(doc.provenance["format"])


def read_lines(lines: Iterable[bytes], first: int, path: Path, ctx: Context, parsed: Parsed, kinds: set[str],
               progress: Any = None) -> int:
    """Parse lines numbered from ``first`` into ``parsed`` (docs until the first error, then errors
    only) and ``kinds``; stops at :data:`MAX_ERRORS` errors. Returns the number of lines read."""
    seen = n = 0
    for n, raw in enumerate(lines, 1):
        lineno = first + n - 1
        seen += len(raw)
        if progress is not None and n % 1000 == 0:
            progress(seen)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            doc, kind = parse_record(raw, lineno, path, ctx)
        except ValueError as e:
            parsed.errors.append(IngestError(lineno, str(e)))
            if len(parsed.errors) >= MAX_ERRORS:
                break
            continue
        kinds.add(kind)
        if not parsed.errors:  # after the first error only validation matters
            parsed.docs.append(doc)
    return n


def finish(parsed: Parsed, kinds: set[str]) -> Parsed:
    """The file's verdict once every line is read: errors capped, empty files refused, format."""
    if len(parsed.errors) >= MAX_ERRORS:
        del parsed.errors[MAX_ERRORS:]
        parsed.errors.append(IngestError(parsed.errors[-1].line, f"stopped after {MAX_ERRORS} errors"))
    if not parsed.docs and not parsed.errors:
        parsed.errors.append(IngestError(0, "no records: the file is empty"))
    if parsed.errors:
        parsed.docs.clear()
    parsed.format = next((k for k in ("native", "doccano") if k in kinds), "jsonl")
    return parsed


def read_jsonl(path: Path, ctx: Context, progress: Any = None) -> Parsed:
    """Parse and validate every line of a JSONL file (``progress(bytes)`` is told as it goes)."""
    parsed = Parsed("jsonl")
    try:
        fh = path.open("rb")
    except OSError as e:
        parsed.errors.append(IngestError(0, f"cannot read file: {e.strerror or e}"))
        return parsed
    kinds: set[str] = set()
    with fh:
        read_lines(fh, 1, path, ctx, parsed, kinds, progress)
    return finish(parsed, kinds)
