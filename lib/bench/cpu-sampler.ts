import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

// Where the CPU goes during a phase, from /proc (Linux only; elsewhere the figures are
// left out): the load generator itself, the console's process tree, the database (the
// PGlite host, or the PostgreSQL backends serving the benchmark's database), and everything
// else on the machine — other people's work that shares these two cores.
//
// Per-process CPU time is cumulative, but PostgreSQL backends come and go with pooled
// connections, so the sampler reads every second and keeps each process's last reading.

export type TCpuGroup = "bench" | "console" | "database" | "other";
export type TCpuReport = { seconds: Record<TCpuGroup, number>; wallSeconds: number; machineBusy: number; cores: number } | null;

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type TProc = { pid: number; ppid: number; ticks: number; comm: string };

function readProc(pid: number): TProc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    const comm = stat.slice(stat.indexOf("(") + 1, close);
    const fields = stat.slice(close + 2).split(" ");
    // fields[0] is state; utime and stime are fields 14 and 15 of the line (1-based).
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), comm };
  } catch {
    return null;
  }
}

function allProcs(): TProc[] {
  const out: TProc[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const p = readProc(Number(entry));
    if (p) out.push(p);
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const total = cpu.reduce((s, v) => s + v, 0);
  return { busy: total - idle, total };
}

function descendants(procs: TProc[], roots: Set<number>): Set<number> {
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!out.has(p.pid) && out.has(p.ppid)) {
        out.add(p.pid);
        grew = true;
      }
    }
  }
  return out;
}

export type TCpuSampler = { stop(): TCpuReport };

export function startCpuSampler(options: { consolePid: number | null; databasePid: number | null; databaseName: string | null }): TCpuSampler {
  if (process.platform !== "linux") return { stop: () => null };
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const group = new Map<number, TCpuGroup>();
  const startMachine = machineTicks();
  const startedAt = performance.now();

  const classify = (procs: TProc[]) => {
    const bench = descendants(procs, new Set([process.pid]));
    const consoleTree = options.consolePid ? descendants(procs, new Set([options.consolePid])) : new Set<number>();
    const dbTree = options.databasePid ? descendants(procs, new Set([options.databasePid])) : new Set<number>();
    for (const p of procs) {
      if (group.has(p.pid)) continue;
      let g: TCpuGroup = "other";
      if (consoleTree.has(p.pid)) g = "console";
      else if (dbTree.has(p.pid)) g = "database";
      else if (options.databaseName && p.comm === "postgres" && cmdline(p.pid).includes(` ${options.databaseName} `)) g = "database";
      else if (bench.has(p.pid)) g = "bench";
      group.set(p.pid, g);
    }
  };
  const sample = (initial: boolean) => {
    const procs = allProcs();
    classify(procs);
    for (const p of procs) {
      if (initial) first.set(p.pid, p.ticks);
      else if (!first.has(p.pid)) first.set(p.pid, 0); // started during the phase
      last.set(p.pid, p.ticks);
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), 1000);
  timer.unref();

  return {
    stop() {
      clearInterval(timer);
      sample(false);
      const seconds: Record<TCpuGroup, number> = { bench: 0, console: 0, database: 0, other: 0 };
      for (const [pid, end] of last) {
        const g = group.get(pid) ?? "other";
        seconds[g] += Math.max(0, end - (first.get(pid) ?? 0)) / TICKS_PER_SECOND;
      }
      const endMachine = machineTicks();
      const total = endMachine.total - startMachine.total;
      return {
        seconds,
        wallSeconds: (performance.now() - startedAt) / 1000,
        machineBusy: total > 0 ? (endMachine.busy - startMachine.busy) / total : 0,
        cores: os.cpus().length,
      };
    },
  };
}
