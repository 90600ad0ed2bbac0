"""The task runner: a queue of subprocess jobs with progress, cancel and re-attach after restart.

One asyncio loop (started in the app's ``cleanup_ctx``) ticks every ``poll_interval_s``: it
finalises
ended jobs, reads progress from logs, and starts queued tasks. By default one task runs at a time;
the ``parallel_tasks`` setting or a task's ``run_in_parallel`` flag lets more run. A task is never
re-run on its own: after a restart, a task still marked running is re-attached if its process lives,
otherwise it is finalised from its exit record.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from backend.common.job_protocol import (
    CONFIG_FILE,
    EXIT_FILE,
    LOG_FILE,
    read_exit_record,
    utc_now_iso,
    write_exit_record,
    write_json_atomic,
)
from backend.lightweight_server.errors import DipperError
from backend.lightweight_server.runner.commands import CommandBuilder
from backend.lightweight_server.runner.job_links import job_links
from backend.lightweight_server.runner.job_summary import summarise_job_dir
from backend.lightweight_server.runner.log_tail import LogFollower, tail_lines
from backend.lightweight_server.runner.process import (
    is_same_process_alive,
    job_environment,
    kill_tree,
    spawn_detached,
)
from backend.lightweight_server.store import Task, TaskStore

log = logging.getLogger(__name__)


@dataclass
class _Running:
    """What the runner knows about one running task."""

    follower: LogFollower
    popen: subprocess.Popen[bytes] | None = None  # None when re-attached after a restart
    cancel_requested: bool = False
    kill_task: asyncio.Task[None] | None = field(default=None, repr=False)


def new_job_dir(task: Task, default_parent: Path) -> Path:
    """A unique, flat job folder name inside the task's output folder."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    output_dir = task.config.get("output_dir")
    parent = Path(output_dir) if output_dir else default_parent
    return parent / f"{task.kind}_{stamp}_{task.id[:6]}"


def _eta_s(task: Task, fraction: float | None) -> float | None:
    if not fraction or fraction <= 0.01 or not task.started_at:
        return None
    started = datetime.fromisoformat(task.started_at)
    elapsed = (datetime.now(timezone.utc) - started).total_seconds()
    return max(0.0, elapsed * (1.0 - fraction) / fraction)


class TaskRunner:
    """Starts, watches and stops task subprocesses, keeping the store up to date."""

    def __init__(
        self,
        store: TaskStore,
        commands: dict[str, CommandBuilder],
        code_root: Path,
        jobs_dir: Path,
        poll_interval_s: float = 0.5,
        cancel_grace_s: float = 5.0,
        task_env: Callable[[Task], dict[str, str]] | None = None,
    ) -> None:
        self.store = store
        self.commands = commands
        self.code_root = code_root
        self.jobs_dir = jobs_dir
        self.poll_interval_s = poll_interval_s
        self.cancel_grace_s = cancel_grace_s
        self.task_env = task_env  # extra variables (e.g. secrets) for one task's process only
        self._running: dict[str, _Running] = {}
        self._loop_task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        # The queue is only re-read when something could have changed it (a wake-up or a task
        # ending), not on every tick: listing the store copies every task.
        self._queue_dirty = True

    # ----- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Re-attach or finalise tasks left running, then start the polling loop."""
        self.reattach()
        self._loop_task = asyncio.create_task(self._loop(), name="dipper-task-runner")

    async def stop(self) -> None:
        """Stop watching. Running jobs keep running; the next start re-attaches them."""
        if self._loop_task:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        for state in self._running.values():
            if state.kill_task:
                with contextlib.suppress(Exception):
                    await state.kill_task

    def wake(self) -> None:
        """Run a tick soon and re-read the queue (after a task was queued, canceled, retried)."""
        self._queue_dirty = True
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            try:
                self.tick()
            except Exception:  # keep the loop alive; the error is logged for the developer
                log.exception("task runner tick failed")
            self._wake.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_interval_s)

    # ----- re-attach -------------------------------------------------------------------------
    def reattach(self) -> None:
        """Handle tasks marked running in the store by an earlier server process."""
        for task in self.store.list():
            if task.status != "running" or task.id in self._running:
                continue
            job_dir = Path(task.job_dir) if task.job_dir else None
            if job_dir and is_same_process_alive(task.pid, task.pid_create_time):
                self._running[task.id] = _Running(LogFollower(job_dir / LOG_FILE, from_end=True))
                log.info("re-attached task %s (pid %s)", task.id, task.pid)
            else:
                self._finalise(task, returncode=None)

    # ----- one tick --------------------------------------------------------------------------
    def tick(self) -> None:
        """Finalise ended jobs, refresh progress, start what the queue allows."""
        for task_id in list(self._running):
            self._watch(task_id)
        if self._queue_dirty:
            self._queue_dirty = False
            self._start_queued()

    def _watch(self, task_id: str) -> None:
        state = self._running[task_id]
        try:
            task = self.store.get(task_id)
        except DipperError:
            self._running.pop(task_id, None)
            return
        progress = state.follower.read_progress()
        if progress is not None and not state.cancel_requested:
            fraction, message = progress
            fraction = task.progress.fraction if fraction is None else fraction
            self.store.update(
                task_id,
                progress={
                    "fraction": fraction,
                    "message": message or task.progress.message,
                    "eta_s": _eta_s(task, fraction),
                    "updated_at": utc_now_iso(),
                },
            )
        if state.popen is not None:
            returncode = state.popen.poll()
            if returncode is None:
                return
        elif is_same_process_alive(task.pid, task.pid_create_time):
            return
        else:
            returncode = None
        if state.kill_task and not state.kill_task.done():
            return
        self._running.pop(task_id, None)
        state.follower.read_progress()
        self._finalise(self.store.get(task_id), returncode, state.cancel_requested)

    def _finalise(self, task: Task, returncode: int | None, canceled: bool = False) -> None:
        self._queue_dirty = True  # a slot may have freed up
        job_dir = Path(task.job_dir) if task.job_dir else None
        record = read_exit_record(job_dir) if job_dir else None
        if record is None and returncode is not None and job_dir and not canceled:
            error = None if returncode == 0 else self._last_log_line(job_dir, returncode)
            write_exit_record(job_dir, returncode, error)
            record = read_exit_record(job_dir)
        changes: dict = {"ended_at": utc_now_iso(), "pid": task.pid}
        if job_dir:
            changes["result"] = {**summarise_job_dir(job_dir), **job_links(job_dir)}
        if canceled:
            changes.update(status="canceled", error=None, exit_code=returncode)
            changes["progress"] = {
                **task.progress.model_dump(),
                "message": "Canceled",
                "eta_s": None,
            }
        elif record is None:
            changes.update(
                status="failed",
                error="The job stopped without an exit record (it may have been killed or the "
                "computer restarted). Use Retry to run it again.",
            )
        else:
            code = int(record.get("exit_code", 1))
            ok = code == 0
            changes.update(
                status="completed" if ok else "failed",
                exit_code=code,
                error=None if ok else (record.get("error") or f"The job ended with code {code}."),
            )
            if ok:
                changes["progress"] = {
                    **task.progress.model_dump(),
                    "fraction": 1.0,
                    "eta_s": 0.0,
                    "message": task.progress.message or "Done",
                    "updated_at": utc_now_iso(),
                }
        self.store.update(task.id, **changes)

    @staticmethod
    def _last_log_line(job_dir: Path, returncode: int) -> str:
        lines = [ln for ln in tail_lines(job_dir / LOG_FILE, 20) if ln.strip()]
        detail = f": {lines[-1]}" if lines else ""
        return f"The job ended with code {returncode}{detail}"

    # ----- starting --------------------------------------------------------------------------
    def _start_queued(self) -> None:
        tasks = self.store.list()
        queued = sorted((t for t in tasks if t.status == "queued"), key=lambda t: t.created_at)
        if not queued:
            return
        parallel_all = self.store.get_settings().parallel_tasks
        serial_busy = any(
            t.status == "running" and not t.run_in_parallel for t in tasks if t.id in self._running
        )
        for task in queued:
            if task.run_in_parallel or parallel_all:
                self._launch(task)
            elif not serial_busy:
                self._launch(task)
                serial_busy = True

    def _launch(self, task: Task) -> None:
        try:
            builder = self.commands.get(task.kind)
            if builder is None:
                raise DipperError(f"Dipper does not know how to run a '{task.kind}' task.")
            job_dir = Path(task.job_dir) if task.job_dir else new_job_dir(task, self.jobs_dir)
            job_dir.mkdir(parents=True, exist_ok=True)
            config = {**task.config, "job_dir": str(job_dir)}
            config_path = job_dir / CONFIG_FILE
            write_json_atomic(config_path, config)
            (job_dir / EXIT_FILE).unlink(missing_ok=True)
            command = builder(config_path)
            env = job_environment(self.code_root)
            if self.task_env is not None:
                env.update(self.task_env(task))
            proc, created = spawn_detached(command, self.code_root, job_dir / LOG_FILE, env)
        except (DipperError, OSError) as exc:
            message = exc.message if isinstance(exc, DipperError) else f"Could not start: {exc}"
            self.store.update(task.id, status="failed", error=message, ended_at=utc_now_iso())
            return
        self.store.update(
            task.id,
            status="running",
            job_dir=str(job_dir),
            config=config,
            pid=proc.pid,
            pid_create_time=created,
            started_at=utc_now_iso(),
            ended_at=None,
            exit_code=None,
            error=None,
            progress={"fraction": 0.0, "message": "Starting…", "eta_s": None, "updated_at": None},
        )
        self._running[task.id] = _Running(LogFollower(job_dir / LOG_FILE), popen=proc)

    # ----- canceling -------------------------------------------------------------------------
    def cancel(self, task: Task) -> None:
        """Cancel a queued task at once, or terminate a running one's process tree."""
        if task.status in ("queued", "unstarted"):
            self.store.update(task.id, status="canceled", ended_at=utc_now_iso())
            return
        state = self._running.get(task.id)
        if state is None:
            self._running[task.id] = state = _Running(
                LogFollower(Path(task.job_dir or ".") / LOG_FILE, from_end=True)
            )
        if state.cancel_requested:
            return
        state.cancel_requested = True
        progress = {**task.progress.model_dump(), "message": "Canceling…", "eta_s": None}
        self.store.update(task.id, progress=progress)
        assert task.pid is not None
        state.kill_task = asyncio.create_task(
            asyncio.to_thread(kill_tree, task.pid, task.pid_create_time, self.cancel_grace_s)
        )
        state.kill_task.add_done_callback(lambda _t: self.wake())
