"""Routes for tasks: create, list, get, start, cancel, retry, delete, log tail."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, Field

from backend.lightweight_server.app_keys import STORE, TASKS
from backend.lightweight_server.routes.request_parsing import parse_body

routes = web.RouteTableDef()


class CreateTaskBody(BaseModel):
    kind: str
    config: dict[str, Any]
    name: str | None = Field(default=None, max_length=200)
    run_in_parallel: bool = False
    start: bool = False


@routes.get("/api/tasks")
async def list_tasks(request: web.Request) -> web.Response:
    tasks = request.app[STORE].list()
    return web.json_response({"tasks": [t.model_dump(mode="json") for t in tasks]})


@routes.post("/api/tasks")
async def create_task(request: web.Request) -> web.Response:
    body = await parse_body(request, CreateTaskBody)
    task = request.app[TASKS].create(
        body.kind, body.config, body.name, body.run_in_parallel, body.start
    )
    return web.json_response(task.model_dump(mode="json"), status=201)


@routes.get("/api/tasks/{task_id}")
async def get_task(request: web.Request) -> web.Response:
    task = request.app[STORE].get(request.match_info["task_id"])
    return web.json_response(task.model_dump(mode="json"))


def _action(name: str):
    async def handler(request: web.Request) -> web.Response:
        service = request.app[TASKS]
        task = getattr(service, name)(request.match_info["task_id"])
        return web.json_response(task.model_dump(mode="json"))

    return handler


routes.post("/api/tasks/{task_id}/start")(_action("start"))
routes.post("/api/tasks/{task_id}/cancel")(_action("cancel"))
routes.post("/api/tasks/{task_id}/retry")(_action("retry"))


@routes.delete("/api/tasks/{task_id}")
async def delete_task(request: web.Request) -> web.Response:
    task_id = request.match_info["task_id"]
    request.app[TASKS].delete(task_id)
    return web.json_response({"deleted": task_id})


@routes.get("/api/tasks/{task_id}/log")
async def task_log(request: web.Request) -> web.Response:
    try:
        lines = int(request.query.get("lines", "200"))
    except ValueError:
        lines = 200
    tail = request.app[TASKS].log_tail(request.match_info["task_id"], lines)
    return web.json_response({"lines": tail})
