import { z } from "zod";

const ZDateTime = z.iso.datetime();

const ZUptimeWindow = z.object({
  upPercent: z.number().nullable().describe("(UP + DEGRADED) / (measured time − maintenance); null without data"),
  usableHours: z.number().describe("hours UP and not slow"),
  downMinutes: z.number(),
  degradedMinutes: z.number(),
  pendingMinutes: z.number(),
  maintenanceMinutes: z.number(),
  noDataMinutes: z.number(),
});

/** A probe target as the API shows it: `id`, `state`, the configuration fields, then the figures. */
export const ZApiProbeTarget = z.object({
  id: z.number().int(),
  state: z.enum(["UP", "DEGRADED", "PENDING", "DOWN", "MAINTENANCE"]).nullable().describe("null before the first check"),
  name: z.string(),
  url: z.string(),
  method: z.enum(["GET", "HEAD"]),
  expectedStatus: z.array(z.number().int()),
  keyword: z.string().nullable(),
  intervalSeconds: z.number().int(),
  timeoutMs: z.number().int(),
  slowMs: z.number().int(),
  retries: z.number().int(),
  enabled: z.boolean(),
  stateSince: ZDateTime.nullable(),
  lastCheckedAt: ZDateTime.nullable(),
  lastLatencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  uptime: z.object({ "1h": ZUptimeWindow, "24h": ZUptimeWindow, "7d": ZUptimeWindow, "30d": ZUptimeWindow }),
  latency24h: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), checks: z.number().int() }),
  openIncident: z.object({ startedAt: ZDateTime, state: z.enum(["DOWN", "DEGRADED"]), firstError: z.string().nullable(), durationSeconds: z.number().int() }).loose().nullable(),
});

export const ZProbeTargetList = z.object({ generatedAt: ZDateTime, targets: z.array(ZApiProbeTarget) });

export const ZIncidentList = z.object({
  targetId: z.number().int(),
  name: z.string(),
  generatedAt: ZDateTime,
  incidents: z.array(
    z.object({
      startedAt: ZDateTime,
      endedAt: ZDateTime.nullable().describe("null while the incident is open"),
      durationSeconds: z.number().int(),
      state: z.enum(["DOWN", "DEGRADED"]),
      firstError: z.string().nullable(),
    }),
  ),
});

export const ZFieldReportAnswer = z.object({ stored: z.number().int(), duplicates: z.number().int() });
