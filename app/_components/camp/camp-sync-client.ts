/**
 * Sends the records waiting on the device in batches and applies the server's answer to each one as it comes:
 * a batch cut off by the network leaves its records waiting (sent again next time, the server knows them by their
 * client id), so a sync resumes where it stopped and never duplicates. A confirmed record loses its full ID number.
 */
import type { CampSyncResult } from "@/core/contracts/camp-sync";
import { putRecords, updateMeta, waitingRecords, type StoredCampRecord } from "@/app/_components/camp/camp-store";

export const SYNC_BATCH = 100;

export type SyncOutcome = { ok: true; sent: number; created: number; rejected: number } | { ok: false; sent: number; error: "offline" | "signedOut" | "server"; message?: string };

let running: Promise<SyncOutcome> | null = null;

/** One sync at a time: a second call while one runs joins it. */
export function syncWaiting(ownerUserId: number, deviceId: string, label: string): Promise<SyncOutcome> {
  running ??= run(ownerUserId, deviceId, label).finally(() => {
    running = null;
  });
  return running;
}

async function run(ownerUserId: number, deviceId: string, label: string): Promise<SyncOutcome> {
  let sent = 0;
  let created = 0;
  let rejected = 0;
  const tried = new Set<string>();
  for (;;) {
    // Only this user's records: a previous operator's are never sent under another account.
    const waiting = (await waitingRecords()).filter((r) => r.ownerUserId === ownerUserId && !tried.has(r.clientId));
    if (waiting.length === 0) return { ok: true, sent, created, rejected };
    const batch = waiting.slice(0, SYNC_BATCH);
    batch.forEach((r) => tried.add(r.clientId));
    let res: Response;
    try {
      res = await fetch("/api/v1/camp/sync", {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ deviceId, deviceTime: new Date().toISOString(), waiting: waiting.length, label, records: batch.map(toWire) }),
      });
    } catch {
      return { ok: false, sent, error: "offline" };
    }
    if (res.status === 401) return { ok: false, sent, error: "signedOut" };
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: string } | null;
      return { ok: false, sent, error: "server", message: body?.error };
    }
    const answer = (await res.json()) as CampSyncResult;
    const byId = new Map(answer.results.map((r) => [r.clientId, r]));
    const updated: StoredCampRecord[] = [];
    for (const r of batch) {
      const result = byId.get(r.clientId);
      if (!result) continue;
      if (result.status === "rejected") {
        rejected += 1;
        updated.push({ ...r, state: "rejected", reasonKey: result.reasonKey, reason: result.reason, params: result.params });
      } else {
        if (result.status === "created") created += 1;
        updated.push({ ...r, state: "synced", idNumber: null, syncedAt: answer.receivedAt, reasonKey: undefined, reason: undefined, params: undefined });
      }
    }
    await putRecords(updated);
    await updateMeta({ lastSyncAt: answer.receivedAt, lastDriftMs: answer.clockDriftMs });
    sent += batch.length;
  }
}

function toWire(r: StoredCampRecord) {
  return {
    clientId: r.clientId,
    deviceTime: r.deviceTime,
    blockId: r.blockId,
    registerSerial: r.registerSerial,
    site: r.site,
    vaccine: r.vaccine,
    dose: r.dose,
    name: r.name,
    sex: r.sex,
    birthYear: r.birthYear,
    mobile: r.mobile || null,
    idType: r.idType,
    idNumber: r.idNumber ?? "",
  };
}
