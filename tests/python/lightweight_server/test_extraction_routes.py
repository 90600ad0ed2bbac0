"""Extraction routes over a real socket: scan a predictions folder, preview a metadata CSV, and
read the summary of an extraction task that ran the real script in a subprocess."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import aiohttp
import numpy as np
import pandas as pd
import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

TOKEN = "extraction-token"
REPO_ROOT = Path(__file__).resolve().parents[3]


def light_script(config_path: Path) -> list[str]:
    """The real extraction script, in this (light) interpreter: it needs only pandas/soundfile."""
    return [sys.executable, "-m", "backend.scripts.extraction", "--config", str(config_path)]


def windows(files: dict[str, int], classes: list[str]) -> pd.DataFrame:
    rows = [(f, 3.0 * i, 3.0 * i + 3) for f, n in files.items() for i in range(n)]
    frame = pd.DataFrame(rows, columns=["file", "start_time", "end_time"])
    for k, name in enumerate(classes):
        frame[name] = ((np.arange(len(frame)) + k) % 10 / 10).astype(np.float32)
    return frame


@pytest.fixture
async def server(tmp_path: Path, live_server):
    root = tmp_path / "root"
    pred = root / "job"
    pred.mkdir(parents=True)
    windows(
        {"site_a/20210501_040000.WAV": 5, "site_a/20210509_040000.WAV": 5}, ["robin", "wren"]
    ).to_csv(pred / "predictions__site_a.csv", index=False)
    sparse = windows({"site_b/notes.wav": 4}, ["robin", "wren", "jay"]).set_index(
        ["file", "start_time", "end_time"]
    )
    (pred / "b").mkdir()
    sparse.astype(pd.SparseDtype(np.float32, np.nan)).to_pickle(
        pred / "b" / "sparse_predictions__site_b.pkl"
    )
    (tmp_path / "outside").mkdir()
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    app = create_app(settings, commands={"extraction": light_script})
    async with live_server(app, TOKEN) as session:
        yield session, root


async def post(session: aiohttp.ClientSession, path: str, body: dict) -> tuple[int, dict]:
    async with session.post(path, json=body) as resp:
        return resp.status, await resp.json()


async def test_scan_lists_files_rows_common_classes_and_timestamps(server) -> None:
    session, root = server
    (root / "job" / "predictions__bad.csv").write_text("species,count\nrobin,1\n")

    status, body = await post(
        session, "/api/extraction/scan", {"predictions_dir": str(root / "job")}
    )

    assert status == 200, body
    assert body["files"] == [
        {
            "path": str(root / "job" / "b" / "sparse_predictions__site_b.pkl"),
            "relative_path": "b/sparse_predictions__site_b.pkl",
            "format": "sparse",
            "rows": 4,
            "subfolder": "b/site_b",
        },
        {
            "path": str(root / "job" / "predictions__site_a.csv"),
            "relative_path": "predictions__site_a.csv",
            "format": "dense",
            "rows": 10,
            "subfolder": "site_a",
        },
    ]
    assert body["rows"] == 14
    assert body["classes"] == ["robin", "wren"]  # jay is only in one file
    messages = [p["message"] for p in body["problems"]]
    assert any("predictions__bad.csv is not a predictions file" in m for m in messages)
    assert any(
        "sparse_predictions__site_b.pkl has 1 class column" in m and "jay" in m for m in messages
    )
    assert body["timestamps"] == {
        "parsed_files": 2,
        "unparsed_files": ["site_b/notes.wav"],
        "unparsed_count": 1,
        "first_date": "2021-05-01",
        "last_date": "2021-05-09",
    }


async def test_scan_refuses_outside_missing_and_empty_folders(server, tmp_path: Path) -> None:
    session, root = server
    (root / "empty").mkdir()

    outside, body = await post(
        session, "/api/extraction/scan", {"predictions_dir": str(tmp_path / "outside")}
    )
    assert outside == 403 and body["error"]["code"] == "PathNotAllowed"
    missing, body = await post(
        session, "/api/extraction/scan", {"predictions_dir": str(root / "nope")}
    )
    assert missing == 404
    empty, body = await post(
        session, "/api/extraction/scan", {"predictions_dir": str(root / "empty")}
    )
    assert empty == 400 and "No predictions" in body["error"]["message"]


async def test_metadata_counts_unique_values_and_needs_a_folder_column(server) -> None:
    session, root = server
    good = root / "sites.csv"
    good.write_text("folder,habitat,region\nsite_a,forest,north\nsite_b,meadow,north\nsite_b,x,y\n")
    bad = root / "bad.csv"
    bad.write_text("site,habitat\na,forest\n")

    status, body = await post(session, "/api/extraction/metadata", {"csv_path": str(good)})
    assert status == 200
    assert body["columns"] == [
        {"name": "habitat", "unique_values": 3},
        {"name": "region", "unique_values": 2},
    ]
    assert body["rows"] == 3
    assert "appear more than once" in body["problems"][0]["message"]

    status, body = await post(session, "/api/extraction/metadata", {"csv_path": str(bad)})
    assert status == 400 and "has no 'folder' column" in body["error"]["message"]


async def wait_done(session: aiohttp.ClientSession, task_id: str, timeout_s: float = 60) -> dict:
    for _ in range(int(timeout_s / 0.1)):
        async with session.get(f"/api/tasks/{task_id}") as resp:
            task = await resp.json()
        if task["status"] in ("completed", "failed", "canceled"):
            return task
        await asyncio.sleep(0.1)
    raise AssertionError(f"task still {task['status']}")


async def test_extraction_task_runs_the_script_and_the_summary_route_reads_it(server) -> None:
    session, root = server
    config = {
        "predictions_dir": str(root / "job"),
        "audio_root": str(root / "audio"),
        "classes": ["robin"],
        "strategies": [{"kind": "top", "n": 2}],
        "stratify_by_subfolder": True,
        "output_dir": str(root / "task"),
    }

    status, task = await post(
        session, "/api/tasks", {"kind": "extraction", "config": config, "start": True}
    )
    assert status == 201, task
    assert task["name"] == "Annotation task: robin from job"
    early, _ = await post(session, "/api/extraction/summary", {"task_id": task["id"]})
    done = await wait_done(session, task["id"])

    assert done["status"] == "completed", done
    assert early in (200, 409)
    status, body = await post(session, "/api/extraction/summary", {"task_id": task["id"]})
    assert status == 200
    assert [(r["stratum"], r["available"], r["selected"]) for r in body["rows"]] == [
        ("subfolder=site_a", 10, 2),
        ("subfolder=site_b", 4, 2),
    ]
    assert body["review_audio_root"] == str(root / "audio")
    first = Path(body["outputs"][0])
    assert first.parent == root / "task" and first.name.startswith("robin_annotation_task_")
    assert len(pd.read_csv(first)) == 4
    assert Path(body["outputs"][-1]).name.startswith("extraction_summary_")
    assert "summary.csv" in done["result"]["outputs"]


async def test_summary_errors(server) -> None:
    session, root = server
    status, body = await post(session, "/api/extraction/summary", {"task_id": "nope"})
    assert status == 404

    bad = {
        "predictions_dir": str(root / "missing"),
        "classes": ["robin"],
        "output_dir": str(root / "o"),
        "strategies": [{"kind": "top", "n": 1}],
    }
    status, body = await post(session, "/api/tasks", {"kind": "extraction", "config": bad})
    assert status == 422 and "predictions folder" in body["error"]["message"]
    bad_strategy = {
        **bad,
        "predictions_dir": str(root / "job"),
        "strategies": [{"kind": "best", "n": 1}],
    }
    status, body = await post(session, "/api/tasks", {"kind": "extraction", "config": bad_strategy})
    assert status == 422 and "strategies" in body["error"]["message"]
