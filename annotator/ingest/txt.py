"""Read one ``.txt`` news article: decode, clean, and describe what was removed and why."""

from __future__ import annotations

from pathlib import Path

from annotator.ingest.boilerplate import clean_article
from annotator.ingest.encodings import decode
from annotator.ingest.records import DocRec, IngestError, Parsed


def parse_article(name: str, stem: str, data: bytes) -> DocRec:
    """The article in ``data`` (the bytes of a file called ``name``), cleaned; IngestError if unusable."""
    if not data.strip():
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


def read_txt(path: Path) -> Parsed:
    parsed = Parsed("txt")
    try:
        doc = parse_article(path.name, path.stem, path.read_bytes())
    except IngestError as e:
        parsed.errors.append(e)
    except OSError as e:
        parsed.errors.append(IngestError(0, f"cannot read file: {e.strerror or e}"))
    else:
        parsed.encoding = str(doc.provenance["encoding"])
        parsed.docs.append(doc)
    return parsed
