"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { recertifyRegistrationAction } from "@/app/(console)/assets/actions";
import { unwrap } from "@/components/policy/action-result";
import { Button } from "@/components/ui/button";

/** One click: the owner confirms the registration still holds, and a new cadence period starts. */
export function RecertifyButton({ id, selector }: { id: string; selector: string }) {
  const router = useRouter();
  const recertify = useMutation({
    mutationFn: () => unwrap(recertifyRegistrationAction({ id })),
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={() => recertify.mutate()} disabled={recertify.isPending} aria-label={`Re-certify ${selector}`}>
        {recertify.isPending ? "Re-certifying…" : "Re-certify"}
      </Button>
      <span role="status" className="text-xs">
        {recertify.isSuccess && recertify.data.expiresAt && <span className="text-emerald-700">Re-certified until {new Date(recertify.data.expiresAt).toISOString().slice(0, 10)}</span>}
        {recertify.isError && <span className="text-red-700">{recertify.error.message}</span>}
      </span>
    </span>
  );
}
