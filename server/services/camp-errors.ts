/** A refusal from the camp services, mapped to a tRPC code by the router and to an HTTP status by the REST route. */
export type CampErrorCode = "NOT_FOUND" | "FORBIDDEN" | "BAD_REQUEST";

export class CampQueryError extends Error {
  constructor(
    readonly code: CampErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CampQueryError";
  }
}

export const CAMP_ERROR_STATUS: Record<CampErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, BAD_REQUEST: 400 };
