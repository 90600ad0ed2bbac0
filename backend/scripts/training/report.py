"""The training job's ``report.html``: one self-contained page (inline SVG plots, no scripts).

While training runs the page reloads itself every 3 s (``<meta http-equiv="refresh">``) and shows a
progress bar, elapsed time, ETA, the loss curve and the latest validation AP; the final page (no
refresh) adds the per-class metrics table, the thresholds and calibration plots. Every write goes
through a temp file and ``os.replace``, so a browser never reads half a page.
"""

from __future__ import annotations

import html
import os
import tempfile
import time
from pathlib import Path
from typing import Any

REPORT_FILE = "report.html"
REPORT_EVERY_S = 1.0

STYLE = (
    "body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#eae0d5}"
    "h1,h2{color:#395756}table{border-collapse:collapse;margin:8px 0}"
    "td,th{border:1px solid #c6ac8f;padding:3px 8px;text-align:right}"
    ".bar{width:420px;height:14px;background:#fff;border:1px solid #4f5d75}"
    ".fill{height:100%;background:#395756}.plots svg{margin-right:16px;background:#fff}"
)


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return html.escape(str(value))


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _polyline(points: list[tuple[float, float]], box: tuple[float, float, float, float]) -> str:
    x0, x1, y0, y1 = box
    sx = 360 / (x1 - x0 or 1)
    sy = 180 / (y1 - y0 or 1)
    return " ".join(f"{30 + (x - x0) * sx:.1f},{200 - (y - y0) * sy:.1f}" for x, y in points)


def loss_svg(loss_rows: list[dict[str, Any]]) -> str:
    """Training (dark) and validation (orange) loss against step, as an inline SVG."""
    series = {
        "#395756": [(r["step"], r["train_loss"]) for r in loss_rows],
        "#d36135": [(r["step"], r["val_loss"]) for r in loss_rows if r.get("val_loss") is not None],
    }
    values = [y for pts in series.values() for _, y in pts]
    if not values:
        return "<p>No loss recorded yet.</p>"
    steps = [x for pts in series.values() for x, _ in pts]
    box = (min(steps), max(steps), 0.0, max(values) * 1.05 or 1.0)
    lines = "".join(
        f'<polyline fill="none" stroke="{c}" stroke-width="2" points="{_polyline(p, box)}"/>'
        for c, p in series.items()
        if p
    )
    return (
        '<svg width="400" height="230" role="img" aria-label="loss vs step">'
        '<line x1="30" y1="200" x2="390" y2="200" stroke="#888"/>'
        '<line x1="30" y1="20" x2="30" y2="200" stroke="#888"/>'
        f'<text x="32" y="16" font-size="11">loss (max {box[3]:.3g})</text>'
        f'<text x="300" y="222" font-size="11">step {box[1]:g}</text>'
        '<text x="120" y="222" font-size="11" fill="#395756">train</text>'
        '<text x="170" y="222" font-size="11" fill="#d36135">validation</text>'
        f"{lines}</svg>"
    )


def calibration_svg(name: str, bins: list[dict[str, Any]]) -> str:
    """Observed fraction of positives vs mean score per bin, with the diagonal."""
    points = [
        (b["mean_score"], b["fraction_positive"]) for b in bins if b["mean_score"] is not None
    ]
    dots = "".join(
        f'<circle cx="{30 + x * 180:.1f}" cy="{200 - y * 180:.1f}" r="4" fill="#d36135"/>'
        for x, y in points
    )
    return (
        f'<svg width="220" height="230" role="img" aria-label="calibration of {html.escape(name)}">'
        '<rect x="30" y="20" width="180" height="180" fill="none" stroke="#888"/>'
        '<line x1="30" y1="200" x2="210" y2="20" stroke="#c6ac8f" stroke-dasharray="4"/>'
        f'<text x="32" y="14" font-size="11">{html.escape(name)}: observed vs score</text>'
        f"{dots}</svg>"
    )


def _metrics_table(metrics: dict[str, Any]) -> str:
    head = (
        "<tr><th>class</th><th>positives</th><th>negatives</th><th>AP</th><th>ROC-AUC</th>"
        "<th>threshold for target precision</th></tr>"
    )
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>{m['n_positive']}</td><td>{m['n_negative']}</td>"
        f"<td>{_fmt(m['average_precision'])}</td><td>{_fmt(m['roc_auc'])}</td>"
        f"<td>{_fmt(m['threshold_for_target_precision'])}</td></tr>"
        for name, m in metrics["classes"].items()
    )
    return f"<table>{head}{rows}</table>"


def _threshold_tables(metrics: dict[str, Any]) -> str:
    parts = []
    for name, m in metrics["classes"].items():
        rows = "".join(
            f"<tr><td>{_fmt(t['threshold'], 2)}</td><td>{_fmt(t['precision'])}</td>"
            f"<td>{_fmt(t['recall'])}</td><td>{_fmt(t['f1'])}</td></tr>"
            for t in m["at_thresholds"]
        )
        parts.append(
            f"<h3>{html.escape(name)}</h3><table><tr><th>threshold</th><th>precision</th>"
            f"<th>recall</th><th>F1</th></tr>{rows}</table>"
        )
    return "".join(parts)


def render(state: dict[str, Any]) -> str:
    """The page for ``state``: ``title``, ``running``, ``fraction``, ``message``, ``elapsed_s``,
    ``eta_s``, ``loss_rows``, ``latest`` (dict of short facts) and, at the end, ``metrics``."""
    running = bool(state.get("running"))
    refresh = '<meta http-equiv="refresh" content="3">' if running else ""
    fraction = float(state.get("fraction", 0.0))
    latest = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{_fmt(v)}</td></tr>"
        for k, v in (state.get("latest") or {}).items()
    )
    body = [
        f"<h1>{html.escape(state.get('title', 'Training'))}</h1>",
        f'<div class="bar"><div class="fill" style="width:{fraction * 100:.1f}%"></div></div>',
        f"<p>{fraction * 100:.0f}% — {html.escape(state.get('message', ''))}<br>"
        f"Elapsed {_duration(state.get('elapsed_s'))}"
        + (f", about {_duration(state.get('eta_s'))} left" if running else "")
        + "</p>",
        f"<table>{latest}</table>" if latest else "",
        "<h2>Loss</h2>",
        loss_svg(state.get("loss_rows") or []),
    ]
    metrics = state.get("metrics")
    if metrics:
        body += ["<h2>Validation metrics</h2>", _metrics_table(metrics)]
        body += ["<h2>Precision, recall and F1 at thresholds</h2>", _threshold_tables(metrics)]
        plots = "".join(calibration_svg(n, m["calibration"]) for n, m in metrics["classes"].items())
        body += ["<h2>Calibration (10 score bins)</h2>", f'<div class="plots">{plots}</div>']
    return (
        f'<!doctype html><html><head><meta charset="utf-8">{refresh}'
        f"<title>{html.escape(state.get('title', 'Training'))}</title><style>{STYLE}</style>"
        f"</head><body>{''.join(body)}</body></html>"
    )


def write_report(path: Path, state: dict[str, Any]) -> None:
    """Write the page for ``state`` to ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(render(state))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class LiveReport:
    """Keeps the report's state and rewrites ``report.html`` at most once per second.

    Parameters
    ----------
    path
        The page to write (``None``: keep the state only, e.g. without a job folder).
    title
        The page's heading.
    """

    def __init__(self, path: Path | None, title: str) -> None:
        self.path = path
        self.started = time.monotonic()
        self.state: dict[str, Any] = {"title": title, "running": True, "loss_rows": []}
        self._last = 0.0

    def update(self, fraction: float, message: str, force: bool = False, **facts: Any) -> None:
        """Set progress, message, elapsed time and ETA (and ``facts``); rewrite when due."""
        elapsed_s = time.monotonic() - self.started
        eta_s = elapsed_s * (1 - fraction) / fraction if fraction > 0.02 else None
        self.state.update(fraction=fraction, message=message, elapsed_s=elapsed_s, eta_s=eta_s)
        self.state.update(facts)
        if self.path is not None and (force or time.monotonic() - self._last >= REPORT_EVERY_S):
            self._last = time.monotonic()
            write_report(self.path, self.state)
