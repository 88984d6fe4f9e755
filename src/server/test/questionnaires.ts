import type { AnswerValue } from '../../domain/content';
import type { TestEngage } from './harness';
import { answersForRequired } from './portal';

/** A customer on CUCM whose applications run on the vendor's virtual appliance: the plain answers of the project questionnaire. */
export const cucmOnAppliance: Record<string, AnswerValue> = {
  'calling-platform': ['cucm'],
  deployment: 'virtual-appliance',
};

/**
 * Answers the project questionnaire (every required question the form shows, with the `given` answers) and submits it,
 * as staff (`/api/projects`) or as a contact (`/api/portal/projects`); throws with the answer when a call is refused.
 */
export async function submitProjectQuestionnaire(
  engage: TestEngage,
  cookie: string,
  projectId: string,
  given: Record<string, AnswerValue> = cucmOnAppliance,
  side: 'staff' | 'portal' = 'staff',
): Promise<void> {
  const base = side === 'staff' ? `/api/projects/${projectId}` : `/api/portal/projects/${projectId}`;
  const form = await engage.request({ method: 'GET', url: `${base}/questionnaires/project`, headers: { cookie } });
  if (form.statusCode !== 200) throw new Error(`the project questionnaire answered ${form.statusCode}: ${form.body}`);
  const answers = answersForRequired(
    form.json<{ questionnaire: Parameters<typeof answersForRequired>[0] }>().questionnaire,
    given,
  );
  const saved = await engage.request({
    method: 'PATCH',
    url: `${base}/questionnaires/project/answers`,
    headers: { cookie },
    payload: { answers },
  });
  if (saved.statusCode !== 200)
    throw new Error(`saving the project questionnaire answered ${saved.statusCode}: ${saved.body}`);
  const submitted = await engage.request({
    method: 'POST',
    url: `${base}/questionnaires/project/submit`,
    headers: { cookie },
  });
  if (submitted.statusCode !== 204)
    throw new Error(`submitting the project questionnaire answered ${submitted.statusCode}: ${submitted.body}`);
}
