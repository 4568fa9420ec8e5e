import type { ChildProcess } from "node:child_process";

// Everything the benchmark starts is undone here, in reverse order: on success, on error
// and on Ctrl-C. Child processes run in process groups of their own (spawned detached), so
// the group id reaches whatever they forked in turn; a last synchronous kill on exit covers
// a crash of the benchmark itself.

type TStep = { name: string; run: () => Promise<void> };

const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
}

/** Tracks a child spawned with `detached: true` until it exits. */
export function trackChildGroup(child: ChildProcess): void {
  if (!child.pid) return;
  installExitHook();
  const pid = child.pid;
  liveGroups.add(pid);
  child.once("exit", () => liveGroups.delete(pid));
}

/** SIGTERM to the child's process group, SIGKILL after `graceMs` if it is still there. */
export async function stopChildGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (!pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      // the group is gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
  liveGroups.delete(pid);
}

export class Cleanup {
  private steps: TStep[] = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once, newest first; a failing step is reported and the rest still run. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (error) {
          console.error(`[bench] cleanup "${step.name}" failed: ${(error as Error).message}`);
        }
      }
      this.steps = [];
    })();
    return this.running;
  }
}
