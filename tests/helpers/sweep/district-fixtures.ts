import { slugOf } from "@/core/domain/block-directory";
import { testDb } from "@/tests/helpers/callers";
import { TEST_NOW } from "@/tests/helpers/test-clock";

/**
 * The demo seed has no imports, anomalies or block alerts: the sweep adds one of each to every district (an import
 * with a rejection, an open anomaly on a pending record, a BLOCK_AT_RISK alert), so their ids can be sent across.
 * Returns the undo.
 */
export async function addDistrictFixtures(districts: readonly string[]): Promise<() => Promise<void>> {
  const db = testDb();
  const made = { imports: [] as number[], anomalies: [] as number[], alerts: [] as number[] };
  for (const name of districts) {
    const d = await db.district.findFirstOrThrow({ where: { name } });
    const dio = await db.user.findFirstOrThrow({ where: { districtId: d.id, role: "DISTRICT_OFFICER" } });
    const record = await db.vaccinationRecord.findFirstOrThrow({ where: { districtId: d.id, status: "PENDING" }, orderBy: { id: "asc" }, include: { block: true } });
    const batch = await db.importBatch.create({
      data: {
        kind: "PORTAL",
        fileName: `sweep-${slugOf(name)}-portal.csv`,
        uploadedById: dio.id,
        districtId: d.id,
        status: "COMPLETED",
        rowsRead: 2,
        rejected: 1,
        anomalies: 1,
        startedAt: new Date(TEST_NOW.getTime() - 3_600_000),
        finishedAt: new Date(TEST_NOW.getTime() - 3_500_000),
        rejections: { create: { rowNumber: 2, column: "block", reason: `Unknown block in ${name}`, raw: { block: record.block.name, beneficiary_name: record.beneficiaryName } } },
      },
    });
    made.imports.push(batch.id);
    const anomaly = await db.anomaly.create({
      data: {
        kind: "DOSE_MISMATCH",
        districtId: d.id,
        blockId: record.blockId,
        recordId: record.id,
        portalRef: `CWN-SWEEP-${slugOf(name).toUpperCase()}`,
        portalRow: {
          cells: { beneficiary_name: record.beneficiaryName, block: record.block.name },
          normalised: {
            portalRef: `CWN-SWEEP-${slugOf(name).toUpperCase()}`,
            beneficiaryName: record.beneficiaryName,
            birthYear: record.birthYear,
            sex: record.sex,
            idLast4: record.idLast4,
            mobileLast4: null,
            dose: record.dose === 1 ? 2 : 1,
            vaccinatedAt: record.vaccinatedAt.toISOString(),
            vaccinatedDateOnly: false,
            site: null,
            block: record.block.name,
            enteredAt: TEST_NOW.toISOString(),
          },
          explanation: `The portal has dose ${record.dose === 1 ? 2 : 1} for ${record.beneficiaryName} of ${record.block.name}`,
        },
        importId: batch.id,
        createdAt: new Date(TEST_NOW.getTime() - 3_500_000),
      },
    });
    made.anomalies.push(anomaly.id);
    const alert = await db.alert.create({
      data: {
        kind: "BLOCK_AT_RISK",
        dedupeKey: `sweep-${d.id}-${record.blockId}`,
        districtId: d.id,
        blockId: record.blockId,
        message: `${record.block.name} (${name}) will miss the deadline`,
        payload: { block: record.block.name },
        createdAt: new Date(TEST_NOW.getTime() - 1_800_000),
      },
    });
    made.alerts.push(alert.id);
  }
  return async () => {
    await db.alert.deleteMany({ where: { id: { in: made.alerts } } });
    await db.anomaly.deleteMany({ where: { id: { in: made.anomalies } } });
    await db.importBatch.deleteMany({ where: { id: { in: made.imports } } });
  };
}
