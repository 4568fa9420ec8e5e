import type { TDb } from "@/lib/db/client";
import { verifyPassword } from "@/lib/server/auth/passwords";
import { ExpectedError } from "@/lib/server/errors";

// Signing asks the signer to prove, a second time, that they are at the keyboard: a
// session left open on a desk must not be enough to put a policy in force. People with a
// password re-enter it (checked here, on the server, against the stored hash); people
// who sign in only through SSO (no password in Reflex) need an SSO sign-in within the
// last five minutes, which the session's `authAt` records.

export const REAUTH_WINDOW_SECONDS = 5 * 60;

export async function confirmSigner(
  client: TDb,
  options: { userId: string; password: string; authAt: number | null; now?: Date },
): Promise<void> {
  const user = await client.user.findUnique({ where: { id: options.userId }, select: { passwordHash: true, disabled: true } });
  if (!user || user.disabled) throw new ExpectedError("FORBIDDEN", "Only an enabled user of Reflex may sign.");
  if (user.passwordHash) {
    if (options.password.length === 0) throw new ExpectedError("BAD_INPUT", "Re-enter your password to sign.", { password: ["Re-enter your password to sign."] });
    if (!(await verifyPassword(options.password, user.passwordHash))) {
      throw new ExpectedError("BAD_INPUT", "That is not your password: nothing was signed.", { password: ["That is not your password: nothing was signed. Try again."] });
    }
    return;
  }
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const age = options.authAt === null ? null : nowSeconds - options.authAt;
  if (age === null || age < 0 || age > REAUTH_WINDOW_SECONDS) {
    const when = age === null ? "at an unknown time" : `${Math.round(age / 60)} minutes ago`;
    throw new ExpectedError(
      "FORBIDDEN",
      `Signing needs a sign-in within the last 5 minutes, and you last signed in with SSO ${when}. Sign out, sign in again with SSO, then sign within 5 minutes.`,
    );
  }
}
