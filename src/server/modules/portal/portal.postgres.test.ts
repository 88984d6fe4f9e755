import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { latestLinkTo, pathOf, projectAtDesignQuestionnaire, signInContact } from '../../test/portal';

describe.skipIf(!isTestDatabaseAvailable)('the portal with two processes on one PostgreSQL database', () => {
  let first: TestEngage;
  let second: TestEngage;
  let manager: string;
  let setup: Awaited<ReturnType<typeof projectAtDesignQuestionnaire>>;

  beforeAll(async () => {
    first = await createTestEngage();
    second = await createTestEngage({ sameDatabaseAs: first });
    manager = (await first.staff('manager')).cookie;
    setup = await projectAtDesignQuestionnaire(first, manager);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('spends a link once when two processes receive its Continue at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      await first.request({
        method: 'POST',
        url: `/api/projects/${setup.projectId}/portal-links`,
        headers: { cookie: manager },
        payload: { contactId: setup.customerContact.id },
      });
      const link = pathOf(await latestLinkTo(first, manager, setup.projectId, setup.customerContact.email));
      const answers = await Promise.all([
        first.request({ method: 'POST', url: link }),
        second.request({ method: 'POST', url: link }),
      ]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([303, 410]);
    }
  });

  it('keeps both answers when two contacts save different fields through different processes at once', async () => {
    const customer = await signInContact(first, manager, setup.projectId, setup.customerContact);
    const partner = await signInContact(first, manager, setup.projectId, setup.partnerContact);
    const url = `/api/portal/projects/${setup.projectId}/questionnaires/call-recording/answers`;
    for (let round = 0; round < 5; round += 1) {
      const [one, two] = await Promise.all([
        first.request({
          method: 'PATCH',
          url,
          headers: { cookie: customer },
          payload: { answers: { 'recorded-users': 10 + round } },
        }),
        second.request({
          method: 'PATCH',
          url,
          headers: { cookie: partner },
          payload: { answers: { 'retention-months': 20 + round } },
        }),
      ]);
      expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
      const form = (
        await first.request({
          method: 'GET',
          url: `/api/portal/projects/${setup.projectId}/questionnaires/call-recording`,
          headers: { cookie: customer },
        })
      ).json();
      expect(form.answers['recorded-users']).toMatchObject({ value: 10 + round, by: { name: 'Giulia Rossi' } });
      expect(form.answers['retention-months']).toMatchObject({ value: 20 + round, by: { name: 'Peter Brown' } });
    }
  });
});
