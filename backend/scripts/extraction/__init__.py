"""Clip extraction: turn inference outputs into annotation tasks (see docs/extraction.md).

Modules: ``loading`` (read dense/sparse predictions, chosen columns only; ``dense_csv`` streams
CSVs), ``filters`` (recorder timestamps, date and time-of-day windows), ``strata``,
``group_ranking`` + ``strategies`` (per-stratum draws), ``selection`` (the engine), ``clips``
(audio clips), ``outputs`` (annotation CSVs, summary, staged writes), ``run`` (the job).
"""
