import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Questionnaire } from '../../../domain/content';
import { migrationsFolder } from '../../paths';
import { apiFixtures } from '../../test/fixtures';
import { createTestEngage, isTestDatabaseAvailable, type TestEngage } from '../../test/harness';
import { answersForRequired } from '../../test/portal';
import { submitProjectQuestionnaire } from '../../test/questionnaires';

interface SummaryLike {
  applicationKey: string;
  kind: string;
  status: string;
}
interface RequirementLike {
  applicationKey: string | null;
  ruleKey: string | null;
  category: string;
  title: { en: string; it: string };
  description: { en: string; it: string };
}

describe.skipIf(!isTestDatabaseAvailable)(
  'the project questionnaire: asked once per project, before the applications’',
  () => {
    let engage: TestEngage;
    let manager: string;
    let fixtures: ReturnType<typeof apiFixtures>;

    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      engage.request({
        method,
        url,
        headers: { cookie: manager },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const questionnaires = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}/questionnaires`)).json<{ items: SummaryLike[] }>().items;
    const step = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}`)).json<{
        currentStep: { key: string } | null;
        deployment: string;
      }>();
    const requirements = async (projectId: string) =>
      (await call('GET', `/api/projects/${projectId}/requirements`)).json<{ requirements: RequirementLike[] }>()
        .requirements;

    /** A project at E4 (presentation and contact waived), with the given applications. */
    async function projectAtE4(applications: string[], deployment = 'virtual-appliance'): Promise<string> {
      const customer = await fixtures.customer();
      const project = await fixtures.project({ customerId: customer.id, applications, deployment });
      await fixtures.post(
        `/api/projects/${project.id}/purchase-order`,
        { number: `PO-${Date.now()}-${Math.random()}` },
        200,
      );
      for (const stepKey of ['service-presentation', 'engineer-contact']) {
        await fixtures.post(
          `/api/projects/${project.id}/actions`,
          { type: 'waive', stepKey, reason: 'Done by phone' },
          200,
        );
      }
      return project.id;
    }

    async function submitApplication(projectId: string, key: string, given: Record<string, unknown> = {}) {
      const form = (await call('GET', `/api/projects/${projectId}/questionnaires/${key}`)).json<{
        questionnaire: Questionnaire;
      }>();
      expect(
        (
          await call('PATCH', `/api/projects/${projectId}/questionnaires/${key}/answers`, {
            answers: answersForRequired(form.questionnaire, given as never),
          })
        ).statusCode,
      ).toBe(200);
      return call('POST', `/api/projects/${projectId}/questionnaires/${key}/submit`);
    }

    beforeAll(async () => {
      engage = await createTestEngage();
      manager = (await engage.staff('manager')).cookie;
      fixtures = apiFixtures(engage, manager);
    });
    afterAll(async () => {
      await engage?.close();
    });

    it('lists the project questionnaire first, and E4 waits for it as for the applications’', async () => {
      const projectId = await projectAtE4(['call-recording', 'call-analytics']);
      expect((await questionnaires(projectId)).map((item) => [item.applicationKey, item.kind])).toEqual([
        ['project', 'project'],
        ['call-recording', 'application'],
        ['call-analytics', 'application'],
      ]);
      const early = await submitApplication(projectId, 'call-recording');
      expect(early.statusCode).toBe(409);
      expect(early.json().message).toMatch(/Submit the project questionnaire first/);
      await submitProjectQuestionnaire(engage, manager, projectId);
      expect((await submitApplication(projectId, 'call-recording')).statusCode).toBe(204);
      expect((await step(projectId)).currentStep?.key).toBe('design-questionnaire');
      expect(
        (await submitApplication(projectId, 'call-analytics', { 'cdr-source': 'cucm-billing-server' })).statusCode,
      ).toBe(204);
      expect((await step(projectId)).currentStep?.key).toBe('requirements-refining');
    });

    it('raises a Teams-only project’s requirements once, with no CUCM, SIP trunk or SQL Server item', async () => {
      const projectId = await projectAtE4(['call-recording', 'call-analytics']);
      await submitProjectQuestionnaire(engage, manager, projectId, {
        'calling-platform': ['teams'],
        'teams-tenant': 'contoso.onmicrosoft.com',
        'teams-pstn': ['operator-connect'],
        deployment: 'virtual-appliance',
        'directory-source': 'entra-id',
        'email-notifications': true,
        'smtp-account': false,
      });
      // What a Teams customer's forms show: no CUCM question.
      for (const key of ['call-recording', 'call-analytics']) {
        const form = (await call('GET', `/api/projects/${projectId}/questionnaires/${key}`)).json<{
          fieldCount: number;
          projectAnswers: Record<string, unknown>;
        }>();
        expect(form.projectAnswers['project.calling-platform']).toEqual(['teams']);
      }
      expect(
        (await submitApplication(projectId, 'call-recording', { 'recording-method': 'teams-compliance' })).statusCode,
      ).toBe(204);
      expect((await submitApplication(projectId, 'call-analytics', { 'cdr-source': 'teams-graph' })).statusCode).toBe(
        204,
      );
      const list = await requirements(projectId);
      const text = (item: RequirementLike) => `${item.title.en} ${item.description.en}`;
      expect(
        list
          .filter(
            (item) => item.category === 'sql-server' || /\bCUCM\b|\bSIP\b|Communications Manager/.test(text(item)),
          )
          .map((item) => item.ruleKey),
      ).toEqual([]);
      const titles = list.map((item) => item.title.en);
      expect(new Set(titles).size).toBe(titles.length);
      expect(
        list.filter((item) => item.ruleKey === 'virtual-appliance-host').map((item) => item.applicationKey),
      ).toEqual(['project']);
      // Both applications on one appliance: 4+4 vCPU, 16+8 GB, 100+150 GB.
      expect(list.find((item) => item.ruleKey === 'virtual-appliance-host')?.description.en).toContain(
        '8 vCPU, 24 GB RAM and 250 GB of disk reserved for the appliance, which runs Call Recording, Call Analytics',
      );
      expect(list.map((item) => `${item.applicationKey}/${item.ruleKey}`)).toEqual(
        expect.arrayContaining([
          'call-recording/teams-compliance-policy',
          'call-analytics/teams-call-records',
          'project/entra-id-sync-tool',
        ]),
      );
    });

    it('makes the deployment the design settled on the project’s, audited, and P1’s checklist follows it', async () => {
      const projectId = await projectAtE4(['call-recording']);
      expect((await step(projectId)).deployment).toBe('virtual-appliance');
      await submitProjectQuestionnaire(engage, manager, projectId, {
        'calling-platform': ['teams'],
        deployment: 'vendor-cloud',
      });
      expect((await step(projectId)).deployment).toBe('vendor-cloud');
      const audit = await engage.context.db.execute<{ before: unknown; after: unknown }>(
        sql`select before, after from audit_events where project_id = ${projectId} and action = 'project.deployment-changed'`,
      );
      expect((audit as { rows: unknown[] }).rows).toEqual([
        {
          before: { deployment: 'virtual-appliance' },
          after: { deployment: 'vendor-cloud', cause: 'project questionnaire submitted' },
        },
      ]);
      const environment = (await call('GET', `/api/projects/${projectId}/delivery`)).json<{
        deployment: string;
        environment: { key: string }[];
      }>();
      expect(environment.deployment).toBe('vendor-cloud');
      expect(environment.environment.map((item) => item.key)).toEqual(
        expect.arrayContaining(['tenant-created', 'microsoft-consent']),
      );
      // No server to prepare in the vendor's cloud: nothing of a hypervisor or a Windows VM is raised.
      expect((await requirements(projectId)).map((item) => item.ruleKey)).toEqual(
        expect.arrayContaining(['vendor-cloud-onboarding']),
      );
      expect((await requirements(projectId)).map((item) => item.ruleKey)).not.toContain('virtual-appliance-host');
    });

    it('leaves the projects in flight when it came as they were: no project questionnaire, E4 as before', async () => {
      const projectId = await projectAtE4(['call-recording']);
      await engage.context.db.execute(
        sql`update projects set asks_project_questionnaire = false where id = ${projectId}`,
      );
      expect((await questionnaires(projectId)).map((item) => item.applicationKey)).toEqual(['call-recording']);
      expect((await call('GET', `/api/projects/${projectId}/questionnaires/project`)).statusCode).toBe(404);
      // Its questions that depend on project answers nobody gave are asked rather than dropped.
      expect(
        (await submitApplication(projectId, 'call-recording', { 'recording-method': 'built-in-bridge' })).statusCode,
      ).toBe(204);
      expect((await step(projectId)).currentStep?.key).toBe('requirements-refining');
      // A rule waiting on a project answer neither raises nor withdraws: the engineer adds what the design needs.
      const raised = (await requirements(projectId)).map((item) => item.ruleKey);
      expect(raised).toContain('recorder-ports');
      expect(raised).not.toContain('cucm-built-in-bridge');
    });

    it('marks in flight, in migration 0018, the projects whose questionnaires started or that are past E3', async () => {
      const fresh = await projectAtE4(['call-recording']);
      await engage.context.db.execute(
        sql`update projects set current_step_key = 'engineer-contact' where id = ${fresh}`,
      );
      const opened = await projectAtE4(['call-recording']);
      await questionnaires(opened);
      await engage.context.db.execute(
        sql`update projects set current_step_key = 'engineer-contact' where id = ${opened}`,
      );
      const later = await projectAtE4(['call-recording']);
      await engage.context.db.execute(
        sql`update projects set current_step_key = 'activity-schedule' where id = ${later}`,
      );
      const closed = await projectAtE4(['call-recording']);
      await engage.context.db.execute(sql`update projects set current_step_key = null where id = ${closed}`);
      const ids = [fresh, opened, later, closed];
      await engage.context.db.execute(
        sql`update projects set asks_project_questionnaire = true where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );

      const migration = readFileSync(
        `${migrationsFolder}/0018_project_questionnaire_vendor_cloud_uat_remarks.sql`,
        'utf8',
      );
      const statement = migration
        .split('--> statement-breakpoint')
        .find((part) => /UPDATE "projects" SET "asks_project_questionnaire" = false/.test(part));
      if (statement === undefined) throw new Error('the migration no longer marks the projects in flight');
      await engage.context.db.execute(sql.raw(statement.replace(/^\s*--.*$/gm, '')));
      const flags = await engage.context.db.execute<{ id: string; asks: boolean }>(
        sql`select id, asks_project_questionnaire as asks from projects where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
      const asks = new Map((flags as { rows: { id: string; asks: boolean }[] }).rows.map((row) => [row.id, row.asks]));
      expect(ids.map((id) => asks.get(id))).toEqual([true, false, false, false]);
    });
  },
);
