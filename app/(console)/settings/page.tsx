import { RevokeTokenButton } from "@/components/settings/revoke-token-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { principalCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser("settings:view", "/settings");
  const canRevoke = principalCan(user, "settings:manage");
  const [tokens, users, connectors, signingKey] = await Promise.all([
    db().apiToken.findMany({ orderBy: { createdAt: "desc" }, include: { enforcementPoint: true } }),
    db().user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, disabled: true } }),
    db().connectorSetting.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, enabled: true, config: true } }),
    db().signingKey.findFirst({ orderBy: { createdAt: "asc" }, select: { publicKey: true, createdAt: true } }),
  ]);
  return (
    <>
      <PageHeader title="Settings" description="API tokens for alert sources, firewalls and bouncers; console users." />
      <div className="space-y-6">
        <Card title="API tokens" description={<>Create one with <code className="font-mono">npx reflex token create --name edge-fw-1 --scope feed</code>; the token is shown once. {canRevoke ? "Revoke one here or" : "A CISO revokes one here, or"} with <code className="font-mono">npx reflex token revoke --name … --reason …</code>.</>}>
          {tokens.length === 0 ? (
            <EmptyState title="No API tokens">Alert sources need an ingest token; firewalls a feed token; CrowdSec bouncers a bouncer token.</EmptyState>
          ) : (
            <Table caption="API tokens" head={["Name", "Scope", "Prefix", "Created", "Last used", "Status", ...(canRevoke ? ["Actions"] : [])]}>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <Td>{t.name}</Td>
                  <Td>{t.scope}</Td>
                  <Td mono>{t.prefix}…</Td>
                  <Td>
                    <Time value={t.createdAt} />
                  </Td>
                  <Td>
                    <Time value={t.enforcementPoint?.lastPullAt ?? t.lastUsedAt} />
                  </Td>
                  <Td>{t.revokedAt ? <Badge tone="red">revoked</Badge> : <Badge tone="green">active</Badge>}</Td>
                  {canRevoke && <Td>{t.revokedAt ? null : <RevokeTokenButton tokenId={t.id} name={t.name} scope={t.scope} />}</Td>}
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Outbound connectors" description={<>Add a signed webhook with <code className="font-mono">npx reflex connector add-webhook --name soc-slack --url https://… --secret-stdin</code>. Actions other than perimeter blocks are enforced through it.</>}>
          {connectors.length === 0 ? (
            <EmptyState title="No outbound connectors">Perimeter blocks work through the feeds without one. Account and host actions fail until a connector is configured.</EmptyState>
          ) : (
            <Table caption="Outbound connectors" head={["Name", "Kind", "Target", "Status"]}>
              {connectors.map((c) => (
                <tr key={c.id}>
                  <Td>{c.name}</Td>
                  <Td>{c.kind}</Td>
                  <Td mono>{typeof c.config === "object" && c.config && "url" in c.config ? String(c.config.url) : "—"}</Td>
                  <Td>{c.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="gray">disabled</Badge>}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        <Card title="Policy signing key" description="Ed25519 public key that verifies every signed policy version.">
          {signingKey ? <pre className="overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs" data-testid="signing-public-key">{signingKey.publicKey}</pre> : <p className="text-sm">Generated when the first policy is signed.</p>}
        </Card>
        <Card title="Users" description={<>Add one with <code className="font-mono">npx reflex user create --email … --role SOC --password-stdin</code>.</>}>
          <Table caption="Users" head={["Name", "Email", "Role", "Status"]}>
            {users.map((u) => (
              <tr key={u.id}>
                <Td>{u.name}</Td>
                <Td>{u.email}</Td>
                <Td>{u.role}</Td>
                <Td>{u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
