"""Routes to save/load form configs at user-chosen paths."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel

from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.config_files import load_config, save_config

routes = web.RouteTableDef()


class SaveBody(BaseModel):
    path: str
    config: dict[str, Any]


class LoadBody(BaseModel):
    path: str


@routes.post("/api/configs/save")
async def save(request: web.Request) -> web.Response:
    body = await parse_body(request, SaveBody)
    path = save_config(request.app[GUARD], body.path, body.config)
    return web.json_response({"path": str(path)})


@routes.post("/api/configs/load")
async def load(request: web.Request) -> web.Response:
    body = await parse_body(request, LoadBody)
    path, config = load_config(request.app[GUARD], body.path)
    return web.json_response({"path": str(path), "config": config})
