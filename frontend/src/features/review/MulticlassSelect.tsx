import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import { useMemo } from 'react';
import Select from 'react-select';
import { reactSelectStyles } from '@/theme/react-select-styles';

interface ClassOption {
  value: string;
  label: string;
}

export interface MulticlassSelectProps {
  /** Chosen classes; `[]` = reviewed, none present; null = not reviewed. */
  value: string[] | null;
  classes: string[];
  onChange: (classes: string[] | null) => void;
  /** Id of the select's text input; also the wrapper's data-testid. */
  inputId: string;
}

/**
 * react-select multi-select of the classes present in a clip. Removing the last class leaves `[]`
 * (reviewed, none present); the placeholder tells an empty cell (not reviewed) from `[]`.
 * Classes in the cell but not in the class list are kept and shown.
 */
export function MulticlassSelect({ value, classes, onChange, inputId }: MulticlassSelectProps) {
  const theme = useTheme();
  const styles = useMemo(() => reactSelectStyles<ClassOption>(theme), [theme]);
  const options = useMemo(() => classes.map((name) => ({ value: name, label: name })), [classes]);
  const selected = (value ?? []).map((name) => ({ value: name, label: name }));
  return (
    <Box data-testid={inputId}>
      <Select<ClassOption, true>
        isMulti
        inputId={inputId}
        classNamePrefix="dipper-select"
        options={options}
        value={selected}
        onChange={(next) => onChange(next.map((option) => option.value))}
        placeholder={value === null ? 'Not reviewed' : 'None present'}
        noOptionsMessage={() =>
          classes.length ? 'No other class' : 'Add classes to the class list (Open task)'
        }
        closeMenuOnSelect={false}
        isClearable={false}
        styles={styles}
        menuPortalTarget={typeof document === 'undefined' ? null : document.body}
        menuPlacement="auto"
        aria-label="Classes in this clip"
      />
    </Box>
  );
}
