/**
 * The one typed store for everything the add-in keeps in the workbook. It lives in the workbook's
 * settings collection (Excel.Workbook.settings: saved inside the file, so it travels with it).
 *
 * Each kind of record is a StoreEntry: a key and a zod schema. Reading parses the stored JSON and
 * validates it against the schema -- a record that is missing, not JSON, or not of the expected
 * shape (an older version, a hand edit) reads as absent, never as a cast. The entries are listed
 * in STORE_ENTRIES so a test can check their keys are unique.
 */
import { z } from "zod";

export type StoreEntry<T> = { key: string; schema: z.ZodType<T>; describe: string };

/** Every entry created, by key (filled by storeEntry). */
const ENTRIES = new Map<string, StoreEntry<unknown>>();

/** Declare a kind of stored record. Keys start with "FundingToolkit." and are unique. */
export function storeEntry<T>(key: string, schema: z.ZodType<T>, describe: string): StoreEntry<T> {
  if (!key.startsWith("FundingToolkit."))
    throw new Error(`Store keys start with "FundingToolkit.": ${key}`);
  if (ENTRIES.has(key)) throw new Error(`Two store entries use the key ${key}`);
  const entry = { key, schema, describe };
  ENTRIES.set(key, entry as StoreEntry<unknown>);
  return entry;
}

/** The entries declared so far (for tests and diagnostics). */
export function storeEntries(): StoreEntry<unknown>[] {
  return [...ENTRIES.values()];
}

/** A stored value (JSON text, or an object as some hosts return) checked against the entry's schema; null when absent or invalid. */
export function parseStored<T>(entry: StoreEntry<T>, raw: unknown): T | null {
  if (raw === null || raw === undefined) return null;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  const parsed = entry.schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Queue a read of an entry; after the caller's next sync, `value()` gives the record or null.
 * (Load only what you read, sync once: several reads can share one sync.)
 */
export function queueRead<T>(
  context: Excel.RequestContext,
  entry: StoreEntry<T>
): { value(): T | null } {
  const item = context.workbook.settings.getItemOrNullObject(entry.key);
  item.load("value");
  // Read only after the caller's sync: the Office rule cannot see through the deferred getter.
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load
  return { value: () => (item.isNullObject ? null : parseStored(entry, item.value)) };
}

/** Read one entry (one sync). */
export async function readStore<T>(
  context: Excel.RequestContext,
  entry: StoreEntry<T>
): Promise<T | null> {
  const read = queueRead(context, entry);
  await context.sync();
  return read.value();
}

/** Queue a write of an entry (validated first; the caller syncs). */
export function queueWrite<T>(context: Excel.RequestContext, entry: StoreEntry<T>, value: T): void {
  const checked = entry.schema.parse(value);
  context.workbook.settings.add(entry.key, JSON.stringify(checked));
}

/** Queue the removal of an entry (the caller syncs). */
export function queueRemove(context: Excel.RequestContext, entry: StoreEntry<unknown>): void {
  context.workbook.settings.getItemOrNullObject(entry.key).delete();
}

/**
 * A family of entries of one schema, one per suffix ("FundingToolkit.owned.<workflow>"), for
 * records kept apart so each is read and written on its own. Entries are created on first use.
 */
export function storeFamily<T>(
  prefix: string,
  schema: z.ZodType<T>,
  describe: string
): (suffix: string) => StoreEntry<T> {
  // the family's own entry reserves its prefix, so no other entry can take one of its keys
  storeEntry(`${prefix}.*`, schema, describe);
  const made = new Map<string, StoreEntry<T>>();
  return (suffix) => {
    let entry = made.get(suffix);
    if (!entry) made.set(suffix, (entry = { key: `${prefix}.${suffix}`, schema, describe }));
    return entry;
  };
}
