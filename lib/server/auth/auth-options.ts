import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { verifyPassword } from "./passwords";
import { oidcProvider } from "./oidc-provider";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const ZCredentials = z.object({
  email: z.email().transform((e) => e.toLowerCase()),
  password: z.string().min(1),
});

const credentials = CredentialsProvider({
  id: "credentials",
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(raw) {
    const parsed = ZCredentials.safeParse(raw);
    if (!parsed.success) return null;
    const user = await db().user.findUnique({ where: { email: parsed.data.email } });
    // Compare even when the user is missing so timing does not reveal which emails exist.
    const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? "$2b$11$invalidinvalidinvalidinvalidinvalidinvalidinvalidinva");
    if (!user || user.disabled || !user.passwordHash || !ok) return null;
    return { id: user.id, email: user.email, name: user.name };
  },
});

export const authOptions: NextAuthOptions = {
  providers: [credentials, ...oidcProvider()],
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  callbacks: {
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      // SSO signs in only people Reflex knows: the role comes from Reflex, never the IdP.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const known = await db().user.findUnique({ where: { email } });
      if (!known || known.disabled) return "/signin?error=NotProvisioned";
      if (!known.oidcSubject && account.providerAccountId) {
        await db().user.update({ where: { id: known.id }, data: { oidcSubject: account.providerAccountId } });
      }
      return true;
    },
    async jwt({ token, user, account }) {
      if (user) {
        const email = user.email?.toLowerCase();
        const known = email ? await db().user.findUnique({ where: { email } }) : null;
        if (known) token.sub = known.id;
        token.authAt = Math.floor(Date.now() / 1000);
        token.provider = account?.provider ?? "credentials";
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, userId: token.sub, authAt: token.authAt };
    },
  },
};
