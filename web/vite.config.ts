import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // server/config.ts (the one reader of process.env) is imported by +layout.server.ts from outside web/.
  server: { fs: { allow: ['..'] } },
  build: { chunkSizeWarningLimit: 1200 },
});
