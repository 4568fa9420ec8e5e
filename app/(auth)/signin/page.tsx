import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { oidcConfigured } from "@/lib/server/auth/oidc-provider";
import { readSetting } from "@/lib/server/settings/settings";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  NotProvisioned: "Your single sign-on account is not registered in Reflex. Ask your CISO to create your user.",
  SessionRequired: "Please sign in to continue.",
};

function safeCallback(url: string | undefined): string {
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  if (await getCurrentUser()) redirect(safeCallback(params.callbackUrl));
  const demo = process.env.REFLEX_DEMO === "1" ? await readSetting(db(), "demo.credentials") : [];
  return (
    <div className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md">
        <h1 className="text-center text-3xl font-bold tracking-tight">Reflex</h1>
        <p className="mt-1 text-center text-sm text-slate-600">Autonomic containment console</p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {params.signedOut && (
            <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              You are signed out.
            </p>
          )}
          {params.error && ERRORS[params.error] && (
            <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {ERRORS[params.error]}
            </p>
          )}
          <SignInForm callbackUrl={safeCallback(params.callbackUrl)} sso={oidcConfigured()} />
        </div>
        {demo.length > 0 && (
          <section aria-label="Demo accounts" className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
            <h2 className="font-semibold text-amber-900">Demo mode: one account per role</h2>
            <table className="mt-2 w-full text-left text-amber-900">
              <tbody>
                {demo.map((c) => (
                  <tr key={c.email}>
                    <td className="pr-2 font-medium">{c.role}</td>
                    <td className="pr-2">{c.email}</td>
                    <td className="font-mono">{c.password}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </div>
    </div>
  );
}
