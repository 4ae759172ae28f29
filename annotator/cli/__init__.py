"""The ``annotator`` command. Each sub-command lives in its own module with a ``register``.

With no sub-command it opens the default project (importing ``seeds/`` on first run) in the GUI.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from annotator import __version__
from annotator.cli.common import CliError

#: modules under annotator.cli that each add sub-commands with ``register(subparsers)``
COMMAND_MODULES = ("project", "importing", "exporting", "review", "suggest", "gui")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate Arabic news: entities, quotes, stances; agreement, review and training exports.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument("--project", metavar="PATH", help="project file (SQLite); default: the user's default project")
    parser.add_argument("--db", metavar="URL", help="SQLAlchemy URL of the project, e.g. postgresql+psycopg://host/db")
    parser.add_argument("--annotator", metavar="NAME", help="who is working (default: from settings or the OS user)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"annotator.cli.{name}")
        except ModuleNotFoundError as e:  # a module still being written must not break the others
            if e.name != f"annotator.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from annotator.cli.project import default_action

        handler = default_action
    try:
        return int(handler(args) or 0)
    except CliError as e:
        print(f"annotator: {e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
