"use client";

import { useErrorLines } from "@/i18n/errors";

type ErrorLike = { message: string; data?: { code?: string; zodError?: string[] | null } | null } | null;

/**
 * The server's validation messages, one per line (zod issues arrive as "field: message"); in Hindi the known
 * ones are translated (i18n/errors.ts), the rest shown as the server wrote them.
 */
export function ServerErrors({ error }: { error: ErrorLike }) {
  const messages = useErrorLines()(error);
  if (messages.length === 0) return null;
  return (
    <div className="form-error" role="alert" data-testid="server-errors">
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
