import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ApiClient } from './lib/api-client';
import { CALLBACK_PATH, createUserManager } from './lib/oidc';
import { loadRuntimeConfig } from './lib/runtime-config';
import { StreamClient } from './lib/stream-client';
import { RuntimeContext } from './hooks/runtime-context';
import './styles.css';

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  const auth = config.oidc ? createUserManager(config.oidc, window.location.origin, sessionStorage) : null;
  if (auth && window.location.pathname === CALLBACK_PATH) {
    // The provider's redirect back (or, in the hidden silent-renew iframe, its answer to the parent page).
    const inFrame = window.parent !== window;
    try {
      await auth.signinCallback();
    } catch (e) {
      console.warn('[sign-in]', e);
    }
    if (inFrame) return;
    window.history.replaceState(null, '', '/');
  }
  const api = new ApiClient(config.apiBase);
  const streams = new StreamClient({
    url: () => `${config.wsBase}/stream`,
    onProtocolError: (message) => console.warn('[stream]', message),
  });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RuntimeContext.Provider value={{ config, api, streams, auth }}>
        <App />
      </RuntimeContext.Provider>
    </StrictMode>,
  );
}

void start();
