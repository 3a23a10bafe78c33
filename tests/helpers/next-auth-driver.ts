import NextAuthImport from "next-auth";
import { authOptions } from "@/server/auth/options";

// next-auth v4 is CommonJS; under vitest its default export may arrive wrapped once more.
const NextAuth = (NextAuthImport as unknown as { default?: typeof NextAuthImport }).default ?? NextAuthImport;

/**
 * Drives the app's real next-auth configuration (csrf → credentials callback → sign-out) the way a browser
 * does, through next-auth's Node handler, keeping the cookies it sets in a jar. The app router's route only
 * differs in reading headers and cookies from Next's request scope, which does not exist under vitest.
 */
export class NextAuthBrowser {
  readonly jar = new Map<string, string>();

  constructor(private readonly headers: Record<string, string> = {}) {}

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  }

  async csrfToken(): Promise<string> {
    const res = await this.call("GET", ["csrf"]);
    return (res.body as { csrfToken: string }).csrfToken;
  }

  async signIn(username: string, password: string): Promise<{ status: number; url: string }> {
    const csrfToken = await this.csrfToken();
    const res = await this.call("POST", ["callback", "credentials"], { username, password, csrfToken, json: "true" });
    return { status: res.status, url: (res.body as { url: string }).url };
  }

  async signOut(): Promise<{ status: number; url: string }> {
    const csrfToken = await this.csrfToken();
    const res = await this.call("POST", ["signout"], { csrfToken, callbackUrl: "/sign-in", json: "true" });
    return { status: res.status, url: (res.body as { url: string }).url };
  }

  private async call(method: "GET" | "POST", action: string[], body?: Record<string, string>) {
    const headers = new Map<string, unknown>();
    const out: { status: number; body: unknown } = { status: 200, body: undefined };
    const res = {
      status(code: number) {
        out.status = code;
        return res;
      },
      setHeader(name: string, value: unknown) {
        headers.set(name.toLowerCase(), value);
        return res;
      },
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      end: () => undefined,
      json: (payload: unknown) => void (out.body = payload),
      send: (payload: unknown) => void (out.body = payload),
    };
    const req = {
      method,
      query: { nextauth: action },
      body,
      cookies: Object.fromEntries(this.jar),
      headers: { host: "localhost:3000", "user-agent": "integration-test", ...this.headers },
    };
    await NextAuth(req as never, res as never, authOptions);
    const setCookies = headers.get("set-cookie");
    for (const line of Array.isArray(setCookies) ? (setCookies as string[]) : []) this.store(line);
    return out;
  }

  private store(setCookie: string) {
    const [pair = "", ...attributes] = setCookie.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = decodeURIComponent(pair.slice(eq + 1).trim());
    const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
    if (expired || !value) this.jar.delete(name);
    else this.jar.set(name, value);
  }
}
