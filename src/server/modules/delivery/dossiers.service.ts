/** Support's reading of the hand-over packages: a package's files, and the search of the dossiers of closed projects. */
import type { ServiceContext } from '../../context';
import { refuse } from '../../errors';
import type { StaffActor } from '../audit/actor';
import { findFileContent } from '../files/files.service';
import { checkProjectReadable, listProjectSummaries } from '../projects/projects.service';
import { findHandoverFileIds, searchHandoverPackages } from './handover.repository';

/** The hand-over package's PDF or JSON. */
export async function getHandoverFile(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  format: 'pdf' | 'json',
) {
  await checkProjectReadable(context, actor, projectId);
  const pack = await findHandoverFileIds(context.db, projectId);
  if (pack === undefined) throw refuse('not_found', 'delivery.no_handover_package');
  const file = await findFileContent(context.db, format === 'pdf' ? pack.pdfFileId : pack.jsonFileId);
  if (file === null) throw refuse('not_found', 'delivery.package_file_missing');
  return file;
}

function excerptOf(text: string, query: string): string {
  const lower = text.toLowerCase();
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
  const at = words.map((word) => lower.indexOf(word)).find((index) => index >= 0) ?? 0;
  const line = text.slice(
    Math.max(0, text.lastIndexOf('\n', at) + 1),
    Math.max(at, text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at)),
  );
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Support's search of the dossiers of closed projects by any text (customer, application, a configuration value):
 * every word must appear, as a word of the dossier (full-text, 'simple' dictionary) or inside one (a host name).
 */
export async function searchDossiers(context: ServiceContext, actor: StaffActor, query: string) {
  const words = query
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 8);
  const packages = await searchHandoverPackages(context.db, words);
  const projectOf = new Map(
    (
      await listProjectSummaries(
        context.db,
        packages.map((pack) => pack.projectId),
      )
    ).map((project) => [project.id, project]),
  );
  // Support sees the dossiers of completed projects only.
  const rows = packages
    .flatMap((pack) => {
      const project = projectOf.get(pack.projectId);
      if (project === undefined || (actor.role === 'support' && project.state !== 'complete')) return [];
      return [
        {
          projectId: project.id,
          reference: project.reference,
          name: project.name,
          customerName: project.customerName,
          closedAt: pack.closedAt,
          searchText: pack.searchText,
        },
      ];
    })
    .slice(0, 50);
  return { items: rows.map(({ searchText, ...row }) => ({ ...row, excerpt: excerptOf(searchText, query) })) };
}
