import { newWebhookSecret } from '../domain/webhooks/signing';
import { openSecret, sealSecret } from '../domain/webhooks/secret-box';
import { trackerKey } from '../tracker/sealer';
import { KeyStore } from '../tracker/state';

/**
 * Where endpoints' signing secrets are kept: never in the sheet, never in a log. Not in document
 * properties (Google gives the owner's hourly run, which signs, no document) nor in user
 * properties (a manager adds the endpoint; the run is the owner's, who cannot read the manager's).
 * They are in the tracker's record (developer metadata, which every run of the add-on reads),
 * each sealed under a key derived from the tracker's own key (domain/webhooks/secret-box.ts), which
 * only the add-on's code can read; the sheet's viewers see ciphertext at most.
 */
const SECRETS_KEY = 'partnershipTracker.webhookSecrets';

type Sealed = Record<string, string>;

function readAll(store: KeyStore): Sealed {
  try {
    const raw = JSON.parse(store.read(SECRETS_KEY) || '{}') as unknown;
    return raw && typeof raw === 'object' ? (raw as Sealed) : {};
  } catch {
    return {};
  }
}

/** The endpoints that have a secret (sealed; nothing opened). */
export function endpointsWithSecrets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Set<string> {
  return new Set(Object.keys(readAll(new KeyStore(ss))));
}

/** Every endpoint's secret, opened (the hourly run's one read); an unreadable one is left out. */
export function openSecrets(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): Map<string, string> {
  const sealed = readAll(new KeyStore(ss));
  const ids = Object.keys(sealed);
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const key = trackerKey(ss);
  for (const id of ids) {
    const secret = openSecret(key, id, sealed[id]);
    if (secret) out.set(id, secret);
  }
  return out;
}

/** A new secret for the endpoint, kept sealed; returned once, for the person to copy. Inside the caller's critical section. */
export function makeSecret(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, endpointId: string): string {
  const secret = newWebhookSecret([Utilities.getUuid(), Utilities.getUuid(), Utilities.getUuid()]);
  const store = new KeyStore(ss);
  const all = readAll(store);
  all[endpointId] = sealSecret(trackerKey(ss), endpointId, secret, Utilities.getUuid());
  store.write(SECRETS_KEY, JSON.stringify(all));
  return secret;
}
