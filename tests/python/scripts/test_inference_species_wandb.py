"""Real BirdNET inference with the species filter and W&B logging (offline mode), as the app
runs it: the torch environment, a subprocess, real great tit recordings."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from backend.common.job_protocol import read_exit_record

pytestmark = pytest.mark.torch

REPO_ROOT = Path(__file__).resolve().parents[3]
RECORDS = Path(__file__).with_name("wandb_records.py")
GREAT_TIT = "Parus major_Great Tit"
BLACKBIRD = "Turdus merula_Eurasian Blackbird"
HOATZIN = "Opisthocomus hoazin_Hoatzin"


def run_inference(
    torch_python: Path, base: Path, config: dict, env: dict[str, str]
) -> tuple[Path, str]:
    """Run the inference script on ``config``; return (job folder, console output)."""
    config_path = base / "cfg.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("WANDB_")}
    done = subprocess.run(
        [str(torch_python), "-m", "backend.scripts.inference", "--config", str(config_path)],
        cwd=REPO_ROOT,
        env={**clean, "PYTHONPATH": str(REPO_ROOT), "HOME": str(base / "home"), **env},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (job_dir,) = list((base / "jobs").iterdir())
    return job_dir, done.stdout


@pytest.fixture(scope="module")
def filtered_job(
    tmp_path_factory: pytest.TempPathFactory, torch_python: Path, demo_audio: Path
) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("species_wandb")
    config = {
        "audio_dir": str(demo_audio / "great_tit"),
        "output_dir": str(base / "jobs"),
        "subset_classes": [GREAT_TIT, BLACKBIRD, HOATZIN],
        "species_filter": {"latitude": 51.75, "longitude": -1.25, "date": "2021-04-15"},
        "wandb": {"project": "dipper-tests", "run_name": "great tits", "notes": "offline test"},
    }
    return run_inference(torch_python, base, config, {"WANDB_MODE": "offline"})


def test_filter_and_subset_intersect_and_the_list_is_saved(filtered_job: tuple[Path, str]) -> None:
    job_dir, output = filtered_job
    predictions = pd.read_csv(job_dir / "predictions.csv")
    assert list(predictions.columns[3:]) == [GREAT_TIT, BLACKBIRD]  # model order, no Hoatzin
    lines = (job_dir / "species_list.txt").read_text(encoding="utf-8").splitlines()
    kept = dict(line.split("\t") for line in lines)
    assert set(kept) == {GREAT_TIT, BLACKBIRD}
    assert all(0.03 <= float(score) <= 1 for score in kept.values())
    assert "keeping 2 of the 3 subset classes of 6522 classes" in output
    assert "week 15/48 (2021-04-15)" in output
    # the great tits are still found
    assert predictions[GREAT_TIT].max() > 2.0


def test_wandb_offline_run_holds_config_history_summary_and_table(
    filtered_job: tuple[Path, str], torch_python: Path
) -> None:
    job_dir, output = filtered_job
    info = json.loads((job_dir / "wandb_run.json").read_text(encoding="utf-8"))
    assert info["mode"] == "offline" and info["url"] is None and info["name"] == "great tits"
    run_dir = Path(info["run_dir"])
    assert run_dir.parent == job_dir / "wandb" and run_dir.name.startswith("offline-run-")
    assert f"W&B: logging run 'great tits' (offline) to {run_dir}" in output
    (run_file,) = list(run_dir.glob("run-*.wandb"))
    read = subprocess.run(
        [str(torch_python), str(RECORDS), str(run_file)], capture_output=True, text=True, check=True
    )
    records = json.loads(read.stdout)

    progress = [row for row in records["history"] if "files_done" in row]
    assert progress[-1]["files_done"] == 3 and progress[-1]["fraction_done"] == 1
    assert progress[-1]["audio_hours"] > 0 and progress[-1]["throughput_x_realtime"] > 1
    summary = {k: v for row in records["summary"] for k, v in row.items()}
    assert summary["files"] == 3 and summary["failed_files"] == 0
    assert summary["top_detections/nrows"] >= 3
    (table_file,) = list(run_dir.glob("files/media/table/top_detections_*.table.json"))
    table = json.loads(table_file.read_text(encoding="utf-8"))
    assert table["columns"] == ["class", "rank", "score", "file", "start_time", "end_time"]
    assert table["data"][0][0] == GREAT_TIT and table["data"][0][1] == 1
    assert "exit" in records["types"]  # the run was finished cleanly


def test_unreachable_wandb_falls_back_to_offline_and_the_job_completes(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    key = "k" * 40
    config = {
        "audio_files": [str(next((demo_audio / "great_tit").glob("*.wav")))],
        "output_dir": str(tmp_path / "jobs"),
        "wandb": {"project": "dipper-tests"},
    }
    env = {"WANDB_API_KEY": key, "WANDB_BASE_URL": "http://127.0.0.1:9"}  # nothing listens there
    job_dir, output = run_inference(torch_python, tmp_path, config, env)

    assert read_exit_record(job_dir) is not None and read_exit_record(job_dir)["exit_code"] == 0
    assert "Warning: W&B: the server cannot be reached" in output
    assert json.loads((job_dir / "wandb_run.json").read_text())["mode"] == "offline"
    assert (job_dir / "predictions.csv").is_file()
    assert key not in output and key not in (job_dir / "log.txt").read_text(encoding="utf-8")
