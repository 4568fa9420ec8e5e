import { notFound } from "next/navigation";
import { RegistrationForm } from "@/components/protected/registration-form";
import { valuesOf } from "@/components/protected/registration-form-values";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { db } from "@/lib/db/client";
import { requirePageUser } from "@/lib/server/auth/authorize";
import { ExpectedError } from "@/lib/server/errors";
import { listAssetClasses } from "@/lib/server/policy/list-asset-classes";
import { getRegistration } from "@/lib/server/protected/get-registration";
import { registrationScopeOf } from "@/lib/server/protected/registration-scope";

export const metadata = { title: "Edit registration" };

export default async function EditRegistrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser("assets:edit", `/assets/${id}/edit`);
  const registration = await getRegistration(db(), { id, scope: registrationScopeOf(user) }).catch((e: unknown) => {
    if (e instanceof ExpectedError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const classes = await listAssetClasses(db());
  return (
    <>
      <PageHeader title={`Edit ${registration.selector.value}`} description={`Owned by ${registration.owner.name}. Saving does not re-certify it; use Re-certify on the list for that.`} />
      <Card>
        <RegistrationForm
          mode={{ kind: "edit", id: registration.id, editVersion: registration.editVersion }}
          initial={valuesOf({ ...registration, ownerId: registration.owner.id })}
          assetClasses={classes}
          owners={null}
        />
      </Card>
    </>
  );
}
