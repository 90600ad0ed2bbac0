"""Routes for the Training form and training tasks: what the label sources hold, a finished task's
summary, and its live HTML report. Each blocking read runs in a worker thread."""

from __future__ import annotations

import asyncio

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field

from backend.lightweight_server.app_keys import GUARD, STORE
from backend.lightweight_server.routes.request_parsing import parse_body
from backend.lightweight_server.services.training_labels import (
    AnnotationSource,
    RavenSource,
    summarise_label_sources,
)
from backend.lightweight_server.services.training_results import report_path, training_summary

routes = web.RouteTableDef()

# The report is the job's own page: no scripts, nothing fetched, inline styles and SVG only.
REPORT_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


class AnnotationFileBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    path: str = ""
    class_name: str | None = None
    audio_root: str | None = None


class RavenTableBody(BaseModel):
    model_config = ConfigDict(extra="ignore")
    path: str = ""
    audio_file: str = ""
    species_column: str | None = None


class LabelsBody(BaseModel):
    """The label-source fields of a training config (or of its evaluation set)."""

    model_config = ConfigDict(extra="ignore")
    annotation_files: list[AnnotationFileBody] = Field(default_factory=list, max_length=500)
    raven_tables: list[RavenTableBody] = Field(default_factory=list, max_length=500)
    folder_labels_dir: str | None = None


class SummaryBody(BaseModel):
    task_id: str = Field(min_length=1)


@routes.post("/api/training/labels")
async def labels_route(request: web.Request) -> web.Response:
    body = await parse_body(request, LabelsBody)
    result = await asyncio.to_thread(
        summarise_label_sources,
        request.app[GUARD],
        [
            AnnotationSource(a.path, a.class_name, a.audio_root or None)
            for a in body.annotation_files
        ],
        [RavenSource(r.path, r.audio_file, r.species_column or None) for r in body.raven_tables],
        body.folder_labels_dir,
    )
    return web.json_response(result)


@routes.post("/api/training/summary")
async def summary_route(request: web.Request) -> web.Response:
    body = await parse_body(request, SummaryBody)
    result = await asyncio.to_thread(training_summary, request.app[STORE], body.task_id)
    return web.json_response(result)


@routes.get("/api/tasks/{task_id}/report")
async def report_route(request: web.Request) -> web.Response:
    path = await asyncio.to_thread(report_path, request.app[STORE], request.match_info["task_id"])
    body = await asyncio.to_thread(path.read_bytes)
    return web.Response(
        body=body, content_type="text/html", charset="utf-8", headers=REPORT_HEADERS
    )
