import type { TPolicyChange } from "@/lib/domain/policy-diff";

/** The diff in plain words, one sentence per change. */
export function ChangeList({ changes, empty, label }: { changes: readonly TPolicyChange[]; empty: string; label: string }) {
  if (changes.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul aria-label={label} className="list-disc space-y-1 pl-5 text-sm text-slate-800">
      {changes.map((c) => (
        <li key={c.text}>{c.text}</li>
      ))}
    </ul>
  );
}
