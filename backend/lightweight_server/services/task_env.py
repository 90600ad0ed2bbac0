"""Extra environment variables for one task's process (secrets go to that process only).

- an inference task with W&B logging gets ``WANDB_API_KEY`` from Settings (when logged in);
- a ``download_models`` task may reach the internet: ``HF_HUB_OFFLINE`` is ``0`` unless the
  server itself was started with it set (other jobs run with ``HF_HUB_OFFLINE=1``).
"""

from __future__ import annotations

import os

from backend.lightweight_server.services.wandb_credentials import WandbCredentials
from backend.lightweight_server.store import Task


class TaskEnvironment:
    """Callable ``task → {name: value}`` used by the task runner when it starts a task."""

    def __init__(self, credentials: WandbCredentials) -> None:
        self.credentials = credentials

    def __call__(self, task: Task) -> dict[str, str]:
        env: dict[str, str] = {}
        if task.kind == "inference" and task.config.get("wandb"):
            key = self.credentials.api_key()
            if key:
                env["WANDB_API_KEY"] = key
        if task.kind == "download_models":
            env["HF_HUB_OFFLINE"] = os.environ.get("HF_HUB_OFFLINE", "0")
        return env
