/** Query-cache keys, in one place so invalidations match the queries they refresh. */
export const queryKeys = {
  tasks: ['tasks'] as const,
  task: (id: string) => ['tasks', id] as const,
  taskLog: (id: string) => ['tasks', id, 'log'] as const,
  health: ['health'] as const,
  environment: ['environment'] as const,
  settings: ['settings'] as const,
  demo: ['demo'] as const,
  files: (path: string | null) => ['files', path] as const,
  /** Keyed by the JSON of the audio-source fields. */
  audioMatch: (request: string) => ['inference', 'match-audio', request] as const,
};
