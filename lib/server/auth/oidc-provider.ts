import "server-only";
import type { Provider } from "next-auth/providers/index";

// A generic OpenID Connect provider, switched on when all three variables are set.
export function oidcConfigured(): boolean {
  return Boolean(process.env.OIDC_ISSUER && process.env.OIDC_CLIENT_ID && process.env.OIDC_CLIENT_SECRET);
}

export function oidcProvider(): Provider[] {
  if (!oidcConfigured()) return [];
  const issuer = process.env.OIDC_ISSUER!.replace(/\/$/, "");
  return [
    {
      id: "oidc",
      name: process.env.OIDC_NAME ?? "Single sign-on",
      type: "oauth",
      wellKnown: `${issuer}/.well-known/openid-configuration`,
      issuer,
      clientId: process.env.OIDC_CLIENT_ID,
      clientSecret: process.env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return {
          id: profile.sub,
          email: profile.email ?? null,
          name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
        };
      },
    },
  ];
}
