"""Route for the inference form's species-filter preview (BirdNET's location + date model)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from backend.common.species_filter_config import SpeciesFilter
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.species_preview import SpeciesPreview

routes = web.RouteTableDef()
PREVIEW = web.AppKey("species_preview", SpeciesPreview)
"""The app's preview service (set by ``create_app``; its cache lives with the app)."""


@routes.post("/api/inference/species-list")
async def species_list_route(request: web.Request) -> web.Response:
    species_filter = await parse_body(request, SpeciesFilter)
    answer = await asyncio.to_thread(request.app[PREVIEW].species_list, species_filter)
    return web.json_response(answer)
