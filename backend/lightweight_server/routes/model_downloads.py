"""Route for Settings → Models: pre-download model weights as a ``download_models`` task."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, Field

from backend.lightweight_server.app_keys import TASKS
from backend.lightweight_server.routes.request_parsing import parse_body

routes = web.RouteTableDef()


class DownloadBody(BaseModel):
    models: list[str] = Field(max_length=50)


@routes.post("/api/models/download")
async def download_models(request: web.Request) -> web.Response:
    body = await parse_body(request, DownloadBody)
    names = ", ".join(m.strip() for m in body.models if m.strip())
    task = request.app[TASKS].create(
        "download_models",
        {"models": body.models},
        name=f"Download {names}"[:200],
        run_in_parallel=True,
        start=True,
        internal=True,
    )
    return web.json_response(task.model_dump(mode="json"), status=201)
