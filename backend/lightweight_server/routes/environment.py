"""Routes for the torch environment: status and install (as a task with progress)."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass

from aiohttp import web

from backend.common.paths import TORCH_SPEC, torch_env_dir
from backend.lightweight_server.app_keys import STORE, TASKS
from backend.lightweight_server.environment.status import environment_status
from backend.lightweight_server.errors import InvalidTaskState

routes = web.RouteTableDef()


def _status_json() -> dict:
    status = environment_status()
    return asdict(status) if is_dataclass(status) else status.model_dump(mode="json")


@routes.get("/api/environment")
async def get_environment(request: web.Request) -> web.Response:
    data = _status_json()
    installing = [
        t
        for t in request.app[STORE].list()
        if t.kind == "install_env" and t.status in ("queued", "running")
    ]
    if installing:
        data["status"] = "installing"
        data["install_task_id"] = installing[0].id
    return web.json_response({k: (str(v) if hasattr(v, "parts") else v) for k, v in data.items()})


@routes.post("/api/environment/install")
async def install_environment(request: web.Request) -> web.Response:
    for task in request.app[STORE].list():
        if task.kind == "install_env" and task.status in ("queued", "running"):
            raise InvalidTaskState("The PyTorch environment is already being installed.")
    config = {"spec_path": str(TORCH_SPEC), "target_dir": str(torch_env_dir())}
    task = request.app[TASKS].create(
        "install_env",
        config,
        name="Install PyTorch environment",
        run_in_parallel=True,
        start=True,
        internal=True,
    )
    return web.json_response(task.model_dump(mode="json"), status=201)
