"use client";

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { parseCampEntry } from "@/core/domain/camp-entry";
import { vaccineCatalogue, type CatalogueVaccine } from "@/core/domain/vaccine-catalogue";
import { CAMP_DRIFT_FLAG_MS } from "@/core/contracts/camp-sync";
import { allRecords, deleteRecord, readMeta, saveRecord, updateMeta, wipeDevice, type CampMeta, type StoredCampRecord } from "@/app/_components/camp/camp-store";
import { syncWaiting, type SyncOutcome } from "@/app/_components/camp/camp-sync-client";
import { CampForm, cellsOf, emptyForm, formOf, type CampFormValues } from "@/app/_components/camp/camp-form";
import { CampRecords } from "@/app/_components/camp/camp-records";
import { registerCampWorker } from "@/app/_components/camp/camp-worker";

export type CampUser = { id: number; displayName: string; blockId: number };

/** How often a device with entries waiting tries by itself (besides the moment the network comes back). */
const AUTO_SYNC_MS = 30_000;

const timeFormat = new Intl.DateTimeFormat("en-IN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Kolkata" });

/** "CAMP-41" after "CAMP-40": the register's next line, so the operator types the serial only when it jumps. */
function nextSerial(serial: string | undefined): string {
  const m = serial ? /^(.*?)(\d+)$/.exec(serial) : null;
  if (!m) return "";
  const n = String(Number(m[2]) + 1).padStart(m[2]!.length, "0");
  return `${m[1]}${n}`;
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

export function CampApp({ user, vaccines: list }: { user: CampUser; vaccines: CatalogueVaccine[] }) {
  const [vaccines] = useState(() => vaccineCatalogue(list));
  const t = useTranslations("camp");
  const [meta, setMeta] = useState<CampMeta | null>(null);
  const [records, setRecords] = useState<StoredCampRecord[]>([]);
  const [values, setValues] = useState<CampFormValues>(emptyForm(null, "", list[0]?.name ?? ""));
  const [editing, setEditing] = useState<StoredCampRecord | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [syncState, setSyncState] = useState<{ running: boolean; outcome: SyncOutcome | null }>({ running: false, outcome: null });
  const online = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  const metaRef = useRef<CampMeta | null>(null);

  const reload = useCallback(async () => {
    const [m, list] = await Promise.all([readMeta(), allRecords()]);
    metaRef.current = m;
    setMeta(m);
    setRecords(list);
    return { meta: m, records: list };
  }, []);

  const sync = useCallback(async () => {
    const m = metaRef.current;
    if (!m) return;
    setSyncState((s) => ({ ...s, running: true }));
    const outcome = await syncWaiting(user.id, m.deviceId, user.displayName);
    setSyncState({ running: false, outcome });
    await reload();
  }, [reload, user.displayName, user.id]);

  useEffect(() => {
    let stopped = false;
    void (async () => {
      const { meta: m, records: list } = await reload();
      if (stopped) return;
      // A phone handed over without a hand-over: the previous operator's synced entries go; unsynced ones stay
      // until they sync them or someone wipes the phone (the warning below).
      if (m.ownerUserId !== user.id) {
        const unsyncedOfOther = list.filter((r) => r.ownerUserId !== user.id && r.state !== "synced");
        if (unsyncedOfOther.length === 0) {
          for (const r of list) await deleteRecord(r.clientId);
          metaRef.current = await updateMeta({ ownerUserId: user.id, remembered: m.ownerUserId === null ? m.remembered : null, lastSyncAt: null });
        }
        await reload();
      }
      const latest = list.find((r) => r.ownerUserId === user.id);
      setValues(emptyForm(metaRef.current?.remembered ?? null, nextSerial(latest?.registerSerial), list[0]?.name ?? ""));
      if (navigator.onLine) void sync();
    })();
    const goOnline = () => void sync();
    window.addEventListener("online", goOnline);
    const timer = window.setInterval(() => {
      if (navigator.onLine) void sync();
    }, AUTO_SYNC_MS);
    registerCampWorker();
    return () => {
      stopped = true;
      window.removeEventListener("online", goOnline);
      window.clearInterval(timer);
    };
  }, [reload, sync, user.id]);

  const mine = records.filter((r) => r.ownerUserId === user.id);
  const others = records.filter((r) => r.ownerUserId !== user.id && r.state !== "synced");
  const waiting = mine.filter((r) => r.state === "waiting").length;
  const unsynced = records.filter((r) => r.state !== "synced").length;

  async function save(v: CampFormValues) {
    // Timed from the press to the record being in IndexedDB: the figure the camp cares about.
    const started = performance.now();
    const at = editing ? new Date(editing.deviceTime) : new Date();
    const parsed = parseCampEntry(cellsOf(v, at), at, at, vaccines);
    if (!parsed.ok) return;
    const e = parsed.entry;
    const record: StoredCampRecord = {
      clientId: editing?.clientId ?? crypto.randomUUID(),
      ownerUserId: user.id,
      blockId: user.blockId,
      deviceTime: at.toISOString(),
      registerSerial: e.registerSerial,
      site: e.site,
      vaccine: v.vaccine,
      dose: e.dose,
      name: e.beneficiaryName,
      sex: v.sex,
      birthYear: e.birthYear,
      mobile: e.mobile ?? "",
      idType: "AADHAAR",
      idNumber: e.idNumber,
      idLast4: e.idLast4,
      state: "waiting",
    };
    const remembered = { site: e.site, vaccine: v.vaccine, dose: v.dose };
    await saveRecord(record, remembered);
    const ms = performance.now() - started;
    (window as unknown as { __campSaveTimes?: number[] }).__campSaveTimes?.push(ms);
    setMessage(t("saved", { ms: String(Math.max(1, Math.round(ms))) }));
    setEditing(null);
    setValues(emptyForm(remembered, nextSerial(e.registerSerial), list[0]?.name ?? ""));
    await reload();
    if (navigator.onLine) void sync();
  }

  // The same person and dose already on this phone (by the whole number while it is here, else the last 4 and name).
  const digits = values.aadhaar.replace(/\D/g, "");
  const twin =
    digits.length === 12
      ? mine.find((r) => r.clientId !== editing?.clientId && String(r.dose) === values.dose && (r.idNumber === digits || (r.idNumber === null && r.idLast4 === digits.slice(-4) && r.name === values.name.trim())))
      : undefined;

  async function handOver() {
    if (unsynced > 0 && !window.confirm(t("handOverConfirm", { waiting: unsynced }))) return;
    await wipeDevice();
    await signOut({ callbackUrl: "/sign-in" });
  }

  async function wipe() {
    if (!window.confirm(t("handOverConfirm", { waiting: others.length }))) return;
    await wipeDevice();
    await reload();
  }

  const outcome = syncState.outcome;
  const drift = meta?.lastDriftMs ?? 0;
  const last = meta?.lastSyncAt ? t("lastSynced", { time: timeFormat.format(new Date(meta.lastSyncAt)) }) : t("neverSynced");

  return (
    <div className="camp-app">
      <header className="camp-head">
        <h1>{t("title")}</h1>
        <p className="camp-status" data-testid="camp-status" aria-live="polite">
          {t("statusLine", { waiting, last })}
        </p>
        <p className={online ? "camp-online" : "camp-offline"}>{online ? t("online") : t("offline")}</p>
        <button type="button" className="camp-sync" onClick={() => void sync()} disabled={syncState.running || !meta}>
          {syncState.running ? t("syncing") : t("syncNow")}
        </button>
        {outcome && !syncState.running ? (
          <p role="status" className="camp-sync-outcome">
            {outcome.ok
              ? t("syncDone", { created: outcome.created, rejected: outcome.rejected })
              : outcome.error === "signedOut"
                ? t("syncSignedOut")
                : outcome.error === "server"
                  ? t("syncFailedServer", { message: outcome.message ?? "" })
                  : t("offline")}
          </p>
        ) : null}
        {Math.abs(drift) > CAMP_DRIFT_FLAG_MS ? (
          <p className="notice warn" role="alert">
            {t("driftWarning", { minutes: String(Math.round(Math.abs(drift) / 60_000)) })}
          </p>
        ) : null}
      </header>
      {others.length > 0 ? (
        <div className="notice warn" role="alert">
          <p>{t("otherOwner", { n: others.length })}</p>
          <button type="button" onClick={() => void wipe()}>
            {t("wipe")}
          </button>
        </div>
      ) : null}
      <CampForm
        vaccines={vaccines}
        values={values}
        onChange={(v) => {
          setValues(v);
          setMessage(null);
        }}
        onSubmit={(v) => void save(v)}
        warning={twin ? t("sameOnDevice", { name: twin.name, dose: String(twin.dose), serial: twin.registerSerial }) : null}
        message={message}
      />
      <CampRecords
        records={mine}
        onEdit={(r) => {
          setEditing(r);
          setValues(formOf(r));
          window.scrollTo({ top: 0 });
        }}
        onDelete={(r) => {
          if (window.confirm(t("deleteConfirm"))) void deleteRecord(r.clientId).then(reload);
        }}
      />
      <footer className="camp-foot">
        <p>{t("handOverNote")}</p>
        <button type="button" onClick={() => void handOver()}>
          {t("handOver")}
        </button>
      </footer>
    </div>
  );
}
