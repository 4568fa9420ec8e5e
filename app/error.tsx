"use client";

// Server errors reach the browser only as a digest (a reference), never as a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-bold">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600">
          Reflex hit an unexpected error{error.digest ? ` (ref ${error.digest})` : ""}. Try again; if it persists, give the reference to your administrator.
        </p>
        <button type="button" onClick={reset} className="mt-6 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          Try again
        </button>
      </div>
    </div>
  );
}
