"""Route for the server-side file browser."""

from __future__ import annotations

from aiohttp import web

from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.services.file_browser import list_folder

routes = web.RouteTableDef()


@routes.get("/api/files")
async def files(request: web.Request) -> web.Response:
    hidden = request.query.get("hidden", "false").lower() == "true"
    listing = list_folder(request.app[GUARD], request.query.get("path"), hidden)
    return web.json_response(listing)
