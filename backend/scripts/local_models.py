"""Local model files for inference: OpenSoundscape models and Dipper shallow classifiers.

:func:`load_local_model` opens the file named by ``InferenceConfig.model_file`` and returns an
object the inference script runs like a zoo model (``classes`` plus ``predict`` or
``predict_files``):

- an OpenSoundscape model (the output of ``CNN.save()``, pickled or not), loaded with
  ``opensoundscape.ml.cnn.load_model`` and run with its own preprocessing;
- a Dipper shallow classifier (``*.dipper.pt``, :mod:`backend.scripts.shallow_classifier_file`):
  the audio is embedded with its embedding model (BirdNET offline, fast path), then the head is
  applied (:class:`ShallowClassifierModel`). With ``cache_embeddings`` (default) the BirdNET
  embedding of every window is also kept in the embedding cache (:func:`keep_embeddings`), so
  training and Extraction's diversity/hybrid strategies find it there.

:func:`inspect_local_model` describes a file (kind, classes, window length, architecture) for the
form. Anything else fails at once with :class:`ModelUnavailable` and a plain message.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from backend.common.configs import InferenceConfig
from backend.common.model_catalog import catalog_model, write_cached_classes
from backend.common.paths import data_dir
from backend.scripts.inference_model import ModelUnavailable, birdnet_files, load_model
from backend.scripts.job_io import Reporter
from backend.scripts.shallow_classifier_file import (
    ShallowClassifier,
    ShallowClassifierFileError,
    load_shallow_classifier,
    read_payload,
)

TORCH_ZIP_MAGIC = b"PK\x03\x04"
PICKLE_MAGIC = b"\x80"
KIND_OSS = "opensoundscape"
KIND_DIPPER = "dipper-shallow-classifier"
NOT_A_MODEL_HINT = (
    "Choose a file saved by OpenSoundscape (model.save(...)) or a Dipper model (*.dipper.pt) "
    "trained in the Training tab."
)


class ShallowClassifierModel:
    """Embedding model + Dipper head, with the ``predict_files`` interface of the fast path.

    Parameters
    ----------
    classifier
        The loaded head (:func:`load_shallow_classifier`).
    embedder
        The embedding model: a ``BirdNETEmbedder`` (``embed_files``) or a BMZ model (``embed``).
    """

    def __init__(self, classifier: ShallowClassifier, embedder: Any) -> None:
        self.classifier = classifier
        self.embedder = embedder
        self.classes = list(classifier.classes)
        self.sample_duration = classifier.sample_duration_s
        self.embedding_cache: Any = None  # an EmbeddingCache once cache_embeddings_in is called
        self._log: Callable[[str], None] = print

    def cache_embeddings_in(self, folder: Path, log: Callable[[str], None]) -> bool:
        """Keep every window's embedding in the embedding cache at ``folder`` (one atomic write
        per recording), for training and Extraction's diversity/hybrid strategies.

        Only BirdNET on the fast path qualifies: its windows are those of
        :class:`~backend.scripts.training.window_embedder.WindowEmbedder`. Returns whether the
        cache is on.
        """
        from backend.scripts.training.embedding_cache import EmbeddingCache
        from backend.scripts.training.window_embedder import WindowEmbedder

        if self.classifier.embedding_model != WindowEmbedder.model_name:
            return False
        if not hasattr(self.embedder, "embed_files"):
            return False
        self.embedding_cache = EmbeddingCache(
            folder, WindowEmbedder.model_name, WindowEmbedder.window_s
        )
        self._log = log
        return True

    def _store_embeddings(self, embeddings: Any) -> None:
        """Merge the windows of ``embeddings`` into the cache, one file per recording; a write
        that fails turns the cache off with one log line (inference goes on)."""
        values = embeddings.to_numpy(dtype="float32")
        files = embeddings.index.get_level_values(0)
        starts = embeddings.index.get_level_values(1)
        by_file: dict[str, list[int]] = {}
        for i, file in enumerate(files):
            by_file.setdefault(str(file), []).append(i)
        try:
            for file, positions in by_file.items():
                cached = self.embedding_cache.load(file)
                cached.update({round(float(starts[i]), 3): values[i] for i in positions})
                self.embedding_cache.store(file, cached)
        except OSError as exc:
            self._log(f"Could not write the embedding cache ({exc}); embeddings are not kept.")
            self.embedding_cache = None

    def predict_files(
        self,
        files: Sequence[str],
        batch_size: int = 32,
        overlap_fraction: float | None = None,
        on_file: Callable[[int], None] | None = None,
        num_workers: int = 0,
        **_ignored: Any,
    ) -> tuple[Any, set[str]]:
        """Logits of the head for every window of ``files`` and the files that could not be read."""
        import pandas as pd

        files = list(files)
        if hasattr(self.embedder, "embed_files"):
            embeddings, invalid = self.embedder.embed_files(
                files, batch_size=batch_size, overlap_fraction=overlap_fraction, on_file=on_file
            )
        else:  # a BMZ model: opensoundscape skips unreadable files (the caller lists them)
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*raised errors and were skipped.*")
                embeddings = self.embedder.embed(
                    files,
                    batch_size=batch_size,
                    num_workers=num_workers,
                    progress_bar=False,
                    overlap_fraction=overlap_fraction,
                )
            invalid = set()
        if self.embedding_cache is not None and len(embeddings):
            self._store_embeddings(embeddings)
        scores = self.classifier.scores(embeddings.to_numpy())
        frame = pd.DataFrame(scores, index=embeddings.index, columns=self.classes)
        return frame, set(invalid)


def load_local_model(path: Path, reporter: Reporter) -> Any:
    """The model in ``path``, ready for inference.

    Raises
    ------
    ModelUnavailable
        When the file is missing, not a model, damaged, or needs an embedding model that cannot
        be loaded here; the message says what to do.
    """
    path = Path(path)
    _check_file(path)
    try:
        payload = read_payload(path)
    except ShallowClassifierFileError as exc:
        raise ModelUnavailable(str(exc)) from exc
    if payload is not None:
        try:
            classifier = load_shallow_classifier(path)
        except ShallowClassifierFileError as exc:
            raise ModelUnavailable(str(exc)) from exc
        embedder = load_embedder(classifier.embedding_model, reporter)
        reporter.log(
            f"Model: Dipper {classifier.head_type} classifier {path.name} "
            f"({len(classifier.classes)} classes) on {classifier.embedding_model} embeddings"
        )
        return ShallowClassifierModel(classifier, embedder)
    model = load_opensoundscape_model(path)
    reporter.log(
        f"Model: OpenSoundscape {type(model).__name__} {path.name} ({len(model.classes)} classes, "
        f"{model.preprocessor.sample_duration} s windows)"
    )
    return model


def load_embedder(name: str, reporter: Reporter) -> Any:
    """The embedding model called ``name``: BirdNET's fast embedder, else the BMZ model."""
    if name == "BirdNET":
        from backend.scripts.birdnet_embed import BirdNETEmbedder

        tflite_path, label_path = birdnet_files()
        threads = max(1, os.cpu_count() or 1)
        reporter.log(f"Embedding model: BirdNET 2.4 ({threads} TFLite threads)")
        return BirdNETEmbedder(tflite_path, label_path, num_threads=threads)
    model = load_model(name, reporter)
    if not hasattr(model, "embed"):
        raise ModelUnavailable(f"The embedding model {name} cannot compute embeddings.")
    return model


def load_opensoundscape_model(path: Path) -> Any:
    """An OpenSoundscape model saved with ``.save()``; :class:`ModelUnavailable` otherwise.

    A model saved as a dict (``pickle=False``, the default) is rebuilt here without pretrained
    ImageNet weights: ``opensoundscape.ml.cnn.load_model`` would download them first (only to
    overwrite them with the saved weights), which fails offline.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # version-mismatch notes; the model still loads
            model = _load_oss(path)
    except Exception as exc:
        raise ModelUnavailable(
            f"{path.name} is not a model file Dipper can open ({_short(exc)}). {NOT_A_MODEL_HINT}"
        ) from exc
    if not hasattr(model, "predict") or not hasattr(model, "classes"):
        raise ModelUnavailable(
            f"{path.name} holds a {type(model).__name__}, not an OpenSoundscape model. "
            f"{NOT_A_MODEL_HINT}"
        )
    return model


def _load_oss(path: Path) -> Any:
    import torch
    from opensoundscape.ml import cnn
    from packaging.version import Version

    content = torch.load(path, map_location="cpu", weights_only=False)
    if not isinstance(content, dict):
        return cnn.load_model(str(path), device="cpu")  # a pickled model object
    saved_version = content.get("opensoundscape_version")
    if "weights" not in content or saved_version is None:
        raise ValueError("the file holds a dict that is not an OpenSoundscape model")
    if Version(str(saved_version)) < Version("0.13.0"):
        return cnn.load_model(str(path), device="cpu")  # OpenSoundscape's legacy conversion
    content = dict(content)
    content.pop("opensoundscape_version")
    model_cls = cnn.MODEL_CLS_DICT[content.pop("class", "opensoundscape.ml.cnn.CNN")]
    weights = content.pop("weights")
    if isinstance(content.get("architecture"), str):
        content["arch_weights"] = None  # the saved weights replace them anyway
    model = model_cls(**content)
    model.network.load_state_dict(weights)
    model.network.to("cpu")
    return model


def inspect_local_model(path: Path) -> dict[str, Any]:
    """What the form shows about a model file: kind, classes, window length, architecture.

    Raises
    ------
    ModelUnavailable
        When the file is not a model Dipper can run.
    """
    path = Path(path)
    _check_file(path)
    try:
        payload = read_payload(path)
        if payload is not None:
            classifier = load_shallow_classifier(path)
            return {
                "path": str(path),
                "kind": KIND_DIPPER,
                "classes": classifier.classes,
                "num_classes": len(classifier.classes),
                "sample_duration_s": classifier.sample_duration_s,
                "sample_rate_hz": None,
                "architecture": f"{classifier.head_type} head"
                + (f" {classifier.hidden_sizes}" if classifier.hidden_sizes else ""),
                "embedding_model": classifier.embedding_model,
                "metadata": classifier.metadata,
            }
    except ShallowClassifierFileError as exc:
        raise ModelUnavailable(str(exc)) from exc
    model = load_opensoundscape_model(path)
    sample_rate = getattr(model.preprocessor, "sample_rate", None)
    return {
        "path": str(path),
        "kind": KIND_OSS,
        "classes": [str(c) for c in model.classes],
        "num_classes": len(model.classes),
        "sample_duration_s": float(model.preprocessor.sample_duration),
        "sample_rate_hz": int(sample_rate) if sample_rate else None,
        "architecture": _architecture_name(model),
        "embedding_model": None,
        "metadata": {"model_class": type(model).__name__},
    }


def _check_file(path: Path) -> None:
    if not path.is_absolute():
        raise ModelUnavailable(f"The model file path '{path}' must be an absolute path.")
    if not path.exists():
        raise ModelUnavailable(f"The model file {path} does not exist.")
    if not path.is_file():
        raise ModelUnavailable(f"{path} is a folder; choose the model file inside it.")
    if path.stat().st_size == 0:
        raise ModelUnavailable(f"The model file {path} is empty. {NOT_A_MODEL_HINT}")
    with path.open("rb") as handle:
        head = handle.read(4)
    # torch.save writes a zip archive (or, in old files, a pickle): anything else fails at once,
    # before torch and opensoundscape are imported
    if head != TORCH_ZIP_MAGIC and head[:1] != PICKLE_MAGIC:
        raise ModelUnavailable(
            f"{path.name} is not a model file Dipper can open (it is not a PyTorch file). "
            f"{NOT_A_MODEL_HINT}"
        )


def _architecture_name(model: Any) -> str:
    name = getattr(model.network, "constructor_name", None) or getattr(
        model, "architecture_name", None
    )
    return str(name) if name else type(model.network).__name__


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def keep_embeddings(model: Any, config: InferenceConfig, reporter: Reporter) -> None:
    """Turn on the embedding cache of a Dipper classifier when ``config.cache_embeddings``."""
    if not config.cache_embeddings or not isinstance(model, ShallowClassifierModel):
        return
    folder = Path(config.embedding_cache_dir or data_dir() / "embedding_cache")
    if model.cache_embeddings_in(folder, reporter.log):
        reporter.log(f"Embeddings of every window are kept in {folder} (training, active learning)")


def model_label(config: InferenceConfig) -> str:
    """How logs name the model of ``config``: the local file's name, else the zoo name."""
    return Path(config.model_file).name if config.model_file else config.model


def remember_zoo_classes(name: str, model: Any, reporter: Reporter) -> None:
    """Cache the class list of zoo model ``name`` for the form (see ``model_catalog``).

    Only names in the catalog are cached, and a failure to write is only logged.
    """
    if catalog_model(name) is None or not hasattr(model, "classes"):
        return
    try:
        write_cached_classes(name, [str(c) for c in model.classes])
    except OSError as exc:
        reporter.log(f"Could not cache the class list of {name}: {exc}")
