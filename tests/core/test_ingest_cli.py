from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from annotator.cli import main
from annotator.store import Store

from ..conftest import SEEDS


def test_import_summary_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = str(tmp_path / "p.db")
    assert main(["--project", project, "import", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "imported 5 articles from 5 files; skipped 0 as duplicates" in out

    assert main(["--project", project, "import", str(SEEDS / "000_a260749bfb491ba1.txt")]) == 0
    assert "imported 0 articles from 1 file; skipped 1 as duplicate" in capsys.readouterr().out

    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(orjson.dumps({"text": "نص", "label": [[0, 2, "PERSON"]]}) + b"\n{oops\n")
    assert main(["--project", project, "import", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:1: label 'PERSON'" in out and f"{bad}:2: malformed JSON" in out and "failed: 1 file" in out

    ok = tmp_path / "ok.jsonl"
    ok.write_bytes(orjson.dumps({"text": "فؤاد حسين", "label": [[0, 4, "PERSON"]]}) + b"\n")
    assert main(["--project", project, "--annotator", "lina", "import", str(ok), "--map", "PERSON=PER"]) == 0
    assert "added 1 span," in capsys.readouterr().out
    assert main(["--project", project, "import", str(ok), "--map", "PERSON"]) == 1
    assert "--map expects FROM=TO" in capsys.readouterr().err
    store = Store.open(project)
    try:
        doc = store.document(store.doc_id_by_uid("ok-1"))  # type: ignore[arg-type]
        (span,) = store.spans(doc.id, store.annotator_id("lina", create=False))
        assert (span.label, doc.text[span.start:span.end]) == ("PER", "فؤاد")
    finally:
        store.close()


def test_removed_and_restore_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = str(tmp_path / "p.db")
    uid = "001_1a3138c70ab38eb2"
    assert main(["--project", project, "import", str(SEEDS / f"{uid}.txt")]) == 0
    capsys.readouterr()
    assert main(["--project", project, "removed", uid]) == 0
    out = capsys.readouterr().out
    assert "   23  [cookie / privacy notice]  Read our Privacy Policy by clicking here" in out
    assert main(["--project", project, "restore-line", uid, "21"]) == 0
    assert "restored 1 line(s)" in capsys.readouterr().out
    store = Store.open(project)
    try:
        doc = store.document(store.doc_id_by_uid(uid))  # type: ignore[arg-type]
    finally:
        store.close()
    assert doc.text.endswith("\nتنويه: جميع المقالات المنشورة تمثل رأي كتابها فقط")
    assert main(["--project", project, "restore-line", uid, "1"]) == 1
    assert "were not removed" in capsys.readouterr().err
    assert main(["--project", project, "removed", "nope"]) == 1
    assert "no article with id 'nope'" in capsys.readouterr().err
