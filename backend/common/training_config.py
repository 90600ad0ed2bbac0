"""The training job's config (``kind: "training"``): label sources, the model and its training.

``python -m backend.scripts.training --config cfg.json`` (or ``dipper run train --config``) trains
either a shallow classifier (a logistic or MLP head) on BirdNET embeddings of labelled 3 s windows
(``model_type="shallow"``) or fine-tunes an OpenSoundscape CNN on spectrograms of the labelled
clips (``model_type="cnn"``, with bandpass and augmentation options). docs/training.md explains
every field and how each label source becomes windows. The server validates the same model when a
task is created; folders that must exist (the background-noise folder) are checked when the job
starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DEFAULT_THRESHOLDS: list[float] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
CNN_SAMPLE_RATE_HZ = 32_000  # CNN input audio is resampled to this rate (spectrogram up to 16 kHz)
CnnArchitecture = Literal["resnet18", "resnet34", "resnet50", "efficientnet_b0"]


def _absolute(value: str, what: str) -> str:
    if not value or not Path(value).expanduser().is_absolute():
        raise ValueError(f"must be an absolute {what}")
    return value


class AnnotationFile(BaseModel):
    """A Review annotation CSV: binary (``class_name`` set) or multiclass (``class_name`` empty)."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="The annotation task CSV.")
    class_name: str | None = Field(
        default=None,
        description="Binary CSVs: the class the yes/no labels are about. Empty for multiclass.",
    )
    audio_root: str | None = Field(
        default=None,
        description="Folder relative clip paths start from (empty: the CSV's folder).",
    )

    @field_validator("path")
    @classmethod
    def _abs_path(cls, value: str) -> str:
        return _absolute(value, "file path")

    @field_validator("audio_root")
    @classmethod
    def _abs_root(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _absolute(value, "folder path")

    @field_validator("class_name")
    @classmethod
    def _class_stripped(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else value.strip()


class RavenTable(BaseModel):
    """A Raven selection table and the recording it annotates (assumed fully annotated)."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(description="The selection table (tab-separated .txt).")
    audio_file: str = Field(description="The recording the selections are in.")
    species_column: str | None = Field(
        default=None,
        description="Column holding the class (empty: the first of Species, Annotation, Class, "
        "Label, Common Name, Species Code).",
    )

    @field_validator("path", "audio_file")
    @classmethod
    def _abs(cls, value: str) -> str:
        return _absolute(value, "file path")


class LabelSources(BaseModel):
    """Where labels come from; at least one source must be given."""

    model_config = ConfigDict(extra="forbid")

    annotation_files: list[AnnotationFile] = Field(default_factory=list)
    raven_tables: list[RavenTable] = Field(default_factory=list)
    folder_labels_dir: str | None = Field(
        default=None,
        description="Folder whose subfolders are classes; every file is a positive of its "
        "subfolder's class (a subfolder named 'negative' holds recordings of no class).",
    )

    @field_validator("folder_labels_dir")
    @classmethod
    def _abs_dir(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _absolute(value, "folder path")

    def has_source(self) -> bool:
        """Whether any label source is set."""
        return bool(self.annotation_files or self.raven_tables or self.folder_labels_dir)


class TrainingConfig(LabelSources):
    """Config for ``python -m backend.scripts.training`` (shallow classifier or CNN)."""

    kind: Literal["training"] = "training"
    classes: list[str] = Field(
        default_factory=list, description="Classes to train (empty: every class found)."
    )
    model_type: Literal["shallow", "cnn"] = Field(
        default="shallow",
        description="'shallow': a head on BirdNET embeddings; 'cnn': fine-tune a CNN end to end.",
    )
    cnn_architecture: CnnArchitecture = Field(
        default="resnet18", description="CNN only: the OpenSoundscape architecture."
    )
    cnn_pretrained: bool = Field(
        default=False,
        description="CNN only: start from ImageNet weights (downloaded once; needs the internet "
        "unless already in the torch cache). Off: random initial weights.",
    )
    clip_duration_s: float = Field(
        default=3.0,
        gt=0.0,
        le=60.0,
        description="CNN only: length of each training clip in seconds (the shallow model uses "
        "its embedding model's 3 s).",
    )
    bandpass_min_hz: float | None = Field(
        default=None,
        ge=0.0,
        lt=CNN_SAMPLE_RATE_HZ / 2,
        description="CNN only: lowest spectrogram frequency (Hz).",
    )
    bandpass_max_hz: float | None = Field(
        default=None,
        gt=0.0,
        le=CNN_SAMPLE_RATE_HZ / 2,
        description="CNN only: highest spectrogram frequency (Hz, at most 16 kHz).",
    )
    background_noise_dir: str | None = Field(
        default=None,
        description="Folder of noise recordings overlaid on training clips (CNN: every clip; "
        "shallow: one noisy copy of each positive). Checked when the job starts.",
    )
    augment_noise_overlay: bool = Field(
        default=True, description="Overlay background noise (needs background_noise_dir)."
    )
    num_workers: int | None = Field(
        default=None,
        ge=0,
        le=64,
        description="CNN only: worker processes that load and augment audio while the network "
        "trains (None: auto, one per spare CPU core up to 4; 0: load in the training process).",
    )
    augment_time_mask: bool = Field(default=True, description="CNN: mask short time segments.")
    augment_frequency_mask: bool = Field(
        default=True, description="CNN: mask random frequency bands of the spectrogram."
    )
    loop_dir: str | None = Field(
        default=None,
        description="Active-learning loop folder: the finished job appends its round to "
        "<loop_dir>/dipper_loop.json.",
    )
    embedding_model: Literal["BirdNET"] = "BirdNET"
    head: Literal["logistic", "mlp"] = "logistic"
    hidden_sizes: list[int] = Field(default_factory=lambda: [256], description="MLP layers.")
    steps: int = Field(default=500, ge=1, le=1_000_000, description="Optimiser steps.")
    epochs: int | None = Field(
        default=None,
        ge=1,
        le=10_000,
        description="When set, replaces steps: epochs × ceil(training windows / batch size).",
    )
    learning_rate: float = Field(default=1e-3, gt=0, le=1.0)
    weight_decay: float = Field(default=1e-4, ge=0, le=1.0)
    batch_size: int = Field(default=64, ge=1, le=65536)
    early_stopping_patience_steps: int | None = Field(
        default=None,
        ge=1,
        description="Stop when the validation loss has not improved for this "
        "many steps (None: train all steps).",
    )
    validation: LabelSources | None = Field(
        default=None, description="An evaluation set (else validation_fraction of recordings)."
    )
    validation_fraction: float = Field(
        default=0.2, gt=0.0, lt=1.0, description="Share of recordings held out for validation."
    )
    seed: int = 0
    thresholds: list[float] = Field(default_factory=lambda: list(DEFAULT_THRESHOLDS))
    target_precision: float = Field(default=0.9, gt=0.0, le=1.0)
    output_dir: str = Field(description="Parent folder in which the job folder is created.")
    job_dir: str | None = Field(default=None, description="Set by the server: the job folder.")
    embedding_cache_dir: str | None = Field(
        default=None, description="Embedding cache (empty: <Dipper data folder>/embedding_cache)."
    )

    @field_validator("output_dir")
    @classmethod
    def _abs_output(cls, value: str) -> str:
        return _absolute(value, "folder path")

    @field_validator("embedding_cache_dir", "background_noise_dir", "loop_dir")
    @classmethod
    def _abs_folder(cls, value: str | None) -> str | None:
        return None if value is None or not value.strip() else _absolute(value, "folder path")

    @field_validator("classes")
    @classmethod
    def _clean_classes(cls, value: list[str]) -> list[str]:
        cleaned: list[str] = []
        for name in (v.strip() for v in value):
            if name and name not in cleaned:
                cleaned.append(name)
        return cleaned

    @field_validator("thresholds")
    @classmethod
    def _thresholds_in_range(cls, value: list[float]) -> list[float]:
        if not value or any(not 0.0 <= t <= 1.0 for t in value):
            raise ValueError("give at least one threshold, each between 0 and 1")
        return sorted(set(value))

    @model_validator(mode="after")
    def _sources_given(self) -> TrainingConfig:
        if not self.has_source():
            raise ValueError(
                "choose at least one label source: annotation CSVs, Raven tables or a folder "
                "of labelled recordings"
            )
        if self.validation is not None and not self.validation.has_source():
            raise ValueError("the evaluation set has no label source: add one or remove it")
        if self.head == "mlp" and not self.hidden_sizes:
            raise ValueError("an MLP head needs at least one hidden layer size")
        if any(h < 1 for h in self.hidden_sizes):
            raise ValueError("hidden layer sizes must be positive")
        self._check_preprocessing()
        return self

    def _check_preprocessing(self) -> None:
        low, high = self.bandpass_min_hz, self.bandpass_max_hz
        if low is not None and high is not None and low >= high:
            raise ValueError(
                f"the bandpass range is empty: its lowest frequency ({low:g} Hz) must be below "
                f"its highest ({high:g} Hz)"
            )
        if self.model_type == "shallow" and (low is not None or high is not None):
            raise ValueError(
                "a bandpass range applies to CNN training only (BirdNET embeddings use the "
                "full band): clear it or choose model type 'cnn'"
            )

    def bandpass_range_hz(self) -> tuple[float, float]:
        """The CNN's spectrogram band: the bandpass fields, or 0 Hz to half the sample rate."""
        low = self.bandpass_min_hz if self.bandpass_min_hz is not None else 0.0
        high = self.bandpass_max_hz if self.bandpass_max_hz is not None else CNN_SAMPLE_RATE_HZ / 2
        return low, high

    def resolved_steps(self, n_train_windows: int) -> int:
        """Optimiser steps: ``steps``, or ``epochs`` passes over ``n_train_windows`` windows."""
        if self.epochs is None:
            return self.steps
        return self.epochs * max(1, -(-n_train_windows // self.batch_size))

    def resolved_hidden_sizes(self) -> list[int]:
        """The hidden sizes the head is built with ([] for a logistic head)."""
        return list(self.hidden_sizes) if self.head == "mlp" else []
