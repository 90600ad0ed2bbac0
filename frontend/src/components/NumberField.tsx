import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number | null;
  /** Receives the number typed, null for an empty field when `emptyLabel` is set, else NaN. */
  onChange: (value: number | null) => void;
  /** What an empty field means (e.g. "Auto"), shown as the placeholder; empty → null. */
  emptyLabel?: string;
  /** Unit shown after the number (e.g. "files"). */
  unit?: string;
  helperText?: string;
  error?: boolean;
  disabled?: boolean;
  /** data-testid placed on the <input> itself. */
  testId?: string;
}

function parse(text: string, emptyLabel: string | undefined): number | null {
  if (!text.trim()) return emptyLabel ? null : Number.NaN;
  return Number(text);
}

/**
 * A number input that keeps what the user types (e.g. "-" or "0.") while passing numbers up, and
 * takes a new value when the parent changes it (a loaded config).
 */
export function NumberField({
  label,
  value,
  onChange,
  emptyLabel,
  unit,
  helperText,
  error,
  disabled,
  testId,
}: NumberFieldProps) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const [shown, setShown] = useState(value);
  if (!Object.is(value, shown)) {
    setShown(value);
    if (!Object.is(parse(text, emptyLabel), value)) setText(value === null ? '' : String(value));
  }
  return (
    <TextField
      size="small"
      label={label}
      value={text}
      placeholder={emptyLabel}
      disabled={disabled}
      error={error}
      helperText={helperText}
      onChange={(event) => {
        const next = parse(event.target.value, emptyLabel);
        setText(event.target.value);
        setShown(next);
        onChange(next);
      }}
      slotProps={{
        inputLabel: emptyLabel ? { shrink: true } : undefined,
        htmlInput: { 'data-testid': testId, inputMode: 'decimal', spellCheck: false },
        input: unit
          ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> }
          : undefined,
      }}
    />
  );
}
