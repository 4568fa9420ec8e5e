import { describe, expect, it } from "vitest";
import { canonicalIp } from "./entities";
import { parseSshdLog } from "./sshd";
import { classifySshdMessage } from "./sshd-message";
import { readSharedText } from "./test-samples";

const reference = new Date("2025-06-01T00:00:00Z");

describe("OpenSSH_2k.log (loghub)", () => {
  const log = parseSshdLog(readSharedText("datasets/loghub/OpenSSH_2k.log"), { reference });

  it("reads every line", () => {
    expect(log.unparseable).toBe(0);
    expect(log.comments).toBe(0);
    // 2,000 lines, two of which are rsyslog's "message repeated 5 times" (4 extra each).
    expect(log.events).toHaveLength(2008);
  });

  it("counts one failure per failed attempt from 183.62.140.253", () => {
    const failures = log.events.filter((e) => e.sourceIp === "183.62.140.253" && e.kind === "auth_failure");
    // 286 "Failed password" lines; the 287 pam_unix lines echo the same attempts.
    expect(failures).toHaveLength(286);
    expect(new Set(failures.map((e) => e.account))).toEqual(
      new Set(["root", "git", "123", "123456", "boot", "dff", "oracle", "test", "ubuntu", "zhangyan"]),
    );
  });

  it("finds the one accepted login", () => {
    const accepted = log.events.filter((e) => e.kind === "auth_success");
    expect(accepted).toEqual([
      {
        occurredAt: new Date("2024-12-10T09:32:20Z"),
        kind: "auth_success",
        sourceIp: "119.137.62.142",
        account: "fztu",
        host: "labsz",
        program: "sshd",
        message: "Accepted password for fztu from 119.137.62.142 port 49116 ssh2",
      },
    ]);
  });

  it("expands rsyslog's repeated-message lines", () => {
    const folded = log.events.filter((e) => e.sourceIp === "5.36.59.76" && e.kind === "auth_failure");
    expect(folded.length).toBeGreaterThanOrEqual(5);
  });

  it("infers 2024 for December lines received in June 2025", () => {
    expect(log.events[0]?.occurredAt.toISOString()).toBe("2024-12-10T06:55:46.000Z");
  });
});

describe("fail2ban sshd test logs", () => {
  // Annotated hosts Reflex deliberately does not turn into an address:
  //  - host names (sshd with UseDNS): not an IP, so no selector to block;
  //  - "192.030.0.6": leading zeros read as octal by some tools; never block a guess.
  const notAnAddress = new Set(["example.com", "192.030.0.6"]);

  function annotated(file: string) {
    const text = readSharedText(`samples/sshd/${file}`);
    const { events, comments, unparseable } = parseSshdLog(text, { reference: new Date("2005-12-31T00:00:00Z") });
    const pairs: { host: string; line: string; sourceIp: string | null | undefined }[] = [];
    let expected: { host?: string } | null = null;
    let index = 0;
    for (const line of text.split("\n")) {
      if (line.startsWith("# failJSON:")) {
        expected = JSON.parse(line.slice("# failJSON:".length)) as { host?: string };
        continue;
      }
      if (line.startsWith("#") || line.trim() === "") continue;
      const event = events[index++];
      if (expected?.host) pairs.push({ host: expected.host, line, sourceIp: event?.sourceIp });
      expected = null;
    }
    expect(index).toBe(events.length); // every sshd line became exactly one event
    return { pairs, comments, unparseable };
  }

  it.each(["fail2ban-sshd.log", "fail2ban-sshd-journal.log"])("%s: lines annotated with a host yield that IP", (file) => {
    const { pairs, comments, unparseable } = annotated(file);
    expect(comments).toBeGreaterThan(100);
    expect(unparseable).toBe(0);
    expect(pairs.length).toBeGreaterThan(80);
    for (const { host, line, sourceIp } of pairs) {
      const expected = notAnAddress.has(host) ? null : canonicalIp(host);
      expect({ line, sourceIp }).toEqual({ line, sourceIp: expected });
    }
  });

  it("testcase02: IPv4-mapped addresses, illegal users and keyboard-interactive logins", () => {
    const { events } = parseSshdLog(readSharedText("samples/sshd/fail2ban-testcase02.log"), { reference: new Date("2005-12-31T00:00:00Z") });
    expect(events[1]).toMatchObject({ kind: "auth_failure", sourceIp: "66.38.192.238", account: "test123" });
    expect(events.filter((e) => e.kind === "auth_success" && e.sourceIp === "141.3.81.106" && e.account === "roehl")).toHaveLength(4);
  });
});

describe("line shapes", () => {
  it("journal lines without a time take the reference time and the journal host", () => {
    const { events } = parseSshdLog("srv sshd[31602]: Failed password for invalid user ROOT from 194.117.26.69 port 50273 ssh2", { reference });
    expect(events[0]).toMatchObject({ occurredAt: reference, host: "srv", kind: "auth_failure", account: "ROOT", sourceIp: "194.117.26.69" });
  });

  it("ISO and RFC 5424 lines keep their own time and zone", () => {
    const { events } = parseSshdLog(
      [
        "2015-04-16T18:02:50.321974+00:00 host sshd[2716]: Connection closed by 192.0.2.112 [preauth]",
        '<38>1 2019-07-08T17:40:17.954167-04:00 h.example.com sshd 55555 - [timeQuality tzKnown="1"][x@1 t="[b]"] Failed unknown for invalid user r from 192.0.2.2 port 55555 ssh2',
      ].join("\n"),
      { reference },
    );
    expect(events.map((e) => [e.occurredAt.toISOString(), e.kind, e.sourceIp, e.host])).toEqual([
      ["2015-04-16T18:02:50.321Z", "disconnect", "192.0.2.112", "host"],
      ["2019-07-08T21:40:17.954Z", "auth_failure", "192.0.2.2", "h.example.com"],
    ]);
  });

  it("counts comments and lines that are not sshd's", () => {
    const result = parseSshdLog("# a comment\n\nDec 10 06:55:46 LabSZ CRON[1]: job\nnot a log line\nDec 10 06:55:46 LabSZ sshd[1]: whatever", { reference });
    expect(result).toMatchObject({ comments: 1, unparseable: 2 });
    expect(result.events).toHaveLength(1);
    expect(result.events[0]).toMatchObject({ kind: "other", sourceIp: null });
  });

  it("fills an address from earlier lines of the same connection (pid)", () => {
    const { events } = parseSshdLog(
      "Feb 12 04:09:18 h sshd[26713]: Connection from 115.249.163.77 port 51353\nFeb 12 04:09:21 h sshd[26713]: Disconnecting: Too many authentication failures for root [preauth]\nFeb 12 04:09:22 h sshd[999]: Disconnecting: Too many authentication failures for root [preauth]",
      { reference },
    );
    expect(events.map((e) => e.sourceIp)).toEqual(["115.249.163.77", "115.249.163.77", null]);
  });
});

describe("classifySshdMessage", () => {
  it.each([
    ["Failed password for root from 1.2.3.4 port 22 ssh2", "auth_failure", "1.2.3.4", "root"],
    ["Failed password for invalid user admin from 2001:DB8::1 port 22 ssh2", "auth_failure", "2001:db8::1", "admin"],
    ["Failed publickey for git from 192.0.2.1 port 57904 ssh2: RSA 04:bc:xx", "auth_failure", "192.0.2.1", "git"],
    ["Failed keyboard-interactive for <invalid username> from 205.186.180.55 port 42742 ssh2", "auth_failure", "205.186.180.55", null],
    ["Accepted publickey for alice from ::ffff:10.0.0.8 port 50000 ssh2: ED25519 SHA256:abc", "auth_success", "10.0.0.8", "alice"],
    ["error: PAM: Authentication failure for james from 205.186.180.99 via 192.168.1.201", "auth_failure", "205.186.180.99", "james"],
    ["Invalid user webmaster from 173.234.31.186", "invalid_user", "173.234.31.186", "webmaster"],
    ["User root from 46.45.128.3 not allowed because listed in DenyUsers", "invalid_user", "46.45.128.3", "root"],
    ["Received disconnect from 52.80.34.196: 11: Bye Bye [preauth]", "disconnect", "52.80.34.196", null],
    ["Received disconnect from 198.51.100.76 port 58846:11: Bye Bye [preauth]", "disconnect", "198.51.100.76", null],
    ["Connection closed by authenticating user root 192.0.2.10 port 46038 [preauth]", "disconnect", "192.0.2.10", "root"],
    ["pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=183.62.140.253  user=root", "other", "183.62.140.253", "root"],
    ["Did not receive identification string from 69.61.56.114", "other", "69.61.56.114", null],
  ])("%s", (message, kind, sourceIp, account) => {
    expect(classifySshdMessage(message)).toEqual({ kind, sourceIp, account });
  });

  it("does not let a crafted user name choose the address", () => {
    // The user name imitates the tail; the real address is the one after it.
    expect(classifySshdMessage("Failed password for invalid user x from 6.6.6.6 port 1 ssh2 from 192.0.2.7 port 2 ssh2").sourceIp).toBe("192.0.2.7");
    // Both candidates look real: unknowable from this line alone, so no address.
    expect(classifySshdMessage("Failed password for invalid user x from 6.6.6.6 port 1 ssh2: y from 192.0.2.7 port 2 ssh2").sourceIp).toBeNull();
    expect(classifySshdMessage("Invalid user x from 6.6.6.6 port 1 from 192.0.2.7 port 2").sourceIp).toBe("192.0.2.7");
    expect(
      classifySshdMessage("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=x rhost=6.6.6.6 rhost=192.0.2.7").sourceIp,
    ).toBeNull();
  });
});
