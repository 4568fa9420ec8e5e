"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin?signedOut=1" })}
      className="mt-3 w-full rounded-md bg-slate-800 px-3 py-1.5 text-left text-sm text-slate-200 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-400"
    >
      Sign out
    </button>
  );
}
