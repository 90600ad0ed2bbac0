/** Plain-words formatting of task fields: titles, ETAs, percentages and times. */
import type { Task } from '@/api/schemas';

const kindLabels: Record<string, string> = {
  inference: 'Inference',
  install_env: 'Environment install',
  training: 'Training',
  extraction: 'Extraction',
  embedding: 'Embedding',
};

/**
 * Human label of a task kind.
 * @param kind - e.g. `install_env`.
 */
export function kindLabel(kind: string): string {
  return kindLabels[kind] ?? kind.replace(/_/g, ' ');
}

/** The task's name, or its kind and short id when it has none. */
export function taskTitle(task: Pick<Task, 'name' | 'kind' | 'id'>): string {
  const name = task.name?.trim();
  return name ? name : `${kindLabel(task.kind)} ${task.id.slice(0, 6)}`;
}

/**
 * Whole-number percentage of a fraction, e.g. 0.423 → "42%".
 * @param fraction - 0..1.
 */
export function formatPercent(fraction: number): string {
  return `${Math.round(Math.min(1, Math.max(0, fraction)) * 100)}%`;
}

/**
 * Time left in plain words: "45 s", "3 min 20 s", "2 h 5 min".
 * @param seconds - Estimated seconds left.
 */
export function formatEta(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    const rest = total % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
}

/**
 * Local date and time of an ISO timestamp, or an empty string when there is none.
 * @param iso - ISO 8601 timestamp.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
