"""Task runner with real subprocesses: queue, progress, failure, cancel, restart re-attach."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import psutil
import pytest

from backend.lightweight_server.runner.task_runner import TaskRunner
from backend.lightweight_server.store import JsonTaskStore, Task

DUMMY = Path(__file__).with_name("dummy_job.py")
REPO_ROOT = Path(__file__).resolve().parents[4]


def dummy_command(config_path: Path) -> list[str]:
    return [sys.executable, str(DUMMY), "--config", str(config_path)]


def make_runner(store_path: Path, **kw) -> TaskRunner:
    store = JsonTaskStore(store_path)
    return TaskRunner(
        store,
        {"dummy": dummy_command},
        code_root=REPO_ROOT,
        jobs_dir=store_path.parent / "jobs",
        poll_interval_s=0.05,
        cancel_grace_s=kw.pop("cancel_grace_s", 2.0),
    )


def add_task(runner: TaskRunner, out: Path, status: str = "queued", **config) -> Task:
    task = Task(
        kind="dummy",
        name=config.pop("name", "dummy"),
        status=status,
        config={"output_dir": str(out), **config},
        run_in_parallel=config.pop("parallel", False),
    )
    runner.store.add(task)
    runner.wake()
    return task


async def wait_for(predicate, timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached in time")


def status_of(runner: TaskRunner, task: Task) -> str:
    return runner.store.get(task.id).status


async def test_task_runs_to_completion_with_progress(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    await runner.start()
    try:
        task = add_task(runner, tmp_path / "out", steps=4)
        await wait_for(lambda: status_of(runner, task) == "completed")
    finally:
        await runner.stop()
    done = runner.store.get(task.id)
    job_dir = Path(done.job_dir)
    assert job_dir.parent == tmp_path / "out"
    assert job_dir.name.startswith("dummy_") and job_dir.name.endswith(task.id[:6])
    assert sorted(p.name for p in job_dir.iterdir()) == [
        "config.json",
        "exit.json",
        "log.txt",
        "output.txt",
        "runs.txt",
    ]
    assert done.progress.fraction == 1.0
    assert done.progress.message == "step 4/4"
    assert done.exit_code == 0 and done.error is None
    assert done.result == {"outputs": ["output.txt", "runs.txt"], "failed_files": 0}
    assert done.started_at and done.ended_at


async def test_failed_job_records_reason(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    await runner.start()
    try:
        task = add_task(runner, tmp_path / "out", steps=1, fail=True)
        await wait_for(lambda: status_of(runner, task) == "failed")
    finally:
        await runner.stop()
    failed = runner.store.get(task.id)
    assert failed.exit_code == 1
    assert failed.error == "the dummy job was told to fail"


async def test_job_killed_without_record_fails_with_log_line(tmp_path: Path) -> None:
    def crashing(config_path: Path) -> list[str]:
        return [sys.executable, "-c", "import sys; print('boom: out of memory'); sys.exit(7)"]

    runner = make_runner(tmp_path / "tasks.json")
    runner.commands["dummy"] = crashing
    await runner.start()
    try:
        task = add_task(runner, tmp_path / "out")
        await wait_for(lambda: status_of(runner, task) == "failed")
    finally:
        await runner.stop()
    failed = runner.store.get(task.id)
    assert failed.exit_code == 7
    assert "boom: out of memory" in failed.error


async def test_queue_runs_one_at_a_time_by_default(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    await runner.start()
    try:
        first = add_task(runner, tmp_path / "out", steps=10, step_s=0.1, name="first")
        await asyncio.sleep(0.01)
        second = add_task(runner, tmp_path / "out", steps=1, name="second")
        await wait_for(lambda: status_of(runner, first) == "running")
        await asyncio.sleep(0.3)
        assert status_of(runner, second) == "queued"
        await wait_for(lambda: status_of(runner, second) == "completed")
        assert runner.store.get(first.id).ended_at <= runner.store.get(second.id).started_at
    finally:
        await runner.stop()


@pytest.mark.parametrize("mode", ["setting", "flag"])
async def test_parallel_tasks(tmp_path: Path, mode: str) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    if mode == "setting":
        runner.store.update_settings(parallel_tasks=True)
    await runner.start()
    try:
        first = add_task(runner, tmp_path / "out", steps=20, step_s=0.1)
        second = add_task(runner, tmp_path / "out", steps=20, step_s=0.1, parallel=mode == "flag")
        await wait_for(
            lambda: status_of(runner, first) == "running" and status_of(runner, second) == "running"
        )
    finally:
        for t in (first, second):
            runner.cancel(runner.store.get(t.id))
        await wait_for(lambda: status_of(runner, first) == status_of(runner, second) == "canceled")
        await runner.stop()


async def test_cancel_kills_the_whole_process_tree(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    await runner.start()
    try:
        task = add_task(runner, tmp_path / "out", steps=200, step_s=0.1, spawn_child=True)
        await wait_for(lambda: status_of(runner, task) == "running")
        job_dir = Path(runner.store.get(task.id).job_dir)
        await wait_for(lambda: (job_dir / "child.pid").exists())
        child_pid = int((job_dir / "child.pid").read_text())
        parent_pid = runner.store.get(task.id).pid
        runner.cancel(runner.store.get(task.id))
        await wait_for(lambda: status_of(runner, task) == "canceled")
    finally:
        await runner.stop()
    for pid in (child_pid, parent_pid):
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert runner.store.get(task.id).progress.message == "Canceled"


async def test_canceling_a_queued_task_never_starts_it(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    task = add_task(runner, tmp_path / "out")
    runner.cancel(runner.store.get(task.id))
    await runner.start()
    await asyncio.sleep(0.3)
    await runner.stop()
    assert status_of(runner, task) == "canceled"
    assert runner.store.get(task.id).job_dir is None


async def test_restart_reattaches_running_task_without_rerun(tmp_path: Path) -> None:
    store_path = tmp_path / "tasks.json"
    first = make_runner(store_path)
    await first.start()
    task = add_task(first, tmp_path / "out", steps=15, step_s=0.1)
    await wait_for(lambda: (first.store.get(task.id).progress.fraction or 0) > 0.1)
    await first.stop()  # the "server" goes away; the job keeps running
    pid = first.store.get(task.id).pid
    assert psutil.pid_exists(pid)

    second = make_runner(store_path)  # a new server process reading the same store
    await second.start()
    try:
        assert status_of(second, task) == "running"
        await wait_for(lambda: status_of(second, task) == "completed")
    finally:
        await second.stop()
    job_dir = Path(second.store.get(task.id).job_dir)
    assert (job_dir / "runs.txt").read_text().count("run pid=") == 1
    assert second.store.get(task.id).progress.fraction == 1.0


async def test_task_that_ended_while_server_was_down_is_finalised(tmp_path: Path) -> None:
    store_path = tmp_path / "tasks.json"
    first = make_runner(store_path)
    await first.start()
    ok = add_task(first, tmp_path / "out", steps=3, step_s=0.05, parallel=True)
    bad = add_task(first, tmp_path / "out", steps=60, step_s=0.1, parallel=True)
    await wait_for(lambda: status_of(first, ok) == status_of(first, bad) == "running")
    await first.stop()
    ok_pid = first.store.get(ok.id).pid
    bad_pid = first.store.get(bad.id).pid
    os.kill(bad_pid, 9)  # dies without an exit record
    await wait_for(lambda: (Path(first.store.get(ok.id).job_dir) / "exit.json").exists())
    for pid in (ok_pid, bad_pid):  # reap our own children, as init would after a real restart
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass

    second = make_runner(store_path)
    await second.start()
    await second.stop()
    assert status_of(second, ok) == "completed"
    assert status_of(second, bad) == "failed"
    assert "without an exit record" in second.store.get(bad.id).error
    assert (Path(second.store.get(ok.id).job_dir) / "runs.txt").read_text().count("run") == 1


async def test_missing_environment_fails_at_once_with_clear_message(tmp_path: Path) -> None:
    from backend.lightweight_server.errors import EnvironmentMissing

    def needs_torch(config_path: Path) -> list[str]:
        raise EnvironmentMissing("The PyTorch environment is not installed yet. Open Settings.")

    runner = make_runner(tmp_path / "tasks.json")
    runner.commands["dummy"] = needs_torch
    await runner.start()
    try:
        task = add_task(runner, tmp_path / "out")
        await wait_for(lambda: status_of(runner, task) == "failed", timeout_s=5)
    finally:
        await runner.stop()
    assert runner.store.get(task.id).error == (
        "The PyTorch environment is not installed yet. Open Settings."
    )
    assert runner.store.get(task.id).pid is None


def test_job_summary_counts_failed_files(tmp_path: Path) -> None:
    from backend.lightweight_server.runner.job_summary import summarise_job_dir

    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "predictions.csv").write_text("file,start_time\n")
    (tmp_path / ".chunks").mkdir()
    (tmp_path / "failed_files.csv").write_text(
        'file,reason\n/a.wav,file not found\n"/b, c.wav","not audio,\nreally"\n'
    )
    assert summarise_job_dir(tmp_path) == {
        "outputs": ["failed_files.csv", "predictions.csv"],
        "failed_files": 2,
    }
    assert summarise_job_dir(tmp_path / "missing") == {}


async def test_idle_ticks_do_not_reread_the_queue(tmp_path: Path) -> None:
    runner = make_runner(tmp_path / "tasks.json")
    calls = 0
    real_list = runner.store.list

    def counting_list():
        nonlocal calls
        calls += 1
        return real_list()

    runner.store.list = counting_list  # type: ignore[method-assign]
    runner.tick()  # first tick reads the queue
    before = calls
    for _ in range(20):
        runner.tick()
    assert calls == before
    task = add_task(runner, tmp_path / "out", steps=1)  # add_task wakes the runner
    runner.tick()
    assert calls == before + 1
    assert status_of(runner, task) == "running"
    await wait_for(lambda: (runner.tick(), status_of(runner, task))[1] == "completed")
