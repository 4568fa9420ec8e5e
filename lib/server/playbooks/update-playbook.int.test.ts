import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SYSTEM_ACTOR } from "@/lib/server/audit/append-audit";
import { ExpectedError } from "@/lib/server/errors";
import { seedDemo } from "@/prisma/seed-demo";
import { sendAlert, wazuhBruteForce } from "@/tests/helpers/pipeline";
import { updatePlaybook } from "./update-playbook";

let userId: string;
beforeAll(async () => {
  await seedDemo(db());
  userId = (await db().user.findUniqueOrThrow({ where: { email: "soc@example.com" } })).id;
});

const edit = (params: Record<string, unknown>, expectedVersion: number, enabled = true) =>
  updatePlaybook(db(), { update: { key: "brute-force-ip", params, enabled, expectedVersion }, actor: SYSTEM_ACTOR, userId });

describe("editing a playbook", () => {
  it("saves a new version that later decisions name", async () => {
    expect(await edit({ failureWindowMinutes: 15, legitimateTrafficHours: 48 }, 1)).toEqual({ key: "brute-force-ip", version: 2 });
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.118.180"));
    const decision = await db().decision.findFirstOrThrow({ where: { alertId: outcome!.id } });
    expect(decision.playbookVersion).toBe(2);
    expect(await db().playbook.count({ where: { key: "brute-force-ip" } })).toBe(2);
    expect(await db().playbook.count({ where: { key: "brute-force-ip", isCurrent: true } })).toBe(1);
  });

  it("refuses an edit based on a version someone else already replaced", async () => {
    await expect(edit({ failureWindowMinutes: 5 }, 1)).rejects.toThrow(/Someone saved version 2/);
  });

  it("names the parameter that is out of range", async () => {
    const error = await edit({ failureWindowMinutes: 0 }, 2).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpectedError);
    expect(Object.keys((error as ExpectedError).fieldErrors)).toEqual(["failureWindowMinutes"]);
  });

  it("stops a disabled playbook from acting", async () => {
    await edit({}, 2, false);
    const [outcome] = await sendAlert(wazuhBruteForce("91.240.118.181"));
    expect(outcome).toMatchObject({ verdict: null, containmentId: null });
    expect((await db().alert.findUniqueOrThrow({ where: { id: outcome!.id } })).status).toBe("REJECTED");
  });
});
