"""Config of the ``download_models`` task: fetch model weights once, while online.

Models of the bioacoustics model zoo download their weights on first use and keep them in the
user's cache; afterwards they also load offline. This task loads each chosen model once
(``python -m backend.scripts.download_models --config cfg.json``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class DownloadModelsConfig(BaseModel):
    """Which models to download; the job folder gets ``download_report.json``."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["download_models"] = "download_models"
    models: list[str] = Field(description="Model names from the bioacoustics model zoo.")
    output_dir: str | None = Field(
        default=None, description="Parent of the job folder; None = the data folder's jobs/."
    )
    job_dir: str | None = None

    @field_validator("models")
    @classmethod
    def _some_models(cls, value: list[str]) -> list[str]:
        names = list(dict.fromkeys(v.strip() for v in value if v.strip()))
        if not names:
            raise ValueError("choose at least one model to download")
        return names
