"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the server page every `everyMs` while `enabled` (the page's data is read on the server). */
export function AutoRefresh({ enabled, everyMs }: { enabled: boolean; everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [enabled, everyMs, router]);
  return null;
}
