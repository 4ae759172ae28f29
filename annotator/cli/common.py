"""What every sub-command shares: where the project is, who is working, how errors look."""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path

from platformdirs import user_data_dir

from annotator.db import ProjectError
from annotator.store import Store


class CliError(Exception):
    """A failure reported as one line on stderr with a non-zero exit code (never a traceback)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def data_dir() -> Path:
    """The per-user data folder (``ANNOTATOR_HOME`` overrides it, e.g. in tests)."""
    env = os.environ.get("ANNOTATOR_HOME")
    return Path(env) if env else Path(user_data_dir("annotator", appauthor=False))


def default_project_path() -> Path:
    return data_dir() / "default.annotator.db"


def seeds_dir() -> Path | None:
    """The sample articles shipped beside the package (a source checkout or editable install)."""
    env = os.environ.get("ANNOTATOR_SEEDS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "seeds")
    return next((c for c in candidates if c.is_dir()), None)


def project_target(args: argparse.Namespace) -> str | Path:
    if getattr(args, "db", None):
        return str(args.db)
    if getattr(args, "project", None):
        return Path(args.project)
    return default_project_path()


def open_store(args: argparse.Namespace) -> Store:
    target = project_target(args)
    try:
        return Store.open(target)
    except ProjectError as e:
        raise CliError(str(e)) from None
    except Exception as e:  # a locked, unreadable or non-database file: say which
        raise CliError(f"cannot open project {target}: {e}") from None


def annotator_name(args: argparse.Namespace) -> str:
    name = getattr(args, "annotator", None) or os.environ.get("ANNOTATOR_USER")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:
            name = "annotator"
    return name
