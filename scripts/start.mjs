// `npm start`: rebuild the web app if its sources changed since the last build, then run the server.
import { spawn } from 'node:child_process';
import { buildWebIfStale } from './build-web-if-stale.mjs';

await buildWebIfStale();
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 0)));
