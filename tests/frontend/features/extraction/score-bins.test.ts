import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_BINS_TEXT, parseScoreBins } from '@/features/extraction/score-bins';

describe('parseScoreBins', () => {
  it('reads the default bins', () => {
    expect(DEFAULT_SCORE_BINS_TEXT).toBe('[[0,75],[75,90],[90,95],[95,100]]');
    expect(parseScoreBins(DEFAULT_SCORE_BINS_TEXT)).toEqual({
      bins: [
        [0, 75],
        [75, 90],
        [90, 95],
        [95, 100],
      ],
    });
  });

  it('accepts decimals and spaces', () => {
    expect(parseScoreBins(' [[0, 12.5], [12.5, 100]] ')).toEqual({
      bins: [
        [0, 12.5],
        [12.5, 100],
      ],
    });
  });

  it.each([
    ['[[0,75]', /not valid JSON/],
    ['', /not valid JSON/],
    ['[]', /non-empty list/],
    ['{"a": 1}', /non-empty list/],
    ['[[0,75,90]]', /Bin 1 is not a pair/],
    ['[[0,75],["75",90]]', /Bin 2 is not a pair/],
    ['[[0,75],[75]]', /Bin 2 is not a pair/],
    ['[[-5,75]]', /Bin 1 \[-5, 75\] goes outside 0–100/],
    ['[[90,101]]', /outside 0–100/],
    ['[[75,75]]', /low percentile must be below the high one/],
    ['[[90,75]]', /low percentile must be below/],
  ])('rejects %s with a message saying what to type', (text, message) => {
    const result = parseScoreBins(text);
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(message);
  });
});
