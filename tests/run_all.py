"""Run every check and test suite, then print one closing line: ``total: N passed, N failed``.

Suites: lint (ruff, formatting, import rules, ESLint/Prettier, tsc), pytest, vitest, node's test
runner for the Electron shell, and Playwright in Chromium. Each suite's own summary is parsed; a
suite that crashes or collects no tests counts as a failure, so CI can never pass on nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"

LINT_STEPS = [
    ("ruff check", [str(VENV_BIN / "ruff"), "check", "backend", "tests", "bench", "build"]),
    (
        "ruff format",
        [str(VENV_BIN / "ruff"), "format", "--check", "backend", "tests", "bench", "build"],
    ),
    ("import rules", [str(VENV_BIN / "lint-imports")]),
    ("mypy", [str(VENV_BIN / "mypy"), "backend"]),
    ("eslint+prettier", ["npm", "run", "--silent", "lint"]),
    ("tsc", ["npm", "run", "--silent", "typecheck"]),
]

SUITES = [
    ("pytest", [str(VENV_BIN / "pytest"), "tests/python", "-q", "-p", "no:cacheprovider"]),
    ("vitest", ["npm", "test", "--silent", "-w", "frontend"]),
    ("node (electron)", ["npm", "test", "--silent", "-w", "electron"]),
    ("playwright", ["node", "tests/e2e/run.mjs"]),
]


def run(cmd: list[str]) -> tuple[int, str]:
    """Run a command, echoing its output live, and return (exit code, output)."""
    env = dict(os.environ, FORCE_COLOR="0", NO_COLOR="1")
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    out = []
    assert proc.stdout is not None
    for line in proc.stdout:
        sys.stdout.write(line)
        out.append(line)
    return proc.wait(), "".join(out)


def count(name: str, output: str) -> tuple[int, int]:
    """(passed, failed) from a runner's own summary lines."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", output)
    if name == "pytest":
        tail = text.strip().splitlines()[-1] if text.strip() else ""
        passed = sum(int(n) for n in re.findall(r"(\d+) passed", tail))
        failed = sum(int(n) for n in re.findall(r"(\d+) (?:failed|errors?)\b", tail))
        return passed, failed
    if name.startswith("node"):
        passed = sum(int(n) for n in re.findall(r"^# pass (\d+)", text, re.M))
        failed = sum(int(n) for n in re.findall(r"^# fail (\d+)", text, re.M))
        return passed, failed
    found = re.findall(r"^(\d+) passed, (\d+) failed", text, re.M)
    return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)


def main() -> int:
    total_passed = total_failed = 0
    report = []
    for label, cmd in LINT_STEPS:
        print(f"\n===== lint: {label} =====", flush=True)
        code, _ = run(cmd)
        ok = code == 0
        total_passed += ok
        total_failed += not ok
        report.append(f"lint {label}: {'ok' if ok else 'FAILED'}")
    for label, cmd in SUITES:
        print(f"\n===== {label} =====", flush=True)
        start = time.monotonic()
        code, output = run(cmd)
        passed, failed = count(label, output)
        if code != 0 and failed == 0:
            failed = 1  # crashed, or its runner failed without counting
        if passed == 0 and failed == 0:
            print(f"{label}: no tests were collected — treating as a failure", flush=True)
            failed = 1
        total_passed += passed
        total_failed += failed
        report.append(
            f"{label}: {passed} passed, {failed} failed ({time.monotonic() - start:.0f} s)"
        )
    print("\n===== summary =====")
    print("\n".join(report))
    print(f"total: {total_passed} passed, {total_failed} failed", flush=True)
    return 1 if total_failed else 0


if __name__ == "__main__":
    sys.exit(main())
