"""The Dipper shallow-classifier file: save → load → apply gives the in-memory scores; bad files
fail with a plain message. Runs in the torch environment (one subprocess for all checks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from model_files import run_in_torch_env

pytestmark = pytest.mark.torch


@pytest.fixture(scope="module")
def checks(torch_python: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("dipper_files")
    return run_in_torch_env(
        torch_python,
        f"""
        import json, os, numpy as np, torch
        from pathlib import Path
        from backend.scripts.shallow_classifier_file import (
            ShallowClassifierFileError, build_head, load_shallow_classifier,
            save_shallow_classifier,
        )
        folder = Path({str(folder)!r})
        out = {{}}
        torch.manual_seed(1)
        head = build_head(16, 3, "mlp", [8, 4])
        mean, std = torch.randn(16), torch.rand(16) + 0.5
        x = np.random.default_rng(2).normal(size=(5, 16)).astype(np.float32)
        with torch.no_grad():
            expected = head((torch.from_numpy(x) - mean) / std).numpy()
        path = save_shallow_classifier(
            folder / "m.dipper.pt", head, ["a", "b", "c"], "BirdNET", head_type="mlp",
            hidden_sizes=[8, 4], input_mean=mean, input_std=std, sample_duration_s=3.0,
            metadata={{"labels": 120, "val_ap": 0.8}},
        )
        loaded = load_shallow_classifier(path)
        out["max_diff"] = float(np.abs(loaded.scores(x) - expected).max())
        out["classes"] = loaded.classes
        out["metadata"] = loaded.metadata
        out["embedding_model"] = loaded.embedding_model
        raw = torch.load(path, weights_only=True)  # opening never needs unpickling code
        out["format"] = [raw["format"], raw["version"], raw["head"], raw["hidden_sizes"]]
        out["no_temp_files"] = sorted(p.name for p in folder.iterdir())

        def error(fn):
            try:
                fn()
            except ShallowClassifierFileError as exc:
                return str(exc)
            return None

        out["wrong_shape"] = error(lambda: save_shallow_classifier(
            folder / "bad.dipper.pt", head, ["a", "b", "c"], "BirdNET", head_type="logistic"))
        out["wrong_input"] = error(lambda: loaded.scores(np.zeros((2, 7))))
        (folder / "junk.dipper.pt").write_bytes(os.urandom(2000))
        out["junk"] = error(lambda: load_shallow_classifier(folder / "junk.dipper.pt"))
        newer = dict(raw, version=99)
        torch.save(newer, folder / "newer.dipper.pt")
        out["newer"] = error(lambda: load_shallow_classifier(folder / "newer.dipper.pt"))
        broken = dict(raw, state_dict={{"0.weight": torch.zeros(2, 2)}})
        torch.save(broken, folder / "broken.dipper.pt")
        out["broken"] = error(lambda: load_shallow_classifier(folder / "broken.dipper.pt"))
        print(json.dumps(out))
        """,
    )


def test_reload_and_apply_equals_the_in_memory_head(checks: dict) -> None:
    assert checks["max_diff"] < 1e-6
    assert checks["classes"] == ["a", "b", "c"]
    assert checks["embedding_model"] == "BirdNET"
    assert checks["metadata"] == {"labels": 120, "val_ap": 0.8}
    assert checks["format"] == ["dipper-shallow-classifier", 1, "mlp", [8, 4]]
    assert checks["no_temp_files"] == ["m.dipper.pt"]


def test_a_head_that_does_not_match_its_declared_shape_is_refused_at_save(checks: dict) -> None:
    assert "does not match head_type=logistic" in checks["wrong_shape"]


def test_embeddings_of_the_wrong_size_are_refused(checks: dict) -> None:
    assert "expects 16-value embeddings of BirdNET" in checks["wrong_input"]


def test_bad_files_fail_with_plain_messages(checks: dict) -> None:
    assert "junk.dipper.pt is not a Dipper shallow classifier file" in checks["junk"]
    assert "format version 99" in checks["newer"] and "Update Dipper" in checks["newer"]
    assert "do not fit its declared head" in checks["broken"]
