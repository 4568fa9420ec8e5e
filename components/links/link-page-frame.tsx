import type { ReactNode } from "react";

/** The page a signed link opens without signing in: one card, saying which kind of link it is. */
export function LinkPageFrame({ kind, title, children }: { kind: string; title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-12">
      <div className="w-full max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <p className="text-sm font-semibold text-indigo-600">{kind}</p>
        <h1 className="mt-1 text-2xl font-bold text-slate-900">{title}</h1>
        <div className="mt-4 space-y-4 text-sm text-slate-700">{children}</div>
      </div>
    </main>
  );
}
