"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { startDraftAction } from "@/app/(console)/policy/actions";
import { Button, type TButtonVariant } from "@/components/ui/button";
import { unwrap } from "./action-result";

/** Copies a version (or, without one, the active policy) into a new draft and opens it. */
export function NewDraftButton({ fromVersionId, label, variant = "primary" }: { fromVersionId: string | null; label: string; variant?: TButtonVariant }) {
  const router = useRouter();
  const start = useMutation({
    mutationFn: () => unwrap(startDraftAction({ fromVersionId })),
    onSuccess: ({ version }) => router.push(`/policy/versions/${version}`),
  });
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant={variant} onClick={() => start.mutate()} disabled={start.isPending}>
        {start.isPending ? "Creating draft…" : label}
      </Button>
      {start.isError && (
        <span role="alert" className="text-sm text-red-700">
          {start.error.message}
        </span>
      )}
    </span>
  );
}
