import { useEffect, useState } from 'react';

/**
 * The value, once it has stopped changing for `delayMs`.
 * @param value - A value that changes as the user types.
 * @param delayMs - Quiet time before the value is passed on.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
