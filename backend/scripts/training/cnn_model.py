"""Build the OpenSoundscape CNN a training config describes (torch + opensoundscape).

The CNN reads mono audio resampled to ``CNN_SAMPLE_RATE_HZ`` (32 kHz), cut into
``clip_duration_s`` clips, as a 224 × 224 one-channel spectrogram limited to the bandpass range.
Augmentations (training only; inference bypasses them): background-noise overlay
(:mod:`.noise_overlay`), time masking (short stretches of audio replaced by noise) and frequency
masking (horizontal bands of the spectrogram) as chosen in the config, plus OpenSoundscape's
default random gain, random noise, random time shift and random trim. Architectures are built by
name; ``cnn_pretrained`` starts from torchvision's ImageNet weights, which are downloaded once
into the torch cache — offline that fails with :class:`PretrainedWeightsUnavailable`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from backend.common.training_config import CNN_SAMPLE_RATE_HZ, TrainingConfig
from backend.scripts.training.noise_overlay import noise_overlay_action

INPUT_SIZE_PX = 224


class PretrainedWeightsUnavailable(RuntimeError):
    """ImageNet weights were asked for but cannot be downloaded (offline)."""


def build_cnn(config: TrainingConfig, classes: list[str], noise: pd.DataFrame | None) -> Any:
    """A new ``opensoundscape.CNN`` for ``classes`` with the config's preprocessing.

    Parameters
    ----------
    config
        The training config (architecture, pretrained, clip length, bandpass, augmentation).
    classes
        The class names (one output each).
    noise
        The background-noise clips (:func:`.noise_overlay.noise_clips`), or ``None``.

    Raises
    ------
    PretrainedWeightsUnavailable
        ``cnn_pretrained`` is on and the weights cannot be downloaded.
    """
    from opensoundscape.ml.cnn import CNN

    try:
        model = CNN(
            config.cnn_architecture,
            classes=list(classes),
            sample_duration=config.clip_duration_s,
            sample_rate=CNN_SAMPLE_RATE_HZ,
            arch_weights="DEFAULT" if config.cnn_pretrained else None,
            height=INPUT_SIZE_PX,
            width=INPUT_SIZE_PX,
            bandpass_range=config.bandpass_range_hz(),
        )
    except OSError as exc:  # urllib's URLError: no internet for the weights download
        if not config.cnn_pretrained:
            raise
        raise PretrainedWeightsUnavailable(
            f"Could not download the pretrained ImageNet weights of {config.cnn_architecture} "
            f"({exc}). This computer seems to be offline: turn 'pretrained' off to train from "
            "random weights, or run once with internet access (the weights are then kept in "
            "the torch cache)."
        ) from exc
    set_augmentations(model.preprocessor, config, noise)
    return model


def set_augmentations(
    preprocessor: Any, config: TrainingConfig, noise: pd.DataFrame | None
) -> None:
    """Switch the preprocessor's masking on or off and put in the noise overlay."""
    pipeline = preprocessor.pipeline
    pipeline["time_mask"].bypass = not config.augment_time_mask
    pipeline["frequency_mask"].bypass = not config.augment_frequency_mask
    if noise is not None and config.augment_noise_overlay:
        pipeline["overlay"] = noise_overlay_action(noise, config.clip_duration_s)
    else:
        pipeline["overlay"].bypass = True


def drop_noise_overlay(preprocessor: Any) -> None:
    """Empty the overlay before saving: the saved model must not depend on the noise files."""
    overlay = preprocessor.pipeline["overlay"]
    overlay.overlay_df = None
    overlay.bypass = True
