import Link from "next/link";
import { notFound } from "next/navigation";
import { ReleaseButton } from "@/components/containments/release-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { canRelease } from "@/lib/server/containments/containments-for-page";
import { getContainmentStory } from "@/lib/server/containments/get-containment-story";
import { db } from "@/lib/db/client";
import { ExpectedError } from "@/lib/server/errors";
import { loadEnforcementStatus } from "@/lib/server/lookup/load-enforcement-status";
import { EnforcementStatus } from "./enforcement-status";

export const metadata = { title: "Containment" };

export default async function ContainmentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("containment:view", `/containments/${id}`);
  let story;
  try {
    story = await getContainmentStory(db(), id);
  } catch (error) {
    if (error instanceof ExpectedError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const c = story.containment;
  const [releasable, enforcement] = await Promise.all([canRelease(user, c), loadEnforcementStatus(db(), [c])]);
  return (
    <>
      <PageHeader
        title={`${c.action} ${c.targetValue}`}
        description={c.reason}
        actions={releasable ? <ReleaseButton containmentId={c.id} target={c.targetValue} /> : undefined}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Status">
          <dl className="space-y-1 text-sm">
            <div>
              <dt className="inline font-medium">Status: </dt>
              <dd className="inline">
                <Badge tone={c.status === "ACTIVE" ? "red" : "gray"}>{c.status.toLowerCase()}</Badge>
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">Since: </dt>
              <dd className="inline">
                <Time value={c.activatedAt ?? c.createdAt} />
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">{c.endedAt ? "Ended: " : "Expires: "}</dt>
              <dd className="inline">
                <Time value={c.endedAt ?? c.expiresAt} />
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">Policy: </dt>
              <dd className="inline">{c.policyVersion ? `v${c.policyVersion}` : "—"}</dd>
            </div>
            <div>
              <dt className="inline font-medium">Playbook: </dt>
              <dd className="inline">{c.playbookKey ?? "—"}</dd>
            </div>
            {c.releasedByName && (
              <div>
                <dt className="inline font-medium">Released by: </dt>
                <dd className="inline">
                  {c.releasedByName} — {c.releaseReason}
                </dd>
              </div>
            )}
          </dl>
        </Card>
        <div className="space-y-4 lg:col-span-2">
          <EnforcementStatus status={enforcement.get(c.id) ?? null} connector={c.connector} />
          <Card title="The whole story" description="Every audit event from the alert to the end of this containment.">
            <ol className="space-y-3">
              {story.story.map((e) => (
                <li key={e.id} className="border-l-2 border-indigo-200 pl-3 text-sm">
                  <p className="text-xs text-slate-500">
                    <Link href={`/audit/${e.id}`} className="text-indigo-700 hover:underline">
                      #{e.id}
                    </Link>{" "}
                    · <Time value={e.occurredAt} /> · {e.type} · {e.actorName}
                  </p>
                  <p className="text-slate-900">{e.summary}</p>
                  <p className="font-mono text-[11px] text-slate-400">hash {e.hash.slice(0, 24)}…</p>
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
      <p className="mt-4 text-sm">
        <Link href="/containments" className="text-indigo-700 hover:underline">
          ← All containments
        </Link>
      </p>
    </>
  );
}
