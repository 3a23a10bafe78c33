import { getTranslations } from "next-intl/server";
import { pageCaller, requirePage } from "@/server/api/page-guard";
import { formatIst } from "@/core/time/ist";
import { CAMP_DRIFT_FLAG_MS } from "@/core/contracts/camp-sync";

export const dynamic = "force-dynamic";

/** Who has not synced lately (issue 14): each camp device of the blocks in scope, the longest silent first. */
export default async function CampDevicesPage() {
  const { allowed } = await requirePage("/camp/devices", "camp.devices");
  const t = await getTranslations("campDevices");
  if (!allowed) {
    return (
      <section className="notice error" role="alert">
        <h1>{t("title")}</h1>
        <p>{t("notAvailable")}</p>
      </section>
    );
  }
  const devices = await (await pageCaller()).camp.devices();
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro", { minutes: String(CAMP_DRIFT_FLAG_MS / 60_000) })}</p>
      {devices.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <table aria-label={t("title")}>
          <thead>
            <tr>
              <th scope="col">{t("device")}</th>
              <th scope="col">{t("block")}</th>
              <th scope="col">{t("operator")}</th>
              <th scope="col">{t("lastSync")}</th>
              <th scope="col">{t("daysSince")}</th>
              <th scope="col">{t("syncedToday")}</th>
              <th scope="col">{t("waiting")}</th>
              <th scope="col">{t("drift")}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={`${d.block}-${d.deviceId}`}>
                <td>
                  {d.label ?? "—"} <small>{d.deviceId.slice(0, 8)}</small>
                </td>
                <td>{d.block}</td>
                <td>{d.operator}</td>
                <td>{formatIst(new Date(d.lastSyncAt))}</td>
                <td>{d.daysSinceLastSync}</td>
                <td>{d.syncedToday}</td>
                <td>{d.waiting}</td>
                <td>{d.driftFlagged ? <strong>{t("driftFlagged", { minutes: String(Math.round(d.clockDriftMs / 60_000)) })}</strong> : t("driftOk")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
