/**
 * The camp app's device storage (IndexedDB, through idb): every record is written here, with its client id and the
 * device's time, before anything is sent. The full ID number stays only until the server has confirmed the record
 * (then only its last 4 remain); a hand-over wipes the whole database.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from "idb";

export type CampRecordState = "waiting" | "synced" | "rejected";

export type StoredCampRecord = {
  clientId: string;
  /** The signed-in user and block the record was made for (another user's records are never sent as theirs). */
  ownerUserId: number;
  blockId: number;
  /** The device's clock when the record was saved: the vaccination time. */
  deviceTime: string;
  registerSerial: string;
  site: string;
  vaccine: string;
  dose: number;
  name: string;
  sex: string;
  birthYear: number;
  mobile: string;
  idType: string;
  /** Null once the server has confirmed the record. */
  idNumber: string | null;
  idLast4: string;
  state: CampRecordState;
  reasonKey?: string;
  reason?: string;
  params?: Record<string, string>;
  syncedAt?: string;
};

/** What the form remembers from the previous entry, and the device's own facts. */
export type CampMeta = {
  deviceId: string;
  ownerUserId: number | null;
  lastSyncAt: string | null;
  lastDriftMs: number | null;
  remembered: { site: string; vaccine: string; dose: string } | null;
};

type Schema = DBSchema & {
  records: { key: string; value: StoredCampRecord; indexes: { state: CampRecordState } };
  meta: { key: string; value: CampMeta };
};

const DB_NAME = "teeka-camp";
const META_KEY = "device";
let opened: Promise<IDBPDatabase<Schema>> | null = null;

export function campDb(): Promise<IDBPDatabase<Schema>> {
  opened ??= openDB<Schema>(DB_NAME, 1, {
    upgrade(db) {
      const records = db.createObjectStore("records", { keyPath: "clientId" });
      records.createIndex("state", "state");
      db.createObjectStore("meta");
    },
  });
  return opened;
}

export async function readMeta(): Promise<CampMeta> {
  const db = await campDb();
  const meta = await db.get("meta", META_KEY);
  if (meta) return meta;
  const fresh: CampMeta = { deviceId: crypto.randomUUID(), ownerUserId: null, lastSyncAt: null, lastDriftMs: null, remembered: null };
  await db.put("meta", fresh, META_KEY);
  return fresh;
}

export async function updateMeta(change: Partial<CampMeta>): Promise<CampMeta> {
  const db = await campDb();
  const tx = db.transaction("meta", "readwrite");
  const current = (await tx.store.get(META_KEY)) ?? (await readMeta());
  const next = { ...current, ...change };
  await tx.store.put(next, META_KEY);
  await tx.done;
  return next;
}

/** Saves one record (and what the form remembers) in one transaction: saved means on the device. */
export async function saveRecord(record: StoredCampRecord, remembered: CampMeta["remembered"]): Promise<void> {
  const db = await campDb();
  const tx = db.transaction(["records", "meta"], "readwrite");
  const meta = await tx.objectStore("meta").get(META_KEY);
  await tx.objectStore("records").put(record);
  if (meta) await tx.objectStore("meta").put({ ...meta, remembered }, META_KEY);
  await tx.done;
}

export async function allRecords(): Promise<StoredCampRecord[]> {
  const records = await (await campDb()).getAll("records");
  return records.sort((a, b) => b.deviceTime.localeCompare(a.deviceTime));
}

export async function waitingRecords(): Promise<StoredCampRecord[]> {
  const records = await (await campDb()).getAllFromIndex("records", "state", "waiting");
  return records.sort((a, b) => a.deviceTime.localeCompare(b.deviceTime));
}

export async function putRecords(records: readonly StoredCampRecord[]): Promise<void> {
  const db = await campDb();
  const tx = db.transaction("records", "readwrite");
  await Promise.all(records.map((r) => tx.store.put(r)));
  await tx.done;
}

export async function deleteRecord(clientId: string): Promise<void> {
  await (await campDb()).delete("records", clientId);
}

/** Removes every personal record and the device's memory (a new device id is made on the next start). */
export async function wipeDevice(): Promise<void> {
  if (opened) (await opened).close();
  opened = null;
  await deleteDB(DB_NAME);
  // The worker's copy of the page carries the signed-in user's name: it goes too.
  if ("caches" in self) await caches.delete("teeka-camp-v1");
}
