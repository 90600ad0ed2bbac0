"""Training routes over a real socket: what label sources hold (real demo recordings, Review CSVs,
a Raven table, a labelled folder), a finished training task's summary, and its HTML report served
with the token in the URL (how the browser tab and the app's report view open it)."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path

import aiohttp
import pandas as pd
import pytest

from backend.common.job_protocol import write_json_atomic
from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings
from backend.lightweight_server.store import InMemoryTaskStore, Task

TOKEN = "training-routes-token"
REPO_ROOT = Path(__file__).resolve().parents[3]
PETREL = "storm_petrel/XC46092.wav"  # 14 s
TIT = "great_tit/2021-B32-0415_05-11.wav"


@pytest.fixture
async def server(tmp_path: Path, demo_audio: Path, live_server):
    root = tmp_path / "root"
    audio = root / "audio"
    for rel in (PETREL, TIT):
        (audio / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(demo_audio / rel, audio / rel)
    (tmp_path / "outside").mkdir()
    store = InMemoryTaskStore()
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    app = create_app(settings, store=store, commands={})
    async with live_server(app, TOKEN) as session:
        yield session, root, store


async def post(session: aiohttp.ClientSession, path: str, body: dict) -> tuple[int, dict]:
    async with session.post(path, json=body) as resp:
        return resp.status, await resp.json()


def write_csv(path: Path, rows: list[tuple[str, float, float, str]]) -> Path:
    table = pd.DataFrame(rows, columns=["file", "start_time", "end_time", "annotation"])
    table["comments"] = ""
    table.to_csv(path, index=False)
    return path


async def test_binary_and_multiclass_csvs_give_counts_per_class(server) -> None:
    session, root, _ = server
    binary = write_csv(
        root / "Great Tit_annotation_task_20260101-120000.csv",
        [
            (f"audio/{TIT}", 0.0, 3.0, "yes"),
            (f"audio/{TIT}", 3.0, 6.0, "yes"),
            (f"audio/{PETREL}", 0.0, 3.0, "no"),
            (f"audio/{PETREL}", 3.0, 6.0, "uncertain"),
            (f"audio/{PETREL}", 6.0, 9.0, ""),
        ],
    )
    multi = write_csv(
        root / "annotation_task_20260101-120000.csv",
        [
            (PETREL, 0.0, 3.0, "['petrel']"),
            (TIT, 0.0, 3.0, "['tit', 'petrel']"),
            (TIT, 3.0, 6.0, "[]"),
            (TIT, 6.0, 9.0, ""),
        ],
    )
    status, body = await post(
        session,
        "/api/training/labels",
        {
            "annotation_files": [
                {"path": str(binary), "class_name": "Great Tit"},
                {"path": str(multi), "audio_root": str(root / "audio")},
            ]
        },
    )

    assert status == 200, body
    first, second = body["sources"]
    assert first["mode"] == "binary" and first["unit"] == "labels"
    assert first["counts"] == {"Great Tit": {"positive": 2, "negative": 1}}
    assert (first["rows"], first["uncertain"], first["not_reviewed"]) == (5, 1, 1)
    assert first["suggested_class_name"] == "Great Tit"
    assert (first["audio_files"], first["missing_audio_files"]) == (2, 0)
    assert first["problems"] == []
    assert second["mode"] == "multiclass"
    assert second["counts"] == {
        "petrel": {"positive": 2, "negative": 1},
        "tit": {"positive": 1, "negative": 2},
    }
    assert body["classes"] == ["Great Tit", "petrel", "tit"]
    assert body["totals"]["petrel"] == {"positive": 2, "negative": 1}
    assert body["warnings"] == []


async def test_problems_name_what_to_fix(server, tmp_path: Path) -> None:
    session, root, _ = server
    yes_only = write_csv(root / "owl_annotation_task_20260101-1.csv", [("gone.wav", 0, 3, "yes")])
    (root / "scores.csv").write_text("species,score\nrobin,0.5\n")
    status, body = await post(
        session,
        "/api/training/labels",
        {
            "annotation_files": [
                {"path": str(yes_only)},  # binary labels without a class
                {"path": str(yes_only), "class_name": "owl"},
                {"path": str(root / "scores.csv"), "class_name": "robin"},
                {"path": str(root / "nope.csv"), "class_name": "x"},
                {"path": str(tmp_path / "outside" / "a.csv"), "class_name": "x"},
            ]
        },
    )

    assert status == 200, body
    problems = [s["problems"] for s in body["sources"]]
    assert "give the class they are about (its name suggests “owl”)" in problems[0][0]
    assert problems[1] == [
        f"None of the 1 labelled recordings was found under {root} (e.g. {root / 'gone.wav'}): "
        "set the audio root to the folder the file paths start from."
    ]
    assert "has no file, start_time, annotation column" in problems[2][0]
    assert "No annotation file at" in problems[3][0]
    assert "outside the folders this server may use" in problems[4][0]
    assert body["warnings"] == [
        "owl has no negative labels: add negative examples or leave the class out."
    ]


async def test_raven_table_counts_windows_and_folder_counts_recordings(server) -> None:
    session, root, _ = server
    raven = root / "petrel.Table.1.selections.txt"
    raven.write_text(
        "Selection\tView\tBegin Time (s)\tEnd Time (s)\tSpecies\n"
        "1\tSpectrogram 1\t1.0\t2.0\tpetrel\n"
        "2\tSpectrogram 1\t4.0\t11.0\tpetrel\n"
    )
    labelled = root / "labelled"
    for name, rel in (("tit", TIT), ("petrel", PETREL), ("negative", TIT)):
        (labelled / name).mkdir(parents=True)
        shutil.copy(root / "audio" / rel, labelled / name / Path(rel).name)
    (labelled / "petrel" / "notes.txt").write_text("not audio")

    status, body = await post(
        session,
        "/api/training/labels",
        {
            "raven_tables": [{"path": str(raven), "audio_file": str(root / "audio" / PETREL)}],
            "folder_labels_dir": str(labelled),
        },
    )

    assert status == 200, body
    table, folder = body["sources"]
    # 14 s → grid 0,3,6,9,12; selections 1–2 s and 4–11 s leave only 0–3? no: 1–2 overlaps 0–3,
    # 4–11 overlaps 3–6, 6–9, 9–12 → the 12–15 window is the one negative.
    assert table["counts"] == {"petrel": {"positive": 1 + 3, "negative": 1}}
    assert table["species_column"] == "Species" and table["unit"] == "windows"
    assert table["duration_s"] == pytest.approx(14, abs=0.5)
    assert folder["unit"] == "recordings" and folder["rows"] == 3
    assert folder["counts"] == {
        "petrel": {"positive": 1, "negative": 2},
        "tit": {"positive": 1, "negative": 2},
    }
    status, body = await post(
        session,
        "/api/training/labels",
        {"raven_tables": [{"path": str(raven), "audio_file": str(root / "audio" / "x.wav")}]},
    )
    assert body["sources"][0]["problems"] == [
        f"The recording {root / 'audio' / 'x.wav'} is missing or unreadable."
    ]
    assert body["warnings"] == [
        "petrel has no negative labels: add negative examples or leave the class out."
    ]


def training_task(store: InMemoryTaskStore, job_dir: Path | None, status: str) -> Task:
    task = Task(
        kind="training",
        name="Train logistic classifier: petrel",
        status=status,  # type: ignore[arg-type]
        config={},
        job_dir=str(job_dir) if job_dir else None,
    )
    store.add(task)
    return task


async def test_report_is_served_with_the_token_in_the_url_and_404_before_it_exists(
    server,
) -> None:
    session, root, store = server
    job = root / "models" / "training_20260101-120000_abcdef"
    job.mkdir(parents=True)
    task = training_task(store, job, "running")
    unstarted = training_task(store, None, "unstarted")
    port = session._base_url.port  # type: ignore[union-attr]
    url = f"http://127.0.0.1:{port}/api/tasks/{task.id}/report"

    async with aiohttp.ClientSession() as browser:  # no header: the token rides in the URL
        async with browser.get(f"{url}?token={TOKEN}") as resp:
            assert resp.status == 404
            error = (await resp.json())["error"]
        assert error["code"] == "PathNotFound"
        assert "try again in a moment" in error["message"]
        html = '<!doctype html><html><head><meta http-equiv="refresh" content="3"></head>ok</html>'
        (job / "report.html").write_text(html, encoding="utf-8")
        async with browser.get(f"{url}?token={TOKEN}") as resp:
            assert resp.status == 200
            assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
            assert resp.headers["Cache-Control"] == "no-store"
            assert "default-src 'none'" in resp.headers["Content-Security-Policy"]
            assert await resp.text() == html
        async with browser.get(url) as resp:
            assert resp.status == 401

    async with session.get(f"/api/tasks/{unstarted.id}/report") as resp:
        assert resp.status == 404
        assert (
            "Start the task, then open the report again" in (await resp.json())["error"]["message"]
        )
    async with session.get("/api/tasks/nope/report") as resp:
        assert resp.status == 404 and (await resp.json())["error"]["code"] == "TaskNotFound"


async def test_summary_reads_metrics_model_and_window_counts(server) -> None:
    session, root, store = server
    job = root / "models" / "training_20260101-120000_123456"
    job.mkdir(parents=True)
    task = training_task(store, job, "completed")
    status, body = await post(session, "/api/training/summary", {"task_id": task.id})
    assert status == 409 and "has no metrics yet" in body["error"]["message"]

    write_json_atomic(
        job / "metrics.json",
        {
            "mean_average_precision": 0.875,
            "classes": {
                "petrel": {
                    "average_precision": 0.875,
                    "roc_auc": 0.9,
                    "n_positive": 4,
                    "n_negative": 6,
                    "at_thresholds": [],
                }
            },
        },
    )
    (job / "model.dipper.pt").write_bytes(b"model")
    (job / "log.txt").write_text("Training on 40 window(s), validating on 10.\n")
    status, body = await post(session, "/api/training/summary", {"task_id": task.id})

    assert status == 200, body
    assert body == {
        "mean_average_precision": 0.875,
        "classes": {
            "petrel": {"average_precision": 0.875, "roc_auc": 0.9, "n_positive": 4, "n_negative": 6}
        },
        "n_train_windows": 40,
        "n_validation_windows": 10,
        "model_file": str(job / "model.dipper.pt"),
        "report_file": None,
    }
    other = Task(kind="inference", name="BirdNET", status="completed", config={})
    store.add(other)
    status, body = await post(session, "/api/training/summary", {"task_id": other.id})
    assert status == 400 and "only training tasks have a report" in body["error"]["message"]
    assert json.loads((job / "metrics.json").read_text())["mean_average_precision"] == 0.875


def test_the_configs_the_training_form_builds_are_valid_training_configs() -> None:
    """The form's configs (asserted in tests/frontend/.../TrainingPage.test.tsx) pass the server's
    model unchanged in meaning: what the form sends is what the job runs."""
    from backend.common.training_config import TrainingConfig

    path = REPO_ROOT / "tests/frontend/features/training/form-configs.json"
    configs = json.loads(path.read_text(encoding="utf-8"))
    shallow = TrainingConfig.model_validate(configs["shallow"])
    assert shallow.annotation_files[0].class_name == "Great Tit" and shallow.validation is None
    cnn = TrainingConfig.model_validate(configs["cnn"])
    assert cnn.model_type == "cnn" and cnn.bandpass_range_hz() == (8000, 12000)
    assert cnn.validation is not None and cnn.validation.folder_labels_dir == "/data/held_out"
    assert cnn.resolved_steps(100) == 4 * 2  # 4 epochs of ceil(100 / 64) batches


@pytest.mark.torch
async def test_a_real_training_task_serves_its_report_and_summary(
    tmp_path: Path, torch_python: Path, demo_audio: Path, live_server
) -> None:
    """The real script in the torch environment: while it runs and once it is done, the report
    route serves its report.html, and the summary reads its metrics, log and model file."""
    scripts_tests = Path(__file__).resolve().parents[1] / "scripts"
    sys.path[:0] = [str(scripts_tests), str(scripts_tests / "training")]
    from training_data import cut_recordings, write_binary_tasks

    root = tmp_path / "root"
    root.mkdir()
    tasks = write_binary_tasks(root, cut_recordings(demo_audio, root))

    def training_command(config_path: Path) -> list[str]:
        return [str(torch_python), "-m", "backend.scripts.training", "--config", str(config_path)]

    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    app = create_app(settings, commands={"training": training_command})
    config = {
        "annotation_files": [
            {"path": str(tasks["petrel"]), "class_name": "petrel"},
            {"path": str(tasks["tit"]), "class_name": "tit"},
        ],
        "steps": 40,
        "validation_fraction": 0.4,
        "embedding_cache_dir": str(root / "cache"),
        "output_dir": str(root / "models"),
    }
    async with live_server(app, TOKEN) as session:
        status, labels = await post(session, "/api/training/labels", config)
        assert status == 200 and labels["classes"] == ["petrel", "tit"], labels
        assert labels["totals"]["petrel"] == {"positive": 7, "negative": 4}  # 7 petrel, 4 tit clips
        status, task = await post(
            session, "/api/tasks", {"kind": "training", "config": config, "start": True}
        )
        assert status == 201, task
        seen_running_report = False
        for _ in range(1500):
            async with session.get(f"/api/tasks/{task['id']}") as resp:
                task = await resp.json()
            if task["status"] == "running" and not seen_running_report:
                async with session.get(f"/api/tasks/{task['id']}/report") as resp:
                    if resp.status == 200:
                        seen_running_report = "refresh" in await resp.text()
            if task["status"] in ("completed", "failed", "canceled"):
                break
            await asyncio.sleep(0.2)
        assert task["status"] == "completed", task
        async with session.get(f"/api/tasks/{task['id']}/report") as resp:
            assert resp.status == 200
            final = await resp.text()
        assert "refresh" not in final and "<svg" in final
        status, summary = await post(session, "/api/training/summary", {"task_id": task["id"]})

    assert status == 200, summary
    assert seen_running_report, "the report was never served while the task ran"
    assert 0.0 <= summary["mean_average_precision"] <= 1.0
    assert set(summary["classes"]) == {"petrel", "tit"}
    n_train, n_val = summary["n_train_windows"], summary["n_validation_windows"]
    assert n_train > 0 and n_val > 0 and n_train + n_val == 7 + 4  # one window per labelled clip
    assert summary["model_file"] == str(Path(task["job_dir"]) / "model.dipper.pt")
