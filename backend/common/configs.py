"""Typed job configs shared by the server (validation at task creation) and the scripts.

Every script reads exactly one JSON config file; these models are the single definition of its
fields. Paths are absolute. Units are in the field names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

AUDIO_EXTENSIONS = (".wav", ".flac", ".mp3", ".ogg")
# imported once after an environment install, to check it (and compile bytecode for a fast start)
DEFAULT_CHECK_IMPORTS = ("torch", "opensoundscape", "bioacoustics_model_zoo")


class InferenceConfig(BaseModel):
    """Config for ``python -m backend.scripts.inference``."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["inference"] = "inference"
    model: Literal["BirdNET"] = "BirdNET"
    audio_dir: str = Field(description="Folder of recordings, searched recursively.")
    extensions: list[str] = Field(default_factory=lambda: list(AUDIO_EXTENSIONS))
    output_dir: str = Field(description="Parent folder in which the job folder is created.")
    batch_size: int = Field(default=1, ge=1, le=1024)
    num_workers: int = Field(default=0, ge=0, le=64)
    activation: Literal["logits", "sigmoid", "softmax"] = "logits"
    job_dir: str | None = Field(default=None, description="Set by the server: the flat job folder.")

    @field_validator("audio_dir", "output_dir")
    @classmethod
    def _absolute(cls, value: str) -> str:
        if not value or not Path(value).is_absolute():
            raise ValueError("must be an absolute folder path")
        return value

    @field_validator("extensions")
    @classmethod
    def _dotted_lower(cls, value: list[str]) -> list[str]:
        cleaned = [("." + e.lstrip(".")).lower() for e in value if e.strip()]
        if not cleaned:
            raise ValueError("choose at least one audio file extension")
        return cleaned


class InstallEnvConfig(BaseModel):
    """Config for the torch-environment install task."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["install_env"] = "install_env"
    spec_path: str = Field(description="pip requirements file of the environment.")
    target_dir: str = Field(description="Environment folder to create (a venv).")
    check_imports: list[str] = Field(
        default_factory=lambda: list(DEFAULT_CHECK_IMPORTS),
        description="Modules imported once in the new environment before it is marked ready.",
    )
    job_dir: str | None = None


CONFIG_MODELS: dict[str, type[BaseModel]] = {
    "inference": InferenceConfig,
    "install_env": InstallEnvConfig,
}
