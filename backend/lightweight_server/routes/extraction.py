"""Routes for the Extraction form: scan a predictions folder, preview a metadata CSV, read a
finished task's summary. Each blocking read runs in a worker thread."""

from __future__ import annotations

import asyncio

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from backend.lightweight_server.app_keys import GUARD, STORE
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.extraction_reports import (
    describe_metadata,
    extraction_summary,
)
from backend.lightweight_server.services.predictions_scan import scan_predictions

routes = web.RouteTableDef()


class ScanBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    predictions_dir: str = Field(min_length=1)


class MetadataBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    csv_path: str = Field(min_length=1)


class SummaryBody(BaseModel):
    task_id: str = Field(min_length=1)


@routes.post("/api/extraction/scan")
async def scan_route(request: web.Request) -> web.Response:
    body = await parse_body(request, ScanBody)
    result = await asyncio.to_thread(scan_predictions, request.app[GUARD], body.predictions_dir)
    return web.json_response(result)


@routes.post("/api/extraction/metadata")
async def metadata_route(request: web.Request) -> web.Response:
    body = await parse_body(request, MetadataBody)
    result = await asyncio.to_thread(describe_metadata, request.app[GUARD], body.csv_path)
    return web.json_response(result)


@routes.post("/api/extraction/summary")
async def summary_route(request: web.Request) -> web.Response:
    body = await parse_body(request, SummaryBody)
    result = await asyncio.to_thread(extraction_summary, request.app[STORE], body.task_id)
    return web.json_response(result)
