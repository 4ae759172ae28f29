"""The code base stays lint-clean (ruff) and type-clean (mypy, strict) — core and Qt layer alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing() -> None:
    out = _run("ruff", "check", "annotator", "ui", "tests", "bench", "scripts")
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_finds_nothing_in_the_core_and_the_qt_layer() -> None:
    out = _run("mypy", "annotator", "ui")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues found" in out.stdout
