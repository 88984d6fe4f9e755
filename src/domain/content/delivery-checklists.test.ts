import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentLibrary } from './check-content';
import type { Application, PbxTask } from './content.schemas';
import { callingPlatformOptions, environmentChecklistFor, pbxTasksFor } from './delivery-checklists';
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

describe('environmentChecklistFor', () => {
  it('lists the items of the deployment option, in order', () => {
    expect(environmentChecklistFor(library, 'virtual-appliance', ['attendant-console'])).toEqual(library.environmentChecklists['virtual-appliance']);
  });

  it('leaves out the SQL Server items when no application in scope needs SQL Server', () => {
    const items = environmentChecklistFor(library, 'windows-vms', ['attendant-console', 'digital-fax']);
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((item) => item.onlyWhenSqlServer === true)).toBe(false);
    expect(keys(items)).toEqual(keys(library.environmentChecklists['windows-vms'].filter((item) => item.onlyWhenSqlServer !== true)));
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

  it('keeps the tasks of the answered platform and those for every platform', () => {
    const [recording] = pbxTasksFor(library, [{ key: 'call-recording', callingPlatform: 'cucm' }]);
    expect(recording?.applicationKey).toBe('call-recording');
    expect(keys(recording?.tasks ?? [])).toEqual(['cucm-recorder-trunk', 'cucm-recording-profile', 'cucm-built-in-bridge', 'cucm-recording-lines', 'test-calls']);
    const [teams] = pbxTasksFor(library, [{ key: 'call-recording', callingPlatform: 'teams' }]);
    expect(keys(teams?.tasks ?? [])).toEqual(['teams-recording-bot', 'teams-compliance-policy', 'test-calls']);
  });

  it('gives every task of the application when the platform is not answered or not one of its options', () => {
    const all = application('digital-fax').pbxTasks;
    expect(pbxTasksFor(library, [{ key: 'digital-fax', callingPlatform: null }])).toEqual([{ applicationKey: 'digital-fax', tasks: all }]);
    expect(pbxTasksFor(library, [{ key: 'digital-fax', callingPlatform: 'teams' }])).toEqual([{ applicationKey: 'digital-fax', tasks: all }]);
  });

  it('answers each application by its own platform, in the order given, and leaves out an application the library does not have', () => {
    const result = pbxTasksFor(library, [
      { key: 'queue-manager', callingPlatform: 'teams' },
      { key: 'video-wall', callingPlatform: 'cucm' },
      { key: 'contact-manager', callingPlatform: 'both' },
      { key: 'digital-fax', callingPlatform: 'sbc' },
    ]);
    expect(result.map((entry) => entry.applicationKey)).toEqual(['queue-manager', 'contact-manager', 'digital-fax']);
    expect(result[0]?.tasks).toEqual(appliesTo(application('queue-manager').pbxTasks, 'teams'));
    expect(result[0]?.tasks.some((task) => task.platforms?.includes('cucm') === true && !task.platforms.includes('teams'))).toBe(false);
    expect(result[1]?.tasks).toEqual(application('contact-manager').pbxTasks);
    expect(keys(result[2]?.tasks ?? [])).toEqual(['sbc-fax-routing', 't38-end-to-end', 'outbound-caller-id']);
  });

  it('reads the platform options from the calling-platform field of each questionnaire', () => {
    expect(callingPlatformOptions(application('call-recording'))).toEqual(['cucm', 'teams', 'sip-trunk', 'other']);
    expect(callingPlatformOptions(application('digital-fax'))).toEqual(['cucm', 'sbc', 'carrier-sip-trunk']);
    const withoutField = { designQuestionnaire: { ...application('digital-fax').designQuestionnaire, sections: [] } };
    expect(callingPlatformOptions(withoutField)).toBeUndefined();
  });
});
