import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { formatIst } from "@/core/time/ist";
import { callerFor } from "@/tests/helpers/callers";

describe("probes.listFieldOutages on the demo story", () => {
  it("finds Pirpainti's night as its own network outage, and the portal outage as the portal's", async () => {
    const { outages, central } = await (await callerFor("dio")).probes.listFieldOutages({ days: 7 });
    expect(central?.name).toBe("National portal");
    const network = outages.filter((o) => o.cause === "BLOCK_NETWORK");
    expect(network.map((o) => o.block)).toEqual(["Pirpainti"]);
    const night = network[0]!;
    // 19:00–03:00 IST in story time, shifted with the story (TEST_NOW is 12:00 IST, story "now" 10:30).
    const hours = (night.endedAt!.getTime() - night.startedAt.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThan(7);
    expect(hours).toBeLessThan(9);
    expect(formatIst(night.startedAt, "HH")).toBe("20");
    expect(night.failures).toBeGreaterThan(40);

    const portal = outages.filter((o) => o.cause === "PORTAL");
    // Every unit failed during the portal's 4-hour outage on camp-two day.
    expect(new Set(portal.map((o) => o.block)).size).toBe(17);
    for (const o of portal) expect(formatIst(o.startedAt, "yyyy-MM-dd")).toBe("2021-06-21");
  });

  it("shows a block user only their own block's stretches, and refuses a bad window", async () => {
    const sup = await callerFor("sup.sultanganj");
    const { outages } = await sup.probes.listFieldOutages({ days: 7 });
    expect(outages.length).toBeGreaterThan(0);
    expect(outages.every((o) => o.block === "Sultanganj")).toBe(true);
    await expect(sup.probes.listFieldOutages({ days: 31 })).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "BAD_REQUEST");
  });
});
