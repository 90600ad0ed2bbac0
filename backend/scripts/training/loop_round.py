"""The training job's round of the active-learning loop (``loop_dir`` set in the config).

:func:`round_record` builds the round as :mod:`backend.common.loop_record` documents it — labels
used (``n_labels`` = labelled windows of the training sources, the counts per class), the model
file, the held-out AP per class, whether it was measured on a split or an evaluation set, the
annotation CSVs, the folders their clips are in and the recordings folders their tasks were
drawn from — and :func:`append_loop_round` appends it to
``<loop_dir>/dipper_loop.json`` (atomic, under a lock).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from backend.common.loop_record import append_round
from backend.common.training_config import TrainingConfig


def audio_roots(config: TrainingConfig) -> list[str]:
    """Folders the training recordings are in: each annotation CSV's audio root (or its folder),
    the recordings of Raven tables, the labelled recordings folder."""
    roots = [a.audio_root or str(Path(a.path).parent) for a in config.annotation_files]
    roots += [str(Path(t.audio_file).parent) for t in config.raven_tables]
    if config.folder_labels_dir:
        roots.append(config.folder_labels_dir)
    return list(dict.fromkeys(roots))


def recordings_dirs(config: TrainingConfig) -> list[str]:
    """The recordings folders the round's annotation tasks were drawn from, for the next round's
    inference: Extraction leaves ``extraction_config_*.json`` next to the tasks it writes, naming
    the predictions folder; that inference job's ``config.json`` names its ``audio_dir`` (else the
    extraction's ``audio_root``). Files that are missing or unreadable are passed over."""
    found: list[str] = []
    folders = dict.fromkeys(Path(a.path).parent for a in config.annotation_files)
    for folder in folders:
        for extraction in sorted(folder.glob("extraction_config_*.json")):
            extraction_config = _read_json(extraction)
            predictions = extraction_config.get("predictions_dir")
            inference = _read_json(Path(predictions) / "config.json") if predictions else {}
            for value in (inference.get("audio_dir"), extraction_config.get("audio_root")):
                if isinstance(value, str) and value:
                    found.append(value)
                    break
    return list(dict.fromkeys(found))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def round_record(
    config: TrainingConfig,
    job: Path | None,
    model_file: Path | None,
    classes: list[str],
    summary: dict[str, Any],
    metrics: dict[str, Any],
) -> dict[str, Any]:
    """The round of this job (``round`` is set when it is appended)."""
    return {
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "job_dir": str(job) if job else None,
        "model_file": str(model_file) if model_file else None,
        "model_type": config.model_type,
        "classes": list(classes),
        "n_labels": int(summary["n_labelled_windows"]),
        "label_counts": summary["label_counts"],
        "mean_average_precision": metrics["mean_average_precision"],
        "average_precision": {
            name: m["average_precision"] for name, m in metrics["classes"].items()
        },
        "evaluation": "split" if config.validation is None else "evaluation set",
        "annotation_files": [a.path for a in config.annotation_files],
        "audio_roots": audio_roots(config),
        "recordings_dirs": recordings_dirs(config),
    }


def append_loop_round(
    config: TrainingConfig,
    job: Path | None,
    model_file: Path | None,
    classes: list[str],
    summary: dict[str, Any],
    metrics: dict[str, Any],
) -> dict[str, Any]:
    """Append this job's round to the loop record of ``config.loop_dir``; returns the round."""
    assert config.loop_dir is not None
    record = round_record(config, job, model_file, classes, summary, metrics)
    return append_round(Path(config.loop_dir), record)
