/**
 * Toast stack store: anything may push a toast; `Toasts` renders the stack on every tab.
 * Tone decides the colour: a task status (coloured like the task states) or a plain severity.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { TaskStatusName } from '@/theme/tokens';

export type ToastTone = TaskStatusName | 'info' | 'error';

export interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
  /** Hide after the default delay; false keeps it until dismissed. */
  autoHide: boolean;
}

export type NewToast = Omit<Toast, 'id' | 'autoHide'> & { autoHide?: boolean };

interface ToastStore {
  toasts: Toast[];
  push: (toast: NewToast) => void;
  dismiss: (id: number) => void;
}

/** At most this many toasts are kept; older ones drop off. */
const MAX_TOASTS = 5;

const ToastContext = createContext<ToastStore | null>(null);

let nextId = 1;

/** Holds the toast stack. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((toast: NewToast) => {
    const full: Toast = { autoHide: true, ...toast, id: nextId++ };
    setToasts((current) => [...current, full].slice(-MAX_TOASTS));
  }, []);
  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  const value = useMemo(() => ({ toasts, push, dismiss }), [toasts, push, dismiss]);
  return <ToastContext.Provider value={value}>{children}</ToastContext.Provider>;
}

/** The toast stack with push and dismiss. */
export function useToasts(): ToastStore {
  const store = useContext(ToastContext);
  if (!store) throw new Error('useToasts must be used inside ToastProvider');
  return store;
}
