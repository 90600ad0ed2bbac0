"""The training config: strict fields with plain messages, and its registration everywhere a task
kind must be known (schema table, runner command, form kinds, ``dipper run train``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from backend.cli.headless import SCRIPT_MODULES
from backend.common.configs import CONFIG_MODELS
from backend.common.training_config import TrainingConfig
from backend.lightweight_server.runner.commands import default_commands
from backend.lightweight_server.services.task_service import USER_KINDS, TaskService


def config(tmp_path: Path, **extra: object) -> dict:
    return {
        "annotation_files": [{"path": str(tmp_path / "a.csv"), "class_name": "owl"}],
        "output_dir": str(tmp_path),
        **extra,
    }


def test_defaults_and_normalisation(tmp_path: Path) -> None:
    parsed = TrainingConfig.model_validate(
        config(tmp_path, classes=[" owl ", "owl", "jay"], thresholds=[0.9, 0.5, 0.5])
    )
    assert parsed.kind == "training" and parsed.model_type == "shallow"
    assert parsed.classes == ["owl", "jay"] and parsed.thresholds == [0.5, 0.9]
    assert parsed.target_precision == 0.9 and parsed.embedding_model == "BirdNET"
    assert parsed.resolved_hidden_sizes() == []  # logistic
    assert TrainingConfig.model_validate(config(tmp_path, head="mlp")).resolved_hidden_sizes() == [
        256
    ]
    assert parsed.resolved_steps(1000) == 500
    by_epochs = TrainingConfig.model_validate(config(tmp_path, epochs=3, batch_size=64))
    assert by_epochs.resolved_steps(1000) == 3 * 16 and by_epochs.resolved_steps(10) == 3


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"model_type": "rnn"}, "'shallow' or 'cnn'"),
        ({"model_type": "cnn", "cnn_architecture": "vgg16"}, "'resnet18'"),
        ({"model_type": "cnn", "bandpass_min_hz": 8000, "bandpass_max_hz": 2000}, "range is empty"),
        ({"model_type": "cnn", "bandpass_max_hz": 20000}, "less than or equal to 16000"),
        ({"model_type": "cnn", "clip_duration_s": 0}, "greater than 0"),
        ({"model_type": "cnn", "background_noise_dir": "noise"}, "absolute folder path"),
        ({"loop_dir": "loop"}, "absolute folder path"),
        ({"bandpass_min_hz": 500}, "bandpass range applies to CNN training only"),
        ({"annotation_files": []}, "choose at least one label source"),
        ({"output_dir": "relative/out"}, "absolute folder path"),
        ({"thresholds": [1.5]}, "between 0 and 1"),
        ({"head": "mlp", "hidden_sizes": []}, "at least one hidden layer"),
        ({"validation": {}}, "evaluation set has no label source"),
        ({"embedding_model": "Perch"}, "BirdNET"),
    ],
)
def test_bad_configs_fail_naming_the_problem(tmp_path: Path, extra: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        TrainingConfig.model_validate(config(tmp_path, **extra))


def test_cnn_defaults_and_bandpass(tmp_path: Path) -> None:
    parsed = TrainingConfig.model_validate(config(tmp_path, model_type="cnn"))
    assert parsed.cnn_architecture == "resnet18" and parsed.cnn_pretrained is False
    assert parsed.clip_duration_s == 3.0 and parsed.loop_dir is None
    assert parsed.augment_noise_overlay and parsed.augment_time_mask
    assert parsed.augment_frequency_mask and parsed.background_noise_dir is None
    assert parsed.bandpass_range_hz() == (0.0, 16000.0)
    low_only = TrainingConfig.model_validate(
        config(tmp_path, model_type="cnn", bandpass_min_hz=800)
    )
    assert low_only.bandpass_range_hz() == (800.0, 16000.0)
    noisy = TrainingConfig.model_validate(
        config(tmp_path, model_type="cnn", background_noise_dir=str(tmp_path / "not_yet"))
    )
    assert noisy.background_noise_dir == str(tmp_path / "not_yet")  # checked when the job starts


def test_training_is_a_registered_task_kind(tmp_path: Path) -> None:
    assert CONFIG_MODELS["training"] is TrainingConfig
    assert "training" in USER_KINDS
    assert SCRIPT_MODULES["train"] == SCRIPT_MODULES["training"] == "backend.scripts.training"
    command = default_commands()["training"]
    try:
        argv = command(tmp_path / "cfg.json")
    except Exception as exc:  # no torch environment on this machine: the builder says so
        assert "environment" in str(exc).lower()
    else:
        assert argv[1:] == [
            "-m",
            "backend.scripts.training",
            "--config",
            str(tmp_path / "cfg.json"),
        ]
    assert (
        TaskService._default_name("training", {"classes": ["a", "b", "c", "d"], "head": "mlp"})
        == "Train mlp classifier: a, b, c…"
    )
