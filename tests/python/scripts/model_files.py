"""Real model files for tests, made in the torch environment (the test process has no torch).

- :func:`make_oss_model`: an OpenSoundscape ``CNN`` (resnet18, no pretrained weights, fixed seed)
  saved with ``.save()``;
- :func:`make_dipper_classifier`: a Dipper logistic head on BirdNET embeddings whose classes
  read known directions of the embedding: ``dim0`` = embedding value 0, ``minus_mean`` =
  1 − mean of the 1024 values;
- :func:`birdnet_reference_embeddings`: BMZ's own ``BirdNET.embed`` of files (an independent
  computation to compare the Dipper classifier's outputs with);
- :func:`run_in_torch_env`: run a snippet there and read the JSON it prints last.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[3]


def torch_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for torch-env subprocesses: the repo importable, never online."""
    return dict(
        os.environ,
        PYTHONPATH=str(REPO_ROOT),
        PYTHONUNBUFFERED="1",
        HF_HUB_OFFLINE="1",
        **(extra or {}),
    )


def run_in_torch_env(python: Path, code: str, timeout_s: float = 300) -> Any:
    """Run ``code`` with the torch interpreter; return the JSON of its last stdout line."""
    done = subprocess.run(
        [str(python), "-c", textwrap.dedent(code)],
        cwd=REPO_ROOT,
        env=torch_env(),
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def make_oss_model(python: Path, path: Path, classes: tuple[str, ...] = ("song", "noise")) -> Path:
    """An OpenSoundscape CNN (resnet18, 2 s windows at 22.05 kHz) saved with ``.save()``."""
    run_in_torch_env(
        python,
        f"""
        import json, torch
        torch.manual_seed(0)
        from opensoundscape.ml.cnn import CNN
        from opensoundscape.ml.cnn_architectures import resnet18
        arch = resnet18(num_classes={len(classes)}, weights=None)
        model = CNN(arch, classes={list(classes)!r}, sample_duration=2.0, sample_rate=22050)
        model.save({str(path)!r})
        print(json.dumps({{"ok": True}}))
        """,
    )
    return path


def make_dipper_classifier(python: Path, path: Path) -> Path:
    """A logistic head on BirdNET embeddings: ``dim0`` = x[0], ``minus_mean`` = 1 − mean(x)."""
    run_in_torch_env(
        python,
        f"""
        import json, torch
        from backend.scripts.shallow_classifier_file import build_head, save_shallow_classifier
        head = build_head(1024, 2, "logistic")
        with torch.no_grad():
            weight = torch.zeros(2, 1024)
            weight[0, 0] = 1.0
            weight[1, :] = -1.0 / 1024
            head[0].weight.copy_(weight)
            head[0].bias.copy_(torch.tensor([0.0, 1.0]))
        save_shallow_classifier(
            {str(path)!r}, head, ["dim0", "minus_mean"], "BirdNET",
            sample_duration_s=3.0, metadata={{"trained_on": "test directions"}},
        )
        print(json.dumps({{"ok": True}}))
        """,
    )
    return path


def birdnet_reference_embeddings(python: Path, files: list[Path]) -> dict[str, Any]:
    """``{"index": [[file, start, end], ...], "values": [[1024 floats], ...]}`` from BMZ."""
    return run_in_torch_env(
        python,
        f"""
        import json
        import bioacoustics_model_zoo as bmz
        from backend.scripts.inference_model import birdnet_files
        tflite, labels = birdnet_files()
        model = bmz.BirdNET(tflite_path=tflite, label_path=labels, num_tflite_threads=2)
        emb = model.embed({[str(f) for f in files]!r}, progress_bar=False)
        index = [[str(f), float(s), float(e)] for f, s, e in emb.index]
        print(json.dumps({{"index": index, "values": emb.to_numpy().tolist()}}))
        """,
    )
