import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import { useTheme } from '@mui/material/styles';
import { createContext, useContext, useMemo, useState } from 'react';
import Select, { components, type MultiValueProps } from 'react-select';
import { reactSelectStyles } from '@/theme/react-select-styles';

/** One choice of a multi-select. */
export interface SelectOption {
  value: string;
  label: string;
}

export interface MultiSelectFieldProps {
  label: string;
  options: SelectOption[];
  value: string[];
  onChange: (value: string[]) => void;
  placeholder?: string;
  helperText?: string;
  error?: boolean;
  isLoading?: boolean;
  disabled?: boolean;
  /** Show "Select all" / "Clear" buttons next to the label. */
  bulkActions?: boolean;
  /** Id of the select's text input (also its `data-testid` prefix: `<id>-all`, `<id>-clear`). */
  inputId: string;
  /** The menu lists at most this many matches of what is typed (long lists stay fast). */
  maxMenuOptions?: number;
  /** At most this many chips are drawn; the rest are counted in a "+N more" chip. */
  maxChips?: number;
}

/** How many chips the control draws before counting the rest. */
const ChipLimit = createContext(Number.POSITIVE_INFINITY);

/** A chip, or for the first one past the limit a "+N more" count, or nothing after that. */
function LimitedMultiValue(props: MultiValueProps<SelectOption, true>) {
  const maxChips = useContext(ChipLimit);
  if (props.index < maxChips) return <components.MultiValue {...props} />;
  if (props.index > maxChips) return null;
  const total = props.getValue().length;
  return (
    <Box component="span" sx={{ alignSelf: 'center', px: 1, color: 'text.secondary' }}>
      +{total - maxChips} more
    </Box>
  );
}

/**
 * A themed react-select multi-select with a label, optional "Select all" / "Clear", and limits that
 * keep thousands of options (BirdNET's 6,522 classes) fast: the menu shows the first matches of what
 * is typed and the control draws a bounded number of chips.
 */
export function MultiSelectField({
  label,
  options,
  value,
  onChange,
  placeholder,
  helperText,
  error,
  isLoading,
  disabled,
  bulkActions,
  inputId,
  maxMenuOptions = 200,
  maxChips = 40,
}: MultiSelectFieldProps) {
  const theme = useTheme();
  const [input, setInput] = useState('');
  const styles = useMemo(() => reactSelectStyles<SelectOption>(theme, error), [theme, error]);
  const byValue = useMemo(
    () => new Map(options.map((option) => [option.value, option])),
    [options],
  );
  const selected = useMemo(
    () => value.map((item) => byValue.get(item) ?? { value: item, label: item }),
    [value, byValue],
  );
  const shown = useMemo(() => {
    const needle = input.trim().toLowerCase();
    const chosen = new Set(value);
    const matches = options.filter(
      (option) => !chosen.has(option.value) && option.label.toLowerCase().includes(needle),
    );
    return matches.slice(0, maxMenuOptions);
  }, [options, value, input, maxMenuOptions]);

  return (
    <ChipLimit.Provider value={maxChips}>
      <Box>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, mb: 0.5 }}>
          <FormLabel htmlFor={inputId} error={error} sx={{ mr: 'auto' }}>
            {label}
          </FormLabel>
          {bulkActions && (
            <>
              <Button
                size="small"
                disabled={disabled || !options.length || value.length === options.length}
                onClick={() => onChange(options.map((option) => option.value))}
                data-testid={`${inputId}-all`}
              >
                Select all ({options.length})
              </Button>
              <Button
                size="small"
                disabled={disabled || !value.length}
                onClick={() => onChange([])}
                data-testid={`${inputId}-clear`}
              >
                Clear
              </Button>
            </>
          )}
        </Box>
        <Select<SelectOption, true>
          isMulti
          inputId={inputId}
          classNamePrefix="dipper-select"
          options={shown}
          value={selected}
          filterOption={null}
          inputValue={input}
          onInputChange={(next, meta) => {
            // The search text stays after a pick (to pick several similar names) and clears
            // when the select loses focus or its menu closes.
            if (meta.action === 'input-change') setInput(next);
            if (meta.action === 'input-blur' || meta.action === 'menu-close') setInput('');
          }}
          onChange={(next) => onChange(next.map((option) => option.value))}
          closeMenuOnSelect={false}
          isLoading={isLoading}
          isDisabled={disabled}
          placeholder={placeholder}
          noOptionsMessage={() =>
            !options.length
              ? 'Nothing to choose yet'
              : value.length >= options.length
                ? 'All of them are selected'
                : 'No match'
          }
          styles={styles}
          components={{ MultiValue: LimitedMultiValue }}
          menuPlacement="auto"
        />
        {helperText && <FormHelperText error={error}>{helperText}</FormHelperText>}
      </Box>
    </ChipLimit.Provider>
  );
}
