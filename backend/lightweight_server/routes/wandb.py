"""Routes for the Weights & Biases login on the Settings page (the key is never sent back)."""

from __future__ import annotations

from aiohttp import web
from pydantic import BaseModel, Field

from backend.lightweight_server.app_keys import SETTINGS
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.wandb_credentials import WandbCredentials

routes = web.RouteTableDef()


class LoginBody(BaseModel):
    api_key: str = Field(max_length=512)
    entity: str | None = Field(default=None, max_length=128)


def _credentials(request: web.Request) -> WandbCredentials:
    return WandbCredentials(request.app[SETTINGS].data_dir)


@routes.get("/api/wandb")
async def wandb_status(request: web.Request) -> web.Response:
    return web.json_response(_credentials(request).status())


@routes.post("/api/wandb/login")
async def wandb_login(request: web.Request) -> web.Response:
    body = await parse_body(request, LoginBody)
    return web.json_response(_credentials(request).login(body.api_key, body.entity))


@routes.post("/api/wandb/logout")
async def wandb_logout(request: web.Request) -> web.Response:
    return web.json_response(_credentials(request).logout())
