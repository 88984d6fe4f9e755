import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
// Where `vite` (dev) sends /api; point it at another port with ENGAGE_API_URL=http://localhost:3456.
const apiTarget = process.env['ENGAGE_API_URL'] ?? 'http://localhost:3000';
// The web sources have their own api/ folder (src/web/api/client.ts is served as /api/client.ts in dev),
// so only /api/… requests that are not TypeScript modules go to the server.
const apiProxy = { '^/api/(?!.*\\.tsx?(?:\\?.*)?$)': apiTarget };

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
});
