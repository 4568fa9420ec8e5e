import { type Command, InvalidArgumentError } from "commander";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { verifyPolicyVersion } from "@/lib/server/policy/verify-policy-version";
import { withCliDatabase } from "../run-command";

function versionNumber(value: string): number {
  const n = Number(value.replace(/^v/i, ""));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${value}" is not a version number: write e.g. 3 or v3.`);
  return n;
}

export function registerPolicy(program: Command): void {
  const policy = program.command("policy").description("the signed containment policy");
  policy
    .command("verify")
    .argument("[version]", "the version number to check, e.g. 3", versionNumber)
    .option("--active", "check the version in force")
    .description("recompute a signed version's SHA-256 digest and check its Ed25519 signature; exits 1 when either does not match")
    .action((version: number | undefined, options: { active?: boolean }) =>
      withCliDatabase(async () => {
        if ((version === undefined) === !options.active) {
          throw new ExpectedError("BAD_INPUT", "Name one version (reflex policy verify 3) or pass --active.");
        }
        const report = await verifyPolicyVersion(db(), options.active ? "active" : version!);
        const who = `signed by ${report.signedByName ?? "unknown"} on ${report.signedAt?.toISOString() ?? "an unknown date"}`;
        if (report.ok) {
          console.log(`Policy v${report.version} (${report.status.toLowerCase()}) verified: ${who}, digest ${report.digest}, Ed25519 signature valid (key ${report.signingKeyId}).`);
          return;
        }
        console.error(`Policy v${report.version} does NOT verify: ${report.reason}. Recorded: ${who}, digest ${report.digest}.`);
        process.exitCode = 1;
      }),
    );
}
