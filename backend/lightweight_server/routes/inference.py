"""Routes for the inference form: the audio-match preview."""

from __future__ import annotations

import asyncio

from aiohttp import web
from pydantic import ConfigDict

from backend.common.configs import AudioSource
from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.audio_match import match_audio

routes = web.RouteTableDef()


class MatchAudioBody(AudioSource):
    """The audio-source fields; other form fields may come along and are ignored."""

    model_config = ConfigDict(extra="ignore")


@routes.post("/api/inference/match-audio")
async def match_audio_route(request: web.Request) -> web.Response:
    source = await parse_body(request, MatchAudioBody)
    preview = await asyncio.to_thread(match_audio, request.app[GUARD], source)
    return web.json_response(preview)
