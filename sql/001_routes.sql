-- Catalog: routes a group ride follows. The access code is what followers type; the leader key is a secret
-- shown once at creation and stored only as its SHA-256 (it is 128 random bits, so a slow password hash adds nothing).
CREATE TABLE routes (
    id                         uuid PRIMARY KEY,
    name                       text NOT NULL,
    description                text,
    access_code                char(6) NOT NULL UNIQUE,
    leader_key_hash            bytea NOT NULL,
    waypoints                  jsonb NOT NULL,
    departure_time             time NOT NULL,
    estimated_duration_minutes integer,
    created_at                 timestamptz NOT NULL DEFAULT now()
);
