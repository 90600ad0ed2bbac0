import { describe, expect, it } from 'vitest';
import { PLOT, niceTicks, plotGeometry } from '@/features/training/loop/learning-curve';

describe('niceTicks', () => {
  it('covers 0…max in steps of 1, 2 or 5 × 10^k', () => {
    expect(niceTicks(140)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('plotGeometry', () => {
  const curve = {
    mean: [
      { round: 1, n_labels: 100, value: 0.5 },
      { round: 2, n_labels: 200, value: 1 },
    ],
    per_class: { A: [{ round: 1, n_labels: 100, value: 0 }], B: [] },
    evaluation_kinds: ['split'],
    mixed_evaluation: false,
  };

  it('maps labels to x (0 at the left margin, the last tick at the right) and AP to y', () => {
    const geometry = plotGeometry(curve, ['A', 'B']);
    const right = PLOT.width - PLOT.right;
    const bottom = PLOT.height - PLOT.bottom;

    expect(geometry.series.map((s) => [s.name, s.isMean, s.classIndex])).toEqual([
      ['Mean', true, -1],
      ['A', false, 0],
    ]); // B has no point: not drawn
    const [mean, a] = geometry.series;
    expect(mean?.points.map((p) => [p.x, p.y])).toEqual([
      [PLOT.left + (right - PLOT.left) / 2, PLOT.top + (bottom - PLOT.top) / 2],
      [right, PLOT.top],
    ]);
    expect(a?.points[0]?.y).toBe(bottom);
    expect(mean?.path).toMatch(/^M [\d.]+ [\d.]+ L [\d.]+ [\d.]+$/);
    expect(geometry.xTicks.map((t) => t.label)).toEqual(['0', '50', '100', '150', '200']);
    expect(geometry.yTicks.map((t) => t.label)).toEqual(['0.00', '0.25', '0.50', '0.75', '1.00']);
  });

  it('draws only the mean when no class is asked for', () => {
    expect(plotGeometry(curve, []).series.map((s) => s.name)).toEqual(['Mean']);
  });
});
