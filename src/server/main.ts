import { ConfigError, loadConfig } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { startEngage } from './start';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

try {
  const running = await startEngage(config);
  const { firstAdmin } = running;
  const lines = [
    `Engage is ready at ${running.url} (${running.connection.kind === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
  ];
  if (firstAdmin.created) {
    lines.push('', `First start: an admin account was created for ${firstAdmin.email}.`);
    if (firstAdmin.generatedPassword !== null) {
      lines.push(
        `Its one-time password is: ${firstAdmin.generatedPassword}`,
        'It is shown only this once: log in now and keep it safe (or start with ENGAGE_ADMIN_EMAIL and ENGAGE_ADMIN_PASSWORD).',
      );
    }
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    process.stdout.write(`${signal}: stopping Engage…\n`);
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        process.stderr.write(`Engage did not stop cleanly: ${(error as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) fail(error.message);
  fail(`Engage could not start: ${(error as Error).message}`);
}
