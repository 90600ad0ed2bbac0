"""Training: a shallow classifier on embeddings of labelled windows (``python -m`` this package)."""
