import { describe, expect, it } from 'vitest';
import { errorStatuses, refusal } from './errors';

describe('a refusal written from the language resources', () => {
  it('says the reason in the reader’s language, with its values, and keeps the key for the web app', () => {
    const values = { name: 'Łukasz Dvořák', date: '2026-12-07 10:00 UTC' };
    const german = refusal('de', 'conflict', 'delivery.already_signed_by', { values });
    expect(german.message).toBe(
      'Dieses Dokument wurde bereits von Łukasz Dvořák am 2026-12-07 10:00 UTC unterschrieben: Es kann nicht zweimal unterschrieben werden.',
    );
    expect(german.reason).toEqual({ key: 'delivery.already_signed_by', values });
    expect(errorStatuses[german.code]).toBe(409);
    expect(refusal('it', 'conflict', 'delivery.already_signed_by', { values }).message).toContain('già firmato da');
    expect(refusal('en', 'conflict', 'delivery.already_signed_by', { values }).message).toBe(
      'This document is already signed by Łukasz Dvořák on 2026-12-07 10:00 UTC: it cannot be signed twice.',
    );
  });

  it('carries the details it is given', () => {
    const error = refusal('en', 'validation_failed', 'requirements.note_or_evidence_needed', {
      details: [{ path: 'body.note', message: 'Write a note or attach a file.' }],
    });
    expect(error.details).toEqual([{ path: 'body.note', message: 'Write a note or attach a file.' }]);
  });
});
