"""Exports: query -> formatter -> writer, one module per format, chosen by name.

Each format module exposes ``write(store, options, out, progress=None) -> ExportReport`` and may
set ``SUFFIX`` (the default file name ending, ``".jsonl"`` when absent; ``""`` means the format
writes a folder). Modules are imported only when their format is used, so a heavy or missing
optional dependency of one format never slows or breaks the others.
"""

from __future__ import annotations

import importlib
import re
from datetime import datetime
from pathlib import Path
from types import ModuleType

from annotator.export.model import (
    ExportError,
    ExportOptions,
    ExportReport,
    Progress,
    XDoc,
    XEntity,
    XLayer,
    XQuote,
    XSpan,
    XStance,
)
from annotator.gcpause import cyclic_gc_paused
from annotator.store import Store

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportOptions",
    "ExportReport",
    "Progress",
    "XDoc",
    "XEntity",
    "XLayer",
    "XQuote",
    "XSpan",
    "XStance",
    "default_output",
    "export",
    "format_module",
]

#: format name -> module implementing it
FORMATS: dict[str, str] = {
    "native": "annotator.export.native",
    "tokens": "annotator.export.tokens",
    "spacy": "annotator.export.spacy_fmt",
    "conll": "annotator.export.conll",
    "doccano": "annotator.export.doccano",
    "label-studio": "annotator.export.labelstudio",
    "quotes": "annotator.export.quotes",
    "stances": "annotator.export.stances",
}


def format_module(fmt: str) -> ModuleType:
    """The module writing ``fmt``; unknown or unavailable formats raise ExportError saying which exist."""
    name = FORMATS.get(fmt)
    if name is None:
        raise ExportError(f"unknown export format {fmt!r}; known formats: {', '.join(FORMATS)}")
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name != name:
            raise
        raise ExportError(f"the {fmt} export is not available in this installation (no module {name})") from None


def project_name(store: Store) -> str:
    """A short name for output files: the project file's stem, or the database name of a URL."""
    if store.path is not None:
        stem = store.path.name.split(".")[0]
    else:
        stem = str(store.engine.url.database or "project").rsplit("/", 1)[-1]
    return re.sub(r"[^\w.-]+", "_", stem) or "project"


def default_output(store: Store, fmt: str, options: ExportOptions, *, folder: Path | None = None,
                   now: datetime | None = None) -> Path:
    """``exports/<project>-<format>-<YYYYmmdd-HHMMSS><suffix>`` (a folder for split exports)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = f"{project_name(store)}-{fmt}-{stamp}"
    suffix = getattr(format_module(fmt), "SUFFIX", ".jsonl")
    if options.split is not None:
        suffix = ""
    return (folder if folder is not None else Path.cwd() / "exports") / f"{base}{suffix}"


def export(store: Store, fmt: str, options: ExportOptions, out: Path | None = None,
           progress: Progress | None = None) -> ExportReport:
    """Export the project in format ``fmt`` to ``out`` (default: a new name under ``./exports``).

    An existing folder given as ``out`` receives a default-named file (or split folder) inside it.
    """
    module = format_module(fmt)
    if options.split is not None and (len(options.split) != 3 or sum(options.split) != 100 or min(options.split) < 0):
        raise ExportError(f"a split needs three non-negative percentages adding up to 100, got {options.split}")
    if out is None:
        target = default_output(store, fmt, options)
    elif Path(out).is_dir() and options.split is None and str(getattr(module, "SUFFIX", ".jsonl")):
        target = default_output(store, fmt, options, folder=Path(out))
    else:
        target = Path(out)
    with cyclic_gc_paused():
        report: ExportReport = module.write(store, options, target, progress)
    return report
