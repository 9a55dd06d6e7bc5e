import { createContext, useContext } from 'react';
import type { UserManager } from 'oidc-client-ts';
import type { ApiClient } from '../lib/api-client';
import type { ResolvedConfig } from '../lib/runtime-config';
import type { StreamClient } from '../lib/stream-client';

/**
 * Long-lived per-page services: configuration, the HTTP client, the single market-data WebSocket and the
 * OpenID client (null when no provider is configured).
 */
export interface Runtime {
  config: ResolvedConfig;
  api: ApiClient;
  streams: StreamClient;
  auth: UserManager | null;
}

export const RuntimeContext = createContext<Runtime | null>(null);

export function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error('RuntimeContext is missing');
  return runtime;
}
