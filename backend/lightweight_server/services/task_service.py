"""Task use cases: create from a validated config, start, cancel, retry, delete, read logs.

The HTTP routes call these; they never touch the store or the runner directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from backend.common.audio_selection import glob_fixed_prefix
from backend.common.configs import CONFIG_MODELS
from backend.common.job_protocol import LOG_FILE
from backend.lightweight_server.errors import InvalidConfig, InvalidRequest, InvalidTaskState
from backend.lightweight_server.runner.log_tail import tail_lines
from backend.lightweight_server.runner.task_runner import TaskRunner
from backend.lightweight_server.services.path_guard import PathGuard
from backend.lightweight_server.store import Task, TaskStore

USER_KINDS = {"inference", "extraction", "training"}
# config fields holding one path / a list of paths / glob patterns, each checked by the PathGuard
PATH_FIELDS = (
    "audio_dir",
    "audio_list_file",
    "subset_classes_file",
    "output_dir",
    "predictions_dir",
    "model_file",
    "audio_root",
    "metadata_csv",
    "folder_labels_dir",
    "embedding_cache_dir",
    "background_noise_dir",
    "loop_dir",
)
PATH_LIST_FIELDS = ("audio_files", "labelled_annotation_files")
GLOB_FIELDS = ("audio_globs",)


def describe_validation_error(kind: str, exc: ValidationError) -> InvalidConfig:
    """Turn pydantic's error list into one plain message naming each bad field."""
    problems = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "config"
        problems.append(f"{where}: {err['msg']}")
    return InvalidConfig(
        f"The {kind} settings are not valid — " + "; ".join(problems),
        {"fields": [".".join(str(p) for p in e["loc"]) for e in exc.errors()]},
    )


def validate_config(kind: str, config: dict[str, Any]) -> dict[str, Any]:
    """Validate a task config with its schema and return the normalised dict."""
    model: type[BaseModel] | None = CONFIG_MODELS.get(kind)
    if model is None:
        raise InvalidRequest(f"Unknown task kind '{kind}'. Known: {', '.join(sorted(USER_KINDS))}.")
    try:
        return model.model_validate({**config, "kind": kind}).model_dump()
    except ValidationError as exc:
        raise describe_validation_error(kind, exc) from exc


class TaskService:
    """Task operations shared by every transport."""

    def __init__(self, store: TaskStore, runner: TaskRunner, guard: PathGuard) -> None:
        self.store = store
        self.runner = runner
        self.guard = guard

    def create(
        self,
        kind: str,
        config: dict[str, Any],
        name: str | None = None,
        run_in_parallel: bool = False,
        start: bool = False,
        internal: bool = False,
    ) -> Task:
        """Create a task; with ``start`` it is queued at once ("Create and run")."""
        if kind not in USER_KINDS and not internal:
            raise InvalidRequest(f"Tasks of kind '{kind}' cannot be created from a form.")
        clean = self._guard_paths(validate_config(kind, config))
        if clean.get("audio_dir") and not Path(clean["audio_dir"]).is_dir():
            raise InvalidConfig(
                f"The audio folder '{clean['audio_dir']}' does not exist. "
                "Choose an existing folder.",
                {"fields": ["audio_dir"]},
            )
        if clean.get("predictions_dir") and not Path(clean["predictions_dir"]).is_dir():
            raise InvalidConfig(
                f"The predictions folder '{clean['predictions_dir']}' does not exist. "
                "Choose the job folder of a finished inference task.",
                {"fields": ["predictions_dir"]},
            )
        clean["job_dir"] = None
        label = (name or "").strip() or self._default_name(kind, clean)
        task = Task(
            kind=kind,
            name=label,
            config=clean,
            run_in_parallel=run_in_parallel,
            status="queued" if start else "unstarted",
        )
        self.store.add(task)
        if start:
            self.runner.wake()
        return self.store.get(task.id)

    def _guard_paths(self, clean: dict[str, Any]) -> dict[str, Any]:
        """Resolve every path field, refusing those outside the allowed roots."""
        for field in PATH_FIELDS:
            if clean.get(field):
                clean[field] = str(self.guard.check(clean[field], field.replace("_", " ")))
        for field in PATH_LIST_FIELDS:
            if clean.get(field):
                what = field.replace("_", " ").rstrip("s")
                clean[field] = [str(self.guard.check(p, what)) for p in clean[field]]
        for field in GLOB_FIELDS:
            for pattern in clean.get(field) or []:
                self.guard.check(glob_fixed_prefix(pattern), f"folder of the pattern {pattern}")
        self._guard_label_sources(clean)
        if isinstance(clean.get("validation"), dict):
            self._guard_label_sources(clean["validation"])
        return clean

    def _guard_label_sources(self, sources: dict[str, Any]) -> None:
        """Training label sources: every nested path must lie inside the allowed roots."""
        if sources.get("folder_labels_dir"):
            sources["folder_labels_dir"] = str(
                self.guard.check(sources["folder_labels_dir"], "labelled recordings folder")
            )
        for item in sources.get("annotation_files") or []:
            item["path"] = str(self.guard.check(item["path"], "annotation file"))
            if item.get("audio_root"):
                item["audio_root"] = str(self.guard.check(item["audio_root"], "audio root"))
        for item in sources.get("raven_tables") or []:
            item["path"] = str(self.guard.check(item["path"], "Raven selection table"))
            item["audio_file"] = str(self.guard.check(item["audio_file"], "audio file"))

    @staticmethod
    def _default_name(kind: str, config: dict[str, Any]) -> str:
        if kind == "inference":
            model = config.get("model", "Model")
            if config.get("audio_dir"):
                return f"{model} on {Path(config['audio_dir']).name}"
            if config.get("audio_list_file"):
                return f"{model} on {Path(config['audio_list_file']).name}"
            files = config.get("audio_files") or []
            if len(files) == 1:
                return f"{model} on {Path(files[0]).name}"
            return f"{model} on selected recordings"
        if kind == "extraction":
            classes = config.get("classes") or []
            what = classes[0] if len(classes) == 1 else f"{len(classes)} classes"
            return f"Annotation task: {what} from {Path(config['predictions_dir']).name}"
        if kind == "training":
            classes = config.get("classes") or []
            what = ", ".join(classes[:3]) + ("…" if len(classes) > 3 else "") if classes else ""
            if config.get("model_type") == "cnn":
                title = f"Fine-tune {config.get('cnn_architecture', 'resnet18')}"
            else:
                title = f"Train {config.get('head', 'logistic')} classifier"
            return title + (f": {what}" if what else "")
        return kind.replace("_", " ").capitalize()

    def start(self, task_id: str) -> Task:
        task = self.store.get(task_id)
        if task.status != "unstarted":
            raise InvalidTaskState(
                f"'{task.name}' is {task.status}; only unstarted tasks can be started "
                "(use Retry for failed or canceled ones)."
            )
        self.store.update(task_id, status="queued")
        self.runner.wake()
        return self.store.get(task_id)

    def cancel(self, task_id: str) -> Task:
        task = self.store.get(task_id)
        if task.status not in ("unstarted", "queued", "running"):
            raise InvalidTaskState(f"'{task.name}' is already {task.status}.")
        self.runner.cancel(task)
        self.runner.wake()
        return self.store.get(task_id)

    def retry(self, task_id: str) -> Task:
        task = self.store.get(task_id)
        if task.status not in ("failed", "canceled"):
            raise InvalidTaskState(
                f"'{task.name}' is {task.status}; only failed or canceled tasks can be retried."
            )
        self.store.update(
            task_id,
            status="queued",
            attempt=task.attempt + 1,
            error=None,
            exit_code=None,
            ended_at=None,
            progress={"fraction": None, "message": "Queued for retry", "eta_s": None},
        )
        self.runner.wake()
        return self.store.get(task_id)

    def delete(self, task_id: str) -> None:
        task = self.store.get(task_id)
        if task.status == "running":
            raise InvalidTaskState(f"'{task.name}' is running: cancel it before deleting it.")
        self.store.delete(task_id)

    def log_tail(self, task_id: str, lines: int) -> list[str]:
        task = self.store.get(task_id)
        if not task.job_dir:
            return []
        return tail_lines(Path(task.job_dir) / LOG_FILE, max(1, min(lines, 5000)))
