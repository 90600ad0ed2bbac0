import { describe, expect, it } from 'vitest';
import {
  binaryLabel,
  binaryValue,
  cardLabel,
  classesFromLines,
  formatClasses,
  parseClasses,
  valueForLabel,
} from '@/features/review/annotation-values';

describe('multiclass values', () => {
  it('formats lists, reviewed-none and not-reviewed', () => {
    expect(formatClasses(['a', 'b'])).toBe("['a', 'b']");
    expect(formatClasses([])).toBe('[]');
    expect(formatClasses(null)).toBe('');
  });

  it('parses what it formats and Python repr lists', () => {
    expect(parseClasses("['a','b']")).toEqual(['a', 'b']);
    expect(parseClasses("['Parus major, Great Tit', 'b']")).toEqual([
      'Parus major, Great Tit',
      'b',
    ]);
    expect(parseClasses('["Parus major", \'Cyanistes\']')).toEqual(['Parus major', 'Cyanistes']);
    expect(parseClasses('[]')).toEqual([]);
    expect(parseClasses('')).toBeNull();
    expect(parseClasses('  ')).toBeNull();
    expect(parseClasses('a, b')).toEqual(['a', 'b']);
  });

  it('round-trips names with quotes', () => {
    const names = ["Bewick's wren", 'plain'];
    expect(formatClasses(names)).toBe(`["Bewick's wren", 'plain']`);
    expect(parseClasses(formatClasses(names))).toEqual(names);
  });

  it('colours multiclass cards: classes → yes, [] → no, empty → unlabeled', () => {
    expect(cardLabel('multiclass', "['a']")).toBe('yes');
    expect(cardLabel('multiclass', '[]')).toBe('no');
    expect(cardLabel('multiclass', '')).toBe('unlabeled');
  });

  it('label keys in multiclass mode: S → [], F → empty, A keeps the value', () => {
    expect(valueForLabel('multiclass', 'no', "['a']")).toBe('[]');
    expect(valueForLabel('multiclass', 'unlabeled', "['a']")).toBe('');
    expect(valueForLabel('multiclass', 'yes', "['a']")).toBe("['a']");
  });
});

describe('binary values', () => {
  it('reads cells ignoring case and writes empty for unlabeled', () => {
    expect(binaryLabel(' YES ')).toBe('yes');
    expect(binaryLabel('uncertain')).toBe('uncertain');
    expect(binaryLabel('')).toBe('unlabeled');
    expect(binaryLabel('maybe')).toBe('unlabeled');
    expect(binaryValue('unlabeled')).toBe('');
    expect(valueForLabel('binary', 'no', 'yes')).toBe('no');
  });

  it('reads a class list one per line without blanks or repeats', () => {
    expect(classesFromLines('a\n\n b \na\nc')).toEqual(['a', 'b', 'c']);
  });
});
