/** The certificate that seals signed documents: configured (PKCS#12), or generated at first start and kept in the settings. */
import { readFile } from 'node:fs/promises';
import type { Config } from '../../config';
import type { ServiceContext } from '../../context';
import type { Database } from '../../db/database';
import { createSealCertificate, sealCertificateFromP12, type SealCertificate } from '../../pdf/seal';
import { addSettingIfAbsent, findSetting } from '../content/content.service';

const settingKey = 'seal-certificate';

/** The certificate configured by SEAL_CERTIFICATE_FILE, or null; a wrong file or password stops start-up with the reason. */
export async function configuredSealCertificate(settings: Config['delivery']): Promise<SealCertificate | null> {
  if (settings.sealCertificateFile === undefined) return null;
  let p12: Buffer;
  try {
    p12 = await readFile(settings.sealCertificateFile);
  } catch (error) {
    throw new Error(
      `SEAL_CERTIFICATE_FILE: cannot read ${settings.sealCertificateFile} (${(error as Error).message})`,
      { cause: error },
    );
  }
  try {
    return sealCertificateFromP12(p12, settings.sealCertificatePassword);
  } catch (error) {
    throw new Error(`SEAL_CERTIFICATE_FILE: ${(error as Error).message}`, { cause: error });
  }
}

function isCertificate(value: unknown): value is SealCertificate {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as SealCertificate).keyPem === 'string' &&
    typeof (value as SealCertificate).certificatePem === 'string'
  );
}

const cache = new WeakMap<Database, Promise<SealCertificate>>();

async function storedOrNew(context: ServiceContext): Promise<SealCertificate> {
  const stored = await findSetting(context.db, settingKey);
  if (isCertificate(stored)) return stored;
  const fresh = createSealCertificate({
    commonName: `Engage document seal (${context.publicUrl.hostname})`,
    organisation: 'Engage',
    now: context.now(),
  });
  // Two processes starting together: the first insert wins and both use it.
  await addSettingIfAbsent(context.db, settingKey, { ...fresh }, context.now());
  const kept = await findSetting(context.db, settingKey);
  if (!isCertificate(kept)) throw new Error('the sealing certificate could not be stored');
  return kept;
}

/**
 * The certificate that seals signed documents: the configured one, else the self-signed one generated at first start
 * and kept in the database (so every process of one installation seals with the same key).
 */
export async function sealCertificateOf(context: ServiceContext): Promise<SealCertificate> {
  if (context.delivery.sealCertificate !== null) return context.delivery.sealCertificate;
  let pending = cache.get(context.db);
  if (pending === undefined) {
    pending = storedOrNew(context);
    pending.catch(() => cache.delete(context.db));
    cache.set(context.db, pending);
  }
  return pending;
}

/** Generates the self-signed certificate at first start when none is configured. */
export async function ensureSealCertificate(context: ServiceContext): Promise<void> {
  await sealCertificateOf(context);
}
