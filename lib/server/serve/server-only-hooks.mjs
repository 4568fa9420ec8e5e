// Module resolution hooks for the console's server process. Next.js must run without the
// react-server condition (its page renderer needs react-dom/server), yet the machine
// routes' modules import `server-only`, which throws unless resolved under that condition:
// resolve that one marker package as Next.js's server bundles do.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
