import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { contentSecurityPolicyMeta } from './csp-plugin';

const root = fileURLToPath(new URL('.', import.meta.url));

// base './' so the same build loads from file:// in Electron and from / in dev:web.
export default defineConfig({
  root,
  base: './',
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:5174' } },
});
