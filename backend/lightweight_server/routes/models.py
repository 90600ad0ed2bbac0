"""Routes for model choice: the zoo catalog, a model's classes, and local model files."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiohttp import web
from pydantic import BaseModel, ConfigDict

from backend.lightweight_server.app_keys import GUARD, SETTINGS
from backend.lightweight_server.environment.status import environment_status, torch_python
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.runner.process import job_environment
from backend.lightweight_server.services.model_info import (
    inspect_model_file,
    list_catalog,
    model_classes,
    site_packages,
)

routes = web.RouteTableDef()


class InspectBody(BaseModel):
    """``{"path": "/abs/model.file"}``."""

    model_config = ConfigDict(extra="forbid")

    path: str


def _env_packages() -> Path | None:
    status = environment_status()
    if status.status != "ready" or not status.python:
        return None
    return site_packages(Path(status.python))


@routes.get("/api/models")
async def list_models_route(request: web.Request) -> web.Response:
    data_folder = request.app[SETTINGS].data_dir
    packages = await asyncio.to_thread(_env_packages)
    models = await asyncio.to_thread(list_catalog, packages, data_folder)
    return web.json_response({"models": models, "environment_ready": packages is not None})


@routes.get("/api/models/{name}/classes")
async def model_classes_route(request: web.Request) -> web.Response:
    data_folder = request.app[SETTINGS].data_dir
    packages = await asyncio.to_thread(_env_packages)
    body = await asyncio.to_thread(model_classes, request.match_info["name"], packages, data_folder)
    return web.json_response(body)


@routes.post("/api/models/inspect")
async def inspect_model_route(request: web.Request) -> web.Response:
    body = await parse_body(request, InspectBody)
    path = request.app[GUARD].check(body.path, "model file")
    python = torch_python()  # EnvironmentMissing (409) says how to install it
    code_root = request.app[SETTINGS].code_root
    info = await asyncio.to_thread(
        inspect_model_file, python, code_root, path, job_environment(code_root)
    )
    return web.json_response(info)
