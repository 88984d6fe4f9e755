import { simpleParser } from 'mailparser';
import type { SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { composeMime } from './message';
import { parseComposedMime } from './mime-parse';

// mailparser (a development dependency, so not available in production) is the independent oracle: what our small reader
// finds in a message nodemailer composed must be what a real email parser finds.
const messages: Record<string, SendMailOptions> = {
  plain: { from: 'engage@vendor.example', to: 'a@b.example', subject: 'Hello', text: 'Just text.' },
  'long lines, accents and a link split by quoted-printable': {
    from: 'engage@vendor.example',
    to: [{ name: 'Giulia Rossì', address: 'giulia@customer.example' }],
    subject: 'Questionari di progettazione — è ora',
    text: `Gentile Giulia,\n\n${'perché '.repeat(40)}\nhttps://engage.example/portal/link/${'A'.repeat(43)}?to=questionnaires/call-recording\n`,
    html: `<p>Città: <strong>Milano</strong> ${'è '.repeat(80)}</p><p><a href="https://engage.example/portal/link/${'b'.repeat(43)}">Apri</a></p>`,
  },
  'attachments with Unicode and long names, emoji': {
    from: 'engage@vendor.example',
    to: 'a@b.example',
    subject: 'Documents 📄',
    text: 'See the attachments 📎',
    html: '<p>See the attachments 📎</p>',
    attachments: [
      {
        filename: 'Termini e condizioni — servizio di installazione dell’applicazione di registrazione.pdf',
        contentType: 'application/pdf',
        content: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj'),
      },
      { filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('line one\r\nline two ☃\r\n') },
      {
        filename: 'blob.bin',
        contentType: 'application/octet-stream',
        content: Buffer.from(Array.from({ length: 3000 }, (_unused, index) => (index * 37) % 256)),
      },
    ],
  },
  'a calendar invitation': {
    from: 'engage@vendor.example',
    to: 'a@b.example',
    subject: 'Invitation',
    text: 'You are invited.',
    html: '<p>You are invited.</p>',
    icalEvent: {
      method: 'REQUEST',
      filename: 'invite.ics',
      content:
        'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nSUMMARY:Kick-off — sessione\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    },
  },
};

describe('parseComposedMime', () => {
  for (const [name, options] of Object.entries(messages)) {
    it(`reads what mailparser reads: ${name}`, async () => {
      const raw = await composeMime(options);
      const ours = parseComposedMime(raw);
      const oracle = await simpleParser(raw);
      expect(ours.text).toBe(typeof options.text === 'string' ? options.text : null);
      expect(ours.html).toBe(typeof options.html === 'string' ? options.html : null);
      expect(ours.text?.trimEnd()).toBe(oracle.text?.trimEnd());
      expect(ours.html ?? false).toBe(oracle.html);
      const oracleAttachments = oracle.attachments.filter(
        (attachment) => !attachment.contentType.startsWith('text/calendar'),
      );
      expect(
        ours.attachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.content.toString('base64'),
        })),
      ).toEqual(
        oracleAttachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: attachment.content.toString('base64'),
        })),
      );
      for (const attachment of (options.attachments ?? []) as { filename: string; content: Buffer }[]) {
        expect(
          ours.attachments
            .find((candidate) => candidate.filename === attachment.filename)
            ?.content.equals(attachment.content),
        ).toBe(true);
      }
      if (options.icalEvent !== undefined) {
        const event = options.icalEvent as { method: string; content: string };
        expect(ours.calendar).toEqual({ method: event.method, content: event.content });
      } else {
        expect(ours.calendar).toBeNull();
      }
    });
  }
});
