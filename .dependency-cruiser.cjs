/**
 * The dependency rules of Engage's source, checked by `npm run lint` (dependency-cruiser).
 *
 * A module is a folder under src/server/modules. A module uses another only through its service
 * (`<module>.service.ts`) or a small published interface file its header names (projects/participant.ts,
 * projects/process-facts.ts, …), never through its repository, and the modules form layers without cycles.
 * Bottom to top (a module may use the ones in the layers below it, and the ones beside it that it does not cycle with):
 *
 *   base, no module   src/domain (pure), src/server/{identity,context,errors}.ts, db/, http/, email/, pdf/, jobs/
 *   0                 audit
 *   1                 content, calendars, process, users
 *   2                 organisations, projects (with the participant and the process facts registry), files
 *   3                 mail, work-log, purchase-orders, questionnaires
 *   4                 auth, requirements, delivery
 *   5                 portal, engagement, reminders, catalog, health
 *   6                 sessions
 *   wiring            modules/register-providers.ts, app.ts, start.ts, openapi.ts
 *
 * Where a lower module must reach a higher one (the process facts that delivery records, the activity report a work
 * log change supersedes, the personal links mail mints for the portal and auth, the account credentials users needs
 * from auth, the portal access organisations withdraws, the requirements a first questionnaire submission generates),
 * the lower module publishes a registry or an interface and the higher one is plugged in at start, in one place:
 * src/server/modules/register-providers.ts.
 *
 * Tests (*.test.ts, src/server/test/**) are left out of the cruise: a test may reach into any module to set up or
 * check what it needs.
 */
const moduleFile = '^src/server/modules/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain is pure logic without I/O, shared by the server and the web app: it cannot depend on either of them.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'web-not-server',
      comment:
        'The web app talks to the server over HTTP only: its API types are generated into src/web/api, so nothing of src/server is bundled into the browser.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'runtimes-not-modules',
      comment:
        'http/, email/, pdf/ and jobs/ are runtimes the modules use; what a route, an email or a job says lives in its module, so a runtime importing a module would turn the layering upside down (the app hands them what they need).',
      severity: 'error',
      from: { path: '^src/server/(http|email|pdf|jobs)/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'no-foreign-repository',
      comment:
        "A module's repository holds its queries; another module goes through that module's service, which keeps its access rules and lets the queries change freely.",
      severity: 'error',
      from: { path: moduleFile },
      to: { path: '^src/server/modules/[^/]+/[^/]+\\.repository\\.ts$', pathNot: '^src/server/modules/$1/' },
    },
    {
      name: 'tables-files-are-leaves',
      comment:
        "A module's tables file (<module>.tables.ts) defines tables: it imports src/domain, db/columns.ts and the tables files its foreign keys point to, nothing else. Above all not db/schema.ts, the index that re-exports it, whose imports are not followed (see options): the cycle would go unseen.",
      severity: 'error',
      from: { path: '^src/server/modules/[^/]+/[^/]+\\.tables\\.ts$' },
      to: { pathNot: '^src/domain/|^src/server/db/columns\\.ts$|^src/server/modules/[^/]+/[^/]+\\.tables\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'A file cycle makes the load order matter (a value read before its module ran is undefined) and the files impossible to read or test one at a time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      comment:
        "Modules form layers (see the header): two modules that use each other are one module in two folders. The file rule above misses a cycle that goes through different files of each module, so this one checks the modules' folders. (Its path only filters the two ends: a cycle through http/ or another runtime is ruled out by runtimes-not-modules.)",
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/server/modules/[^/]+$' },
      to: { path: '^src/server/modules/[^/]+$', circular: true },
    },
  ],
  options: {
    includeOnly: '^src/',
    // db/schema.ts is the index of every module's tables (drizzle-kit reads it, the typed client is built from it), so it
    // imports every module: followed, it would make db/ depend on all of them and put every module that queries the
    // database in a cycle with every module above it. A tables file imports other tables files directly, never the
    // index (tables-files-are-leaves), and the modules' own edges are checked where they are.
    doNotFollow: { path: '^src/server/db/schema\\.ts$' },
    exclude: { path: '\\.test\\.tsx?$|^src/server/test/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a module that needs another's types depends on it as much as one calling it.
    tsPreCompilationDeps: true,
  },
};
