"""A stand-in job that records (a hash of) the W&B key it was given, never the key itself."""

import hashlib
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from backend.common.job_protocol import write_exit_record  # noqa: E402

config = json.loads(Path(sys.argv[sys.argv.index("--config") + 1]).read_text())
job_dir = Path(config["job_dir"])
key = os.environ.get("WANDB_API_KEY")
probe = {
    "has_key": key is not None,
    "key_sha256": hashlib.sha256(key.encode()).hexdigest() if key else None,
}
(job_dir / "env_probe.json").write_text(json.dumps(probe))
if config.get("wandb"):  # what the inference script leaves after an offline W&B run
    run_dir = str(job_dir / "wandb" / "offline-run-x")
    info = {"url": None, "run_dir": run_dir, "mode": "offline"}
    (job_dir / "wandb_run.json").write_text(json.dumps(info))
print("probe done", flush=True)
write_exit_record(job_dir, 0)
