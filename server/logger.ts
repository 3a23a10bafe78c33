import pino from "pino";

/** Structured logs; never log personal data (names, mobiles, ID numbers) — log record ids instead. */
export const logger = pino({ level: process.env.LOG_LEVEL ?? "info", base: { app: "teeka-monitor" } });
