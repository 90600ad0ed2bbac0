import { describe, expect, it } from 'vitest';
import { formatEta, formatPercent, taskTitle } from '@/lib/task-format';

describe('task formatting', () => {
  it('formats ETAs in plain words', () => {
    expect(formatEta(0)).toBe('0 s');
    expect(formatEta(44.6)).toBe('45 s');
    expect(formatEta(120)).toBe('2 min');
    expect(formatEta(200)).toBe('3 min 20 s');
    expect(formatEta(3600 * 2 + 300)).toBe('2 h 5 min');
  });

  it('formats percentages as whole numbers, clamped', () => {
    expect(formatPercent(0.423)).toBe('42%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(1.5)).toBe('100%');
  });

  it('falls back to kind and short id when a task has no name', () => {
    expect(taskTitle({ name: null, kind: 'install_env', id: 'abcdef123' })).toBe(
      'Environment install abcdef',
    );
    expect(taskTitle({ name: ' Night ', kind: 'inference', id: 'x' })).toBe('Night');
  });
});
