"""The real extraction script in the torch environment: through a real server task (default
commands, real subprocess, real recordings) and headless with ``dipper run extraction``."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import aiohttp
import pandas as pd
import pytest
import soundfile as sf
from aiohttp import web
from extraction_tables import write_dense

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

REPO_ROOT = Path(__file__).resolve().parents[4]
TOKEN = "extraction-task-token"


def demo_predictions(tmp_path: Path) -> Path:
    rows = [
        ("storm_petrel/XC46092.wav", 0.0, 3.0, 0.2, 0.9),
        ("storm_petrel/XC46092.wav", 3.0, 6.0, 0.95, 0.1),
        ("storm_petrel/XC46092.wav", 6.0, 9.0, 0.5, 0.5),
        ("great_tit/2021-SW83-0418_04-79.wav", 0.0, 3.0, 0.1, 0.98),
        ("great_tit/missing.wav", 0.0, 3.0, 0.3, 0.99),  # tit's top window: cannot be read
    ]
    frame = pd.DataFrame(rows, columns=["file", "start_time", "end_time", "petrel", "tit"])
    return write_dense(tmp_path / "root" / "inference_job", frame)


@pytest.mark.torch
async def test_extraction_task_runs_in_the_torch_environment(
    tmp_path: Path, torch_python: Path, demo_audio: Path
) -> None:
    demo_predictions(tmp_path)
    root = tmp_path / "root"
    settings = ServerSettings(
        data_dir=tmp_path / "home",
        token=TOKEN,
        allowed_roots=[root, demo_audio],
        poll_interval_s=0.1,
    )
    app = create_app(settings)  # the default commands: the torch environment's python
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    config = {
        "predictions_dir": str(root / "inference_job"),
        "audio_root": str(demo_audio),
        "classes": ["petrel", "tit"],
        "strategies": [{"kind": "top", "n": 1}, {"kind": "random", "n": 1}],
        "mode": "multiclass",
        "output_dir": str(root / "task"),
        "export_clips": True,
        "clip_duration_s": 5.0,
    }
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as session:
            async with session.post(
                "/api/tasks", json={"kind": "extraction", "config": config, "start": True}
            ) as resp:
                task = await resp.json()
                assert resp.status == 201, task
            for _ in range(600):
                async with session.get(f"/api/tasks/{task['id']}") as resp:
                    task = await resp.json()
                if task["status"] not in ("queued", "running"):
                    break
                await asyncio.sleep(0.1)
            async with session.post(
                "/api/extraction/summary", json={"task_id": task["id"]}
            ) as resp:
                summary = await resp.json()
    finally:
        await runner.cleanup()

    assert task["status"] == "completed", task
    assert task["progress"]["fraction"] == 1.0
    assert task["result"]["failed_files"] == 1  # great_tit/missing.wav
    log = Path(task["job_dir"], "log.txt").read_text()
    assert "DIPPER_PROGRESS" in log and "missing.wav" in log
    table = pd.read_csv(summary["outputs"][0])
    assert Path(summary["outputs"][0]).name.startswith("annotation_task_")
    assert set(table["source_file"]) <= {
        "storm_petrel/XC46092.wav",
        "great_tit/2021-SW83-0418_04-79.wav",
    }
    top_petrel = table[table["strategy"].str.contains("petrel: top")]
    assert list(top_petrel["source_start_time"]) == [3.0]
    for clip in table["file"]:
        info = sf.info(root / "task" / clip)
        assert abs(info.duration - 5.0) < 1e-3
    assert summary["review_audio_root"] == str(root / "task")


@pytest.mark.torch
def test_dipper_run_extraction_headless(tmp_path: Path, torch_python: Path) -> None:
    demo_predictions(tmp_path)
    root = tmp_path / "root"
    config = {
        "kind": "extraction",
        "predictions_dir": str(root / "inference_job"),
        "audio_root": str(root / "audio"),
        "classes": ["tit"],
        "strategies": [{"kind": "top", "n": 2}],
        "output_dir": str(root / "task"),
    }
    path = tmp_path / "cfg.json"
    path.write_text(json.dumps(config))

    proc = subprocess.run(
        [sys.executable, "-m", "backend.cli", "run", "extraction", "--config", str(path)],
        cwd=REPO_ROOT,
        env={**os.environ, "DIPPER_TORCH_PYTHON": str(torch_python)},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert 'DIPPER_PROGRESS {"fraction": 1.0' in proc.stdout
    task_csv = next((root / "task").glob("tit_annotation_task_*.csv"))
    assert sorted(pd.read_csv(task_csv)["score"]) == [0.98, 0.99]
    job = next(p for p in (root / "task").glob("extraction_*") if p.is_dir())
    assert (job / "summary.csv").is_file() and json.loads((job / "exit.json").read_text())[
        "exit_code"
    ] == 0
