import type { Command } from "commander";
import { formatReport } from "@/lib/bench/report";
import { runBench, ZBenchOptions } from "@/lib/bench/run-bench";
import { reportCliError } from "../run-command";

type TRawOptions = Record<string, string | boolean | undefined>;

export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("measure ingest throughput, time to enforcement, loss and protected-list matching on a fresh database (docs/BENCHMARKS.md)")
    .option("--alerts <n>", "single-alert requests", "3000")
    .option("--concurrency <n>", "single-alert requests in flight", "32")
    .option("--rate <n>", "offer single alerts at this many per second (open loop; 0: as fast as answered)", "0")
    .option("--flood-rate <n>", "then offer single alerts at this many per second, open loop, up to 256 in flight: the single-alert target measured as a rate (0 skips it)", "550")
    .option("--flood-seconds <n>", "how long the flood lasts", "10")
    .option("--batches <n>", "batch requests", "10")
    .option("--batch-size <n>", "alerts per batch request (at most 5000)", "500")
    .option("--batch-concurrency <n>", "batch requests in flight", "2")
    .option("--format <format>", "wazuh, generic or mixed (alternating)", "mixed")
    .option("--database <kind>", "embedded (a fresh PGlite) or postgres (a fresh database next to DATABASE_URL, local only)", "embedded")
    .option("--registrations <n>", "protected-list size for the matching benchmark (0 skips it)", "100000")
    .option("--poll-ms <n>", "how often the bouncer and the feed watcher poll (0: do not watch)", "50")
    .option("--profile <n>", "alerts for the in-process pipeline profile (0 skips it)", "200")
    .option("--workers", "run the job workers inside the console (default: off, REFLEX_WORKERS=0)")
    .option("--skip-http", "only the in-process scenarios: no console, no HTTP load")
    .option("--max-seconds <n>", "time limit of each load phase", "300")
    .option("--keep", "keep the benchmark's database afterwards")
    .option("--cpu-prof <dir>", "write a V8 CPU profile of the console into this folder when it stops")
    .option("--json", "print the results as JSON on stdout (progress stays on stderr)")
    .action(async (raw: TRawOptions) => {
      try {
        const options = ZBenchOptions.parse(raw);
        const result = await runBench(options, `npx reflex ${process.argv.slice(2).join(" ")}`);
        console.log(options.json ? JSON.stringify(result, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2) : formatReport(result));
        // Exit 1 when something was lost, or when the loss could not be checked after a load.
        if (result.loss ? !result.loss.ok : result.phases.length > 0) process.exitCode = 1;
      } catch (error) {
        reportCliError(error);
        process.exitCode = 1;
      }
    });
}
