import { Time } from "@/components/ui/time";
import type { TPolicyVerification } from "@/lib/server/policy/verify-policy-version";
import type { TPolicyVersionView } from "@/lib/server/policy/get-policy-version";

/** "Signed by … on …, digest …": what a printed policy must carry, and whether it still verifies. */
export function SignatureBlock({ view, verification, publicKey }: { view: TPolicyVersionView; verification: TPolicyVerification | null; publicKey: string | null }) {
  if (!view.signedAt || !view.digest) return null;
  return (
    <div className="space-y-2 text-sm" data-testid="signature-block">
      <p className="text-base text-slate-900">
        Signed by <strong>{view.signedByName}</strong> on <Time value={view.signedAt} />, digest <code className="break-all font-mono text-xs">{view.digest}</code>
      </p>
      <p className="text-slate-700">
        The digest is the SHA-256 of the policy document&apos;s canonical JSON (sorted keys, no whitespace); the signature is Ed25519 over the digest&apos;s text, with the server key shown in Settings.
      </p>
      <p className="break-all font-mono text-xs text-slate-600">Signature: {view.signature}</p>
      {verification &&
        (verification.ok ? (
          <p className="font-medium text-emerald-700">Verified just now: the document matches its digest and the signature matches the server&apos;s public key.</p>
        ) : (
          <p role="alert" className="font-medium text-red-700">
            Does NOT verify: {verification.reason}.
          </p>
        ))}
      {publicKey && (
        <details className="no-print">
          <summary className="cursor-pointer text-slate-700">Public key</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{publicKey}</pre>
        </details>
      )}
    </div>
  );
}
