// Next.js calls register() once per server process. The console runs the job workers in
// its own process by default (REFLEX_WORKERS=0 turns that off, e.g. when dedicated
// `npx reflex worker` processes do the work).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.REFLEX_WORKERS === "0" || process.env.NEXT_PHASE === "phase-production-build") return;
  if (!process.env.DATABASE_URL) return;
  const { startWorkers } = await import("./lib/jobs/workers");
  try {
    await startWorkers();
    console.log("Reflex job workers: running in the console process");
  } catch (error) {
    console.error("[reflex] job workers did not start:", (error as Error).message);
  }
}
