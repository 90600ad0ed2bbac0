import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiProvider } from '@/api/ApiProvider';
import type { Api } from '@/api/client';
import { FormPrefillProvider } from '@/stores/formPrefill';
import { ToastProvider } from '@/stores/toasts';
import { ThemeModeProvider } from '@/theme/ThemeModeProvider';

/** Everything the app needs around it: API, query cache, theme, toasts and the prefill store. */
export function AppProviders({
  api,
  queryClient,
  children,
}: {
  api: Api;
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={queryClient}>
        <ThemeModeProvider>
          <ToastProvider>
            <FormPrefillProvider>{children}</FormPrefillProvider>
          </ToastProvider>
        </ThemeModeProvider>
      </QueryClientProvider>
    </ApiProvider>
  );
}
