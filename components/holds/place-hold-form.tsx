"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { placeHoldAction } from "@/app/(console)/holds/actions";
import { Button } from "@/components/ui/button";

const KINDS = [
  { value: "ip", label: "IP address" },
  { value: "cidr", label: "CIDR range" },
  { value: "host", label: "Host" },
  { value: "account", label: "Account" },
] as const;

const DURATIONS = [
  { label: "4 hours", hours: 4 },
  { label: "24 hours", hours: 24 },
  { label: "3 days", hours: 72 },
  { label: "7 days", hours: 168 },
];

type TFailure = Error & { fields?: Record<string, string[]> };

/** datetime-local speaks the browser's local time; the server gets an ISO instant. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function PlaceHoldForm() {
  const router = useRouter();
  const [kind, setKind] = useState<(typeof KINDS)[number]["value"]>("ip");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [expiresAt, setExpiresAt] = useState("");
  const place = useMutation({
    mutationFn: async () => {
      const result = await placeHoldAction({ selector: { kind, value }, reason, expiresAt: toIso(expiresAt) });
      if (!result.ok) throw Object.assign(new Error(result.message), { fields: result.fieldErrors });
      return result.data;
    },
    onSuccess: () => {
      setValue("");
      setReason("");
      setExpiresAt("");
      router.refresh();
    },
  });
  const fields = (place.error as TFailure | null)?.fields ?? {};
  const error = (key: string) => fields[key]?.[0];

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    place.mutate();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4 md:grid-cols-2">
      <div>
        <label htmlFor="hold-kind" className="block text-sm font-medium text-slate-700">
          Entity kind
        </label>
        <select id="hold-kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <FieldError id="hold-kind-error" text={error("selector.kind")} />
      </div>
      <div>
        <label htmlFor="hold-value" className="block text-sm font-medium text-slate-700">
          Entity
        </label>
        <input id="hold-value" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={Boolean(error("selector.value"))} aria-describedby="hold-value-error" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm" />
        <FieldError id="hold-value-error" text={error("selector.value")} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor="hold-reason" className="block text-sm font-medium text-slate-700">
          Reason (shown in every decision the hold withholds)
        </label>
        <input id="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(error("reason"))} aria-describedby="hold-reason-error" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <FieldError id="hold-reason-error" text={error("reason")} />
      </div>
      <div>
        <label htmlFor="hold-expires" className="block text-sm font-medium text-slate-700">
          Expires
        </label>
        <input id="hold-expires" type="datetime-local" value={expiresAt} onChange={(e) => setExpiresAt(e.target.value)} aria-invalid={Boolean(error("expiresAt"))} aria-describedby="hold-expires-error" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        <div className="mt-1 flex flex-wrap gap-2">
          {DURATIONS.map((d) => (
            <button key={d.hours} type="button" onClick={() => setExpiresAt(localInput(new Date(Date.now() + d.hours * 3600_000)))} className="rounded-full border border-slate-300 px-3 py-1 text-xs hover:bg-slate-50">
              {d.label}
            </button>
          ))}
        </div>
        <FieldError id="hold-expires-error" text={error("expiresAt")} />
      </div>
      <div className="flex items-end justify-end gap-3 md:col-span-2">
        {place.isSuccess && (
          <p role="status" className="text-sm text-emerald-800">
            Hold placed until {place.data.expiresAt.replace("T", " ").slice(0, 16)} UTC.
          </p>
        )}
        {place.isError && Object.keys(fields).length === 0 && (
          <p role="alert" className="text-sm text-red-800">
            {place.error.message}
          </p>
        )}
        <Button type="submit" disabled={place.isPending}>
          Place hold
        </Button>
      </div>
    </form>
  );
}

function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p id={id} className="mt-1 text-sm text-red-700">
      {text}
    </p>
  ) : null;
}
