"""The `annotator` command: no-argument first run, `stats`, `export`."""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.cli import main
from annotator.cli.common import default_project_path
from annotator.cli.project import collect_stats
from annotator.store import Store

from ..conftest import SEEDS
from .test_export_native import build


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two of the sample articles as the seeds folder."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(f, folder / f.name)
    monkeypatch.setenv("ANNOTATOR_SEEDS", str(folder))
    return folder


def test_first_run_creates_default_project_and_imports_seeds_once(
    seeds: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ANNOTATOR_NO_GUI", "1")
    assert not default_project_path().exists()
    assert main([]) == 0
    out = capsys.readouterr().out
    assert f"imported 2 sample articles from {seeds}" in out
    assert f"Project: {default_project_path()}" in out and "Articles: 2" in out
    assert main([]) == 0  # second run: nothing imported again
    out = capsys.readouterr().out
    assert "imported" not in out and "Articles: 2" in out
    store = Store.open(default_project_path())
    try:
        assert store.doc_count() == 2
    finally:
        store.close()


def test_no_argument_starts_the_gui_when_a_display_is_there(
    seeds: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType("ui.app")
    fake.run_gui = lambda target, who: calls.append((target, who)) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui.app", fake)
    monkeypatch.delenv("ANNOTATOR_NO_GUI", raising=False)
    monkeypatch.setenv("DISPLAY", ":99")
    assert main(["--annotator", "nadia"]) == 0
    assert calls == [(default_project_path(), "nadia")]
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert main([]) == 0  # headless: says where the project is instead
    assert len(calls) == 1 and "Articles: 2" in capsys.readouterr().out


def test_stats_counts_per_annotator_on_both_backends(store: Store) -> None:
    build(store)
    st = collect_stats(store)
    assert st["articles"] == 2 and st["entities"] == 2
    by = {a["name"]: a for a in st["annotators"]}
    assert sorted(by) == ["gold", "omar", "sara"]
    sara = by["sara"]
    assert sara["labels"] == {"cue": {"CUE": 2}, "entity": {"GPE": 2, "PER": 1}, "evidence": {"EVIDENCE": 2},
                              "quote": {"QUOTE": 2}}
    assert (sara["quotes"], sara["stances"], sara["seconds"]) == (2, 1, 312.5)
    assert sara["progress"] == {"not_started": 1, "in_progress": 0, "done": 1}
    omar = by["omar"]
    assert omar["labels"] == {"entity": {"PER": 1}} and omar["suggested"] == 1
    assert omar["progress"] == {"not_started": 1, "in_progress": 1, "done": 0}
    assert by["gold"]["stances"] == 1 and by["gold"]["progress"]["done"] == 1


def test_stats_command_text_and_json(sqlite_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    build(sqlite_store)
    path = str(sqlite_store.path)
    assert main(["--project", path, "stats", "--json"]) == 0
    data = orjson.loads(capsys.readouterr().out)
    assert data["articles"] == 2 and data["project"] == path
    assert main(["--project", path, "stats"]) == 0
    text = capsys.readouterr().out
    assert "Articles:  2" in text
    assert "sara (annotator): done 1, in progress 0, not started 1 of 2; time 0:05:12" in text
    assert "entity    GPE 2  PER 1" in text


def test_export_command_defaults_and_options(sqlite_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    build(sqlite_store)
    path = str(sqlite_store.path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["--project", path, "export"]) == 0
    written = list((work / "exports").glob("project-native-*.jsonl"))
    assert len(written) == 1
    assert "Exported 2 articles (5 entity spans, 2 quotes, 2 stances)" in capsys.readouterr().out
    assert len(written[0].read_bytes().splitlines()) == 2

    out = tmp_path / "gold.jsonl"
    assert main(["--project", path, "export", "--layer", "gold", "--status", "done", "--labels", "PER",
                 "--rename", "PER=PERSON", "--out", str(out)]) == 0
    docs = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert [d["id"] for d in docs] == ["doc-1"]
    assert [[e["label"] for e in b["entities"]] for b in docs[0]["annotations"]] == [["PERSON"]]

    assert main(["--project", path, "export", "--layer", "sara,nadia", "--out", str(out)]) == 1
    assert "no annotator named nadia" in capsys.readouterr().err
    assert main(["--project", path, "export", "--format", "tokens", "--split", "80/10", "--out", str(out)]) == 1
    assert "three percentages adding up to 100" in capsys.readouterr().err


def test_cli_progress_bars_start_no_monitor_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    # tqdm's monitor is a thread, and the import readers and the native export fork only from a
    # process with one thread (annotator.forksafe): a bar must not cost the CLI its second core
    from tqdm import tqdm

    from annotator.cli.exporting import progress_bar
    from annotator.cli.importing import _Bar

    monkeypatch.setattr(tqdm, "monitor_interval", 10)
    monkeypatch.setattr(tqdm, "monitor", None)
    with progress_bar("exporting") as update:
        update(1, 10)
    bar = _Bar()
    bar(1, 10)
    bar.close()
    assert tqdm.monitor is None
