/** The questionnaires module's table: a project's answers to the design questionnaires (E4). */

import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { projects, type Author } from '../projects/projects.tables';
import { createdAt, updatedAt, inList } from '../../db/columns';

/** One field's answer: the last write wins, and the form shows who wrote it and when. */
export interface StoredAnswer {
  value: unknown;
  by: Author;
  at: string;
  /** Written by the engineer during a call with the customer ("filled with the engineer"). */
  withEngineer: boolean;
}

export const questionnaireStatuses = ['open', 'submitted'] as const;

/** The answers of a project to one application's design questionnaire (E4). */
export const questionnaireResponses = pgTable(
  'questionnaire_responses',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    applicationKey: text('application_key').notNull(),
    questionnaireKey: text('questionnaire_key').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    status: text('status', { enum: questionnaireStatuses }).notNull(),
    /** The draft: one entry per field key, each written on its own (a save never replaces the whole form). */
    answers: jsonb('answers').$type<Record<string, StoredAnswer>>().notNull().default({}),
    /** The answers as last submitted: the requirement rules read these, not the draft. */
    submittedAnswers: jsonb('submitted_answers').$type<Record<string, unknown> | null>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: jsonb('submitted_by').$type<Author | null>(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.projectId, table.applicationKey] }),
    index('questionnaire_responses_due_idx').on(table.status, table.dueAt),
    check('questionnaire_responses_status_check', inList('status', questionnaireStatuses)),
  ],
);

export type QuestionnaireResponseRow = typeof questionnaireResponses.$inferSelect;
