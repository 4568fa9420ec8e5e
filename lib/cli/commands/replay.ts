import { readFile, stat } from "node:fs/promises";
import cliProgress from "cli-progress";
import type { Command } from "commander";
import { db } from "@/lib/db/client";
import type { TContextEvent } from "@/lib/ingest/context-event";
import { parseContextEventJson } from "@/lib/ingest/context-event";
import { parseSshdLog } from "@/lib/ingest/sshd";
import { bossJobSender, stopBoss } from "@/lib/jobs/boss";
import { ingestContextEvents, type TEventIngestResult } from "@/lib/server/pipeline/ingest-context-events";
import { cliActor } from "../cli-actor";
import { withCliDatabase } from "../run-command";

type TOptions = { format: "sshd" | "jsonl"; speed: "max" | "realtime"; batch: string; year?: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readEvents(file: string, opts: TOptions): Promise<{ events: TContextEvent[]; skipped: number }> {
  const text = await readFile(file, "utf8");
  if (opts.format === "jsonl") {
    const parsed = parseContextEventJson(text);
    if (!parsed.ok) throw new Error(`${file}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).slice(0, 5).join("; ")}`);
    return { events: parsed.events, skipped: 0 };
  }
  // Syslog lines carry no year: infer it from the file's own date unless told.
  const reference = opts.year ? new Date(Date.UTC(Number(opts.year), 11, 31, 23, 59, 59)) : (await stat(file)).mtime;
  const parsed = parseSshdLog(text, { reference });
  return { events: parsed.events, skipped: parsed.unparseable };
}

/** Consecutive events in batches; in realtime mode a batch is the events of one second. */
function batches(events: TContextEvent[], opts: TOptions): TContextEvent[][] {
  const size = Math.max(1, Number(opts.batch) || 200);
  const out: TContextEvent[][] = [];
  for (const e of events) {
    const current = out[out.length - 1];
    const sameSecond = current && Math.floor(current[0]!.occurredAt.getTime() / 1000) === Math.floor(e.occurredAt.getTime() / 1000);
    if (current && (opts.speed === "realtime" ? sameSecond : current.length < size)) current.push(e);
    else out.push([e]);
  }
  return out;
}

export function registerReplay(program: Command): void {
  program
    .command("replay <file>")
    .description("feed a log file through ingestion, detection and the decision loop, keeping each event's own time")
    .option("--format <format>", "sshd (syslog or journal lines) or jsonl (context events)", "sshd")
    .option("--speed <speed>", "max (as fast as possible) or realtime (the log's own pace)", "max")
    .option("--batch <n>", "events per request at max speed", "200")
    .option("--year <year>", "year of the syslog lines (default: inferred from the file's date)")
    .action((file: string, opts: TOptions) =>
      withCliDatabase(async () => {
        if (!["sshd", "jsonl"].includes(opts.format)) throw new Error(`--format must be sshd or jsonl, not "${opts.format}".`);
        if (!["max", "realtime"].includes(opts.speed)) throw new Error(`--speed must be max or realtime, not "${opts.speed}".`);
        const { events, skipped } = await readEvents(file, opts);
        const bar = new cliProgress.SingleBar({ format: "Replaying {bar} {value}/{total} events | {detections} detections", stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar.start(events.length, 0, { detections: 0 });
        const detections: TEventIngestResult["detections"] = [];
        let previous: Date | null = null;
        try {
          for (const batch of batches(events, opts)) {
            if (opts.speed === "realtime" && previous) await sleep(batch[0]!.occurredAt.getTime() - previous.getTime());
            previous = batch[0]!.occurredAt;
            const result = await ingestContextEvents(db(), { events: batch, jobs: bossJobSender, actor: cliActor() });
            detections.push(...result.detections);
            bar.increment(batch.length, { detections: detections.length });
          }
        } finally {
          bar.stop();
          await stopBoss();
        }
        console.log(`\nReplayed ${events.length} events from ${file} (${skipped} lines not understood).`);
        for (const d of detections) {
          const what = d.verdict === "execute" ? "contained" : d.verdict ? d.verdict : (d.note ?? "no decision");
          console.log(`  ${d.ip.padEnd(40)} ${String(d.failures).padStart(4)} failures → ${what}`);
        }
      }),
    );
}
