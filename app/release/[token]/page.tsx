import { Badge } from "@/components/ui/badge";
import { LinkPageFrame } from "@/components/links/link-page-frame";
import { Time } from "@/components/ui/time";
import { db } from "@/lib/db/client";
import { readReleaseLink } from "@/lib/server/release-links/check-release-link";
import { REFUSAL_TEXT } from "./refusal-text";
import { ReleaseLinkForm } from "./release-link-form";

// The page a release link opens, without signing in (proxy.ts leaves /release alone): the
// signed link is the credential. A link that is altered, used or expired gets a clear page.

export const dynamic = "force-dynamic";
export const metadata = { title: "Release a containment", robots: { index: false } };

export default async function ReleaseLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const token = decodeURIComponent((await params).token);
  const { verdict, containment } = await readReleaseLink(db(), token);
  if (!verdict.ok) {
    const text = REFUSAL_TEXT[verdict.reason];
    return (
      <LinkPageFrame kind="Reflex release link" title={text.title}>
        <p role="alert">{text.body}</p>
        {verdict.reason === "used" && verdict.row?.usedAt && (
          <p>
            Used <Time value={verdict.row.usedAt} />
            {verdict.row.usedReason ? ` — “${verdict.row.usedReason}”` : ""}.
          </p>
        )}
        {verdict.reason === "expired" && verdict.row && (
          <p>
            It expired <Time value={verdict.row.expiresAt} />.
          </p>
        )}
      </LinkPageFrame>
    );
  }
  if (!containment) {
    return (
      <LinkPageFrame kind="Reflex release link" title="Nothing to release">
        <p role="alert">The containment this link was sent for no longer exists.</p>
      </LinkPageFrame>
    );
  }
  const live = containment.status === "ACTIVE" || containment.status === "PENDING";
  return (
    <LinkPageFrame kind="Reflex release link" title={live ? `Release ${containment.targetValue}?` : `${containment.targetValue} is no longer contained`}>
      <dl className="grid grid-cols-[8rem_1fr] gap-y-1">
        <dt className="font-medium">Action</dt>
        <dd>
          {containment.action} on {containment.targetKind} <span className="font-mono">{containment.targetValue}</span> <Badge tone={live ? "red" : "gray"}>{containment.status.toLowerCase()}</Badge>
        </dd>
        <dt className="font-medium">Why</dt>
        <dd>{containment.reason}</dd>
        <dt className="font-medium">Since</dt>
        <dd>
          <Time value={containment.activatedAt ?? containment.createdAt} />
        </dd>
        <dt className="font-medium">{containment.endedAt ? "Ended" : "Expires"}</dt>
        <dd>
          <Time value={containment.endedAt ?? containment.expiresAt} />
        </dd>
        <dt className="font-medium">Link for</dt>
        <dd>
          {verdict.row.addressee}, valid until <Time value={verdict.row.expiresAt} />, once
        </dd>
      </dl>
      {live ? (
        <ReleaseLinkForm token={token} target={containment.targetValue} />
      ) : (
        <p role="status">
          {containment.status === "RELEASED"
            ? `Already released by ${containment.releasedByName ?? "someone"}${containment.releaseReason ? ` (${containment.releaseReason})` : ""}. Nothing to do; this link was not used.`
            : `It ${containment.status === "EXPIRED" ? "expired" : "could not be enforced"}. Nothing to do; this link was not used.`}
        </p>
      )}
    </LinkPageFrame>
  );
}
