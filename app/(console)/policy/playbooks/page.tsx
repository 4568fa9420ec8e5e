import Link from "next/link";
import { DetectorForm } from "@/components/playbooks/detector-form";
import { PlaybookForm } from "@/components/playbooks/playbook-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { ACTION_LABELS } from "@/lib/domain/types";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { db } from "@/lib/db/client";
import { listPlaybooks } from "@/lib/server/playbooks/list-playbooks";
import { readSetting } from "@/lib/server/settings/settings";

export const metadata = { title: "Playbooks" };

export default async function PlaybooksPage() {
  const user = await requirePageUser("policy:view", "/policy/playbooks");
  const [playbooks, detector] = await Promise.all([listPlaybooks(), readSetting(db(), "detector.sshBruteForce")]);
  const editable = can(user.role, "playbook:edit");
  return (
    <>
      <PageHeader
        title="Playbooks"
        description="What Reflex checks and proposes for each kind of alert. The signed policy decides whether a proposal runs on its own; every save here is a new version, named in each decision it makes."
        actions={
          <Link href="/policy" className="text-sm font-semibold text-indigo-700 hover:underline">
            ← Policy
          </Link>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        {playbooks.map((p) => (
          <Card
            key={p.key}
            title={p.name}
            description={
              <>
                Proposes <strong>{ACTION_LABELS[p.action]}</strong> · v{p.version || 1}
                {p.savedAt ? (
                  <>
                    {" "}
                    saved <Time value={p.savedAt} />
                  </>
                ) : (
                  " (built-in defaults)"
                )}
              </>
            }
            actions={p.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="gray">disabled</Badge>}
          >
            <p className="mb-4 text-sm text-slate-600">{p.description}</p>
            <Link href={`/policy/playbooks/${p.key}/rehearsal`} className="mb-4 inline-block text-sm font-semibold text-indigo-700 hover:underline">
              Shadow-mode rehearsal →
            </Link>
            <PlaybookForm playbook={p} editable={editable} />
          </Card>
        ))}
        <Card title="Reflex's own SSH detector" description="Raises a brute-force alert when one source fails N times within T seconds with no successful login, measured in the events' own time.">
          <DetectorForm initial={detector} editable={editable} />
        </Card>
      </div>
    </>
  );
}
