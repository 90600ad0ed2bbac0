"""Weights & Biases options of an inference config.

Where a run is logged (project, entity, run name, notes). The API key is never part of a config:
the server keeps it (Settings → Weights & Biases) and hands it to the task's process only, as
``WANDB_API_KEY``.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_NAME = re.compile(r"^[\w.\- ]{1,128}$")
WANDB_RUN_FILE = "wandb_run.json"
"""Written into the job folder by the script (``url``, ``run_dir``, ``mode``, ``project``…)."""


class WandbOptions(BaseModel):
    """Log an inference run to Weights & Biases (the API key comes from Settings, never here)."""

    model_config = ConfigDict(extra="forbid")

    project: str = Field(description="W&B project name.")
    entity: str | None = Field(default=None, description="W&B user or team; None = the default.")
    run_name: str | None = Field(default=None, description="Run name; None = W&B picks one.")
    notes: str | None = Field(default=None, description="Free-text notes shown on the run.")

    @field_validator("project")
    @classmethod
    def _project_name(cls, value: str) -> str:
        value = value.strip()
        if not _NAME.match(value):
            raise ValueError(
                "the W&B project name must be 1-128 letters, digits, spaces, dots, dashes or "
                "underscores"
            )
        return value

    @field_validator("entity", "run_name", "notes")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None
