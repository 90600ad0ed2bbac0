import { render, type RenderResult } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { AppProviders } from '@/app/AppProviders';
import { createApi, type Api } from '@/api/client';
import type { NativeDialogs } from '@/api/dialogs';
import { createQueryClient } from '@/hooks/query-client';
import { defaults } from './factories';
import { FakeTransport } from './fake-transport';

export interface Rendered extends RenderResult {
  transport: FakeTransport;
  api: Api;
  queryClient: QueryClient;
}

/** A fake transport answering the common routes with defaults (tests override what they need). */
export function defaultTransport(): FakeTransport {
  return new FakeTransport()
    .ok('GET', '/api/health', defaults.health)
    .ok('GET', '/api/settings', defaults.settings)
    .ok('GET', '/api/demo', defaults.demo)
    .ok('GET', '/api/environment', defaults.environment)
    .ok('GET', '/api/tasks', { tasks: [] })
    .ok('GET', '/api/wandb', { logged_in: false, entity: null })
    .ok('GET', '/api/models', defaults.models);
}

/**
 * Render UI inside the real providers, over a fake transport.
 * @param ui - Element to render.
 * @param options.transport - Fake transport (defaults to `defaultTransport()`).
 * @param options.dialogs - Native dialogs (Electron) or null (browser).
 */
export function renderWithApp(
  ui: ReactElement,
  options: { transport?: FakeTransport; dialogs?: NativeDialogs | null } = {},
): Rendered {
  const transport = options.transport ?? defaultTransport();
  const api = createApi(transport, { dialogs: options.dialogs ?? null });
  const queryClient = createQueryClient({ retry: false });
  const result = render(
    <AppProviders api={api} queryClient={queryClient}>
      {ui}
    </AppProviders>,
  );
  return { ...result, transport, api, queryClient };
}
