import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import {
  embeddedExtensions,
  openEmbeddedDatabase,
  openPostgresDatabase,
  type DatabaseConnection,
} from '../db/database';
import { startJobQueue } from '../jobs/job-queue';
import { systemActor } from '../modules/audit/actor';
import { syncDefaultContent } from '../modules/content/content.service';
import { contentDirectory } from '../paths';
import { defaultMailRetryPolicy, mailSendQueueDefinition } from '../modules/mail/mail.queue';
import { randomDatabaseName, runAdminStatement, testDatabaseUrl, withDatabase } from './databases';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplatePath: string;
    postgresTemplate: string;
  }
}

/** Migrations, and the job queue's schema and queues, so that a test app starts on a ready database. */
async function prepareTemplate(connection: DatabaseConnection): Promise<void> {
  await connection.migrate();
  await syncDefaultContent(connection.db, new Date(), contentDirectory, systemActor);
  const boss = await startJobQueue(connection, [mailSendQueueDefinition(defaultMailRetryPolicy)], null);
  await boss.stop({ graceful: false, close: true });
}

function announceSkip(message: string): void {
  const line = '!'.repeat(78);
  process.stderr.write(`\n${line}\n!! SKIPPED: ${message}\n${line}\n\n`);
}

/**
 * Migrates one template database per run; each test file then starts from a copy of it
 * (a PGlite data-dir dump, or CREATE DATABASE … TEMPLATE on PostgreSQL), instead of migrating again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The project's env reaches its test workers, not this setup: read it from the project's config.
  const kind = project.config.env.ENGAGE_TEST_DATABASE === 'postgres' ? 'postgres' : 'embedded';
  if (kind === 'embedded') {
    const client = await PGlite.create({ extensions: await embeddedExtensions() });
    const connection = await openEmbeddedDatabase(client);
    await prepareTemplate(connection);
    const dump = await client.dumpDataDir('none');
    await connection.close();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'engage-test-'));
    const templatePath = path.join(folder, 'template.tar');
    fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    project.provide('embeddedTemplatePath', templatePath);
    project.provide('postgresTemplate', '');
    return async () => fs.rmSync(folder, { recursive: true, force: true });
  }

  const url = testDatabaseUrl();
  project.provide('embeddedTemplatePath', '');
  if (url === undefined) {
    if (process.env.CI === 'true') throw new Error('CI must run the PostgreSQL API suite: set TEST_DATABASE_URL.');
    announceSkip('the PostgreSQL API suite (api-postgres) did not run: set TEST_DATABASE_URL=postgres://… to run it.');
    project.provide('postgresTemplate', '');
    return async () => {};
  }
  const template = randomDatabaseName('engage_test_template');
  await runAdminStatement(url, `create database ${template}`);
  const connection = await openPostgresDatabase(withDatabase(url, template), 2);
  await prepareTemplate(connection);
  await connection.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await runAdminStatement(url, `drop database if exists ${template}`);
  };
}
