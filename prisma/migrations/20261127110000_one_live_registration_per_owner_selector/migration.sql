-- Hand-written: one live registration per owner and selector. The services check before
-- they write (lib/server/protected/registration-refs.ts), but two requests at once both
-- passed that check and stored two; with this index the second write fails, and the
-- services report it as the check does.

-- Writers wait from here until the index exists, so none adds a duplicate after the check.
LOCK TABLE "ProtectedAsset" IN SHARE MODE;

-- Which of two live duplicates is the right one is for their owner to say, not for a
-- migration to guess: refuse, name them, and leave the database as it was.
DO $$
DECLARE
  pairs int;
  listed text;
BEGIN
  SELECT count(*), string_agg(format('%s %s %s (registrations %s)', d.email, d.kind, d.value, d.ids), '; ' ORDER BY d.email, d.kind, d.value)
    FILTER (WHERE d.n <= 20)
  INTO pairs, listed
  FROM (
    SELECT u."email" AS email, a."selectorKind"::text AS kind, a."selectorValue" AS value,
      string_agg(a."id", ', ' ORDER BY a."createdAt", a."id") AS ids,
      row_number() OVER (ORDER BY u."email", a."selectorKind"::text, a."selectorValue") AS n
    FROM "ProtectedAsset" a JOIN "User" u ON u."id" = a."ownerId"
    WHERE a."deletedAt" IS NULL
    GROUP BY u."email", a."selectorKind", a."selectorValue"
    HAVING count(*) > 1
  ) d;
  IF pairs > 0 THEN
    IF pairs > 20 THEN
      listed := format('%s; and %s more', listed, pairs - 20);
    END IF;
    RAISE EXCEPTION 'Owners have more than one live registration of the same selector: %. Reflex cannot choose which '
      'to keep. With each owner, keep one and remove the others from the protected list (in the console of the Reflex '
      'version you are upgrading from, so that each removal is audited), then migrate again.', listed;
  END IF;
END
$$;

CREATE UNIQUE INDEX "ProtectedAsset_one_live_per_owner_selector" ON "ProtectedAsset" ("ownerId", "selectorKind", "selectorValue")
  WHERE "deletedAt" IS NULL;
