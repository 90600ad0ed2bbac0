/** Renderer entry point: pick the transport once, build the API, render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/AppProviders';
import { createApi } from './api/client';
import { selectTransport } from './api/select-transport';
import { createQueryClient } from './hooks/query-client';

const { transport, dialogs } = selectTransport();
const api = createApi(transport, { dialogs });
const queryClient = createQueryClient();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppProviders api={api} queryClient={queryClient}>
      <App />
    </AppProviders>
  </StrictMode>,
);
