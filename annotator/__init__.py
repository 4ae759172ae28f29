"""annotator: the core of the Arabic news annotation tool (no Qt below this package)."""

from __future__ import annotations

__version__ = "0.1.0"
