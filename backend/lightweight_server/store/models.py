"""The records the task store holds: tasks, their progress, and the user's settings.

The JSON shape of :class:`Task` is the one in ARCHITECTURE.md; the HTTP API sends it as is.
Models validate on assignment too, so a task can never hold, say, an unknown status.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.common.job_protocol import utc_now_iso

TaskStatus = Literal["unstarted", "queued", "running", "completed", "failed", "canceled"]

ACTIVE_STATUSES: frozenset[str] = frozenset({"queued", "running"})
"""Statuses of a task that is waiting for or holding a process."""

FINAL_STATUSES: frozenset[str] = frozenset({"completed", "failed", "canceled"})
"""Statuses a task ends in; only a retry moves it on."""


class Progress(BaseModel):
    """How far a task has got, as last reported by its script."""

    model_config = ConfigDict(validate_assignment=True)

    fraction: float | None = Field(default=None, ge=0.0, le=1.0)
    """Share of the work done, 0..1; ``None`` while unknown."""
    message: str = ""
    eta_s: float | None = Field(default=None, ge=0.0)
    """Estimated seconds left; ``None`` while unknown."""
    updated_at: str | None = None
    """ISO-8601 time of the last progress report."""


class Task(BaseModel):
    """One unit of work: a config, a job folder, and the process that runs it."""

    model_config = ConfigDict(validate_assignment=True)

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    kind: str
    name: str
    status: TaskStatus = "unstarted"
    created_at: str = Field(default_factory=utc_now_iso)
    started_at: str | None = None
    ended_at: str | None = None
    config: dict[str, Any] = Field(default_factory=dict)
    job_dir: str | None = None
    run_in_parallel: bool = False
    attempt: int = Field(default=1, ge=1)
    pid: int | None = None
    pid_create_time: float | None = None
    """Process create time (seconds since the epoch), to tell a re-used PID apart."""
    exit_code: int | None = None
    error: str | None = None
    progress: Progress = Field(default_factory=Progress)
    result: dict[str, Any] = Field(default_factory=dict)
    """What a finished job left: ``outputs`` (file names in the job folder), ``failed_files``."""


class Settings(BaseModel):
    """Per-user settings kept next to the tasks. Unknown keys are ignored."""

    model_config = ConfigDict(validate_assignment=True, extra="ignore")

    parallel_tasks: bool = False
    """Run tasks marked ``run_in_parallel`` alongside others instead of one at a time."""
