import "server-only";
import { environment } from "@/server/config";
import pino from "pino";

/** Structured logs; never log personal data (names, mobiles, ID numbers) — log record ids instead. */
export const logger = pino({ level: environment().LOG_LEVEL, base: { app: "teeka-monitor" } });
