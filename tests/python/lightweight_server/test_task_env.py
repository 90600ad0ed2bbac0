"""Extra environment variables per task: the W&B key and the download task's network access."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.lightweight_server.services.task_env import TaskEnvironment
from backend.lightweight_server.services.wandb_credentials import WandbCredentials
from backend.lightweight_server.store import Task

KEY = "a" * 40


def env_for(tmp_path: Path, kind: str, config: dict) -> dict[str, str]:
    credentials = WandbCredentials(tmp_path)
    credentials.login(KEY)
    return TaskEnvironment(credentials)(Task(kind=kind, name="t", config=config))


def test_only_inference_tasks_logging_to_wandb_get_the_key(tmp_path: Path) -> None:
    assert env_for(tmp_path, "inference", {"wandb": {"project": "p"}}) == {"WANDB_API_KEY": KEY}
    assert env_for(tmp_path, "inference", {"wandb": None}) == {}
    assert env_for(tmp_path, "extraction", {"wandb": {"project": "p"}}) == {}


def test_no_key_stored_means_no_variable(tmp_path: Path) -> None:
    task = Task(kind="inference", name="t", config={"wandb": {"project": "p"}})
    assert TaskEnvironment(WandbCredentials(tmp_path))(task) == {}


def test_the_download_task_may_go_online_unless_the_server_was_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    assert env_for(tmp_path, "download_models", {}) == {"HF_HUB_OFFLINE": "0"}
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert env_for(tmp_path, "download_models", {}) == {"HF_HUB_OFFLINE": "1"}
