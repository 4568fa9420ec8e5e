import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as postAlerts } from "@/app/api/v1/alerts/route";
import { GET, POST } from "@/app/api/v1/kill-switch/route";
import { ZAlertIngestResult, ZKillSwitchState } from "@/lib/server/openapi/response-schemas";
import { wazuhBruteForce } from "@/tests/helpers/pipeline";
import { callError, callJson, createToken, useDemoOrganisation } from "./route-helpers";
import { signInAs, signOut } from "./session-mock";

vi.mock("@/lib/server/auth/current-user", () => import("./session-mock"));

useDemoOrganisation();
afterEach(() => signOut());

const KILL_SWITCH = "/api/v1/kill-switch";

describe("/api/v1/kill-switch", () => {
  it("is read with an admin token or any console role, and toggled by a CISO only", async () => {
    const admin = await createToken("admin");
    expect(ZKillSwitchState.parse(await callJson(GET, KILL_SWITCH, { token: admin.token }))).toMatchObject({ engaged: false });
    await callError(GET, KILL_SWITCH, { token: (await createToken("ingest")).token, status: 403 });

    // No token scope carries killswitch:toggle: machines cannot pause the loop.
    const change = { engaged: true, reason: "incident review" };
    expect((await callError(POST, KILL_SWITCH, { token: admin.token, body: change, status: 403 })).message).toMatch(/killswitch:toggle/);
    await signInAs("SOC");
    await callError(POST, KILL_SWITCH, { body: change, status: 403 });

    await signInAs("CISO");
    const missing = await callError(POST, KILL_SWITCH, { body: { engaged: true }, status: 400 });
    expect(missing.fields?.reason).toBeDefined();
    const engaged = ZKillSwitchState.parse(await callJson(POST, KILL_SWITCH, { body: change }));
    expect(engaged).toMatchObject({ engaged: true, reason: "incident review", by: "Camille Ortiz" });
    signOut();

    // While engaged, an alert that would be contained is escalated instead.
    const ingest = await createToken("ingest");
    const result = ZAlertIngestResult.parse(await callJson(postAlerts, "/api/v1/alerts", { token: ingest.token, body: wazuhBruteForce("45.155.205.80") }));
    expect(result.alerts[0]).toMatchObject({ verdict: "escalate", containmentId: null });

    await signInAs("VIEWER");
    expect(ZKillSwitchState.parse(await callJson(GET, KILL_SWITCH))).toMatchObject({ engaged: true });
    await signInAs("CISO");
    expect(ZKillSwitchState.parse(await callJson(POST, KILL_SWITCH, { body: { engaged: false, reason: "review done" } }))).toMatchObject({ engaged: false });
  });
});
