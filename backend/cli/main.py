"""The ``dipper`` command line: serve the app, run jobs headless, list tasks, manage the env."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dipper", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the server; open the printed URL in a browser")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    serve.add_argument("--token", default=None, help="access token (default: a random one)")
    serve.add_argument("--no-token", action="store_true", help=argparse.SUPPRESS)
    serve.add_argument("--root", action="append", help="folder users may browse (repeatable)")
    serve.add_argument("--demo", action="store_true", help="prepare the demo project first")
    serve.add_argument("--no-browser", action="store_true", help="do not open a browser")

    run = sub.add_parser("run", help="run a job headless from a config file")
    run.add_argument("kind", help="job kind, e.g. inference")
    run.add_argument("--config", required=True, type=Path, help="path to the job's config.json")

    sub.add_parser("tasks", help="list the tasks in the task store")

    env = sub.add_parser("env", help="the PyTorch environment")
    env.add_argument("action", choices=["status", "install"])

    sub.add_parser("demo", help="prepare the demo project and print its folders")
    return parser


def _list_tasks() -> int:
    from backend.common.paths import data_dir
    from backend.lightweight_server.store import open_task_store

    store = open_task_store(data_dir())
    for warning in store.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    tasks = store.list()
    if not tasks:
        print("No tasks yet.")
        return 0
    print(f"{'ID':8}  {'STATUS':10}  {'PROGRESS':>8}  {'KIND':10}  NAME")
    for t in tasks:
        pct = "" if t.progress.fraction is None else f"{t.progress.fraction * 100:.0f}%"
        print(f"{t.id[:8]:8}  {t.status:10}  {pct:>8}  {t.kind:10}  {t.name}")
    return 0


def _env(action: str) -> int:
    from backend.lightweight_server.environment.status import environment_status

    if action == "install":
        from backend.lightweight_server.environment.install import ensure_environment

        python = ensure_environment()
        print(f"PyTorch environment ready: {python}")
        return 0
    status = environment_status()
    print(f"{status.status}: {status.message}")
    return 0 if status.status == "ready" else 1


def _demo() -> int:
    from backend.common.demo import prepare_demo
    from backend.common.paths import data_dir

    paths = prepare_demo(data_dir())
    if paths is None or paths.audio_dir is None:
        return 1
    print(f"audio: {paths.audio_dir}\njobs: {paths.output_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        from backend.cli.serve import run_serve

        return run_serve(args)
    if args.command == "run":
        from backend.cli.headless import run_headless

        return run_headless(args.kind, args.config)
    if args.command == "tasks":
        return _list_tasks()
    if args.command == "env":
        return _env(args.action)
    return _demo()


if __name__ == "__main__":
    sys.exit(main())
