"""W&B logging without W&B itself: errors never stop the inference, the run record, the mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.scripts.job_io import Reporter
from backend.scripts.wandb_logging import WandbRun, choose_mode, start_wandb_run, write_run_info


class BrokenRun:
    """A W&B run whose every call fails, as with a dropped connection."""

    def log(self, data: dict) -> None:
        raise ConnectionError("network is unreachable")


def test_a_wandb_error_is_a_warning_and_logging_stops(tmp_path: Path) -> None:
    lines: list[str] = []
    run = WandbRun(BrokenRun(), tmp_path, Reporter(lines.append))

    run.log_progress(1, 2, 10.0, 1.0)
    run.log_progress(2, 2, 20.0, 2.0)  # no second warning: logging is off
    run.finish({"files": 2})

    assert not run.active
    warnings = [line for line in lines if line.startswith("Warning: W&B")]
    assert len(warnings) == 1 and "network is unreachable" in warnings[0]
    assert "inference goes on" in warnings[0]


def test_no_options_means_no_run(tmp_path: Path) -> None:
    run = start_wandb_run(None, {}, tmp_path, Reporter(lambda _line: None))
    assert not run.active
    assert not (tmp_path / "wandb_run.json").exists()


class OfflineRun:
    url = None
    offline = True
    project, name, id = "p", "r", "abc"

    def __init__(self, folder: Path) -> None:
        self.dir = str(folder / "files")


def test_run_info_of_an_offline_run_points_at_its_folder(tmp_path: Path) -> None:
    info = write_run_info(tmp_path, OfflineRun(tmp_path / "offline-run-1"))
    saved = json.loads((tmp_path / "wandb_run.json").read_text())
    assert saved == info
    assert info["url"] is None and info["mode"] == "offline"
    assert info["run_dir"] == str(tmp_path / "offline-run-1")


def test_without_any_key_the_run_is_logged_offline_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.delenv("WANDB_MODE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc from `wandb login`
    lines: list[str] = []
    assert choose_mode(Reporter(lines.append)) == "offline"
    assert "not logged in" in lines[0] and "wandb sync" in lines[0]


def test_a_wandb_login_in_netrc_counts_as_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WANDB_API_KEY", raising=False)
    monkeypatch.delenv("WANDB_MODE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("WANDB_BASE_URL", "http://127.0.0.1:9")  # nothing listens there
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1\n  login user\n  password " + "k" * 40 + "\n")
    netrc.chmod(0o600)
    lines: list[str] = []
    assert choose_mode(Reporter(lines.append)) == "offline"
    assert "cannot be reached" in lines[0]  # it got past the key check
