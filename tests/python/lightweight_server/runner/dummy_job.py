"""A stand-in job for runner tests: real subprocess, real progress lines, real exit record.

Config keys: steps, step_s, fail (bool), spawn_child (bool), job_dir.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[4]))
from backend.common.job_protocol import format_progress_line, write_exit_record  # noqa: E402

config = json.loads(Path(sys.argv[sys.argv.index("--config") + 1]).read_text())
job_dir = Path(config["job_dir"])
with open(job_dir / "runs.txt", "a") as fh:
    fh.write(f"run pid={__import__('os').getpid()}\n")
if config.get("spawn_child"):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    (job_dir / "child.pid").write_text(str(child.pid))
steps = int(config.get("steps", 5))
for i in range(steps):
    time.sleep(float(config.get("step_s", 0.1)))
    print(format_progress_line((i + 1) / steps, f"step {i + 1}/{steps}"), flush=True)
if config.get("fail"):
    print("Something broke: the dummy job was told to fail", file=sys.stderr, flush=True)
    write_exit_record(job_dir, 1, "the dummy job was told to fail")
    sys.exit(1)
(job_dir / "output.txt").write_text("done")
write_exit_record(job_dir, 0)
