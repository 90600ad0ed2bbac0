"""Run every benchmark in ``bench/`` one after another (``make bench``); prints their tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BENCHES = ["server_startup.py", "task_list_latency.py"]


def main() -> int:
    failed = []
    for name in BENCHES:
        print(f"\n=== {name} ===", flush=True)
        code = subprocess.call([sys.executable, str(BENCH_DIR / name)], cwd=BENCH_DIR.parent)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
