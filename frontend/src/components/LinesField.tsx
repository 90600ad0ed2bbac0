import TextField from '@mui/material/TextField';
import { useState } from 'react';

export interface LinesFieldProps {
  label: string;
  value: string[];
  onChange: (values: string[]) => void;
  /** One entry per line (a textarea, default) or separated by commas/spaces on one line. */
  separator?: 'line' | 'comma';
  /** Applied to each entry (e.g. add a leading dot to an extension). */
  normalize?: (entry: string) => string;
  placeholder?: string;
  helperText?: string;
  error?: boolean;
  /** data-testid placed on the <input>/<textarea> itself. */
  testId?: string;
}

function splitEntries(
  text: string,
  separator: 'line' | 'comma',
  normalize?: (e: string) => string,
) {
  return text
    .split(separator === 'line' ? /\r?\n/ : /[,\s]+/)
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => (normalize ? normalize(entry) : entry));
}

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((entry, index) => entry === b[index]);

/**
 * A list of strings edited as text (one per line, or comma-separated). Blank entries are dropped;
 * the text as typed is kept until the parent passes a different list (a loaded config).
 */
export function LinesField({
  label,
  value,
  onChange,
  separator = 'line',
  normalize,
  placeholder,
  helperText,
  error,
  testId,
}: LinesFieldProps) {
  const joiner = separator === 'line' ? '\n' : ', ';
  const [text, setText] = useState(value.join(joiner));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (!sameList(splitEntries(text, separator, normalize), value)) setText(value.join(joiner));
  }
  return (
    <TextField
      fullWidth
      size="small"
      label={label}
      value={text}
      multiline={separator === 'line'}
      minRows={separator === 'line' ? 3 : undefined}
      maxRows={separator === 'line' ? 10 : undefined}
      placeholder={placeholder}
      helperText={helperText}
      error={error}
      onChange={(event) => {
        const next = splitEntries(event.target.value, separator, normalize);
        setText(event.target.value);
        setShown(next);
        onChange(next);
      }}
      slotProps={{ htmlInput: { 'data-testid': testId, spellCheck: false } }}
    />
  );
}
