import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API is served by the Fastify app on the same origin in production; in development Vite
// proxies /api to it, so cookies and the CSRF header behave exactly as they will in production.
export default defineConfig({
  plugins: [react()],
  build: {
    // Relative to the Vite root (apps/web), whether started with `npx vite build apps/web` or via npm -w.
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Graphviz (WebAssembly embedded in JS, ~800 kB) is its own chunk, loaded only on the process page.
    chunkSizeWarningLimit: 900,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000' },
    },
  },
});
