/*
 * The camp app's service worker (issue 14): /camp opens and works with no network once it has been opened online.
 * The page is fetched from the network whenever there is one (a fresh nonce, the current user) and its last good
 * copy kept for when there is none; the build's files (hashed names, never changed) are served from the cache.
 * API requests are never touched: the app's own code decides what to send and when.
 */
const CACHE = "teeka-camp-v1";
const PAGE = "/camp";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

const isStatic = (url) => url.origin === self.location.origin && url.pathname.startsWith("/_next/static/");

/** The page tells the worker what it loaded before the worker was in control (the first visit). */
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "cache" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        data.urls.slice(0, 200).map(async (raw) => {
          const url = new URL(raw, self.location.origin);
          if (url.origin !== self.location.origin || !(url.pathname === PAGE || isStatic(url))) return;
          if (isStatic(url) && (await cache.match(url.href))) return;
          const res = await fetch(url.href, { credentials: "same-origin" }).catch(() => null);
          if (res && res.ok && !res.redirected) await cache.put(url.pathname === PAGE ? PAGE : url.href, res);
        }),
      ),
    ),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === "navigate" && url.pathname === PAGE) {
    event.respondWith(pageNetworkFirst(req));
  } else if (isStatic(url)) {
    event.respondWith(staticCacheFirst(req));
  }
});

async function pageNetworkFirst(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    // A redirect (to sign in) or an error page is not the app: keep the last good copy.
    if (res.ok && !res.redirected) await cache.put(PAGE, res.clone());
    return res;
  } catch {
    const cached = await cache.match(PAGE, { ignoreSearch: true, ignoreVary: true });
    return cached || new Response("Offline: open the camp register once with network first.", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

async function staticCacheFirst(req) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(req, { ignoreVary: true });
  if (cached) return cached;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}
