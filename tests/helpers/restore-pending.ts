import { afterAll, beforeAll } from "vitest";
import { testDb } from "@/tests/helpers/callers";

/**
 * For a test file that moves demo records out of PENDING: remembers where the status history ended before the
 * file ran, and afterwards deletes the history written since and puts every touched record back to PENDING,
 * because other files assert on the demo figures. Returns the set to add touched record ids to.
 */
export function restorePendingAfterAll(): Set<number> {
  const touched = new Set<number>();
  let lastChangeBefore = 0;
  beforeAll(async () => {
    lastChangeBefore = (await testDb().statusChange.aggregate({ _max: { id: true } }))._max.id ?? 0;
  });
  afterAll(async () => {
    await testDb().statusChange.deleteMany({ where: { id: { gt: lastChangeBefore } } });
    await testDb().vaccinationRecord.updateMany({
      where: { id: { in: [...touched] } },
      data: { status: "PENDING", enteredAt: null, portalRef: null, rejectionReason: null },
    });
  });
  return touched;
}
