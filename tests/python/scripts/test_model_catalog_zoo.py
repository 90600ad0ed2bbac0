"""The catalog table against the installed model zoo: every BMZ classifier is listed, and the
numbers of the models that load offline are those of the loaded models."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_files import run_in_torch_env

from backend.common.model_catalog import MODEL_CATALOG, NOT_CLASSIFIERS, catalog_model

pytestmark = pytest.mark.torch


@pytest.fixture(scope="module")
def zoo(torch_python: Path) -> dict:
    return run_in_torch_env(
        torch_python,
        """
        import json
        import bioacoustics_model_zoo as bmz
        from backend.scripts.inference_model import birdnet_files
        tflite, labels = birdnet_files()
        birdnet = bmz.BirdNET(tflite_path=tflite, label_path=labels)
        facts = {
            "names": sorted(bmz.list_models()),
            "birdnet": [birdnet.preprocessor.sample_duration, birdnet.preprocessor.sample_rate,
                        len(birdnet.classes), birdnet.embedding_size],
        }
        print(json.dumps(facts))
        """,
    )


def test_every_zoo_classifier_is_in_the_catalog(zoo: dict) -> None:
    assert sorted([m.name for m in MODEL_CATALOG] + list(NOT_CLASSIFIERS)) == zoo["names"]


def test_birdnet_numbers_are_those_of_the_loaded_model(zoo: dict) -> None:
    birdnet = catalog_model("BirdNET")
    assert birdnet is not None
    catalog = [birdnet.sample_duration_s, birdnet.sample_rate_hz]
    catalog += [birdnet.num_classes, birdnet.embedding_size]
    assert zoo["birdnet"] == catalog
