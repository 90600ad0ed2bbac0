/**
 * Geometry of the learning-curve plot: labels used (x) against held-out average precision (y, 0–1),
 * as SVG coordinates. Pure functions, so the plot component only draws.
 */
import type { CurvePoint, LearningCurve } from '@/api/loop-schemas';

/** Plot size and margins in SVG user units (the SVG scales to its container's width). */
export const PLOT = { width: 640, height: 280, left: 48, right: 16, top: 12, bottom: 40 } as const;

/** One drawn series: its name, SVG points and path. */
export interface PlotSeries {
  name: string;
  /** True for the mean over classes (drawn thicker, first in the legend). */
  isMean: boolean;
  /** Position of the class in the class list (stable colours); -1 for the mean. */
  classIndex: number;
  points: { x: number; y: number; point: CurvePoint }[];
  /** SVG path data (`M x y L x y …`); empty for no points. */
  path: string;
}

export interface PlotGeometry {
  series: PlotSeries[];
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
}

/**
 * Round tick values covering 0…max: steps of 1, 2 or 5 × 10^k, about `target` of them.
 * @param max - Largest value to cover (≥ 0).
 * @param target - Wanted number of intervals.
 */
export function niceTicks(max: number, target = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step * 1e9) / 1e9);
}

/**
 * Lay out the curve: the mean first, then one series per class (in `classes` order).
 * @param curve - From `GET /api/loop`.
 * @param classes - The classes to draw (the mean is always drawn when it has points).
 */
export function plotGeometry(curve: LearningCurve, classes: string[]): PlotGeometry {
  const named = [
    { name: 'Mean', isMean: true, classIndex: -1, points: curve.mean },
    ...classes.map((name, classIndex) => ({
      name,
      isMean: false,
      classIndex,
      points: curve.per_class[name] ?? [],
    })),
  ];
  const maxLabels = Math.max(0, ...named.flatMap((s) => s.points.map((p) => p.n_labels)));
  const xValues = niceTicks(maxLabels);
  const xMax = xValues[xValues.length - 1] ?? 1;
  const innerWidth = PLOT.width - PLOT.left - PLOT.right;
  const innerHeight = PLOT.height - PLOT.top - PLOT.bottom;
  const toX = (n: number) => PLOT.left + (n / xMax) * innerWidth;
  const toY = (ap: number) => PLOT.top + (1 - Math.min(1, Math.max(0, ap))) * innerHeight;

  const series = named
    .filter((s) => s.points.length > 0)
    .map(({ name, isMean, classIndex, points }) => {
      const placed = points.map((point) => ({
        x: toX(point.n_labels),
        y: toY(point.value),
        point,
      }));
      const path = placed
        .map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`)
        .join(' ');
      return { name, isMean, classIndex, points: placed, path };
    });
  return {
    series,
    xTicks: xValues.map((value) => ({ x: toX(value), label: value.toLocaleString('en-US') })),
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ y: toY(value), label: value.toFixed(2) })),
  };
}
