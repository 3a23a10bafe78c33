import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  // TanStack Table is our table library; the React Compiler simply skips memoising components that use it.
  { rules: { "react-hooks/incompatible-library": "off" } },
  { ignores: [".next/**", "node_modules/**", "server/generated/**", "test-results/**", "playwright-report/**", ".data/**", "next-env.d.ts"] },
];

export default config;
