import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodSerializerCompiler } from './serializer';

describe('the response serializer', () => {
  const schema = z
    .object({
      id: z.uuid(),
      email: z.string(),
      role: z.enum(['admin', 'manager']),
      partner: z.object({ id: z.string(), name: z.string() }).nullable(),
      tags: z.array(z.string()),
      createdAt: z.iso.datetime(),
      anything: z.unknown(),
    })
    .meta({ id: 'SerializerSample' });
  const serialize = zodSerializerCompiler({ schema });
  const sample = {
    id: '0b4c8e3e-5d0e-4c55-8f39-1a3e8b0c2d11',
    email: 'a@example.com',
    role: 'admin',
    partner: null,
    tags: ['x'],
    createdAt: '2026-11-28T06:00:00.000Z',
    anything: { nested: [1, 'two'] },
  };

  it('writes every entry of a record, each by its value schema (undeclared properties inside it dropped)', () => {
    const records = zodSerializerCompiler({
      schema: z.object({ answers: z.record(z.string(), z.object({ value: z.unknown(), by: z.string() })) }),
    });
    const written = JSON.parse(
      records({ answers: { a: { value: 1, by: 'Ann', secret: 'x' }, b: { value: ['y'], by: 'Bo' } } }),
    );
    expect(written).toEqual({ answers: { a: { value: 1, by: 'Ann' }, b: { value: ['y'], by: 'Bo' } } });
  });

  it('writes the declared properties as JSON', () => {
    expect(JSON.parse(serialize(sample))).toEqual(sample);
  });

  it('drops properties the schema does not declare, so nothing leaks by accident', () => {
    const written = JSON.parse(
      serialize({ ...sample, passwordHash: '$argon2id$secret', partner: { id: 'p', name: 'P', internal: true } }),
    );
    expect(written).not.toHaveProperty('passwordHash');
    expect(written.partner).toEqual({ id: 'p', name: 'P' });
  });

  it('refuses a response that lacks a required property', () => {
    const { email: _email, ...withoutEmail } = sample;
    expect(() => serialize(withoutEmail)).toThrow(/email/);
  });
});
