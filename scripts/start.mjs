// `npm start`: rebuild the web app and the server if their sources changed since the last build, then run the server
// in this same process (a second Node.js process would only add start-up time).
import process from 'node:process';
import { buildIfStale } from './build-if-stale.mjs';

try {
  await buildIfStale();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import('../dist/server/main.js');
