/**
 * `npm run create-user -- --username dio.<district> --name "DIO <district>" --role DISTRICT_OFFICER --district <district>`
 * Accounts for a real database (demo accounts exist only in demo data). A state officer takes `--state`; every
 * other role `--district` (and `--state` when the database holds more than one state); block roles also `--block`. The password is read from
 * TEEKA_NEW_PASSWORD or from standard input, never from the command line (it would land in shell history).
 * `--reset-password` sets a new password and signs the account out everywhere.
 * `npm run create-user -- --disable <username>` stops an account at once (sign-in, sessions, API tokens);
 * `--enable <username>` lets it sign in again.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline/promises";
import { environment } from "@/server/config";
import { createDb } from "@/server/db/client";
import { ZNewUser, saveUser, setUserDisabled } from "@/server/services/accounts/users";

async function readPassword(): Promise<string> {
  const given = environment().TEEKA_NEW_PASSWORD;
  if (given) return given;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write("Password (at least 10 characters): ");
  const line = await rl[Symbol.asyncIterator]().next();
  rl.close();
  return typeof line.value === "string" ? line.value.trim() : "";
}

async function main() {
  const { values } = parseArgs({
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      state: { type: "string" },
      district: { type: "string" },
      block: { type: "string" },
      "reset-password": { type: "boolean", default: false },
      disable: { type: "string" },
      enable: { type: "string" },
    },
  });
  const url = environment().DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to the database to add the user to.");
  const toggle = values.disable ?? values.enable;
  if (values.disable !== undefined && values.enable !== undefined) throw new Error("Give either --disable or --enable, not both.");
  if (toggle !== undefined) return setDisabled(url, toggle, values.disable !== undefined);
  const parsed = ZNewUser.safeParse({
    username: values.username,
    displayName: values.name ?? values.username,
    role: values.role,
    state: values.state,
    district: values.district,
    block: values.block,
    password: await readPassword(),
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n"));
  const db = createDb(url);
  try {
    const result = await saveUser(db, parsed.data, values["reset-password"]);
    console.log(
      result.created
        ? `Created user ${parsed.data.username} (#${result.id}).`
        : `New password set for ${parsed.data.username}; ${result.endedSessions ?? 0} open session(s) ended.`,
    );
  } finally {
    await db.$disconnect();
  }
}

async function setDisabled(url: string, username: string, disabled: boolean) {
  if (!username.trim()) throw new Error(`--${disabled ? "disable" : "enable"} needs a username.`);
  const db = createDb(url);
  try {
    const result = await setUserDisabled(db, username, disabled, new Date());
    if (!disabled) console.log(result.changed ? `Enabled ${username}: it can sign in again.` : `${username} was not disabled.`);
    else console.log(`${result.changed ? "Disabled" : "Already disabled:"} ${username}; ${result.endedSessions} open session(s) ended, its API tokens are refused.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
