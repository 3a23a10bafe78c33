import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The architecture as lint rules: a wrong-way import fails `npm run lint`. From the bottom up:
 *   core/      browser-safe: pure domain rules, IST time, contracts (zod), error codes, formatting, report views
 *   i18n/      the catalogues and the browser's translation helpers (uses core)
 *   server/    server-only: config, db, errors, auth (policy, scope, sessions), services by feature, jobs,
 *              events, and on top the request pipeline (server/api: tRPC, REST, pages); never imports app/
 *   app/       pages and route handlers (thin: they call server/api), UI components by feature
 * Inside server/: services never import the pipeline (server/api); jobs may use services, not the pipeline.
 * A "use client" file imports only core/, i18n/, app/ and packages — from server/ nothing but types.
 */
const typesOnly = (node) => node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));

const clientBoundary = {
  meta: { type: "problem", docs: { description: "a \"use client\" module imports only browser-safe code" }, schema: [], messages: { server: "A \"use client\" module may not import {{source}}: the browser gets only core/, i18n/, app/ and packages (types from server/ are fine)." } },
  create(context) {
    const isClient = context.sourceCode.ast.body.some((n) => n.type === "ExpressionStatement" && n.directive === "use client");
    if (!isClient) return {};
    return {
      ImportDeclaration(node) {
        const source = String(node.source.value);
        const serverSide = source.startsWith("@/server/") || source === "server-only" || source.startsWith("node:") || source.startsWith("next/headers");
        if (serverSide && !typesOnly(node)) context.report({ node, messageId: "server", data: { source } });
      },
    };
  },
};

const forbid = (groups, message) => ({ patterns: [{ group: groups, message }] });

const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read configuration through server/config.ts (validated once, documented in the README), not process.env.",
};

const config = [
  ...nextVitals,
  ...nextTs,
  // TanStack Table is our table library; the React Compiler simply skips memoising components that use it.
  { rules: { "react-hooks/incompatible-library": "off" } },
  { plugins: { teeka: { rules: { "client-boundary": clientBoundary } } }, rules: { "teeka/client-boundary": "error" } },
  {
    files: ["core/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/server/*"], allowTypeImports: true, message: "core/ is browser-safe and pure: from server/ it takes types only (never code that runs)." },
            { group: ["@/app/*", "@/i18n/*", "server-only", "node:*"], message: "core/ is browser-safe and pure: it imports nothing from app/ or i18n/, and no Node built-ins." },
          ],
        },
      ],
    },
  },
  { files: ["i18n/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", forbid(["@/server/*", "@/app/*"], "i18n/ holds catalogues and browser helpers: it imports core/ only.")] } },
  { files: ["server/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", forbid(["@/app/*"], "server/ never imports app/ (the UI); shared views live in core/.")] } },
  {
    files: ["server/services/**/*.ts", "server/jobs/**/*.ts", "server/auth/**/*.ts", "server/events/**/*.ts", "server/db/**/*.ts", "server/errors/**/*.ts"],
    rules: { "no-restricted-imports": ["error", forbid(["@/app/*", "@/server/api/*"], "Only the pipeline (server/api) and app/ call into services; services, jobs and auth never import the pipeline or the UI.")] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "core/**/*.{ts,tsx}", "server/**/*.{ts,tsx}", "i18n/**/*.{ts,tsx}", "proxy.ts", "instrumentation.ts"],
    ignores: ["server/config.ts"],
    rules: { "no-restricted-syntax": ["error", processEnv] },
  },
  { ignores: [".next/**", "node_modules/**", "server/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts", "tests/generated/**"] },
];

export default config;
