"""Read one ``.txt`` news article: decode, clean, and describe what was removed and why."""

from __future__ import annotations

import os
from pathlib import Path

from annotator.ingest.boilerplate import clean_article
from annotator.ingest.encodings import decode
from annotator.ingest.records import DocRec, IngestError, Parsed

_O_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def parse_article(name: str, stem: str, data: bytes) -> DocRec:
    """The article in ``data`` (the bytes of a file called ``name``), cleaned; IngestError if unusable."""
    if not data or data.isspace():  # nothing but ASCII whitespace, as ``not data.strip()``
        raise IngestError(0, "empty file: no article text")
    raw, encoding = decode(data)
    cleaned = clean_article(raw)
    if not cleaned.text.strip():
        raise IngestError(0, "no article text left after removing boilerplate lines")
    provenance = {
        "file": name,
        "format": "txt",
        "encoding": encoding,
        "removed_lines": cleaned.removed,
    }
    return DocRec(
        line=0,
        text=cleaned.text,
        uid=stem,
        title=cleaned.title,
        source=cleaned.source,
        published=cleaned.published,
        provenance=provenance,
    )


def read_bytes(path: Path) -> bytes:
    """The whole file, as ``Path.read_bytes`` reads it, in fewer steps (no buffered file object:
    an import reads thousands of small files)."""
    fd = os.open(path, _O_FLAGS)
    try:
        size = os.fstat(fd).st_size
        data = os.read(fd, size + 1)  # one byte more than expected: a short read is the end
        if len(data) <= size:
            return data
        chunks = [data]  # the file grew, or has no size (a pipe): read to the end
        while chunk := os.read(fd, max(size, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_txt(path: Path) -> Parsed:
    parsed = Parsed("txt")
    try:
        doc = parse_article(path.name, path.stem, read_bytes(path))
    except IngestError as e:
        parsed.errors.append(e)
    except OSError as e:
        parsed.errors.append(IngestError(0, f"cannot read file: {e.strerror or e}"))
    else:
        parsed.encoding = str(doc.provenance["encoding"])
        parsed.docs.append(doc)
    return parsed
