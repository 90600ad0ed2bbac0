"""The harness every heavy script runs through: one ``--config`` file in, progress lines and an exit
record out (see ARCHITECTURE.md, "Job folder protocol").

A script module keeps only a thin entry point::

    def main(argv=None) -> int:
        return run_script(argv, InferenceConfig, run_inference)

    if __name__ == "__main__":
        raise SystemExit(main())

``run_script`` validates the config before the core (and so before torch) is imported or run; the
core is an importable function ``core(config, reporter)`` that tests can call without a subprocess.
The machinery itself lives in :mod:`backend.common.job_protocol`, because the environment installer
(light side, which may not import the scripts) follows the same protocol.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from backend.common.job_protocol import EXIT_BAD_CONFIG, EXIT_CANCELED, Reporter, run_job

__all__ = ["EXIT_BAD_CONFIG", "EXIT_CANCELED", "Reporter", "run_script"]

ConfigT = TypeVar("ConfigT", bound=BaseModel)


def run_script(
    argv: Sequence[str] | None,
    config_model: type[ConfigT],
    core: Callable[[ConfigT, Reporter], Any],
) -> int:
    """Run ``core`` on the config named by ``--config``; return the exit code.

    Parameters
    ----------
    argv
        Command-line arguments without the program name (``None``: ``sys.argv[1:]``). Exactly
        ``--config PATH`` is accepted.
    config_model
        The pydantic model of the job's config (from :mod:`backend.common.configs`).
    core
        ``core(config, reporter)``, the job itself.

    Returns
    -------
    int
        0 on success, 1 when the job failed, 2 for a bad config, 143 when canceled. The same code is
        written to ``exit.json`` in the job folder.
    """
    prog = None
    main_module = sys.modules.get("__main__")
    spec = getattr(main_module, "__spec__", None)
    if spec is not None and spec.name:
        prog = f"python -m {spec.name}"
    return run_job(argv, config_model, core, prog=prog)
