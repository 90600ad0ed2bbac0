"""``GET /api/loop`` over a real socket: a loop folder's rounds and learning curve, no rounds for a
new folder, a clear error for a corrupt record, and the path guard."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from backend.common.loop_record import LOOP_FILE, append_round
from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings

TOKEN = "loop-token"


@pytest.fixture
async def server(tmp_path: Path, live_server):
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside").mkdir()
    settings = ServerSettings(data_dir=tmp_path / "home", token=TOKEN, allowed_roots=[root])
    async with live_server(create_app(settings, commands={}), TOKEN) as session:
        yield session, root


async def get_loop(session: aiohttp.ClientSession, folder: str) -> tuple[int, dict]:
    async with session.get("/api/loop", params={"dir": folder}) as resp:
        return resp.status, await resp.json()


def training_round(n_labels: int, ap_a: float, ap_b: float | None, evaluation: str) -> dict:
    aps = [v for v in (ap_a, ap_b) if v is not None]
    return {
        "finished_at": "2026-11-22T05:00:00+00:00",
        "job_dir": f"/abs/job{n_labels}",
        "model_file": f"/abs/job{n_labels}/model.dipper.pt",
        "model_type": "shallow",
        "classes": ["A", "B"],
        "n_labels": n_labels,
        "label_counts": {
            "A": {"positive": 10, "negative": 50},
            "B": {"positive": 4, "negative": 56},
        },
        "mean_average_precision": sum(aps) / len(aps),
        "average_precision": {"A": ap_a, "B": ap_b},
        "evaluation": evaluation,
        "annotation_files": [f"/abs/a{n_labels}.csv"],
        "audio_roots": ["/abs/audio"],
    }


async def test_the_rounds_and_learning_curve_of_a_loop_folder(server) -> None:
    session, root = server
    loop_dir = root / "loop"
    append_round(loop_dir, training_round(60, 0.5, 0.3, "split"))
    append_round(loop_dir, training_round(140, 0.7, None, "split"))

    status, body = await get_loop(session, str(loop_dir))

    assert status == 200, body
    assert body["loop_dir"] == str(loop_dir)
    assert body["path"] == str(loop_dir / LOOP_FILE)
    assert body["exists"] is True
    assert [r["round"] for r in body["rounds"]] == [1, 2]
    assert body["rounds"][1]["model_file"] == "/abs/job140/model.dipper.pt"
    assert body["curve"]["mean"] == [
        {"round": 1, "n_labels": 60, "value": pytest.approx(0.4)},
        {"round": 2, "n_labels": 140, "value": pytest.approx(0.7)},
    ]
    assert [p["value"] for p in body["curve"]["per_class"]["A"]] == [0.5, 0.7]
    assert [p["n_labels"] for p in body["curve"]["per_class"]["B"]] == [60]
    assert body["curve"]["mixed_evaluation"] is False
    assert body["warnings"] == []


async def test_mixed_evaluation_kinds_are_flagged(server) -> None:
    session, root = server
    append_round(root, training_round(60, 0.5, 0.3, "split"))
    append_round(root, training_round(140, 0.7, 0.6, "evaluation set"))

    status, body = await get_loop(session, str(root))

    assert status == 200, body
    assert body["curve"]["evaluation_kinds"] == ["split", "evaluation set"]
    assert body["curve"]["mixed_evaluation"] is True


async def test_a_new_loop_folder_has_no_rounds_yet(server) -> None:
    session, root = server

    status, body = await get_loop(session, str(root / "not-yet"))

    assert status == 200, body
    assert body["exists"] is False
    assert body["rounds"] == []
    assert body["curve"]["mean"] == []


async def test_a_corrupt_record_is_a_422_naming_the_file(server) -> None:
    session, root = server
    (root / LOOP_FILE).write_text("{oops", encoding="utf-8")

    status, body = await get_loop(session, str(root))

    assert status == 422
    assert body["error"]["code"] == "loop_file_invalid"
    assert str(root / LOOP_FILE) in body["error"]["message"]
    assert "not valid JSON" in body["error"]["message"]
    assert (root / LOOP_FILE).read_text(encoding="utf-8") == "{oops"  # never rewritten


async def test_paths_outside_the_roots_relative_or_files_are_refused(server, tmp_path) -> None:
    session, root = server
    (root / "file.txt").write_text("x")

    outside_status, outside = await get_loop(session, str(tmp_path / "outside"))
    relative_status, relative = await get_loop(session, "loop")
    empty_status, empty = await get_loop(session, "")
    file_status, file_body = await get_loop(session, str(root / "file.txt"))

    assert (outside_status, outside["error"]["code"]) == (403, "PathNotAllowed")
    assert "loop folder" in outside["error"]["message"]
    assert (relative_status, relative["error"]["code"]) == (400, "InvalidRequest")
    assert "not an absolute path" in relative["error"]["message"]
    assert (empty_status, empty["error"]["code"]) == (400, "InvalidRequest")
    assert (file_status, file_body["error"]["code"]) == (400, "InvalidRequest")
    assert "is a file" in file_body["error"]["message"]


async def test_the_route_needs_the_token(server) -> None:
    session, root = server
    base = str(session._base_url)  # noqa: SLF001 - the live server's address
    async with (
        aiohttp.ClientSession(base) as anonymous,
        anonymous.get("/api/loop", params={"dir": str(root)}) as resp,
    ):
        assert resp.status == 401
