import { randomBytes } from "node:crypto";
import type { TRole } from "@/lib/auth/permissions";
import type { TDb } from "@/lib/db/client";
import { DEFAULT_ASSET_CLASSES } from "@/lib/domain/asset-class";
import type { TAuditActor } from "@/lib/server/audit/append-audit";
import { writeSetting } from "@/lib/server/settings/settings";
import { createUser } from "@/lib/server/users/create-user";
import { seedDemoHistory } from "./seed-demo-history";
import { seedDemoLoop } from "./seed-demo-loop";

// The demo organisation: one user per role with fresh random passwords (printed once by
// the CLI, and shown on the sign-in page only while demo mode is on), the asset classes,
// and whatever later seeds add (policy, playbooks, protected assets).

export const DEMO_USERS: { email: string; name: string; role: TRole }[] = [
  { email: "ciso@example.com", name: "Camille Ortiz", role: "CISO" },
  { email: "soc@example.com", name: "Sam Okafor", role: "SOC" },
  { email: "owner@example.com", name: "Priya Raman", role: "OWNER" },
  { email: "viewer@example.com", name: "Viktor Hale", role: "VIEWER" },
];

export const SEED_ACTOR: TAuditActor = { kind: "SYSTEM", name: "Reflex demo seed" };

export type TDemoCredential = { email: string; name: string; role: TRole; password: string };

export async function isDatabaseEmpty(client: TDb): Promise<boolean> {
  return (await client.user.count()) === 0;
}

export async function seedDemo(client: TDb): Promise<TDemoCredential[]> {
  await client.assetClass.createMany({
    data: DEFAULT_ASSET_CLASSES.map((c) => ({ key: c.key, label: c.label, description: c.description, builtIn: true })),
    skipDuplicates: true,
  });
  const credentials: TDemoCredential[] = [];
  for (const user of DEMO_USERS) {
    const password = randomBytes(12).toString("base64url");
    await createUser(client, { input: { ...user, password }, actor: SEED_ACTOR });
    credentials.push({ ...user, password });
  }
  await writeSetting(client, "demo.credentials", credentials);
  await seedDemoLoop(client, SEED_ACTOR);
  await seedDemoHistory(client, SEED_ACTOR);
  return credentials;
}
