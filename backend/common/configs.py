"""Typed job configs shared by the server (validation at task creation) and the scripts.

Every script reads exactly one JSON config file; these models are the single definition of its
fields. Paths are absolute. Units are in the field names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from backend.common.download_config import DownloadModelsConfig
from backend.common.extraction_config import ExtractionConfig
from backend.common.species_filter_config import SpeciesFilter
from backend.common.training_config import TrainingConfig
from backend.common.wandb_options import WandbOptions

AUDIO_EXTENSIONS = (".wav", ".flac", ".mp3", ".ogg")
# imported once after an environment install, to check it (and compile bytecode for a fast start)
DEFAULT_CHECK_IMPORTS = ("torch", "opensoundscape", "bioacoustics_model_zoo")


def _absolute_path(value: str, what: str = "path") -> str:
    if not value or not Path(value).expanduser().is_absolute():
        raise ValueError(f"must be an absolute {what}")
    return value


class AudioSource(BaseModel):
    """Which recordings a job reads: a folder, picked files, glob patterns and/or a list file.

    ``backend.common.audio_selection.select_audio_files`` turns these fields into the file list
    (the server's match preview and the scripts use the same function).
    """

    model_config = ConfigDict(extra="forbid")

    audio_dir: str | None = Field(default=None, description="Folder of recordings.")
    recursive: bool = Field(default=True, description="Also search the folder's subfolders.")
    extensions: list[str] = Field(
        default_factory=lambda: list(AUDIO_EXTENSIONS),
        description="File extensions taken from the folder and glob patterns (any case).",
    )
    audio_files: list[str] = Field(default_factory=list, description="Recordings picked singly.")
    audio_globs: list[str] = Field(
        default_factory=list, description="Absolute glob patterns; ``**`` matches any subfolders."
    )
    audio_list_file: str | None = Field(
        default=None,
        description="Text file, one recording path per line; ``#`` starts a comment; relative "
        "paths are relative to the list file's folder.",
    )

    @field_validator("audio_dir")
    @classmethod
    def _absolute_dir(cls, value: str | None) -> str | None:
        return None if value is None else _absolute_path(value, "folder path")

    @field_validator("audio_list_file")
    @classmethod
    def _absolute_file(cls, value: str | None) -> str | None:
        return None if value is None else _absolute_path(value, "file path")

    @field_validator("audio_files", "audio_globs")
    @classmethod
    def _absolute_each(cls, value: list[str]) -> list[str]:
        cleaned = [v.strip() for v in value if v.strip()]
        for item in cleaned:
            if not Path(item).expanduser().is_absolute():
                raise ValueError(f"'{item}' is not an absolute path: use the full path")
        return cleaned

    @field_validator("extensions")
    @classmethod
    def _dotted_lower(cls, value: list[str]) -> list[str]:
        cleaned = [("." + e.strip().lstrip(".")).lower() for e in value if e.strip()]
        if not cleaned:
            raise ValueError("choose at least one audio file extension")
        return cleaned

    def has_source(self) -> bool:
        """Whether at least one audio source is set."""
        return bool(self.audio_dir or self.audio_files or self.audio_globs or self.audio_list_file)


class InferenceConfig(AudioSource):
    """Config for ``python -m backend.scripts.inference`` (end-to-end classification).

    ``None`` for ``batch_size``/``num_workers`` means "auto" (chosen for the machine by the script).
    """

    kind: Literal["inference"] = "inference"
    model: str = Field(default="BirdNET", description="Model name from the bioacoustics model zoo.")
    model_file: str | None = Field(
        default=None,
        description="Local model file (an OpenSoundscape model or a Dipper *.dipper.pt "
        "classifier); when set it is used instead of ``model``.",
    )
    output_dir: str = Field(description="Parent folder in which the job folder is created.")
    overlap_fraction: float = Field(
        default=0.0, ge=0.0, lt=1.0, description="Overlap of consecutive windows (0 = none)."
    )
    batch_size: int | None = Field(default=None, ge=1, le=1024, description="None = auto.")
    num_workers: int | None = Field(default=None, ge=0, le=64, description="None = auto.")
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"
    activation: Literal["logits", "sigmoid", "softmax"] = "logits"
    subset_classes: list[str] = Field(
        default_factory=list, description="Keep only these classes (exact model class names)."
    )
    subset_classes_file: str | None = Field(
        default=None, description="Text file of class names to keep, one per line."
    )
    test_mode_files: int | None = Field(
        default=None, ge=1, description="Run on this many files chosen at random (test mode)."
    )
    seed: int = Field(default=0, description="Random seed of the test-mode file choice.")
    split_by_subfolder: bool = Field(
        default=False, description="One output per subfolder of audio_dir (named by its path)."
    )
    sparse_save_threshold: float | None = Field(
        default=None,
        description="None: dense predictions.csv. A number: scores below it are dropped and the "
        "output is sparse_predictions.pkl.",
    )
    species_filter: SpeciesFilter | None = Field(
        default=None,
        description="BirdNET only: keep the species its meta-model expects at a place and date.",
    )
    wandb: WandbOptions | None = Field(
        default=None, description="Log the run to Weights & Biases (None = no logging)."
    )
    cache_embeddings: bool = Field(
        default=True,
        description="With a Dipper classifier on BirdNET embeddings: keep every window's "
        "embedding in the embedding cache, so training and active learning reuse it.",
    )
    embedding_cache_dir: str | None = Field(
        default=None, description="Embedding cache (empty: <Dipper data folder>/embedding_cache)."
    )
    job_dir: str | None = Field(default=None, description="Set by the server: the flat job folder.")

    @field_validator("output_dir")
    @classmethod
    def _absolute_output(cls, value: str) -> str:
        return _absolute_path(value, "folder path")

    @field_validator("embedding_cache_dir")
    @classmethod
    def _absolute_cache(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _absolute_path(value, "folder path")

    @field_validator("subset_classes_file")
    @classmethod
    def _absolute_subset_file(cls, value: str | None) -> str | None:
        return None if value is None else _absolute_path(value, "file path")

    @field_validator("subset_classes")
    @classmethod
    def _stripped(cls, value: list[str]) -> list[str]:
        return [v.strip() for v in value if v.strip()]

    @field_validator("model_file")
    @classmethod
    def _absolute_model_file(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _absolute_path(value.strip(), "file path")

    @field_validator("model")
    @classmethod
    def _model_named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("choose a model")
        return value.strip()

    @model_validator(mode="after")
    def _audio_chosen(self) -> InferenceConfig:
        if not self.has_source():
            raise ValueError("choose an audio folder, files, glob patterns or a list file")
        if self.split_by_subfolder and not self.audio_dir:
            raise ValueError("separate inference by subfolders needs an audio folder")
        if self.species_filter is not None and (self.model != "BirdNET" or self.model_file):
            raise ValueError(
                "the location + date species filter works with BirdNET only: choose BirdNET or "
                "turn the species filter off"
            )
        return self


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
    "download_models": DownloadModelsConfig,
    "extraction": ExtractionConfig,
    "training": TrainingConfig,
}
