/**
 * Registers the camp app's service worker (public/camp-sw.js) and hands it the files this page loaded, so that the
 * page opens with no network next time: the worker caches the /camp page and the build's scripts, styles and fonts.
 */
export function registerCampWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  void navigator.serviceWorker
    .register("/camp-sw.js", { scope: "/camp" })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((u) => u.startsWith(`${location.origin}/_next/static/`));
      registration.active?.postMessage({ type: "cache", urls: [location.pathname, ...urls] });
    })
    .catch(() => undefined);
}
