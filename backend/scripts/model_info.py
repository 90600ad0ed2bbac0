"""Describe a local model file: ``python -m backend.scripts.model_info --path FILE``.

Run by the lightweight server (``POST /api/models/inspect``) in the torch environment, as a short
subprocess rather than a task. Prints exactly one result line on stdout::

    DIPPER_MODEL_INFO {"ok": true, "info": {"kind": ..., "classes": [...], ...}}
    DIPPER_MODEL_INFO {"ok": false, "error": "plain words"}

and exits 0 (a model) or 1 (not one). Library chatter goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

RESULT_PREFIX = "DIPPER_MODEL_INFO "


def describe(path: Path) -> dict:
    """``{"ok": True, "info": {...}}`` for a model file, ``{"ok": False, "error": str}`` else."""
    from backend.scripts.inference_model import ModelUnavailable
    from backend.scripts.local_models import inspect_local_model

    try:
        return {"ok": True, "info": inspect_local_model(path)}
    except ModelUnavailable as exc:
        return {"ok": False, "error": str(exc)}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the description of ``--path`` as one ``DIPPER_MODEL_INFO`` line."""
    parser = argparse.ArgumentParser(
        prog="python -m backend.scripts.model_info", description="Describe a local model file."
    )
    parser.add_argument("--path", required=True, help="absolute path of the model file")
    args = parser.parse_args(argv)
    stdout = sys.stdout
    with contextlib.redirect_stdout(sys.stderr):  # keep library prints off the result channel
        try:
            result = describe(Path(args.path).expanduser())
        except Exception as exc:  # an unexpected failure still gets a plain answer
            result = {"ok": False, "error": f"Could not read the model file: {exc}"}
    stdout.write(RESULT_PREFIX + json.dumps(result, default=str) + "\n")
    stdout.flush()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
