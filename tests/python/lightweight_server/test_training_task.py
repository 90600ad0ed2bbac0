"""A training task through the real server over a socket: the form's config is validated (paths
inside the allowed roots, the model type), the real training script runs in the torch
environment, and the job folder holds the model and the report."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import aiohttp
import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts" / "training"))
from training_data import cut_recordings, write_binary_tasks  # noqa: E402

TOKEN = "training-token"


@pytest.fixture
async def server(tmp_path: Path, torch_python: Path, demo_audio: Path, live_server):
    root = tmp_path / "root"
    root.mkdir()
    tasks = write_binary_tasks(root, cut_recordings(demo_audio, root))
    (tmp_path / "outside").mkdir()

    def training_command(config_path: Path) -> list[str]:
        return [str(torch_python), "-m", "backend.scripts.training", "--config", str(config_path)]

    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    app = create_app(settings, commands={"training": training_command})
    async with live_server(app, TOKEN) as session:
        yield session, root, tasks


async def post(session: aiohttp.ClientSession, path: str, body: dict) -> tuple[int, dict]:
    async with session.post(path, json=body) as resp:
        return resp.status, await resp.json()


async def wait_done(session: aiohttp.ClientSession, task_id: str, timeout_s: float = 300) -> dict:
    task: dict = {}
    for _ in range(int(timeout_s / 0.2)):
        async with session.get(f"/api/tasks/{task_id}") as resp:
            task = await resp.json()
        if task["status"] in ("completed", "failed", "canceled"):
            return task
        await asyncio.sleep(0.2)
    raise AssertionError(f"task still {task.get('status')}")


def training_config(root: Path, tasks: dict[str, Path], **extra: object) -> dict:
    return {
        "annotation_files": [
            {"path": str(tasks["petrel"]), "class_name": "petrel"},
            {"path": str(tasks["tit"]), "class_name": "tit"},
        ],
        "classes": ["petrel", "tit"],
        "steps": 60,
        "validation_fraction": 0.4,
        "embedding_cache_dir": str(root / "cache"),
        "output_dir": str(root / "models"),
        **extra,
    }


@pytest.mark.torch
async def test_training_task_runs_the_script_and_writes_the_model(server) -> None:
    session, root, tasks = server
    status, task = await post(
        session,
        "/api/tasks",
        {"kind": "training", "config": training_config(root, tasks), "start": True},
    )
    assert status == 201, task
    assert task["name"] == "Train logistic classifier: petrel, tit"
    done = await wait_done(session, task["id"])

    assert done["status"] == "completed", done
    job = Path(done["job_dir"])
    assert job.parent == root / "models"
    for name in ("model.dipper.pt", "report.html", "metrics.json", "validation_predictions.csv"):
        assert (job / name).is_file(), name
    assert "refresh" not in (job / "report.html").read_text()


@pytest.mark.torch
async def test_training_configs_are_checked_when_the_task_is_created(server, tmp_path) -> None:
    session, root, tasks = server
    status, body = await post(
        session,
        "/api/tasks",
        {"kind": "training", "config": training_config(root, tasks, model_type="transformer")},
    )
    assert status == 422 and "model_type" in body["error"]["message"]
    cnn = training_config(root, tasks, model_type="cnn", cnn_architecture="resnet34")
    status, task = await post(session, "/api/tasks", {"kind": "training", "config": cnn})
    assert status == 201 and task["name"] == "Fine-tune resnet34: petrel, tit", task
    outside = training_config(root, tasks)
    outside["annotation_files"][0]["path"] = str(tmp_path / "outside" / "x.csv")
    status, body = await post(session, "/api/tasks", {"kind": "training", "config": outside})
    assert status == 403 and body["error"]["code"] == "PathNotAllowed"
