import { normalizeIP } from '@fastify/rate-limit';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { refuse, type AppError } from '../../errors';
import {
  countLoginFailuresBefore,
  deleteLoginAttempts,
  deleteLoginFailures,
  insertLoginAttempts,
} from './login-failures.repository';

/*
 * Password guessing is slowed where it happens, never by locking the account: a lock that anyone can trigger with
 * wrong passwords is a way to keep its owner out. Two counts, both of failures only:
 * - per account and address: a few failures pass at once, then each further attempt from that address for that account
 *   waits twice as long as the one before, up to a quarter of an hour. The owner, from any other address, is not
 *   slowed at all, and from the guessing address waits at most that long.
 * - per address, across accounts: a generous limit that bounds spraying one password over many accounts. Successful
 *   log-ins never count, so an office behind one address is never limited by its own people.
 */
export const loginLimits = {
  /** Failures of one account from one address answered without delay. */
  freeFailuresPerPair: 3,
  /** The longest an account's owner ever waits at the address someone guessed from. */
  maxDelayMs: 15 * 60 * 1000,
  /** How long one address's failures for one account are remembered; the delay keeps growing within it. */
  pairMemoryMs: 24 * 3600 * 1000,
  /** Failures one address may have across every account in a window. */
  perAddress: 100,
  addressWindowMs: 15 * 60 * 1000,
};

/** How long to wait after the latest failure, once an account has had `failures` failures from one address. */
export function loginDelayMs(failures: number): number {
  if (failures < loginLimits.freeFailuresPerPair) return 0;
  const exponent = failures - loginLimits.freeFailuresPerPair + 1;
  // The exponent is bounded so that thousands of remembered failures still give a finite number before the cap.
  return Math.min(2 ** Math.min(exponent, 30) * 1000, loginLimits.maxDelayMs);
}

/** The client as the limits count it: an IPv6 client holds a whole /64, as for the public routes' rate limits. */
function clientOf(ip: string | null): string {
  return ip === null ? 'unknown' : normalizeIP(ip);
}

function pairKey(email: string, ip: string | null): string {
  return `pair:${clientOf(ip)}|${email.toLowerCase()}`;
}

function addressKey(ip: string | null): string {
  return `address:${clientOf(ip)}`;
}

function secondsUntil(from: Date, until: number): number {
  return Math.max(1, Math.ceil((until - from.getTime()) / 1000));
}

/** A refusal that says how long to wait: in seconds up to a minute and a half, then in whole minutes. */
function waitRefusal(
  seconds: number,
  keys: {
    seconds: 'auth.wrong_passwords_wait_seconds' | 'auth.failed_logins_wait_seconds';
    minutes: 'auth.wrong_passwords_wait_minutes' | 'auth.failed_logins_wait_minutes';
  },
): AppError {
  const count = seconds < 90 ? seconds : Math.ceil(seconds / 60);
  return refuse('rate_limited', seconds < 90 ? keys.seconds : keys.minutes, {
    values: { count },
    headers: { 'retry-after': String(seconds) },
  });
}

/** A password attempt admitted by the limits: the rows that record it until it is known to have succeeded. */
export interface PasswordAttempt {
  email: string;
  ip: string | null;
  rowIds: number[];
}

/**
 * Admits a password attempt for an account (an email, known or not: both are treated alike) from an address, or
 * throws rate_limited with Retry-After. The attempt is recorded before it is judged, so that parallel guesses see each
 * other and cannot all slip through; a refused attempt is then removed again, since it checked no password and must not
 * lengthen the wait.
 */
export async function admitPasswordAttempt(
  context: ServiceContext,
  email: string,
  ip: string | null,
): Promise<PasswordAttempt> {
  const now = context.now();
  const [pairId, addressId] = await insertLoginAttempts(context.db, [pairKey(email, ip), addressKey(ip)], now);
  if (pairId === undefined || addressId === undefined) throw new Error('insert into login_failures returned no row');
  const pair = await countLoginFailuresBefore(
    context.db,
    pairKey(email, ip),
    new Date(now.getTime() - loginLimits.pairMemoryMs),
    pairId,
  );
  const pairDelayMs = loginDelayMs(pair.failures);
  let refusal: AppError | null = null;
  if (pair.latest !== null && pair.latest.getTime() + pairDelayMs > now.getTime()) {
    const seconds = secondsUntil(now, pair.latest.getTime() + pairDelayMs);
    refusal = waitRefusal(seconds, {
      seconds: 'auth.wrong_passwords_wait_seconds',
      minutes: 'auth.wrong_passwords_wait_minutes',
    });
  } else {
    const address = await countLoginFailuresBefore(
      context.db,
      addressKey(ip),
      new Date(now.getTime() - loginLimits.addressWindowMs),
      addressId,
    );
    if (address.failures >= loginLimits.perAddress) {
      const seconds = secondsUntil(now, (address.oldest ?? now).getTime() + loginLimits.addressWindowMs);
      refusal = waitRefusal(seconds, {
        seconds: 'auth.failed_logins_wait_seconds',
        minutes: 'auth.failed_logins_wait_minutes',
      });
    }
  }
  if (refusal !== null) {
    await deleteLoginAttempts(context.db, [pairId, addressId]);
    throw refusal;
  }
  return { email, ip, rowIds: [pairId, addressId] };
}

/**
 * Forgets an attempt that succeeded, with every earlier failure of that account from that address (inside the caller's
 * transaction). The address's failures for other accounts stay: someone else's right password forgives nothing.
 */
export async function forgetSucceededAttempt(db: Database, attempt: PasswordAttempt): Promise<void> {
  await deleteLoginFailures(db, [pairKey(attempt.email, attempt.ip)]);
  await deleteLoginAttempts(db, attempt.rowIds);
}
