/**
 * The two request headers an upload carries besides the body, checked strictly: a bad value is the client's
 * mistake and gets a 400 with what to send instead, never a 500 from deeper down.
 */

import "server-only";
/** import_batches.id is a PostgreSQL int4. */
export const MAX_IMPORT_ID = 2_147_483_647;

/** The same bound as the page's "begin import" form. */
export const MAX_FILE_NAME_CHARS = 200;

/**
 * An import id as the app writes it: decimal digits only, 1 to 2147483647. "1e3", "0x10", "-1", " 7" and
 * numbers past int4 are refused rather than coerced, so nothing out of range ever reaches the database.
 */
export function parseImportId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_IMPORT_ID ? id : null;
}

export type FileNameCheck = { ok: true; name: string } | { ok: false; reason: string };

// C0 and C1 controls and DEL: a NUL or a line break in a name ends up in logs, CSV cells and headers.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A file name as the user sees it: no control characters, at most MAX_FILE_NAME_CHARS; blank means "upload". */
export function checkFileName(name: string, what = "The file name"): FileNameCheck {
  if (CONTROL.test(name)) return { ok: false, reason: `${what} contains control characters; rename the file and upload it again.` };
  const trimmed = name.trim();
  if (trimmed.length > MAX_FILE_NAME_CHARS) {
    return { ok: false, reason: `${what} is longer than ${MAX_FILE_NAME_CHARS} characters; rename the file and upload it again.` };
  }
  return { ok: true, name: trimmed || "upload" };
}

/** X-File-Name carries the name percent-encoded (encodeURIComponent), since a header holds only ASCII. */
export function fileNameFromHeader(header: string | null): FileNameCheck {
  if (header === null) return { ok: true, name: "upload" };
  // Encoded, a character takes at most 12 bytes (a 4-byte UTF-8 sequence, %XX each); more cannot be a valid name.
  if (header.length > MAX_FILE_NAME_CHARS * 12) {
    return { ok: false, reason: `X-File-Name is longer than ${MAX_FILE_NAME_CHARS} characters; rename the file and upload it again.` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    return {
      ok: false,
      reason: "X-File-Name is not valid percent-encoding (each % must start a %XX escape of UTF-8 bytes); send the name through encodeURIComponent.",
    };
  }
  return checkFileName(decoded, "X-File-Name");
}
