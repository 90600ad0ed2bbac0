"""The models Dipper can run by name: the bioacoustics model zoo (BMZ) catalog as a data table.

The lightweight server serves this table (``GET /api/models``) without importing torch or the
model zoo, so every number here is read from the BMZ 0.13.4 sources (``sample_duration``,
``sample_rate``, ``embedding_size`` passed to each model's constructor) or, where the class list
only arrives with the downloaded weights, from the model's publication; ``None`` means "known
after the model is downloaded". ``tests/python/scripts/test_model_catalog_zoo.py`` checks the
table against ``bioacoustics_model_zoo.list_models()`` in the torch environment.

Class lists of downloaded models are cached as JSON in ``<data folder>/model_classes/`` by the
inference script (:func:`write_cached_classes`), so the form can show them later.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, Field

from backend.common.job_protocol import write_json_atomic
from backend.common.paths import data_dir

CLASSES_CACHE_DIR = "model_classes"
# BMZ entries that are not audio classifiers (source separation, a location/date species model)
NOT_CLASSIFIERS = ("SeparationModel", "BirdNETOccurrenceModel")


class CatalogModel(BaseModel):
    """One model of the zoo, as the inference form shows it."""

    name: str = Field(description="The BMZ name, also the ``model`` config value.")
    description: str = Field(description="What the model is for, in plain words.")
    sample_duration_s: float | None = Field(description="Length of one analysis window.")
    sample_rate_hz: int | None = Field(description="Audio is resampled to this (None: as is).")
    num_classes: int | None = Field(description="Number of output classes (None: unknown yet).")
    embedding_size: int | None = Field(description="Length of its embedding vector, if any.")
    needs_download: bool = Field(description="Downloads its weights on first use.")
    requires_packages: list[str] = Field(
        default_factory=list, description="Python modules it imports beyond torch/opensoundscape."
    )


def _model(
    name: str,
    description: str,
    duration_s: float | None,
    rate_hz: int | None,
    classes: int | None,
    embedding: int | None,
    download: bool = True,
    requires: tuple[str, ...] = (),
) -> CatalogModel:
    return CatalogModel(
        name=name,
        description=description,
        sample_duration_s=duration_s,
        sample_rate_hz=rate_hz,
        num_classes=classes,
        embedding_size=embedding,
        needs_download=download,
        requires_packages=list(requires),
    )


MODEL_CATALOG: tuple[CatalogModel, ...] = (
    _model(
        "BirdNET",
        "Birds worldwide (BirdNET 2.4, 6,522 species and sounds).",
        3.0,
        48000,
        6522,
        1024,
        download=False,
        requires=("ai_edge_litert",),
    ),  # fmt: skip
    _model(
        "Perch",
        "Birds worldwide (Google Perch v8, ~10,900 species); strong embeddings.",
        5.0,
        32000,
        10932,
        1280,
        requires=("tensorflow", "kagglehub"),
    ),  # fmt: skip
    _model(
        "Perch2",
        "Birds, amphibians, mammals and insects (Google Perch 2.0, ~15,000 classes).",
        5.0,
        32000,
        14795,
        1536,
        requires=("tensorflow", "kagglehub"),
    ),  # fmt: skip
    _model(
        "Perch2LiteRT",
        "Perch 2.0 as a TFLite model (no TensorFlow needed); classes are numbered, not named.",
        5.0,
        32000,
        14795,
        1536,
        requires=("ai_edge_litert",),
    ),  # fmt: skip
    _model(
        "HawkEars",
        "Birds of Canada and the northern USA (HawkEars 1.0.8 ensemble).",
        3.0,
        37120,
        None,
        None,
        requires=("timm", "torchaudio"),
    ),  # fmt: skip
    _model(
        "HawkEars_Low_Band",
        "Ruffed and Spruce Grouse drumming (low-frequency HawkEars).",
        3.0,
        37120,
        None,
        None,
        requires=("timm", "torchaudio"),
    ),  # fmt: skip
    _model(
        "HawkEars_Embedding",
        "HawkEars variant made for embeddings and similarity search.",
        3.0,
        37120,
        None,
        None,
        requires=("timm", "torchaudio"),
    ),  # fmt: skip
    _model(
        "HawkEars_v010",
        "HawkEars 0.1.0 (the older release), birds of Canada and the northern USA.",
        3.0,
        37120,
        None,
        2048,
        requires=("timm", "torchaudio"),
    ),  # fmt: skip
    _model(
        "HawkEars2",
        "HawkEars 2.x (BriteKit), birds of Canada and the northern USA.",
        3.0,
        28000,
        None,
        None,
        requires=("britekit",),
    ),  # fmt: skip
    _model(
        "BirdSetConvNeXT",
        "Birds worldwide (BirdSet ConvNeXT trained on Xeno-canto, ~9,700 species).",
        5.0,
        32000,
        9736,
        1024,
        requires=("transformers", "torchaudio"),
    ),  # fmt: skip
    _model(
        "BirdSetEfficientNetB1",
        "Birds worldwide (BirdSet EfficientNet-B1 trained on Xeno-canto, ~9,700 species).",
        5.0,
        32000,
        9736,
        1280,
        requires=("transformers", "torchaudio"),
    ),  # fmt: skip
    _model(
        "BirdCODE",
        "Bird sound-event detector (Earth Species Project); frame-level scores.",
        None,
        32000,
        None,
        None,
        requires=("sound_event_detection", "birdnames"),
    ),  # fmt: skip
    _model(
        "RanaSierraeCNN",
        "Sierra Nevada yellow-legged frog (Rana sierrae) call detector; 2 classes.",
        2.0,
        None,
        2,
        512,
    ),  # fmt: skip
    _model(
        "YAMNet",
        "General sounds (Google YAMNet, 521 AudioSet classes: speech, vehicles, animals…).",
        60.0,
        16000,
        521,
        1024,
        requires=("tensorflow", "kagglehub"),
    ),  # fmt: skip
    _model(
        "HumpbackWhale",
        "Humpback whale song detector (NOAA / Google), one score per window.",
        3.92,
        10000,
        1,
        2048,
        requires=("tensorflow", "kagglehub"),
    ),  # fmt: skip
)

_BY_NAME = {m.name: m for m in MODEL_CATALOG}


def catalog_model(name: str) -> CatalogModel | None:
    """The catalog entry called ``name`` (exact BMZ spelling), or ``None``."""
    return _BY_NAME.get(name)


def classes_cache_file(name: str, data_folder: Path | None = None) -> Path:
    """Where the class list of zoo model ``name`` is cached (``model_classes/<name>.json``)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    return (data_folder or data_dir()) / CLASSES_CACHE_DIR / f"{safe}.json"


def read_cached_classes(name: str, data_folder: Path | None = None) -> list[str] | None:
    """The cached class list of ``name``, or ``None`` when none (or an unreadable one) exists."""
    try:
        data = json.loads(classes_cache_file(name, data_folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    classes = data.get("classes") if isinstance(data, dict) else None
    if not isinstance(classes, list):
        return None
    return [str(c) for c in classes]


def write_cached_classes(name: str, classes: list[str], data_folder: Path | None = None) -> Path:
    """Cache the class list of ``name`` (atomic write); returns the cache file."""
    path = classes_cache_file(name, data_folder)
    write_json_atomic(path, {"model": name, "classes": [str(c) for c in classes]})
    return path
