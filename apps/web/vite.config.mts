// The web UI: a single-page app built to dist/web, which apps/api serves at `/`.
// `npx vite --config apps/web/vite.config.mts` runs it with hot reload against an API on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => {
  // A build is always the production one (React's production bundle, no StrictMode double effects), whatever
  // NODE_ENV the building process has: Jest sets it to 'test' when the browser suite builds the UI.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root,
    base: '/',
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
      emptyOutDir: true,
      sourcemap: true,
      // One small app: a warning at 500 kB would only be noise.
      chunkSizeWarningLimit: 800,
      rolldownOptions: {
        // React Router marks its modules "use client" for server-component bundlers; meaningless in a browser bundle.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
    server: {
      proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' },
    },
  };
});
