import Link from "next/link";
import { notFound } from "next/navigation";
import { DraftWorkspace } from "@/components/policy/draft-workspace";
import { NewDraftButton } from "@/components/policy/new-draft-button";
import { PolicyGrid } from "@/components/policy/policy-grid";
import { PolicySettings } from "@/components/policy/policy-settings";
import { PrintButton } from "@/components/policy/print-button";
import { RevokeButton } from "@/components/policy/revoke-button";
import { SignatureBlock } from "@/components/policy/signature-block";
import { StatusBadge } from "@/components/policy/status-badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { gridColumns } from "@/lib/domain/policy-grid";
import { labelLookup } from "@/lib/domain/policy-wording";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { getPolicyVersion, type TPolicyVersionView } from "@/lib/server/policy/get-policy-version";
import { lastBacktest } from "@/lib/server/policy/last-backtest";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";
import { verifyPolicyVersion } from "@/lib/server/policy/verify-policy-version";

export async function generateMetadata({ params }: { params: Promise<{ version: string }> }) {
  return { title: `Policy v${(await params).version}` };
}

const link = "text-sm font-semibold text-indigo-700 hover:underline";

function lifecycle(view: TPolicyVersionView) {
  switch (view.status) {
    case "DRAFT":
      return <>Draft{view.basedOnVersion ? ` copied from v${view.basedOnVersion}` : ""}, started by {view.createdByName ?? "unknown"} on <Time value={view.createdAt} />. Not in force.</>;
    case "ACTIVE":
      return <>In force since <Time value={view.signedAt} />.</>;
    case "SUPERSEDED":
      return <>Was in force from <Time value={view.signedAt} /> until <Time value={view.supersededAt} />, when a newer version was signed.</>;
    case "REVOKED":
      return <>Revoked on <Time value={view.revokedAt} />: “{view.revokeReason}”.</>;
  }
}

export default async function PolicyVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const { version: raw } = await params;
  const user = await requirePageUser("policy:view", `/policy/versions/${raw}`);
  const number = Number(raw);
  if (!Number.isInteger(number) || number < 1) notFound();
  const view = await getPolicyVersion(db(), number);
  if (!view) notFound();
  const [active, classes, backtest, me, key] = await Promise.all([
    getPolicyVersion(db(), "active"),
    listAssetClasses(db()),
    lastBacktest(db(), view.version),
    db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true } }),
    view.signingKeyId ? db().signingKey.findUnique({ where: { id: view.signingKeyId }, select: { publicKey: true } }) : null,
  ]);
  const canEdit = can(user.role, "policy:edit");
  const canSign = can(user.role, "policy:sign");
  const labelOf = labelLookup(classes);
  const document = view.document;
  const columns = gridColumns(classes.map((c) => c.key), ...(document ? [document] : [])).map((k) => ({ key: k, label: labelOf(k) }));
  const verification = view.digest ? await verifyPolicyVersion(db(), view.version).catch(() => null) : null;
  const isDraft = view.status === "DRAFT";

  return (
    <>
      <PageHeader
        title={`Policy v${view.version}`}
        description={lifecycle(view)}
        actions={
          <div className="no-print flex flex-wrap items-center gap-3">
            <StatusBadge status={view.status} />
            <a href={`/policy/versions/${view.version}/download`} className={link} download>
              Download JSON
            </a>
            <Link href={`/policy/diff?from=${active && active.version !== view.version ? active.version : Math.max(1, view.version - 1)}&to=${view.version}`} className={link}>
              Compare
            </Link>
            {!isDraft && <PrintButton />}
            {!isDraft && canEdit && <NewDraftButton fromVersionId={view.id} label={`New draft from v${view.version}`} variant="secondary" />}
            {canSign && (view.status === "ACTIVE" || isDraft) && <RevokeButton versionId={view.id} version={view.version} active={view.status === "ACTIVE"} />}
          </div>
        }
      />
      {!document ? (
        <Card title="This version does not parse">
          <p className="text-sm">The stored document is not a valid policy any more; it is shown as stored in the JSON download. Reflex treats an unreadable active policy as no policy (everything escalates).</p>
        </Card>
      ) : isDraft ? (
        <DraftWorkspace
          key={view.id}
          id={view.id}
          version={view.version}
          editVersion={view.editVersion}
          document={document}
          columns={columns}
          active={active?.document && active.version !== view.version ? { version: active.version, document: active.document } : null}
          canEdit={canEdit}
          canSign={canSign}
          hasPassword={Boolean(me?.passwordHash)}
          lastBacktest={backtest ? `${backtest.summary} (${backtest.at.toISOString().replace("T", " ").slice(0, 16)} UTC)` : null}
        />
      ) : (
        <div className="space-y-6">
          <Card title="Signature">
            <SignatureBlock view={view} verification={verification} publicKey={key?.publicKey ?? null} />
          </Card>
          <Card title="Rules" description="Action by asset class. Faded cells follow the default rule.">
            <PolicyGrid document={document} columns={columns} caption={`Rules of policy v${view.version}`} />
          </Card>
          <Card title="Default rule and settings">
            <PolicySettings document={document} />
          </Card>
        </div>
      )}
    </>
  );
}
