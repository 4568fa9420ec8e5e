-- Hand-written: registrations by name (host, wildcard host, account, application), as the
-- decision's candidate query asks for them: kind plus lower-cased value, live rows only.
-- Without it an account or app lookup scanned every registration (p50 ~55 ms at 100,000:
-- docs/BENCHMARKS.md).
CREATE INDEX "ProtectedAsset_selector_lower" ON "ProtectedAsset" ("selectorKind", lower("selectorValue"))
  WHERE "deletedAt" IS NULL;
