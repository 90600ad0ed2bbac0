"""Health/version, settings and demo-project routes."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel

from backend.lightweight_server.app_keys import RUNNER, SETTINGS, STORE
from backend.lightweight_server.routes.request_parsing import parse_body

routes = web.RouteTableDef()


class SettingsBody(BaseModel):
    parallel_tasks: bool | None = None


@routes.get("/api/health")
async def health(request: web.Request) -> web.Response:
    return web.json_response(
        {
            "status": "ok",
            "version": request.app[SETTINGS].version,
            "store_warnings": list(request.app[STORE].warnings),
        }
    )


@routes.get("/api/settings")
async def get_settings(request: web.Request) -> web.Response:
    return web.json_response(request.app[STORE].get_settings().model_dump(mode="json"))


@routes.put("/api/settings")
async def put_settings(request: web.Request) -> web.Response:
    body = await parse_body(request, SettingsBody)
    changes = body.model_dump(exclude_none=True)
    settings = request.app[STORE].update_settings(**changes)
    request.app[RUNNER].wake()
    return web.json_response(settings.model_dump(mode="json"))


@routes.get("/api/demo")
async def demo(request: web.Request) -> web.Response:
    demo_dir = request.app[SETTINGS].data_dir / "demo"
    audio = demo_dir / "audio"
    if not audio.is_dir():
        return web.json_response({"audio_dir": None, "output_dir": None})
    return web.json_response({"audio_dir": str(audio), "output_dir": str(demo_dir / "jobs")})
