import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsFrom } from '../api/errors';
import type { ProjectDetail } from '../api/types';
import {
  checkDraft,
  draftFields,
  emptyDraft,
  type DraftErrors,
  type SessionDraft,
  type SessionFormPurpose,
} from './sessionDraft';

/** The draft of a session form, its errors (found here or by the server) and the problems no field shows. */
export function useSessionForm(project: ProjectDetail, purpose: SessionFormPurpose = 'invite') {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SessionDraft>(() => emptyDraft(project));
  const [errors, setErrors] = useState<DraftErrors>({});

  function change(update: Partial<SessionDraft>) {
    setDraft((current) => ({ ...current, ...update }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(update)) delete next[key as keyof DraftErrors];
      return next;
    });
  }

  /** Checks the draft; shows the problems and answers false when there are some. */
  function validate(): boolean {
    const problems = checkDraft(draft, purpose);
    const found: DraftErrors = {};
    for (const [field, key] of Object.entries(problems)) found[field as keyof DraftErrors] = t(`sessions.form.${key}`);
    setErrors(found);
    return Object.keys(found).length === 0;
  }

  /** Puts the server's field problems on the fields; answers the problems of other fields. */
  function showServerErrors(error: unknown): string[] {
    const { fieldErrors, otherProblems } = fieldErrorsFrom(error, draftFields);
    setErrors(fieldErrors);
    return otherProblems;
  }

  return { draft, errors, change, validate, showServerErrors };
}
