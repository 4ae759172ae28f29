"""The write step of every export: files appear complete or not at all.

Each file is written to a temporary file in the target folder and renamed into place with
``os.replace`` (atomic on one file system); on any failure the temporary file is removed and an
older file at the target is left untouched. JSON goes through orjson with non-ASCII kept as is.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import orjson

_LINE = orjson.OPT_APPEND_NEWLINE


def dumps_line(obj: Any) -> bytes:
    """One JSONL line: compact, UTF-8 (orjson never escapes non-ASCII), newline-terminated."""
    return orjson.dumps(obj, option=_LINE)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary file handle whose contents replace ``path`` only if the block finishes."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(path)
    # os.open with 0o666 lets the umask decide permissions, as for any ordinary new file
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as f:
            yield f
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextmanager
def atomic_dir(path: Path) -> Iterator[Path]:
    """A temporary folder whose files move into ``path`` only if the block finishes (split exports)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_name(path)
    tmp.mkdir()
    try:
        yield tmp
        if path.exists():
            for f in sorted(tmp.iterdir()):
                os.replace(f, path / f.name)
            tmp.rmdir()
        else:
            os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_jsonl(path: Path, records: Iterable[Any]) -> int:
    """Write records as JSONL atomically; returns how many lines were written."""
    n = 0
    with atomic_file(path) as f:
        for rec in records:
            f.write(orjson.dumps(rec, option=_LINE))
            n += 1
    return n


def write_json(path: Path, obj: Any, *, indent: bool = True) -> None:
    """Write one JSON document atomically (label maps, Label Studio task lists, dataset cards)."""
    opt = (orjson.OPT_INDENT_2 | _LINE) if indent else _LINE
    with atomic_file(path) as f:
        f.write(orjson.dumps(obj, option=opt))


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (CoNLL files, dataset cards in Markdown)."""
    with atomic_file(path) as f:
        f.write(text.encode("utf-8"))
