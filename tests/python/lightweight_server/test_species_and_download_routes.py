"""The species-list preview and the model pre-download task on the real server, with the real
torch-environment subprocesses (BirdNET's meta-model; the model zoo, offline)."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

pytestmark = pytest.mark.torch

TOKEN = "species-test-token"


@pytest.fixture
async def server(tmp_path: Path, torch_python: Path, monkeypatch: pytest.MonkeyPatch, live_server):
    """A real server with the real job commands; yields (session, settings)."""
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(torch_python))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")  # this machine is offline: say so, fail fast
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[tmp_path], poll_interval_s=0.1
    )
    async with live_server(create_app(settings), TOKEN) as session:
        yield session, settings


async def test_species_list_preview_for_britain_in_may(server) -> None:
    session, _ = server
    request = {"latitude": 51.75, "longitude": -1.25, "date": "2024-05-17", "min_occurrence": 0.03}
    async with session.post("/api/inference/species-list", json=request) as resp:
        assert resp.status == 200, await resp.text()
        answer = await resp.json()
    names = [s["name"] for s in answer["species"]]
    assert answer["week"] == 19 and answer["count"] == len(names) > 50
    assert "Parus major_Great Tit" in names and "Opisthocomus hoazin_Hoatzin" not in names

    started = time.monotonic()
    async with session.post("/api/inference/species-list", json=request) as resp:
        assert (await resp.json()) == answer
    assert time.monotonic() - started < 0.5  # the same question is answered from the cache


async def test_species_list_preview_names_a_bad_field(server) -> None:
    session, _ = server
    body = {"latitude": 51.75, "longitude": 200, "date": "2024-05-17"}
    async with session.post("/api/inference/species-list", json=body) as resp:
        assert resp.status == 400
        error = (await resp.json())["error"]
    assert error["code"] == "InvalidRequest" and "longitude" in error["message"]


async def test_download_offline_fails_clearly_and_reports_what_worked(server) -> None:
    session, _ = server
    body = {"models": ["BirdNET", "BirdNETOccurrenceModel"]}
    started = time.monotonic()
    async with session.post("/api/models/download", json=body) as resp:
        assert resp.status == 201
        task = await resp.json()
    assert task["kind"] == "download_models" and task["status"] == "queued"
    for _ in range(2400):
        async with session.get(f"/api/tasks/{task['id']}") as resp:
            task = await resp.json()
        if task["status"] in ("completed", "failed"):
            break
        await asyncio.sleep(0.1)
    elapsed_s = time.monotonic() - started

    assert task["status"] == "failed"
    assert "1 of 2 models could not be downloaded. Ready: BirdNET." in task["error"]
    assert "this computer is offline" in task["error"]
    # no waiting on network timeouts: ~15 s on an idle 2-core machine, mostly importing torch and
    # the model zoo; the bound leaves room for a busy CI machine
    assert elapsed_s < 180
    report = json.loads(Path(task["job_dir"], "download_report.json").read_text())
    assert [(m["name"], m["ok"]) for m in report["models"]] == [
        ("BirdNET", True),
        ("BirdNETOccurrenceModel", False),
    ]


async def test_download_needs_a_model(server) -> None:
    session, _ = server
    async with session.post("/api/models/download", json={"models": [" "]}) as resp:
        assert resp.status == 422
        assert "at least one model" in (await resp.json())["error"]["message"]


async def test_inference_task_with_filter_and_wandb_offline_links_its_run(
    tmp_path: Path, torch_python: Path, demo_audio: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DIPPER_TORCH_PYTHON", str(torch_python))
    monkeypatch.setenv("WANDB_MODE", "offline")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))  # W&B's own settings/cache stay here
    key = "f" * 40
    settings = ServerSettings(
        data_dir=tmp_path / "home",
        token=TOKEN,
        allowed_roots=[tmp_path, demo_audio],
        poll_interval_s=0.1,
    )
    runner = web.AppRunner(create_app(settings))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    try:
        async with aiohttp.ClientSession(f"http://127.0.0.1:{port}", headers=headers) as session:
            async with session.post("/api/wandb/login", json={"api_key": key}) as resp:
                assert resp.status == 200
            config = {
                "audio_dir": str(demo_audio / "great_tit"),
                "output_dir": str(tmp_path / "jobs"),
                "species_filter": {"latitude": 51.75, "longitude": -1.25, "date": "2021-04-15"},
                "wandb": {"project": "dipper-e2e", "run_name": "server run"},
            }
            body = {"kind": "inference", "config": config, "start": True}
            async with session.post("/api/tasks", json=body) as resp:
                assert resp.status == 201, await resp.text()
                task = await resp.json()
            for _ in range(3000):
                async with session.get(f"/api/tasks/{task['id']}") as resp:
                    task = await resp.json()
                if task["status"] in ("completed", "failed"):
                    break
                await asyncio.sleep(0.1)
    finally:
        await runner.cleanup()

    assert task["status"] == "completed", task["error"]
    link = task["result"]["wandb"]
    assert link["mode"] == "offline" and link["url"] is None
    assert Path(link["run_dir"]).is_dir() and list(Path(link["run_dir"]).glob("run-*.wandb"))
    assert {"species_list.txt", "predictions.csv", "wandb_run.json"} <= set(
        task["result"]["outputs"]
    )
    log = Path(task["job_dir"], "log.txt").read_text(encoding="utf-8")
    assert "Species filter" in log and "W&B: logging run 'server run' (offline)" in log
    assert key not in log and key not in json.dumps(task)
