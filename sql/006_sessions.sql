-- Sessions that obey the account: a deactivated account cannot log in, and every token carries the account's
-- token_version at issue; a role change or a deactivation bumps it, so older tokens stop working on every frontend.
ALTER TABLE users
    ADD COLUMN is_active     boolean NOT NULL DEFAULT true,
    ADD COLUMN token_version integer NOT NULL DEFAULT 0;

-- New access codes have 10 characters (decision 46); the 6-character codes already issued keep working.
ALTER TABLE routes ALTER COLUMN access_code TYPE text;
ALTER TABLE routes ADD CONSTRAINT routes_access_code_length CHECK (length(access_code) IN (6, 10));
ALTER TABLE rides ALTER COLUMN access_code TYPE text;
