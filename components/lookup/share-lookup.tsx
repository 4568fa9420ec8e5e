"use client";

import { useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";

/** Permalink (with the window made explicit, so everyone on the bridge sees the same answer) and exports. */
export function ShareLookup({ query }: { query: string }) {
  const [copied, setCopied] = useState(false);
  const permalink = `/lookup?${query}`;
  async function copy() {
    await navigator.clipboard.writeText(new URL(permalink, window.location.origin).toString());
    setCopied(true);
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <a href={permalink} className={buttonClass("secondary")} data-testid="lookup-permalink">
        Permalink
      </a>
      <Button variant="secondary" onClick={copy}>
        {copied ? "Copied" : "Copy permalink"}
      </Button>
      <a href={`/lookup/export?${query}&format=csv`} className={buttonClass("secondary")} download>
        Export CSV
      </a>
      <a href={`/lookup/export?${query}&format=jsonl`} className={buttonClass("secondary")} download>
        Export JSON Lines
      </a>
    </div>
  );
}
