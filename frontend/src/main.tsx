import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ApiClient } from './lib/api-client';
import { loadRuntimeConfig } from './lib/runtime-config';
import { StreamClient } from './lib/stream-client';
import { RuntimeContext } from './hooks/runtime-context';
import './styles.css';

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  const api = new ApiClient(config.apiBase);
  const streams = new StreamClient({
    url: () => `${config.wsBase}/stream`,
    onProtocolError: (message) => console.warn('[stream]', message),
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RuntimeContext.Provider value={{ config, api, streams }}>
        <App />
      </RuntimeContext.Provider>
    </StrictMode>,
  );
}

void start();
