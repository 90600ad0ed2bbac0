/**
 * Form prefill store: the Tasks tab's "Load config" leaves a config here for the matching form,
 * which takes it (and clears it) when it shows. Lets features talk without importing each other.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** Which form a config belongs to (one per task kind with a form). */
export type FormName = 'inference' | 'extraction' | 'review' | 'training';

export interface Prefill {
  form: FormName;
  config: Record<string, unknown>;
  /** Task name, offered as the new task's name. */
  name: string | null;
  /** Where it came from, shown to the user (e.g. the task name). */
  source: string;
  /**
   * A task the form should wait for before using the config (the loop view's "Next round" offers
   * an Extraction config whose predictions come from an inference task that is still running).
   */
  waitForTaskId?: string;
}

interface PrefillStore {
  pending: Prefill | null;
  offer: (prefill: Prefill) => void;
  take: (form: FormName) => Prefill | null;
}

const PrefillContext = createContext<PrefillStore | null>(null);

/** Task kinds whose configs can refill a form. */
export const formForKind: Partial<Record<string, FormName>> = {
  inference: 'inference',
  extraction: 'extraction',
  training: 'training',
};

/** Holds at most one pending prefill. */
export function FormPrefillProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Prefill | null>(null);
  const offer = useCallback((prefill: Prefill) => setPending(prefill), []);
  const take = useCallback(
    (form: FormName) => {
      if (!pending || pending.form !== form) return null;
      setPending(null);
      return pending;
    },
    [pending],
  );
  const value = useMemo(() => ({ pending, offer, take }), [pending, offer, take]);
  return <PrefillContext.Provider value={value}>{children}</PrefillContext.Provider>;
}

/** The prefill store. */
export function useFormPrefill(): PrefillStore {
  const store = useContext(PrefillContext);
  if (!store) throw new Error('useFormPrefill must be used inside FormPrefillProvider');
  return store;
}
