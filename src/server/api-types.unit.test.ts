import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiTypes, schemaTypesPath } from '../../scripts/generate-api-types';

describe('the web app’s API types', () => {
  it('are the ones the server’s OpenAPI document gives (after a change of a route, run `npm run api:types`)', async () => {
    expect(await generateApiTypes()).toBe(fs.readFileSync(schemaTypesPath, 'utf8'));
  }, 60_000);
});
