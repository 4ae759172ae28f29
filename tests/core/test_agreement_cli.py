"""``annotator agree`` on a project file: the JSON pipelines gate on, and the readable table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.store import Store

from ..conftest import add_document
from .test_agreement import OMAR, SARA, TEXT, annotate


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "p.db"
    store = Store.open(path)
    doc = add_document(store, TEXT, uid="doc-a")
    annotate(store, doc, store.annotator_id("sara"), SARA)
    annotate(store, doc, store.annotator_id("omar"), OMAR)
    store.close()
    return path


def test_agree_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(project), "agree", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["annotators"] == ["sara", "omar"]
    assert d["overall"]["entity_exact"]["f1"] == 0.25
    assert d["overall"]["entity_overlap"]["f1"] == 0.75
    assert d["overall"]["token_kappa"] == round(69 / 105, 4)
    assert set(d["labels"]) >= {"PER", "GPE", "ORG", "LOC"}
    assert [(p["a"], p["b"], p["articles"]) for p in d["pairs"]] == [("sara", "omar", 1)]
    assert d["articles"][0]["uid"] == "doc-a"


def test_agree_table_and_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--project", str(project), "agree", "--annotators", "sara,omar"]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "PER" in out and "doc-a" in out
    assert main(["--project", str(project), "agree", "--annotators", "sara,nobody"]) == 1
    assert "nobody" in capsys.readouterr().err
