"""An extraction task with active-learning settings through the real server over a socket: the
labelled files and the embedding cache are paths the server guards, and bad strategy settings come
back as one plain message naming the field."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

TOKEN = "al-task-token"


@pytest.fixture
async def server(tmp_path: Path, live_server):
    root = tmp_path / "root"
    (root / "pred").mkdir(parents=True)
    (root / "reviewed.csv").write_text("file,start_time,annotation\n", encoding="utf-8")
    (tmp_path / "outside.csv").write_text("file,start_time,annotation\n", encoding="utf-8")
    settings = ServerSettings(
        data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root], poll_interval_s=0.05
    )
    noop = {"extraction": lambda cfg: [sys.executable, "-c", "pass"]}
    async with live_server(create_app(settings, commands=noop), TOKEN) as session:
        yield session, root


def config(root: Path, **fields: object) -> dict:
    return {
        "predictions_dir": str(root / "pred"),
        "classes": ["robin"],
        "output_dir": str(root / "out"),
        "strategies": [{"kind": "hybrid", "n": 5}, {"kind": "uncertainty", "n": 2}],
        **fields,
    }


async def create(session, body: dict) -> tuple[int, dict]:
    async with session.post("/api/tasks", json={"kind": "extraction", "config": body}) as resp:
        return resp.status, await resp.json()


async def test_active_learning_settings_are_kept_with_their_defaults(server) -> None:
    session, root = server

    status, task = await create(
        session,
        config(
            root,
            labelled_annotation_files=[str(root / "reviewed.csv")],
            embedding_cache_dir=str(root / "cache"),
        ),
    )

    assert status == 201, task
    assert task["config"]["strategies"] == [
        {"kind": "hybrid", "n": 5, "threshold": None, "max_pool": 2000},  # None: auto
        {"kind": "uncertainty", "n": 2, "threshold": None},
    ]
    assert task["config"]["labelled_annotation_files"] == [str(root / "reviewed.csv")]
    assert task["config"]["embedding_cache_dir"] == str(root / "cache")


async def test_a_labelled_file_outside_the_allowed_folders_is_refused(
    server, tmp_path: Path
) -> None:
    session, root = server

    status, body = await create(
        session, config(root, labelled_annotation_files=[str(tmp_path / "outside.csv")])
    )

    assert status == 403, body
    message = body["error"]["message"]
    assert f"labelled annotation file '{tmp_path / 'outside.csv'}' is outside" in message


async def test_a_bad_threshold_names_the_strategy_field(server) -> None:
    session, root = server

    status, body = await create(
        session, config(root, strategies=[{"kind": "uncertainty", "n": 2, "threshold": 1.5}])
    )

    assert status == 422, body
    assert (
        "strategies.0.uncertainty.threshold: Input should be less than 1"
        in body["error"]["message"]
    )
