/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The app talks to its own origin by default (see public/config.json). In development the dev server and
 * `vite preview` forward the API and WebSocket paths to the local stack's reverse proxy, so the same
 * relative URLs work. Override the target with EXCHANGE_ORIGIN.
 */
const backend = process.env.EXCHANGE_ORIGIN ?? 'http://localhost:8080';
const proxy = {
  '/api': { target: backend, changeOrigin: true },
  '/dev': { target: backend, changeOrigin: true },
  '/stream': { target: backend, changeOrigin: true, ws: true },
  '/ws': { target: backend, changeOrigin: true, ws: true },
};

export default defineConfig({
  // Relative asset URLs: the same build works at any path on S3/CloudFront or behind the local proxy.
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
