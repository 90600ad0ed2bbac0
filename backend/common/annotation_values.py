"""What the ``annotation`` cell of an annotation task CSV means, in both review modes.

Binary tasks hold one of ``yes``, ``no``, ``uncertain`` or an empty cell (not reviewed yet).
Multiclass tasks hold a Python-style list of class names: ``['a', 'b']`` (these classes are
present), ``[]`` (reviewed: none of the classes) or an empty cell (not reviewed yet).

Parsing is tolerant with what people and other tools write (``["a", "b"]``, extra spaces, class
names holding commas or quotes, unquoted ``[a, b]``) and never evaluates code: list literals go
through ``ast.literal_eval`` only. Formatting always writes the canonical Python ``repr`` of a list
of strings, which ``parse_multiclass`` reads back exactly.
"""

from __future__ import annotations

import ast

BINARY_LABELS: tuple[str, ...] = ("yes", "no", "uncertain")
MAX_ANNOTATION_CHARS = 20_000


def parse_binary(cell: str | None) -> str | None:
    """Read a binary annotation cell.

    Parameters
    ----------
    cell
        The raw CSV cell (``None`` or blank means not reviewed).

    Returns
    -------
    str or None
        ``"yes"``, ``"no"`` or ``"uncertain"``; ``None`` when the clip is not reviewed.

    Raises
    ------
    ValueError
        When the cell holds anything else (the message lists the allowed values).
    """
    text = (cell or "").strip().lower()
    if text == "":
        return None
    if text in BINARY_LABELS:
        return text
    raise ValueError(
        f"'{cell}' is not a binary label: use yes, no, uncertain, or leave the cell empty."
    )


def _split_unquoted(inner: str) -> list[str]:
    parts = [part.strip().strip("'\"").strip() for part in inner.split(",")]
    return [part for part in parts if part]


def parse_multiclass(cell: str | None) -> list[str] | None:
    """Read a multiclass annotation cell into a list of class names.

    Parameters
    ----------
    cell
        The raw CSV cell, e.g. ``"['a', 'b']"``, ``'["a","b"]'``, ``"[]"`` or ``""``.

    Returns
    -------
    list of str or None
        The classes in the order written (duplicates removed); ``[]`` when the clip was reviewed
        and holds none of the classes; ``None`` when the clip is not reviewed (empty cell).

    Raises
    ------
    ValueError
        When the cell is not a list of class names (the message shows the expected form).
    """
    text = (cell or "").strip()
    if text == "":
        return None
    if len(text) > MAX_ANNOTATION_CHARS:
        raise ValueError("The annotation cell is too long to be a list of classes.")
    if not (text.startswith("[") and text.endswith("]")):
        raise ValueError(
            f"'{cell}' is not a list of classes: write it like ['a', 'b'], [] for none, "
            "or leave the cell empty when the clip is not reviewed."
        )
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = _split_unquoted(text[1:-1])
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"'{cell}' is not a list of classes: write it like ['a', 'b'].")
    classes: list[str] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (str, int, float)):
            raise ValueError(f"'{cell}' holds {item!r}, which is not a class name.")
        name = str(item).strip()
        if name and name not in classes:
            classes.append(name)
    return classes


def format_multiclass(classes: list[str] | None) -> str:
    """Write a multiclass annotation cell.

    Parameters
    ----------
    classes
        Class names present in the clip; ``[]`` for reviewed-with-none; ``None`` for not reviewed.

    Returns
    -------
    str
        ``"['a', 'b']"`` (Python ``repr``, quotes and commas inside names escaped), ``"[]"`` or
        ``""``.
    """
    if classes is None:
        return ""
    return repr([str(name) for name in classes])


def is_valid_annotation(cell: str) -> bool:
    """True when ``cell`` is a valid binary label, multiclass list or empty cell."""
    try:
        parse_binary(cell)
        return True
    except ValueError:
        pass
    try:
        parse_multiclass(cell)
        return True
    except ValueError:
        return False


def clip_verdict(cell: str | None, target_class: str | None = None) -> str:
    """Reduce one annotation cell to ``"yes"``, ``"no"``, ``"uncertain"`` or ``"unlabeled"``.

    Binary cells map to themselves (empty → ``"unlabeled"``). A multiclass list counts as ``"yes"``
    when it holds ``target_class`` (or, with no target class, any class), else ``"no"``; an empty
    multiclass cell is ``"unlabeled"``. Cells that are neither form count as ``"unlabeled"``.

    Parameters
    ----------
    cell
        The raw annotation cell.
    target_class
        For multiclass tasks: the class whose presence counts as a detection.
    """
    text = (cell or "").strip()
    if text.startswith("["):
        try:
            classes = parse_multiclass(text)
        except ValueError:
            return "unlabeled"
        if classes is None:
            return "unlabeled"
        present = (target_class in classes) if target_class is not None else bool(classes)
        return "yes" if present else "no"
    try:
        label = parse_binary(text)
    except ValueError:
        return "unlabeled"
    return label if label is not None else "unlabeled"
