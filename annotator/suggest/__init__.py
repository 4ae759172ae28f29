"""Pre-annotation: annotate-all (propagation), gazetteers, quote suggestions, search in context.

Everything here proposes; nothing counts until the annotator accepts. The functions return
commands (see :mod:`annotator.commands`) so the GUI pushes them through its undo stack, or plain
candidate records; :func:`suggest_project` runs over the whole project for a worker thread.
"""

from __future__ import annotations

from annotator.suggest.base import Layer, Mention, QuoteCandidate, SpanCandidate
from annotator.suggest.gazetteer import Gazetteer, from_store, import_names
from annotator.suggest.propagate import propagate, propagate_command
from annotator.suggest.quotes import FoundQuote, find_quotes
from annotator.suggest.run import KINDS, SuggestReport, accept, reject, suggest_article, suggest_project
from annotator.suggest.search import Hit, label_hits, search_project

__all__ = [
    "KINDS",
    "FoundQuote",
    "Gazetteer",
    "Hit",
    "Layer",
    "Mention",
    "QuoteCandidate",
    "SpanCandidate",
    "SuggestReport",
    "accept",
    "find_quotes",
    "from_store",
    "import_names",
    "label_hits",
    "propagate",
    "propagate_command",
    "reject",
    "search_project",
    "suggest_article",
    "suggest_project",
]
