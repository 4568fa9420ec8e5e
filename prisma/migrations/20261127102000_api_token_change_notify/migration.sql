-- Processes cache API tokens while they hear of every change that could refuse one
-- (lib/server/auth/token-cache.ts). Notifying from the table, not only from the revoking
-- service, covers a revocation, rename or deletion made by any means, plain SQL included.
-- The last-use stamp, written once a minute, is not such a change and does not notify.
CREATE FUNCTION "reflex_api_token_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('reflex_api_token_revoked', COALESCE(NEW."id", OLD."id"));
  RETURN NULL;
END $$;

CREATE TRIGGER "ApiToken_changed"
  AFTER UPDATE OF "revokedAt", "tokenHash", "scope", "name" OR DELETE ON "ApiToken"
  FOR EACH ROW EXECUTE FUNCTION "reflex_api_token_changed"();
