import { RegistrationForm } from "@/components/protected/registration-form";
import { emptyValues } from "@/components/protected/registration-form-values";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";
import { listRegistrationOwners } from "@/lib/server/protected/list-registration-owners";

export const metadata = { title: "Register an asset" };

export default async function NewRegistrationPage() {
  const user = await requirePageUser("assets:edit", "/assets/new");
  const classes = await listAssetClasses(db());
  const owners = user.role === "OWNER" ? null : await listRegistrationOwners(db());
  return (
    <>
      <PageHeader title="Register an asset" description="Tell Reflex what is special about this asset. Until it expires, every containment decision on it follows these requirements." />
      <Card>
        <RegistrationForm mode={{ kind: "create" }} initial={emptyValues(classes[0]?.key ?? "", owners?.[0]?.id ?? user.id)} assetClasses={classes} owners={owners} />
      </Card>
    </>
  );
}
