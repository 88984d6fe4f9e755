import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import type { PersonalLinkSlot } from '../../db/schema';

/*
 * A personal link is a bearer secret: it must reach the recipient's mailbox and nothing else of Engage. A service that
 * writes one into an email declares a slot (mail_messages.personal_links) and writes the slot's placeholder where the
 * token goes; the stored message keeps the placeholder, which reads as an obviously redacted address in the Mail tab,
 * the .eml and anywhere else it is shown. The token is minted right before each delivery (to the SMTP server, or to the
 * trial mailbox) and written only into what is delivered.
 *
 * Mail sits below the modules whose links it carries: each kind of slot is minted by the module that owns the link (the
 * portal's links, auth's password tokens), through the minter it registers at start (modules/register-providers.ts).
 */

/** How the module owning a kind of personal link checks a slot of that kind and mints its token. */
export interface PersonalLinkMinter<Slot extends PersonalLinkSlot> {
  /** Throws when a slot could not be minted: called while the message is written rather than when it is delivered. */
  check: (slot: Slot) => void;
  /** Mints the slot's token inside the delivery's transaction, for the message that carries it. */
  mint: (
    context: ServiceContext,
    db: Database,
    slot: Slot,
    message: { id: string; createdBy: string | null },
  ) => Promise<string>;
}

type SlotOf<Kind extends PersonalLinkSlot['kind']> = Extract<PersonalLinkSlot, { kind: Kind }>;

const minters: { portal?: PersonalLinkMinter<SlotOf<'portal'>>; password?: PersonalLinkMinter<SlotOf<'password'>> } =
  {};

/** Registers (or replaces) the minter of a kind of personal link. */
export function registerPersonalLinkMinter<Kind extends PersonalLinkSlot['kind']>(
  kind: Kind,
  minter: PersonalLinkMinter<SlotOf<Kind>>,
): void {
  Object.assign(minters, { [kind]: minter });
}

function minterOf<Minter>(minter: Minter | undefined, kind: string): Minter {
  if (minter === undefined) throw new Error(`no minter is registered for ${kind} personal links`);
  return minter;
}

function checkSlot(slot: PersonalLinkSlot): void {
  if (slot.kind === 'portal') minterOf(minters.portal, slot.kind).check(slot);
  else minterOf(minters.password, slot.kind).check(slot);
}

async function mintSlot(
  context: ServiceContext,
  db: Database,
  slot: PersonalLinkSlot,
  message: { id: string; createdBy: string | null },
): Promise<string> {
  return slot.kind === 'portal'
    ? minterOf(minters.portal, slot.kind).mint(context, db, slot, message)
    : minterOf(minters.password, slot.kind).mint(context, db, slot, message);
}

const slotPattern = /^[a-z][a-z0-9-]{0,80}$/;
const placeholderPattern = /\[personal link, sent to the recipient only: ([a-z][a-z0-9-]{0,80})\]/g;

/**
 * What stands for a slot's token in a stored message: readable, plainly redacted, and free of the characters the
 * HTML part escapes, so that it is found the same in the text and in the HTML.
 */
export function personalLinkPlaceholder(slot: string): string {
  if (!slotPattern.test(slot)) throw new Error(`not a personal link slot name: ${slot}`);
  return `[personal link, sent to the recipient only: ${slot}]`;
}

/** A personal link's address in a message: `path` under PUBLIC_URL (such as /portal/link/), then the slot's placeholder. */
export function personalLinkUrl(context: ServiceContext, path: string, slot: string): string {
  return `${new URL(path, context.publicUrl).href}${personalLinkPlaceholder(slot)}`;
}

/** A contact's portal link in a message, for the slot of that name. */
export function portalLinkUrl(context: ServiceContext, slot: string): string {
  return personalLinkUrl(context, '/portal/link/', slot);
}

/**
 * When a portal link minted now would expire, for the email's words: the link is minted at delivery, so it expires at
 * this time or later (a delivery retried), never earlier.
 */
export function portalLinkExpiresAt(context: ServiceContext): Date {
  return new Date(context.now().getTime() + context.portal.linkTtlMs);
}

/** Refuses a slot that could not be minted, while the message is written rather than when it is delivered. */
export function checkPersonalLinkSlots(slots: readonly PersonalLinkSlot[]): void {
  const names = new Set<string>();
  for (const slot of slots) {
    if (!slotPattern.test(slot.slot)) throw new Error(`not a personal link slot name: ${slot.slot}`);
    if (names.has(slot.slot)) throw new Error(`personal link slot ${slot.slot} declared twice`);
    names.add(slot.slot);
    checkSlot(slot);
  }
}

/** The slots whose placeholder the message's text or HTML holds. */
function usedSlots(message: {
  text: string;
  html: string;
  personalLinks: readonly PersonalLinkSlot[];
}): PersonalLinkSlot[] {
  const used = new Set([...`${message.text}\n${message.html}`.matchAll(placeholderPattern)].map((match) => match[1]));
  return message.personalLinks.filter((slot) => used.has(slot.slot));
}

/**
 * Mints a fresh token for every slot the message uses (a portal link or a password token, each stored only as its
 * HMAC), inside the caller's transaction, and answers each slot's token. A slot whose placeholder an edited template
 * dropped gets none: nobody would receive it.
 */
export async function mintPersonalLinks(
  context: ServiceContext,
  db: Database,
  message: {
    id: string;
    createdBy: string | null;
    text: string;
    html: string;
    personalLinks: readonly PersonalLinkSlot[];
  },
): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  for (const slot of usedSlots(message)) tokens.set(slot.slot, await mintSlot(context, db, slot, message));
  return tokens;
}

/** The text with each placeholder replaced by its slot's token; a placeholder without a token stays as it is. */
export function fillPersonalLinks(body: string, tokens: ReadonlyMap<string, string>): string {
  if (tokens.size === 0) return body;
  return body.replace(placeholderPattern, (placeholder, slot: string) => tokens.get(slot) ?? placeholder);
}

/** When a personal link was issued and first opened, as a signature's audit page records it. */
export interface PersonalLinkTimes {
  id: string;
  createdAt: Date;
  usedAt: Date | null;
}

type PersonalLinkTimesReader = (db: Database, id: string) => Promise<PersonalLinkTimes | null>;

let linkTimesReader: PersonalLinkTimesReader | undefined;

/** Registers how a link's times are read, by the module that keeps the links (the portal), at start. */
export function registerPersonalLinkTimesReader(reader: PersonalLinkTimesReader): void {
  linkTimesReader = reader;
}

/** When a personal link was issued and first opened, or null for an unknown link. */
export async function findPersonalLinkTimes(db: Database, id: string): Promise<PersonalLinkTimes | null> {
  if (linkTimesReader === undefined) throw new Error('No reader of personal links is registered.');
  return linkTimesReader(db, id);
}
