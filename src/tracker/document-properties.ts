import { sectionGeneration } from './state';

type Properties = GoogleAppsScript.Properties.Properties;

/**
 * The document's properties, read whole once (one getProperties round trip) instead of one
 * getProperty per key: the ID counters, the seal key and the teammates' audit queue are all
 * asked for in one operation. Writes go straight through (and into the copy), so nothing a run
 * writes waits on it. The copy is read again after a critical section opens or closes
 * (tracker/lock.ts): what another run wrote while this one waited for the lock is seen.
 */
export function batchedProperties(properties: Properties): Properties {
  let copy: Record<string, string> | null = null;
  let readIn = -1;
  const all = (): Record<string, string> => {
    if (!copy || readIn !== sectionGeneration()) {
      copy = properties.getProperties();
      readIn = sectionGeneration();
    }
    return copy;
  };
  const batched = {
    getProperty: (key: string): string | null => (Object.prototype.hasOwnProperty.call(all(), key) ? all()[key] : null),
    getProperties: (): Record<string, string> => ({ ...all() }),
    getKeys: (): string[] => Object.keys(all()),
    setProperty(key: string, value: string) {
      properties.setProperty(key, value);
      if (copy) copy[key] = String(value);
      return batched;
    },
    setProperties(values: Record<string, string>, deleteAllOthers?: boolean) {
      if (deleteAllOthers === undefined) properties.setProperties(values);
      else properties.setProperties(values, deleteAllOthers);
      if (copy) copy = deleteAllOthers ? { ...values } : { ...copy, ...values };
      return batched;
    },
    deleteProperty(key: string) {
      properties.deleteProperty(key);
      if (copy) delete copy[key];
      return batched;
    },
    deleteAllProperties() {
      properties.deleteAllProperties();
      copy = {};
      return batched;
    },
  };
  return batched as unknown as Properties;
}

/** This execution's copy, with the service it came from (code run outside an execution, as the tests' fixtures do, may swap the globals). */
let current: { service: GoogleAppsScript.Properties.PropertiesService; properties: Properties | null } | null = null;

/** This execution's document properties, batched; null where there is no document (the add-on's time-driven run). */
export function documentProperties(): Properties | null {
  if (!current || current.service !== PropertiesService) {
    const raw = PropertiesService.getDocumentProperties();
    current = { service: PropertiesService, properties: raw ? batchedProperties(raw) : null };
  }
  return current.properties;
}

/** A new execution reads the properties afresh (the emulator keeps one context per bundle; Apps Script starts clean). */
export function forgetDocumentProperties(): void {
  current = null;
}
