"""The model catalog table and its class-list cache (no torch needed)."""

from __future__ import annotations

from pathlib import Path

from backend.common.model_catalog import (
    MODEL_CATALOG,
    catalog_model,
    classes_cache_file,
    read_cached_classes,
    write_cached_classes,
)


def test_every_entry_is_complete_and_named_once() -> None:
    names = [m.name for m in MODEL_CATALOG]

    assert len(names) == len(set(names))
    for model in MODEL_CATALOG:
        assert model.description.endswith((".", ")")), model.name
        assert model.sample_duration_s is None or 0 < model.sample_duration_s <= 60
        assert model.num_classes is None or model.num_classes >= 1


def test_birdnet_is_the_offline_model_with_6522_classes() -> None:
    birdnet = catalog_model("BirdNET")

    assert birdnet is not None and birdnet.needs_download is False
    assert (birdnet.sample_duration_s, birdnet.sample_rate_hz, birdnet.num_classes) == (
        3.0,
        48000,
        6522,
    )
    assert [m.name for m in MODEL_CATALOG if not m.needs_download] == ["BirdNET"]
    assert catalog_model("birdnet") is None  # exact BMZ spelling only


def test_class_cache_round_trip_is_atomic_and_tolerates_damage(tmp_path: Path) -> None:
    assert read_cached_classes("Perch", tmp_path) is None

    path = write_cached_classes("Perch", ["a", "b"], tmp_path)

    assert path == classes_cache_file("Perch", tmp_path)
    assert read_cached_classes("Perch", tmp_path) == ["a", "b"]
    assert [p.name for p in path.parent.iterdir()] == ["Perch.json"]  # no temp file left
    path.write_text("{not json", encoding="utf-8")
    assert read_cached_classes("Perch", tmp_path) is None
    assert classes_cache_file("../evil/x", tmp_path).parent == tmp_path / "model_classes"
