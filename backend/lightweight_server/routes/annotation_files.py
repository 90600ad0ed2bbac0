"""Routes to load an annotation task CSV for review and save labels back (atomic, conflict-safe)."""

from __future__ import annotations

import asyncio

from aiohttp import web
from pydantic import BaseModel, Field

from backend.lightweight_server.app_keys import GUARD
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.annotation_files import (
    RowEdit,
    load_annotations,
    save_annotations,
)

routes = web.RouteTableDef()


class LoadBody(BaseModel):
    path: str
    audio_root: str | None = None
    score_threshold: float | None = None
    score_column: str | None = None
    group_column: str | None = None


class RowEditBody(BaseModel):
    index: int = Field(ge=0)
    annotation: str = ""
    comments: str = ""


class SaveBody(BaseModel):
    path: str
    source_path: str
    rows: list[RowEditBody]
    expected_mtime_ns: str | None = None
    overwrite: bool = False


@routes.post("/api/annotations/load")
async def load(request: web.Request) -> web.Response:
    body = await parse_body(request, LoadBody)
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(
        None,
        lambda: load_annotations(
            request.app[GUARD],
            body.path,
            audio_root=body.audio_root or None,
            score_threshold=body.score_threshold,
            score_column=body.score_column or None,
            group_column=body.group_column or None,
        ),
    )
    return web.json_response(result)


@routes.post("/api/annotations/save")
async def save(request: web.Request) -> web.Response:
    body = await parse_body(request, SaveBody)
    edits = [RowEdit(r.index, r.annotation, r.comments) for r in body.rows]
    loop = asyncio.get_running_loop()
    result = await loop.run_in_executor(
        None,
        lambda: save_annotations(
            request.app[GUARD],
            body.path,
            body.source_path,
            edits,
            body.expected_mtime_ns,
            overwrite=body.overwrite,
        ),
    )
    return web.json_response(result)
