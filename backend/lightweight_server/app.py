"""The lightweight server's application factory.

``create_app(settings)`` wires the store, the task runner and the services into an aiohttp app; the
runner's polling loop lives in ``cleanup_ctx`` so it starts and stops with the app.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from backend.lightweight_server.app_keys import GUARD, RUNNER, SETTINGS, STORE, TASKS
from backend.lightweight_server.middleware import error_middleware, token_middleware
from backend.lightweight_server.routes import (
    annotation_files,
    audio,
    configs,
    environment,
    extraction,
    files,
    frontend_static,
    health,
    inference,
    loop,
    model_downloads,
    models,
    species_list,
    spectrogram,
    tasks,
    training,
    wandb,
)
from backend.lightweight_server.runner.commands import CommandBuilder, default_commands
from backend.lightweight_server.runner.task_runner import TaskRunner
from backend.lightweight_server.services.path_guard import PathGuard
from backend.lightweight_server.services.review_media import (
    AUDIO_CACHE_BYTES,
    SPECTROGRAM_CACHE_BYTES,
)
from backend.lightweight_server.services.species_preview import SpeciesPreview
from backend.lightweight_server.services.spectrogram_cache import BytesLRUCache
from backend.lightweight_server.services.task_env import TaskEnvironment
from backend.lightweight_server.services.task_service import TaskService
from backend.lightweight_server.services.wandb_credentials import WandbCredentials
from backend.lightweight_server.settings import ServerSettings
from backend.lightweight_server.store import TaskStore, open_task_store


async def _runner_ctx(app: web.Application) -> AsyncIterator[None]:
    await app[RUNNER].start()
    yield
    await app[RUNNER].stop()


def create_app(
    settings: ServerSettings,
    store: TaskStore | None = None,
    commands: dict[str, CommandBuilder] | None = None,
) -> web.Application:
    """Build the server application.

    Parameters
    ----------
    settings:
        Where data lives, the access token, the allowed roots.
    store:
        Task store; defaults to the JSON store in ``settings.data_dir``.
    commands:
        Task kind → command builder; defaults to the real scripts.
    """
    app = web.Application(middlewares=[error_middleware, token_middleware])
    store = store if store is not None else open_task_store(settings.data_dir)
    guard = PathGuard(settings.allowed_roots)
    runner = TaskRunner(
        store,
        commands if commands is not None else default_commands(),
        code_root=settings.code_root,
        jobs_dir=settings.data_dir / "jobs",
        poll_interval_s=settings.poll_interval_s,
        cancel_grace_s=settings.cancel_grace_s,
        task_env=TaskEnvironment(WandbCredentials(settings.data_dir)),
    )
    app[SETTINGS] = settings
    app[STORE] = store
    app[GUARD] = guard
    app[RUNNER] = runner
    app[TASKS] = TaskService(store, runner, guard)
    app[species_list.PREVIEW] = SpeciesPreview(settings.code_root)
    app[audio.AUDIO_CACHE] = BytesLRUCache(AUDIO_CACHE_BYTES)
    app[spectrogram.SPECTROGRAM_CACHE] = BytesLRUCache(SPECTROGRAM_CACHE_BYTES)
    app.cleanup_ctx.append(_runner_ctx)
    for module in (
        health,
        tasks,
        configs,
        files,
        environment,
        inference,
        extraction,
        training,
        species_list,
        wandb,
        models,
        model_downloads,
        annotation_files,
        audio,
        spectrogram,
        loop,
    ):
        app.add_routes(module.routes)
    app.add_routes(frontend_static.routes)  # last: its catch-all serves the SPA
    return app
