import { describe, expect, it } from "vitest";
import { parseContextEventJson } from "./context-event";

describe("parseContextEventJson", () => {
  it("reads JSON lines into context events, canonicalising the entities", () => {
    const text = [
      '{"time":"2025-01-31T12:00:00Z","kind":"auth_failure","source_ip":"::ffff:203.0.113.7","account":" root ","host":"WEB-01","message":"Failed password for root"}',
      "",
      '{"time":1738324800,"kind":"auth_success","source_ip":null}',
    ].join("\n");
    expect(parseContextEventJson(text)).toEqual({
      ok: true,
      events: [
        {
          occurredAt: new Date("2025-01-31T12:00:00Z"),
          kind: "auth_failure",
          sourceIp: "203.0.113.7",
          account: "root",
          host: "web-01",
          program: "sshd",
          message: "Failed password for root",
        },
        { occurredAt: new Date("2025-01-31T12:00:00Z"), kind: "auth_success", sourceIp: null, account: null, host: null, program: "sshd", message: "" },
      ],
    });
  });

  it("says which line and field to fix", () => {
    const text = [
      '{"time":"2025-01-31T12:00:00Z","kind":"auth_failure","source_ip":"999.1.1.1"}',
      "not json",
      '{"kind":"login"}',
    ].join("\n");
    expect(parseContextEventJson(text)).toEqual({
      ok: false,
      errors: [
        { path: "line 1.source_ip", message: '"999.1.1.1" is not an IP address' },
        { path: "line 2", message: "is not valid JSON (one JSON object per line)" },
        { path: "line 3.time", message: "is required (a string or a number)" },
        { path: "line 3.kind", message: 'must be one of "auth_failure", "auth_success", "invalid_user", "disconnect", "other"' },
      ],
    });
  });
});
