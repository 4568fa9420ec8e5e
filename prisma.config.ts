import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The JS schema engine keeps the Prisma CLI offline: with the classic engine it
// downloads a schema-engine binary even for `generate`, which this network refuses.
// Migrations are applied by prisma/migrate.ts, not by Prisma's engines (docs/DATABASE.md).
// `generate` reads the schema's env("DATABASE_URL") but never connects: a placeholder
// lets it run on a machine with no database configured.
process.env.DATABASE_URL ??= "postgresql://localhost/reflex";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL }),
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
