import { longDate } from '../../../domain/text/format';
import { createHmac, randomBytes } from 'node:crypto';
import { renderEmailTemplate, type ContentLanguage } from '../../../domain/content';
import { inTransaction, type ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { translate } from '../../../domain/text/i18n';
import { refuse } from '../../errors';
import { contactActor } from '../../identity';
import type { Actor, StaffActor } from '../audit/actor';
import { recordAuditEvent } from '../audit/audit.service';
import { recordRefusal } from '../audit/refusals.service';
import { getContentLibrary } from '../content/content.service';
import { countRecentMail, queueMail } from '../mail/mail.service';
import { portalLinkExpiresAt, portalLinkUrl } from '../mail/personal-links';
import {
  ensureProjectInContactScope,
  findProjectWithNames,
  getProjectForAction,
  listContactProjectIds,
} from '../projects/projects.service';
import { findUserById } from '../users/users.service';
import {
  deletePortalSession,
  deletePortalSessionsOfContact,
  deletePortalSessionsOfLink,
  extendPortalSession,
  findActivePortalSession,
  findContactIdentity,
  findEnabledContactsByEmail,
  findPortalLink,
  findPortalLinkByHash,
  insertPortalLink,
  insertPortalSession,
  listPortalLinksOfProject,
  lockFreshLinkRequests,
  revokePortalLink,
  revokeUsableLinksOfContact,
  spendPortalLink,
  type ContactIdentity,
  type PortalLinkRow,
} from './portal-access.repository';

/** The audit actor of an external contact (its home is src/server/identity.ts). */
export { contactActor };

/** Stored hashes are keyed and prefixed per purpose, so a link token can never pass for a session token. */
function hashToken(context: ServiceContext, purpose: 'link' | 'portal-session', token: string): string {
  return createHmac('sha256', context.sessionSecret).update(`${purpose}:${token}`).digest('base64url');
}

/** 256 random bits, URL-safe. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Targets a link may lead to inside a project: its overview, a questionnaire, its requirements. */
const targetPattern = /^(|questionnaires\/[a-z][a-z0-9-]{0,80}|requirements|sessions|delivery)$/;

/** Whether a link may lead there inside a project: its overview, a questionnaire, its requirements, sessions, delivery. */
export function isPortalLinkTarget(target: string): boolean {
  return targetPattern.test(target);
}

export interface IssuedLink {
  id: string;
  /** The bearer secret: the mail delivery writes it into the email it delivers, and nowhere else. */
  token: string;
  expiresAt: Date;
}

/** The portal's path for a project and target, where the contact lands after Continue. */
export function portalPath(projectId: string | null, target: string): string {
  if (projectId === null) return '/portal';
  return target === '' ? `/portal/projects/${projectId}` : `/portal/projects/${projectId}/${target}`;
}

/**
 * Mints a personal link for a contact inside the caller's transaction and returns its token, which only the email being
 * delivered carries (the mail delivery calls this: see mail/personal-links.ts). The link leads to the project (and
 * target) after its Continue button is pressed.
 */
export async function issuePortalLink(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  input: {
    contactId: string;
    projectId: string | null;
    target?: string;
    reason: PortalLinkRow['reason'];
    /** Who caused the email, when not the actor (Engage mints at delivery what a person queued). */
    createdBy?: string | null;
    /** The message that carries the link. */
    mailId?: string;
  },
): Promise<IssuedLink> {
  const target = input.target ?? '';
  if (!targetPattern.test(target)) throw new Error(`not a portal link target: ${target}`);
  const token = newToken();
  const expiresAt = new Date(context.now().getTime() + context.portal.linkTtlMs);
  const link = await insertPortalLink(db, {
    tokenHash: hashToken(context, 'link', token),
    contactId: input.contactId,
    projectId: input.projectId,
    target,
    reason: input.reason,
    createdBy: input.createdBy === undefined ? actor.userId : input.createdBy,
    createdAt: context.now(),
    expiresAt,
  });
  await recordAuditEvent(db, actor, {
    action: 'portal.link-issued',
    projectId: input.projectId,
    subjectType: 'portal-link',
    subjectId: link.id,
    after: {
      contactId: input.contactId,
      reason: input.reason,
      target,
      expiresAt: expiresAt.toISOString(),
      ...(input.mailId === undefined ? {} : { mailId: input.mailId }),
    },
  });
  return { id: link.id, token, expiresAt };
}

export type LinkState = 'valid' | 'used' | 'expired' | 'revoked' | 'unknown';

export interface LinkPage {
  state: LinkState;
  /** The language to show the page in: the contact's, when the link is known. */
  language: ContentLanguage | null;
  contactName: string | null;
  projectLabel: string | null;
  /** Where Continue (or, for a browser already signed in as this contact, the open link) leads. */
  next: string;
  /** The browser holds a portal session of the link's contact: no fresh link is needed. */
  isSignedIn: boolean;
  /** Where to send the browser at once instead of showing the page, or null. */
  redirect: string | null;
  vendorName: string;
}

function linkState(link: PortalLinkRow | null, now: Date): LinkState {
  if (link === null) return 'unknown';
  if (link.revokedAt !== null) return 'revoked';
  if (link.usedAt !== null) return 'used';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** A target asked for in the link's address (?to=questionnaires/call-recording), when it is one a link may lead to. */
export function linkTarget(to: string | undefined, link: Pick<PortalLinkRow, 'projectId' | 'target'>): string {
  return to !== undefined && link.projectId !== null && targetPattern.test(to) ? to : link.target;
}

/** What the link's page shows; reading it changes nothing (mail scanners open every link). */
export async function readLinkPage(
  context: ServiceContext,
  token: string,
  session: ContactIdentity | null,
  to?: string,
): Promise<LinkPage> {
  const link = await findPortalLinkByHash(context.db, hashToken(context, 'link', token));
  const contact = link === null ? null : await findContactIdentity(context.db, link.contactId);
  // A disabled contact's link is withdrawn, whatever its row says (one written by a message queued before).
  const state = contact?.isDisabled === true ? 'revoked' : linkState(link, context.now());
  const library = await getContentLibrary(context.db);
  const project =
    link?.projectId == null || state !== 'valid' ? null : await findProjectWithNames(context.db, link.projectId);
  const next = link === null ? '/portal' : portalPath(link.projectId, linkTarget(to, link));
  const isSignedIn = link !== null && session !== null && session.id === link.contactId;
  return {
    state,
    language: contact?.language ?? null,
    contactName: state === 'valid' ? (contact?.name ?? null) : null,
    projectLabel: project === null ? null : `${project.project.reference} · ${project.project.name}`,
    next,
    isSignedIn,
    // Its own contact, signed in, opening a link they already spent (the questionnaire link again, from the email) wants
    // the page it leads to. Only a spent link: an expired or withdrawn one says so, and a valid one waits for Continue.
    redirect: state === 'used' && isSignedIn ? next : null,
    vendorName: library.vendor.name,
  };
}

export interface SpentLink {
  sessionToken: string;
  next: string;
}

/**
 * Continue: spends the link (once, atomically) and opens a portal session for its contact. Returns null when the link
 * cannot be used (used, expired, revoked, unknown): the caller shows the page again, which offers a fresh link.
 */
export async function spendLink(
  context: ServiceContext,
  token: string,
  client: { ip: string | null; userAgent: string | null },
  to?: string,
): Promise<SpentLink | null> {
  return inTransaction(context, async (db) => {
    const now = context.now();
    const link = await spendPortalLink(db, hashToken(context, 'link', token), now, client.ip);
    if (link === null) return null;
    const contact = await findContactIdentity(db, link.contactId);
    if (contact === null || contact.isDisabled) return null;
    const sessionToken = newToken();
    await insertPortalSession(db, {
      tokenHash: hashToken(context, 'portal-session', sessionToken),
      contactId: contact.id,
      linkId: link.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + context.sessionTtlMs),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    await recordAuditEvent(db, contactActor(contact, client.ip), {
      action: 'portal.link-used',
      projectId: link.projectId,
      subjectType: 'portal-link',
      subjectId: link.id,
      after: { contactId: contact.id, userAgent: client.userAgent?.slice(0, 200) ?? null },
    });
    return { sessionToken, next: portalPath(link.projectId, linkTarget(to, link)) };
  });
}

/** The contact behind a portal session cookie, or null; an active session's expiry slides forward. */
export async function resolvePortalSession(context: ServiceContext, token: string): Promise<ContactIdentity | null> {
  const tokenHash = hashToken(context, 'portal-session', token);
  const now = context.now();
  const found = await findActivePortalSession(context.db, tokenHash, now);
  if (found === null) return null;
  if (found.expiresAt.getTime() - now.getTime() < context.sessionTtlMs / 2) {
    await extendPortalSession(context.db, tokenHash, new Date(now.getTime() + context.sessionTtlMs));
  }
  return { ...found.contact, linkId: found.linkId };
}

export async function logoutPortal(
  context: ServiceContext,
  token: string,
  contact: ContactIdentity,
  ip: string | null,
): Promise<void> {
  await inTransaction(context, async (db) => {
    await deletePortalSession(db, hashToken(context, 'portal-session', token));
    await recordAuditEvent(db, contactActor(contact, ip), {
      action: 'portal.logout',
      subjectType: 'contact',
      subjectId: contact.id,
    });
  });
}

/** Throws not_found unless the project is one the contact may see; the answer is the same for a project that does not exist. */
export async function ensureProjectInScope(
  context: ServiceContext,
  contact: ContactIdentity,
  projectId: string,
): Promise<void> {
  await ensureProjectInContactScope(context, contact, projectId);
}

export async function listContactProjects(context: ServiceContext, contact: ContactIdentity): Promise<string[]> {
  return listContactProjectIds(context.db, contact);
}

const formatDate = (date: Date, language: ContentLanguage) => longDate(date, language, 'UTC');

/** Writes the portal-link email for a contact (inside the caller's transaction); its link is minted when it is delivered. */
async function queuePortalLinkEmail(
  context: ServiceContext,
  db: Database,
  actor: Actor,
  contact: ContactIdentity,
  projectIds: readonly string[],
  reason: PortalLinkRow['reason'],
  replyTo: { name: string; email: string } | null,
): Promise<void> {
  const library = await getContentLibrary(db);
  const projectId = projectIds.length === 1 ? (projectIds[0] ?? null) : null;
  const projects = [];
  for (const id of projectIds) {
    const row = await findProjectWithNames(db, id);
    if (row !== null) projects.push({ reference: row.project.reference, name: row.project.name });
  }
  const rendered = renderEmailTemplate(library.emailTemplates['portal-link'][contact.language], {
    recipient: { name: contact.name },
    vendor: { name: library.vendor.name },
    link: portalLinkUrl(context, 'portal'),
    expiresDate: formatDate(portalLinkExpiresAt(context), contact.language),
    projects,
  });
  await queueMail(context, db, actor, {
    projectId,
    kind: 'portal-link',
    language: contact.language,
    to: [{ name: contact.name, email: contact.email }],
    replyTo,
    ...rendered,
    personalLinks: [{ kind: 'portal', slot: 'portal', contactId: contact.id, projectId, target: '', reason }],
  });
}

const resendWindowMs = 15 * 60 * 1000;
const resendLimit = 3;

/**
 * "Email me a new link": for each contact with this address who has projects, a fresh link by email. The caller's
 * answer never depends on the outcome (whether the address is known must not show); at most a few per address in a
 * quarter of an hour, so nobody can flood a mailbox.
 */
export async function requestFreshLink(context: ServiceContext, email: string, ip: string | null): Promise<void> {
  const address = email.trim().toLowerCase();
  if (address.length === 0 || address.length > 320) return;
  await inTransaction(context, async (db) => {
    // Requests for one address queue up, so that the limit holds when several arrive at once.
    await lockFreshLinkRequests(db, address);
    const contacts = await findEnabledContactsByEmail(db, address);
    const since = new Date(context.now().getTime() - resendWindowMs);
    // Counted by the emails written, not the links: a link is minted only when its email is delivered.
    const isLimited =
      contacts.length > 0 &&
      (await countRecentMail(db, { kind: 'portal-link', to: address, linkReason: 'resend', since })) >= resendLimit;
    let sent = 0;
    if (!isLimited) {
      for (const contact of contacts) {
        const projectIds = await listContactProjectIds(db, contact);
        if (projectIds.length === 0) continue;
        await queuePortalLinkEmail(context, db, contactActor(contact, ip), contact, projectIds, 'resend', null);
        sent += 1;
      }
    }
    const requester: Actor = { userId: null, role: null, name: null, ip };
    const requested = {
      action: 'portal.link-requested',
      subjectType: 'email',
      subjectId: address,
      after: { linksSent: sent, isLimited },
    };
    // A request that sent nothing (an unknown address, the limit) is what a flood is made of: counted per client.
    if (sent > 0) await recordAuditEvent(db, requester, requested);
    else await recordRefusal(context, db, requester, requested);
  });
}

/** Who may be sent links for a project: the contacts of its customer and of its partner. */
async function projectContact(db: Database, projectId: string, contactId: string): Promise<ContactIdentity> {
  const contact = await findContactIdentity(db, contactId);
  const project = await findProjectWithNames(db, projectId);
  const isOfProject =
    contact !== null &&
    project !== null &&
    ((contact.organisationKind === 'customer' && project.project.customerId === contact.organisationId) ||
      (contact.organisationKind === 'partner' && project.project.partnerId === contact.organisationId));
  if (!isOfProject || contact === null) {
    throw refuse('validation_failed', 'portal.choose_project_contact', {
      details: [{ path: 'body.contactId', message: translate('en', 'errors', 'common.not_a_project_contact') }],
    });
  }
  if (contact.isDisabled) {
    throw refuse('validation_failed', 'portal.contact_disabled', {
      values: { name: contact.name, organisation: contact.organisationName },
      details: [{ path: 'body.contactId', message: translate('en', 'errors', 'common.contact_disabled') }],
    });
  }
  return contact;
}

/** The engineer (or a manager) emails a contact of the project a fresh personal link. */
export async function sendLinkToContact(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  contactId: string,
): Promise<void> {
  await getProjectForAction(context, actor, projectId);
  const sender = await findUserById(context.db, actor.userId);
  await inTransaction(context, async (db) => {
    const contact = await projectContact(db, projectId, contactId);
    await queuePortalLinkEmail(
      context,
      db,
      actor,
      contact,
      [projectId],
      'issued',
      sender === null ? null : { name: sender.name, email: sender.email },
    );
  });
}

/**
 * Inside the caller's transaction, revokes the contact's links that could still be used and, with `endSessions`, ends
 * their portal sessions at once (portal sessions are read from the database on every request: no cache to empty).
 */
export async function withdrawContactAccess(
  context: ServiceContext,
  db: Database,
  actor: StaffActor,
  contactId: string,
  options: { endSessions: boolean },
): Promise<{ revokedLinks: number; endedSessions: number }> {
  const revokedLinks = await revokeUsableLinksOfContact(db, contactId, context.now(), actor.userId);
  const endedSessions = options.endSessions ? await deletePortalSessionsOfContact(db, contactId) : 0;
  return { revokedLinks, endedSessions };
}

/** Revokes a link of the project: it can no longer be used, and the sessions it opened end at once. */
export async function revokeLink(
  context: ServiceContext,
  actor: StaffActor,
  projectId: string,
  linkId: string,
): Promise<void> {
  await getProjectForAction(context, actor, projectId);
  await inTransaction(context, async (db) => {
    const existing = await findPortalLink(db, linkId, projectId);
    if (existing === null) throw refuse('not_found', 'portal.no_such_link');
    if (existing.revokedAt !== null) throw refuse('conflict', 'portal.link_revoked');
    await revokePortalLink(db, linkId, projectId, context.now(), actor.userId);
    const endedSessions = await deletePortalSessionsOfLink(db, linkId);
    await recordAuditEvent(db, actor, {
      action: 'portal.link-revoked',
      projectId,
      subjectType: 'portal-link',
      subjectId: linkId,
      before: { usedAt: existing.usedAt?.toISOString() ?? null },
      after: { endedSessions },
    });
  });
}

export async function listProjectLinks(context: ServiceContext, actor: StaffActor, projectId: string) {
  await getProjectForAction(context, actor, projectId);
  const now = context.now();
  const rows = await listPortalLinksOfProject(context.db, projectId);
  return rows.map((row) => ({
    id: row.link.id,
    contact: { id: row.link.contactId, name: row.contactName, email: row.contactEmail },
    reason: row.link.reason,
    target: row.link.target,
    createdAt: row.link.createdAt,
    createdBy: row.createdByName,
    expiresAt: row.link.expiresAt,
    usedAt: row.link.usedAt,
    revokedAt: row.link.revokedAt,
    state: linkState(row.link, now),
    activeSessions: row.activeSessions,
  }));
}
