"""``dipper serve``: run the lightweight server (browser mode or the Electron sidecar)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import webbrowser
from pathlib import Path

from aiohttp import web

from backend.lightweight_server.app import create_app
from backend.lightweight_server.settings import ServerSettings


def free_port(host: str) -> int:
    """Ask the OS for an unused TCP port on ``host``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _has_desktop() -> bool:
    """Only open a browser where there is a screen (never a text browser in this terminal)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


async def serve(settings: ServerSettings, host: str, port: int, open_browser: bool) -> None:
    """Serve until SIGINT/SIGTERM, then stop cleanly (running jobs keep running)."""
    app = create_app(settings)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        raise SystemExit(
            f"Dipper could not listen on {host}:{port} ({exc.strerror}). "
            "Another program may use that port: try --port with another number."
        ) from exc
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "") else host
    url = f"http://{shown_host}:{port}/"
    if settings.token:
        url += f"?token={settings.token}"
    print(f"Dipper is running at {url}", flush=True)
    print("Keep this window open while you use Dipper; press Ctrl+C to stop.", flush=True)
    if open_browser and _has_desktop():
        with contextlib.suppress(Exception):
            webbrowser.open(url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        print("Stopping Dipper…", flush=True)
        await runner.cleanup()


def run_serve(args) -> int:
    """Entry for the ``serve`` subcommand."""
    host = args.host
    port = args.port if args.port else free_port(host)
    roots = [Path(r) for r in (args.root or [])]
    settings = ServerSettings(token=args.token or ServerSettings().token, allowed_roots=roots)
    if args.no_token:
        settings.token = None
    if args.demo:
        from backend.common.demo import prepare_demo

        paths = prepare_demo(settings.data_dir)
        if paths is not None and paths.audio_dir is not None:
            print(f"Demo recordings: {paths.audio_dir}", flush=True)
    try:
        asyncio.run(serve(settings, host, port, open_browser=not args.no_browser))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(0)
