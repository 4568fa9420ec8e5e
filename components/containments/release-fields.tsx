import type { SelectHTMLAttributes } from "react";
import { FormField, INPUT_CLASS } from "@/components/ui/form-field";

// What a release asks besides its reason, the same in the console and on a release link.

export const RELEASE_QUICK_REASONS = ["False positive", "Business impact", "Resolved"] as const;

const HOLD_OFF = [
  { label: "No hold-off", seconds: 0 },
  { label: "1 hour", seconds: 3600 },
  { label: "24 hours", seconds: 86_400 },
  { label: "7 days", seconds: 604_800 },
];

/** "Hold off re-containment": the select's own props say whether it is controlled or named in a form. */
export function HoldOffField({ id, ...select }: { id: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "className" | "children">) {
  return (
    <FormField id={id} label="Hold off re-containment">
      <select id={id} {...select} className={INPUT_CLASS}>
        {HOLD_OFF.map((h) => (
          <option key={h.seconds} value={h.seconds}>
            {h.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
