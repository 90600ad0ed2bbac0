"""Route of the Training tab's loop view: an active-learning loop folder's rounds and learning
curve (``GET /api/loop?dir=<absolute folder>``)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.services.loop_view import describe_loop

routes = web.RouteTableDef()


@routes.get("/api/loop")
async def loop_route(request: web.Request) -> web.Response:
    raw = request.query.get("dir", "")
    result = await asyncio.to_thread(describe_loop, request.app[GUARD], raw)
    return web.json_response(result)
