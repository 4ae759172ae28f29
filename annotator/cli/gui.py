"""``annotator gui [PATH]``: open a project in the desktop app.

The core never imports Qt (import-linter contract), so the GUI package is loaded by name at run
time, only when this command runs.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import Any

from annotator.cli.common import CliError, project_target


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("gui", help="open a project in the desktop app (default: the default project)")
    p.add_argument("path", nargs="?", metavar="PATH", help="project file (SQLite) or SQLAlchemy URL")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    target: str | Path = args.path if args.path and "://" in args.path else (
        Path(args.path) if args.path else project_target(args))
    if isinstance(target, Path) and target.exists() and target.is_dir():
        raise CliError(f"{target} is a folder; give the project file (e.g. {target / 'project.db'})")
    try:
        app = importlib.import_module("ui.app")
    except ImportError as e:  # PySide6 missing or no display libraries
        raise CliError(f"the desktop app cannot start: {e} (install PySide6-Essentials; see scripts/system-deps.sh)") from None
    return int(app.run_gui(target, getattr(args, "annotator", None)))
