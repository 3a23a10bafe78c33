/**
 * Local stand-ins that speak each provider's protocol (issue 16): a real SMTP server (smtp-server), and HTTP
 * servers answering as the Telegram Bot API, the WhatsApp Cloud API and an SMS gateway do — checking method, path,
 * auth and body shape, and answering with the provider's own success and error shapes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SeenRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string; json: unknown };

type Answer = { status: number; body: unknown };

async function listen(server: http.Server | SMTPServer["server"]): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** An HTTP stand-in: `answer` decides each reply (after the request is recorded). */
export async function startHttpStandIn(answer: (req: SeenRequest, n: number) => Answer) {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => {
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const r: SeenRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, json };
      seen.push(r);
      const a = answer(r, seen.length);
      res.writeHead(a.status, { "content-type": "application/json" });
      res.end(JSON.stringify(a.body));
    });
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The Bot API: POST /bot{token}/sendMessage {chat_id, text}. Chat "0" does not exist. */
export function telegramStandIn(token: string) {
  let messageId = 100;
  return startHttpStandIn((req) => {
    if (req.method !== "POST" || !req.path.endsWith("/sendMessage")) return { status: 404, body: { ok: false, error_code: 404, description: "Not Found" } };
    if (req.path !== `/bot${token}/sendMessage`) return { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } };
    const b = req.json as { chat_id?: unknown; text?: unknown } | null;
    if (!b || (typeof b.chat_id !== "string" && typeof b.chat_id !== "number") || typeof b.text !== "string" || b.text === "") {
      return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: message text is empty" } };
    }
    if (String(b.chat_id) === "0") return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not found" } };
    return { status: 200, body: { ok: true, result: { message_id: ++messageId, chat: { id: Number(b.chat_id) }, text: b.text } } };
  });
}

/** The Cloud API: POST /{phone-number-id}/messages, Bearer token, a template message. */
export function whatsAppStandIn(phoneNumberId: string, token: string) {
  let n = 0;
  const error = (status: number, message: string, code: number) => ({ status, body: { error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf" } } });
  return startHttpStandIn((req) => {
    if (req.method !== "POST" || req.path !== `/${phoneNumberId}/messages`) return error(400, "Unsupported post request.", 100);
    if (req.headers.authorization !== `Bearer ${token}`) return error(401, "Error validating access token: The session is invalid.", 190);
    const b = req.json as { messaging_product?: string; to?: string; type?: string; template?: { name?: string; language?: { code?: string }; components?: { type: string; parameters: { type: string; text: string }[] }[] } } | null;
    const params = b?.template?.components?.find((c) => c.type === "body")?.parameters;
    if (b?.messaging_product !== "whatsapp" || b.type !== "template" || !b.template?.name || !b.template.language?.code || !params?.[0]?.text) {
      return error(400, "(#100) Invalid parameter", 100);
    }
    if (b.to === "910000000000") return error(400, "(#131030) Recipient phone number not in allowed list", 131030);
    return { status: 200, body: { messaging_product: "whatsapp", contacts: [{ input: b.to, wa_id: b.to }], messages: [{ id: `wamid.TEST${++n}` }] } };
  });
}

/** An SMS gateway answering each request with the next of `statuses` (then 200), checking the key header. */
export function smsGatewayStandIn(key: string, statuses: number[] = []) {
  return startHttpStandIn((req, n) => {
    if (req.headers["x-api-key"] !== key) return { status: 401, body: { status: "error", error: "invalid API key" } };
    const status = statuses[n - 1] ?? 200;
    if (status !== 200) return { status, body: { status: "error", error: status >= 500 ? "gateway busy, try later" : "rejected" } };
    return { status: 200, body: { status: "success", messageId: `sms-${n}` } };
  });
}

export type SmtpMessage = { from: string; to: string[]; raw: string; user: string | undefined };

/** A real SMTP server; a login must be `user`/`password`. STARTTLS is off so the test needs no certificate. */
export async function smtpStandIn(user: string, password: string) {
  const received: SmtpMessage[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === password) return cb(null, { user: auth.username });
      return cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => (raw += c));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw, user: session.user as string | undefined });
        cb();
      });
    },
  });
  const port = await listen(server.server);
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The text/plain body of a received single-part mail, decoded by its Content-Transfer-Encoding. */
export function mailText(raw: string): string {
  const at = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, at);
  const body = raw.slice(at).trim();
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}
