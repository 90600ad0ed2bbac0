"""Typed application keys: the services each route can reach."""

from __future__ import annotations

from aiohttp import web

from backend.lightweight_server.runner.task_runner import TaskRunner
from backend.lightweight_server.services.path_guard import PathGuard
from backend.lightweight_server.services.task_service import TaskService
from backend.lightweight_server.settings import ServerSettings
from backend.lightweight_server.store import TaskStore

SETTINGS = web.AppKey("settings", ServerSettings)
STORE = web.AppKey("store", TaskStore)
RUNNER = web.AppKey("runner", TaskRunner)
TASKS = web.AppKey("tasks", TaskService)
GUARD = web.AppKey("guard", PathGuard)
