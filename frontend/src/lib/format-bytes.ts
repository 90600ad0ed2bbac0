/** File sizes in plain words. */

/**
 * Binary-unit size, one decimal: 512 → "512 B", 4_400_000_000 → "4.1 GB".
 * @param bytes - Size in bytes.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
