"""Entry point of the frozen ``dipper-server`` executable (see ``dipper_server.spec``).

It is the ``dipper`` command line (``dipper-server serve --port …``), plus one thing a frozen
app lacks: ``dipper-server -m <module> [args…]`` runs a bundled module the way ``python -m`` does.
The task runner starts light jobs (e.g. the torch-environment install) as
``sys.executable -m <module>``, and in a frozen app ``sys.executable`` is this program.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run ``-m <module>`` like ``python -m``, anything else through ``backend.cli.main``."""
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        import runpy

        module = sys.argv[2]
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0
    from backend.cli.main import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
