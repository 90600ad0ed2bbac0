import { NumberField, type NumberFieldProps } from '@/components/NumberField';
import type { TrainingFormValues } from './training-form';

/** What a field of the training form needs: the values, what is missing, and a way to change them. */
export interface FormFieldProps {
  values: TrainingFormValues;
  /** Names of the missing or invalid fields (see `missingFields`). */
  missing: string[];
  patch: (next: Partial<TrainingFormValues>) => void;
}

/** The form's number fields: NaN while the field does not hold a number, null when optional. */
type NumberKey = {
  [K in keyof TrainingFormValues]: TrainingFormValues[K] extends number | null ? K : never;
}[keyof TrainingFormValues];

type Props = FormFieldProps &
  Omit<NumberFieldProps, 'value' | 'onChange' | 'error'> & {
    field: NumberKey;
    /** Its name in `missing` when that is not its label (e.g. "Early-stopping patience"). */
    missingName?: string;
    /** Marks the field invalid instead of its name being in `missing`. */
    error?: boolean;
  };

/**
 * A {@link NumberField} bound to one number of the training form: shows it, writes what is typed
 * back (an empty field: null where `emptyLabel` allows it, else NaN) and turns red while the form
 * lists the field as missing or invalid.
 */
export function FormNumberField({
  values,
  missing,
  patch,
  field,
  missingName,
  error,
  ...rest
}: Props) {
  return (
    <NumberField
      {...rest}
      value={values[field]}
      error={error ?? missing.includes(missingName ?? rest.label)}
      onChange={(value) => patch({ [field]: rest.emptyLabel ? value : (value ?? Number.NaN) })}
    />
  );
}
