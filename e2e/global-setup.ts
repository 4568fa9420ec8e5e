import { assertLocal } from "./e2e-env";

// The e2e server drops and recreates its database: never let that touch a remote one.
export default function globalSetup(): void {
  if (process.env.DATABASE_URL) assertLocal(process.env.DATABASE_URL);
}
