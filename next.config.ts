import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers and the job engine run as plain Node modules, not bundled.
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "@electric-sql/pglite", "bcryptjs"],
  poweredByHeader: false,
  // Lets parallel test runs (several worktrees' engineers, the benchmark) build side by side.
  distDir: process.env.REFLEX_DIST_DIR ?? ".next",
  typedRoutes: false,
};

export default nextConfig;
