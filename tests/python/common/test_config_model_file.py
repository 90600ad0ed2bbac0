"""``InferenceConfig.model_file``: an absolute path or nothing."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend.common.configs import InferenceConfig

BASE = {"audio_dir": "/data/audio", "output_dir": "/data/out"}


def test_model_file_is_optional_and_blank_means_none() -> None:
    assert InferenceConfig.model_validate(BASE).model_file is None
    assert InferenceConfig.model_validate({**BASE, "model_file": "  "}).model_file is None


def test_model_file_keeps_an_absolute_path_trimmed() -> None:
    config = InferenceConfig.model_validate({**BASE, "model_file": " /models/frogs.model "})
    assert config.model_file == "/models/frogs.model"


def test_relative_model_file_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as error:
        InferenceConfig.model_validate({**BASE, "model_file": "frogs.model"})
    assert error.value.errors()[0]["loc"] == ("model_file",)
    assert "must be an absolute file path" in str(error.value)
