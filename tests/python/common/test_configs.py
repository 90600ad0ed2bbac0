"""The inference config: old configs still load, sources and paths are checked."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from backend.common.configs import InferenceConfig


def test_an_old_config_with_only_folders_still_validates() -> None:
    config = InferenceConfig.model_validate(
        {"audio_dir": "/a", "output_dir": "/b", "batch_size": 1, "num_workers": 0}
    )

    assert (config.model, config.recursive, config.device) == ("BirdNET", True, "auto")
    assert config.sparse_save_threshold is None
    assert config.extensions == [".wav", ".flac", ".mp3", ".ogg"]


def test_some_audio_source_is_required() -> None:
    with pytest.raises(ValidationError, match="choose an audio folder, files, glob patterns"):
        InferenceConfig.model_validate({"output_dir": "/b"})
    assert InferenceConfig.model_validate({"audio_globs": ["/x/**/*.wav"], "output_dir": "/b"})


@pytest.mark.parametrize(
    ("fields", "bad"),
    [
        ({"audio_files": ["rel.wav"]}, "audio_files"),
        ({"audio_list_file": "list.txt"}, "audio_list_file"),
        ({"overlap_fraction": 1.0}, "overlap_fraction"),
        ({"test_mode_files": 0}, "test_mode_files"),
        ({"device": "tpu"}, "device"),
        ({"extra_field": 1}, "extra_field"),
    ],
)
def test_bad_fields_are_named(fields: dict, bad: str) -> None:
    with pytest.raises(ValidationError) as info:
        InferenceConfig.model_validate({"audio_dir": "/a", "output_dir": "/b", **fields})
    assert [e["loc"][0] for e in info.value.errors()] == [bad]


def test_split_by_subfolder_needs_an_audio_folder() -> None:
    with pytest.raises(ValidationError, match="needs an audio folder"):
        InferenceConfig.model_validate(
            {"audio_files": ["/a.wav"], "output_dir": "/b", "split_by_subfolder": True}
        )
