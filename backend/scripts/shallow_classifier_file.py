"""The Dipper shallow-classifier file (``*.dipper.pt``): save, load and apply.

A shallow classifier is a small head (logistic regression or an MLP) on the embeddings of a
pretrained model. Training writes one with :func:`save_shallow_classifier`; inference loads it with
:func:`load_shallow_classifier`, embeds the audio with the named embedding model and applies it.

The file is ``torch.save`` of a plain dict (loadable with ``torch.load(weights_only=True)``, so
opening a file never runs code from it)::

    {
        "format": "dipper-shallow-classifier",
        "version": 1,
        "embedding_model": "BirdNET",        # a model name of the catalog
        "embedding_size": 1024,
        "sample_duration_s": 3.0,            # window length of the embedding model
        "classes": ["a", "b"],
        "head": "logistic" | "mlp",
        "hidden_sizes": [256],               # MLP hidden layer sizes ([] for logistic)
        "state_dict": {...},                 # weights of build_head(...) (torch tensors)
        "input_mean": tensor[embedding_size],  # standardisation: (x - mean) / std
        "input_std": tensor[embedding_size],
        "metadata": {...},                   # free-form JSON-like facts (training data, metrics)
    }

Scores are logits (one per class); the inference script applies the chosen activation.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

FORMAT_NAME = "dipper-shallow-classifier"
FORMAT_VERSION = 1
FILE_SUFFIX = ".dipper.pt"
HeadType = Literal["logistic", "mlp"]
REQUIRED_KEYS = ("embedding_model", "embedding_size", "classes", "head", "state_dict")


class ShallowClassifierFileError(ValueError):
    """The file is not a usable Dipper shallow classifier; the message says why and what to do."""


def build_head(
    embedding_size: int, num_classes: int, head: HeadType, hidden_sizes: Sequence[int] = ()
) -> Any:
    """The torch module of a head: ``Linear`` (logistic) or ``Linear→ReLU→…→Linear`` (MLP).

    Parameters
    ----------
    embedding_size
        Length of the input embedding vectors.
    num_classes
        Number of outputs (one logit per class).
    head
        ``"logistic"`` (one linear layer) or ``"mlp"`` (``hidden_sizes`` hidden layers).
    hidden_sizes
        Sizes of the MLP's hidden layers; must be empty for ``"logistic"``.
    """
    import torch

    if head == "logistic":
        if hidden_sizes:
            raise ShallowClassifierFileError("a logistic head has no hidden layers")
        return torch.nn.Sequential(torch.nn.Linear(embedding_size, num_classes))
    if head != "mlp":
        raise ShallowClassifierFileError(f"unknown head type '{head}' (use logistic or mlp)")
    if not hidden_sizes:
        raise ShallowClassifierFileError("an MLP head needs at least one hidden layer size")
    layers: list[Any] = []
    size = embedding_size
    for hidden in hidden_sizes:
        layers += [torch.nn.Linear(size, int(hidden)), torch.nn.ReLU()]
        size = int(hidden)
    layers.append(torch.nn.Linear(size, num_classes))
    return torch.nn.Sequential(*layers)


@dataclass
class ShallowClassifier:
    """A loaded head with its class names, embedding model and input standardisation."""

    embedding_model: str
    embedding_size: int
    classes: list[str]
    head_type: HeadType
    hidden_sizes: list[int]
    head: Any  # torch.nn.Sequential from build_head
    input_mean: Any  # torch tensor [embedding_size]
    input_std: Any  # torch tensor [embedding_size]
    sample_duration_s: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def scores(self, embeddings: Any) -> Any:
        """Logits ``(n, len(classes))`` (float32 numpy) for ``(n, embedding_size)`` embeddings."""
        import numpy as np
        import torch

        values = np.asarray(embeddings, dtype=np.float32)
        if values.ndim != 2 or values.shape[1] != self.embedding_size:
            raise ShallowClassifierFileError(
                f"the classifier expects {self.embedding_size}-value embeddings of "
                f"{self.embedding_model}, got shape {values.shape}"
            )
        with torch.no_grad():
            x = (torch.from_numpy(values) - self.input_mean) / self.input_std
            return self.head.eval()(x).numpy().astype(np.float32)


def save_shallow_classifier(
    path: Path,
    head: Any,
    classes: Sequence[str],
    embedding_model: str,
    *,
    head_type: HeadType = "logistic",
    hidden_sizes: Sequence[int] = (),
    input_mean: Any = None,
    input_std: Any = None,
    sample_duration_s: float | None = None,
    metadata: dict[str, Any] | None = None,
) -> Path:
    """Write a shallow classifier file atomically (temp file + ``os.replace``).

    Parameters
    ----------
    path
        Target file; by convention it ends in ``.dipper.pt``.
    head
        The trained module, built with :func:`build_head` (same ``head_type``/``hidden_sizes``).
    classes
        Class names, in the order of the head's outputs.
    embedding_model
        Name of the model whose embeddings the head takes (e.g. ``"BirdNET"``).
    head_type, hidden_sizes
        The head's shape, as passed to :func:`build_head`.
    input_mean, input_std
        Per-dimension standardisation applied before the head (``None``: 0 and 1).
    sample_duration_s
        Window length of the embedding model, in seconds.
    metadata
        Free-form facts stored with the model (training data, metrics, date…): plain JSON types.

    Returns
    -------
    Path
        ``path``.
    """
    import torch

    first = next(iter(head.parameters()))
    embedding_size = int(first.shape[1])
    classes = [str(c) for c in classes]
    # a head that does not match its declared shape would fail only at inference: check now
    check = build_head(embedding_size, len(classes), head_type, list(hidden_sizes))
    state = {k: v.detach().cpu().clone() for k, v in head.state_dict().items()}
    try:
        check.load_state_dict(state)
    except RuntimeError as exc:
        raise ShallowClassifierFileError(
            f"the head does not match head_type={head_type}, hidden_sizes={list(hidden_sizes)} "
            f"with {len(classes)} classes: {exc}"
        ) from exc
    mean = torch.zeros(embedding_size) if input_mean is None else torch.as_tensor(input_mean)
    std = torch.ones(embedding_size) if input_std is None else torch.as_tensor(input_std)
    payload = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "embedding_model": embedding_model,
        "embedding_size": embedding_size,
        "sample_duration_s": sample_duration_s,
        "classes": classes,
        "head": head_type,
        "hidden_sizes": [int(h) for h in hidden_sizes],
        "state_dict": state,
        "input_mean": mean.detach().float().cpu().reshape(-1),
        "input_std": std.detach().float().cpu().reshape(-1),
        "metadata": dict(metadata or {}),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        torch.save(payload, tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_payload(path: Path) -> dict[str, Any] | None:
    """The file's dict when it is a Dipper shallow classifier, ``None`` when it is something else.

    Raises
    ------
    ShallowClassifierFileError
        When the file says it is a Dipper classifier but is of a newer version.
    """
    import torch

    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except Exception:  # not a torch file, or one that needs unpickling (e.g. an OSS model)
        return None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        return None
    version = payload.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ShallowClassifierFileError(
            f"{path.name} is a Dipper classifier of format version {version}; this Dipper reads "
            f"version {FORMAT_VERSION}. Update Dipper to use it."
        )
    return payload


def load_shallow_classifier(path: Path) -> ShallowClassifier:
    """Load a ``.dipper.pt`` file.

    Raises
    ------
    ShallowClassifierFileError
        When the file is missing, not a Dipper classifier, or incomplete/corrupt.
    """
    path = Path(path)
    if not path.is_file():
        raise ShallowClassifierFileError(f"The model file {path} does not exist.")
    payload = read_payload(path)
    if payload is None:
        raise ShallowClassifierFileError(
            f"{path.name} is not a Dipper shallow classifier file (or it is damaged)."
        )
    missing = [k for k in REQUIRED_KEYS if k not in payload]
    if missing:
        raise ShallowClassifierFileError(
            f"{path.name} is an incomplete Dipper classifier (missing {', '.join(missing)}); "
            "train it again."
        )
    import torch

    classes = [str(c) for c in payload["classes"]]
    size = int(payload["embedding_size"])
    hidden = [int(h) for h in payload.get("hidden_sizes") or []]
    head = build_head(size, len(classes), payload["head"], hidden)
    try:
        head.load_state_dict(payload["state_dict"])
    except (RuntimeError, TypeError, AttributeError) as exc:
        raise ShallowClassifierFileError(
            f"The weights in {path.name} do not fit its declared head ({payload['head']}, "
            f"{len(classes)} classes): the file is damaged. Train it again."
        ) from exc
    mean = payload.get("input_mean")
    std = payload.get("input_std")
    return ShallowClassifier(
        embedding_model=str(payload["embedding_model"]),
        embedding_size=size,
        classes=classes,
        head_type=payload["head"],
        hidden_sizes=hidden,
        head=head.eval(),
        input_mean=torch.zeros(size) if mean is None else torch.as_tensor(mean).float(),
        input_std=torch.ones(size) if std is None else torch.as_tensor(std).float(),
        sample_duration_s=payload.get("sample_duration_s"),
        metadata=dict(payload.get("metadata") or {}),
    )
