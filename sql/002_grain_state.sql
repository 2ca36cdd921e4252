-- Persistent grain state: one JSON document per grain, version = ETag for optimistic concurrency
-- (the shape of Orleans' ADO.NET OrleansStorage table, simplified to one string key).
CREATE TABLE grain_state (
    grain_type text NOT NULL,
    grain_key  text NOT NULL,
    payload    jsonb NOT NULL,
    version    bigint NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (grain_type, grain_key)
);
