/**
 * Takes a config left for a form in the prefill store (a task's "Load config", "Create annotation
 * task"…), parses it, and hands it to the form — or shows the parse error as a toast.
 */
import { useEffect } from 'react';
import { useFormPrefill, type FormName, type Prefill } from '@/stores/formPrefill';
import { useToasts } from '@/stores/toasts';

/**
 * Load a pending prefill for `form` once it appears.
 * @param form - Which form this is.
 * @param parse - Config → parsed form input, or `{ error }` (a stable, module-level function).
 * @param load - Receives the parsed input and the prefill; must be stable (e.g. `useCallback`).
 */
export function usePrefilledConfig<T extends object>(
  form: FormName,
  parse: (config: Record<string, unknown>) => T | { error: string },
  load: (parsed: T, prefill: Prefill) => void,
): void {
  const { pending, take } = useFormPrefill();
  const { push } = useToasts();
  useEffect(() => {
    if (pending?.form !== form) return;
    const taken = take(form);
    if (!taken) return;
    const parsed = parse(taken.config);
    if ('error' in parsed) {
      push({ message: parsed.error, tone: 'error', autoHide: false });
      return;
    }
    load(parsed, taken);
  }, [form, pending, take, push, parse, load]);
}
