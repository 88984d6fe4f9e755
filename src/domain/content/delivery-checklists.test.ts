import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentLibrary } from './check-content';
import type { Application, PbxTask } from './content.schemas';
import {
  callingPlatformOptions,
  environmentChecklistFor,
  pbxTasksFor,
  projectCallingPlatformOptions,
  uatChecklistFor,
} from './delivery-checklists';
import { loadContentLibrary } from './load-content';

const contentDirectory = fileURLToPath(new URL('../../../content', import.meta.url));

let library: ContentLibrary;
beforeAll(async () => {
  library = await loadContentLibrary(contentDirectory);
});

function application(key: string): Application {
  const found = library.applications.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no application ${key}`);
  return found;
}

const keys = (tasks: readonly { key: string }[]) => tasks.map((task) => task.key);
const on = (...platforms: string[]) => ({ 'project.calling-platform': platforms });

describe('environmentChecklistFor', () => {
  it('lists the items of the deployment option, in order', () => {
    expect(environmentChecklistFor(library, 'virtual-appliance', ['attendant-console'])).toEqual(
      library.environmentChecklists['virtual-appliance'],
    );
    expect(environmentChecklistFor(library, 'vendor-cloud', ['call-recording'])).toEqual(
      library.environmentChecklists['vendor-cloud'],
    );
  });

  it('leaves out the SQL Server items when no application in scope needs SQL Server', () => {
    const items = environmentChecklistFor(library, 'windows-vms', ['attendant-console', 'digital-fax']);
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((item) => item.onlyWhenSqlServer === true)).toBe(false);
    expect(keys(items)).toEqual(
      keys(library.environmentChecklists['windows-vms'].filter((item) => item.onlyWhenSqlServer !== true)),
    );
  });

  it('includes them when one application in scope needs SQL Server', () => {
    expect(application('call-recording').needsSqlServer).toBe(true);
    const items = environmentChecklistFor(library, 'windows-vms', ['digital-fax', 'call-recording']);
    expect(items).toEqual(library.environmentChecklists['windows-vms']);
    expect(keys(items)).toContain('sql-server-installed');
  });

  it('ignores application keys the library does not have', () => {
    expect(keys(environmentChecklistFor(library, 'windows-vms', ['video-wall']))).not.toContain('sql-server-installed');
  });
});

describe('pbxTasksFor', () => {
  const appliesTo = (tasks: readonly PbxTask[], platform: string) =>
    tasks.filter((task) => task.platforms === undefined || task.platforms.includes(platform));

  it("keeps the tasks of the project's calling platforms and those for every platform", () => {
    const bridge = { 'recording-method': 'built-in-bridge' };
    const [recording] = pbxTasksFor(library, [{ key: 'call-recording', answers: bridge }], on('cucm'));
    expect(recording?.applicationKey).toBe('call-recording');
    expect(keys(recording?.tasks ?? [])).toEqual([
      'cucm-recorder-trunk',
      'cucm-recording-profile',
      'cucm-built-in-bridge',
      'cucm-recording-lines',
      'test-calls',
    ]);
    const [teams] = pbxTasksFor(
      library,
      [{ key: 'call-recording', answers: { 'recording-method': 'teams-compliance' } }],
      on('teams'),
    );
    expect(keys(teams?.tasks ?? [])).toEqual(['teams-recording-bot', 'teams-compliance-policy', 'test-calls']);
    const [both] = pbxTasksFor(library, [{ key: 'call-recording', answers: bridge }], on('teams', 'cucm'));
    expect(both?.tasks.length).toBe(7);
    // While the recording method is not answered, the SIPREC task may still apply.
    const [unanswered] = pbxTasksFor(library, [{ key: 'call-recording', answers: {} }], on('cucm'));
    expect(keys(unanswered?.tasks ?? [])).toContain('siprec-to-recorder');
  });

  it('gives every task while the platform is not answered', () => {
    const all = application('contact-manager').pbxTasks;
    expect(pbxTasksFor(library, [{ key: 'contact-manager', answers: {} }], {})).toEqual([
      { applicationKey: 'contact-manager', tasks: all },
    ]);
  });

  it("narrows the tasks by their condition on the application's own answers (the fax route)", () => {
    const [fax] = pbxTasksFor(library, [{ key: 'digital-fax', answers: { 'fax-route': 'sbc' } }], on('teams'));
    expect(keys(fax?.tasks ?? [])).toEqual(['sbc-fax-routing', 't38-end-to-end', 'outbound-caller-id']);
    const [throughCucm] = pbxTasksFor(library, [{ key: 'digital-fax', answers: { 'fax-route': 'cucm' } }], on('cucm'));
    expect(keys(throughCucm?.tasks ?? [])).toEqual([
      'cucm-fax-trunk',
      'cucm-fax-routing',
      'cucm-gateway-t38',
      'outbound-caller-id',
    ]);
  });

  it('answers the applications in the order given and leaves out an application the library does not have', () => {
    const result = pbxTasksFor(
      library,
      [
        { key: 'queue-manager', answers: {} },
        { key: 'video-wall', answers: {} },
        { key: 'contact-manager', answers: {} },
      ],
      on('teams'),
    );
    expect(result.map((entry) => entry.applicationKey)).toEqual(['queue-manager', 'contact-manager']);
    expect(result[0]?.tasks).toEqual(appliesTo(application('queue-manager').pbxTasks, 'teams'));
    expect(result[1]?.tasks.some((task) => task.platforms?.includes('cucm') === true)).toBe(false);
  });

  it("reads an application's own calling platform when its questionnaire still asks one (an admin's older copy)", () => {
    const own: Application = {
      ...application('queue-manager'),
      designQuestionnaire: {
        ...application('queue-manager').designQuestionnaire,
        sections: [
          {
            key: 'platform',
            title: { en: 'Platform', it: 'Piattaforma' },
            fields: [
              {
                key: 'calling-platform',
                type: 'choice',
                required: true,
                label: { en: 'Platform', it: 'Piattaforma' },
                options: [
                  { value: 'cucm', label: { en: 'CUCM', it: 'CUCM' } },
                  { value: 'teams', label: { en: 'Teams', it: 'Teams' } },
                ],
              },
            ],
          },
        ],
      },
    };
    const older: ContentLibrary = { ...library, applications: [own] };
    expect(callingPlatformOptions(own)).toEqual(['cucm', 'teams']);
    const [tasks] = pbxTasksFor(
      older,
      [{ key: 'queue-manager', answers: { 'calling-platform': 'teams' } }],
      on('cucm'),
    );
    expect(tasks?.tasks).toEqual(appliesTo(own.pbxTasks, 'teams'));
  });

  it('reads the platform options from the project questionnaire', () => {
    expect(projectCallingPlatformOptions(library.projectQuestionnaire)).toEqual([
      'cucm',
      'teams',
      'webex-calling',
      'other-sip',
    ]);
    expect(callingPlatformOptions(application('digital-fax'))).toBeUndefined();
  });
});

describe('uatChecklistFor', () => {
  it('lists the items whose condition the answers meet, and those that wait on an unanswered question', () => {
    const [contacts] = uatChecklistFor(library, [{ key: 'contact-manager', answers: {} }], on('teams'));
    expect(keys(contacts?.items ?? [])).toContain('teams-search');
    expect(keys(contacts?.items ?? [])).not.toContain('phone-search');
    const [unknown] = uatChecklistFor(library, [{ key: 'contact-manager', answers: {} }], {});
    expect(unknown?.items).toEqual(application('contact-manager').uatChecklist);
  });

  it('lists an item that waits on a question of the application asked and not yet answered, not one its form hides', () => {
    const recordingItems = (answers: Record<string, string | string[]>, platform: string) =>
      keys(uatChecklistFor(library, [{ key: 'call-recording', answers }], on(platform))[0]?.items ?? []);
    // The recording method is asked and not answered yet: the internal-call test may still apply.
    expect(recordingItems({}, 'cucm')).toContain('internal-call');
    // Answered: network-based recording sees no on-net call, so the test would fail by design.
    expect(recordingItems({ 'recording-method': 'network-based' }, 'cucm')).not.toContain('internal-call');
    expect(recordingItems({ 'recording-method': 'built-in-bridge' }, 'cucm')).toContain('internal-call');
    // The codecs are asked after the method, and not for Teams compliance recording: no G.729 call to test there.
    expect(recordingItems({}, 'cucm')).toContain('g729-call');
    expect(recordingItems({ 'recording-method': 'teams-compliance' }, 'teams')).not.toContain('g729-call');
  });
});
