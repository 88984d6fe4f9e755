import { describe, expect, it } from 'vitest';
import type { AuditSentence } from '../../domain/audit/sentence';
import i18n from '../i18n';
import { formatDateTime } from '../lib/format';
import { auditActorText, auditJson, auditSentenceText, auditWriter } from './auditWords';

/** An event as the API sends it: a contact submitted the Call Recording questionnaire. */
const submitted: AuditSentence = {
  key: 'sentences.questionnaire_submitted',
  values: {
    actor: { en: 'Anna Neri (customer)', it: 'Anna Neri (cliente)', de: 'Anna Neri (Kunde)' },
    questionnaire: { en: 'Call Recording', it: 'Registrazione chiamate', de: 'Call Recording' },
  },
  clauses: [],
};

describe('the Audit tab’s sentences', () => {
  it('writes the sentence and the actor in the language the reader chose', async () => {
    await i18n.changeLanguage('it');
    const writer = auditWriter(i18n.t, i18n.language);
    expect(auditSentenceText(submitted, writer)).toBe(
      'Anna Neri (cliente) ha inviato il questionario Registrazione chiamate.',
    );
    expect(auditActorText(submitted, writer)).toBe('Anna Neri (cliente)');
    await i18n.changeLanguage('en');
    expect(auditSentenceText(submitted, auditWriter(i18n.t, i18n.language))).toBe(
      'Anna Neri (customer) submitted the Call Recording questionnaire.',
    );
  });

  it('writes moments in the reader’s way, plurals by their count, and the clauses after the sentence', async () => {
    await i18n.changeLanguage('de');
    const writer = auditWriter(i18n.t, i18n.language);
    const waived: AuditSentence = {
      key: 'sentences.process_step_waived',
      values: {
        actor: { en: 'Marco Gialli (manager)', it: 'Marco Gialli (manager)', de: 'Marco Gialli (Manager)' },
        step: { en: 'E2 “Service presentation”', it: 'E2 “Presentazione del servizio”', de: 'E2 „Servicevorstellung“' },
      },
      clauses: [
        { key: 'clauses.reason', values: { reason: 'Presented at the kick-off.' } },
        {
          key: 'clauses.completedByEngage',
          values: { count: 2, steps: { en: 'E3 and E4', it: 'E3 ed E4', de: 'E3 und E4' } },
        },
      ],
    };
    expect(auditSentenceText(waived, writer)).toBe(
      'Marco Gialli (Manager) hat auf Schritt E2 „Servicevorstellung“ verzichtet. Begründung: „Presented at the kick-off.“ Engage hat danach die Schritte E3 und E4 abgeschlossen.',
    );
    const booked: AuditSentence = {
      key: 'sentences.session_booked',
      values: { actor: 'Sara Bianchi', start: { instant: '2027-03-03T13:05:00Z' } },
      clauses: [],
    };
    expect(auditSentenceText(booked, writer)).toBe(
      `Sara Bianchi hat eine Sitzung für ${formatDateTime('2027-03-03T13:05:00Z', 'de')} gebucht.`,
    );
    await i18n.changeLanguage('en');
  });

  it('shows the recorded values as indented JSON, and nothing for none', () => {
    expect(auditJson({ steps: { handover: 'open' } })).toBe('{\n  "steps": {\n    "handover": "open"\n  }\n}');
    expect(auditJson(null)).toBeNull();
  });
});
