import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the gateway at /shop/ (GATEWAY_STOREFRONT_DIR), next to its /graphql: same origin.
// `npm run dev` proxies /graphql to a gateway on localhost:4000 (or STOREFRONT_GATEWAY).
export default defineConfig({
  base: '/shop/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  server: { proxy: { '/graphql': process.env.STOREFRONT_GATEWAY ?? 'http://localhost:4000' } },
});
