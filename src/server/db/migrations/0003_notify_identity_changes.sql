-- Every change to staff users or sessions is announced on the channel engage_identity, after commit (NOTIFY is
-- transactional). Each Engage process listens and empties its session cache (modules/auth/session-cache.ts), so a
-- disabled user, a changed role or an ended session takes effect in every process sharing this database, including
-- after a change made by hand in SQL.
CREATE FUNCTION engage_notify_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('engage_identity', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_notify_identity_change
  AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION engage_notify_identity_change();
--> statement-breakpoint
CREATE TRIGGER sessions_notify_identity_change
  AFTER UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION engage_notify_identity_change();
