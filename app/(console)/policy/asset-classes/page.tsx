import Link from "next/link";
import { AssetClassEditor } from "@/components/policy/asset-class-editor";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { ASSET_CLASS_PERMISSION } from "@/lib/server/policy/asset-class-changes";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";

export const metadata = { title: "Asset classes" };

export default async function AssetClassesPage() {
  const user = await requirePageUser("policy:view", "/policy/asset-classes");
  const classes = await listAssetClasses(db());
  return (
    <>
      <PageHeader
        title="Asset classes"
        description="The columns of the policy grid, and the classes owners register their assets under. Unregistered assets get a built-in class from what they are (an external IP, an account…)."
        actions={
          <Link href="/policy" className="text-sm font-semibold text-indigo-700 hover:underline">
            ← Policy
          </Link>
        }
      />
      <Card title="Asset classes" description={can(user.role, ASSET_CLASS_PERMISSION) ? "SOC and CISO can add classes and rename them; a class in use cannot be deleted." : "Read-only for your role: SOC and CISO keep this list."}>
        <AssetClassEditor classes={classes} editable={can(user.role, ASSET_CLASS_PERMISSION)} />
      </Card>
    </>
  );
}
