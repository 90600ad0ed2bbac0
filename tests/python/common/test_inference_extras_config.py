"""Config pieces of the species filter, W&B logging and the model pre-download task."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from backend.common.configs import CONFIG_MODELS, InferenceConfig
from backend.common.download_config import DownloadModelsConfig
from backend.common.species_filter_config import SpeciesFilter, week_48
from backend.common.wandb_options import WandbOptions

BASE = {"audio_dir": "/data/audio", "output_dir": "/data/jobs"}


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2024, 1, 1), 1),
        (date(2024, 1, 7), 1),
        (date(2024, 1, 8), 2),
        (date(2024, 1, 31), 4),
        (date(2024, 5, 1), 17),
        (date(2024, 5, 17), 19),
        (date(2023, 12, 31), 48),
        (None, -1),
    ],
)
def test_week_48_counts_four_weeks_a_month(day: date | None, week: int) -> None:
    assert week_48(day) == week


def test_species_filter_defaults_and_week() -> None:
    spec = SpeciesFilter(latitude=51.75, longitude=-1.25, date="2024-05-17")
    assert spec.min_occurrence == 0.03
    assert spec.week() == 19
    assert SpeciesFilter(latitude=0, longitude=0, date="  ").date is None
    assert SpeciesFilter(latitude=0, longitude=0).week() == -1


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("latitude", 91, "less than or equal to 90"),
        ("longitude", -181, "greater than or equal to -180"),
        ("date", "17/05/2024", "YYYY-MM-DD"),
        ("date", "2024-02-30", "YYYY-MM-DD"),
        ("min_occurrence", 0, "greater than 0"),
    ],
)
def test_species_filter_rejects_bad_values_by_name(field: str, value: object, words: str) -> None:
    data: dict[str, object] = {"latitude": 10, "longitude": 10, field: value}
    with pytest.raises(ValidationError) as info:
        SpeciesFilter.model_validate(data)
    assert field in str(info.value) and words in str(info.value)


def test_species_filter_is_birdnet_only() -> None:
    spec = {"latitude": 51.75, "longitude": -1.25}
    config = InferenceConfig.model_validate({**BASE, "species_filter": spec})
    assert config.species_filter is not None and config.species_filter.latitude == 51.75
    with pytest.raises(ValidationError, match="works with BirdNET only"):
        InferenceConfig.model_validate({**BASE, "model": "Perch", "species_filter": spec})
    local = {**BASE, "model_file": "/models/owls.dipper.pt", "species_filter": spec}
    with pytest.raises(ValidationError, match="works with BirdNET only"):
        InferenceConfig.model_validate(local)


def test_wandb_options_clean_names() -> None:
    options = WandbOptions(project=" birds 2024 ", run_name="  ", notes=" first ")
    assert (options.project, options.run_name, options.notes) == ("birds 2024", None, "first")
    with pytest.raises(ValidationError, match="project name"):
        WandbOptions(project="a/b")
    config = InferenceConfig.model_validate({**BASE, "wandb": {"project": "p"}})
    assert config.wandb is not None and config.wandb.entity is None
    with pytest.raises(ValidationError, match="api_key"):
        InferenceConfig.model_validate({**BASE, "wandb": {"project": "p", "api_key": "x" * 40}})


def test_download_config_needs_a_model_and_is_registered() -> None:
    assert CONFIG_MODELS["download_models"] is DownloadModelsConfig
    config = DownloadModelsConfig(models=[" Perch ", "Perch", "", "HawkEars"])
    assert config.models == ["Perch", "HawkEars"]
    with pytest.raises(ValidationError, match="at least one model"):
        DownloadModelsConfig(models=["  "])
