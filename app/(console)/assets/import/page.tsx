import { ImportPanel } from "@/components/protected/import-panel";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { REGISTRATION_CSV_COLUMNS } from "@/lib/domain/registration-csv";
import { requirePageUser } from "@/lib/server/auth/authorize";

export const metadata = { title: "Import registrations" };

export default async function ImportRegistrationsPage() {
  const user = await requirePageUser("assets:edit", "/assets/import");
  return (
    <>
      <PageHeader
        title="Import registrations"
        description="Preview first: every row is checked and nothing is written until you choose. If any row has an error, nothing is imported unless you import only the valid rows."
      />
      <Card>
        <ImportPanel />
      </Card>
      <div className="mt-6">
        <Card title="Columns">
          <p className="text-sm text-slate-700">
            <span className="font-mono text-xs">{REGISTRATION_CSV_COLUMNS.join(", ")}</span>
          </p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600">
            <li>Required: selector_kind (ip, cidr, host, account, app), selector, business_service, asset_class, criticality (low, medium, high, critical), justification, on_call_contact.</li>
            <li>
              {user.role === "OWNER" ? "owner_email: leave it empty (you own what you import)." : "owner_email: who owns the row; empty means you."}
            </li>
            <li>never_contain_automatically: yes or no. allowed_actions and preferred_action: action keys such as block_ip, revoke_sessions, step_up_auth. max_ttl: 4h, 30m, 1d.</li>
            <li>maintenance_windows: days and UTC times, e.g. &quot;Sat,Sun 02:00-04:00; Wed 22:00-23:00&quot;. certified_at and expires_at are ignored: an import certifies now.</li>
          </ul>
        </Card>
      </div>
    </>
  );
}
