/**
 * `npm run openapi:types`: writes the TypeScript types of /api/v1 (tests/generated/api-v1.ts) from the OpenAPI
 * document the app serves, with the standard generator (openapi-typescript). The contract test fails while this
 * file is older than the document, and the typed client in that test is checked by `npm run typecheck`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { apiTypesSource } from "@/tests/helpers/openapi-types";

const file = path.join(import.meta.dirname, "..", "tests", "generated", "api-v1.ts");
writeFileSync(file, await apiTypesSource());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
