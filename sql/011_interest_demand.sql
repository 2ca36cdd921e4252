-- Interest ("I'm coming") and demand ("I'd ride here"), issue 9.
--
-- ride_interest is also created by sql/010 (the rides API counts it); both files state it exactly alike with IF NOT
-- EXISTS, so either order of the two branches works. One row per (ride, session): the primary key makes a second "I'm
-- coming" of the same session a no-op and keeps counts exact under concurrency. Rows go with their ride or session.
CREATE TABLE IF NOT EXISTS ride_interest (
    ride_id    uuid NOT NULL REFERENCES rides ON DELETE CASCADE,
    session_id uuid NOT NULL REFERENCES anonymous_sessions ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ride_id, session_id)
);
-- The session grain loads its interests by session, and the cascade from a deleted session looks rows up by it.
CREATE INDEX IF NOT EXISTS ride_interest_session_idx ON ride_interest (session_id);

-- A rider's request for a ride that does not exist yet: where from and to (degrees, WGS 84), which weekdays
-- (0 = Sunday … 6 = Saturday) and which local time ranges ('HH:mm-HH:mm'). Only aggregates leave the database
-- (the heatmap); the raw rows, addresses included, are never served.
CREATE TABLE demand_requests (
    id                    uuid PRIMARY KEY,
    region_id             uuid NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    session_id            uuid REFERENCES anonymous_sessions (id) ON DELETE SET NULL,
    start_lat             double precision NOT NULL CHECK (start_lat BETWEEN -90 AND 90),
    start_lng             double precision NOT NULL CHECK (start_lng BETWEEN -180 AND 180),
    start_address         text CHECK (length(start_address) <= 200),
    end_lat               double precision NOT NULL CHECK (end_lat BETWEEN -90 AND 90),
    end_lng               double precision NOT NULL CHECK (end_lng BETWEEN -180 AND 180),
    end_address           text CHECK (length(end_address) <= 200),
    preferred_days        smallint[] NOT NULL,
    preferred_time_ranges text[] NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX demand_requests_region_idx ON demand_requests (region_id);
CREATE INDEX demand_requests_session_idx ON demand_requests (session_id) WHERE session_id IS NOT NULL;
