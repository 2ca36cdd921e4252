-- Scheduled rides (issue 9, engineer B): riders' interest in a ride, and what the ride list and the live linking read.

-- "I'm coming": one row per anonymous session and ride (engineer C writes and deletes them). interestCount is
-- (SELECT count(*) FROM ride_interest WHERE ride_id = r.id), which the primary key's index answers.
-- IF NOT EXISTS: ride_interest is also created (IF NOT EXISTS) by 011, which landed on main before this file: a database migrated in
-- between has it already.
CREATE TABLE IF NOT EXISTS ride_interest (
    ride_id    uuid NOT NULL REFERENCES rides ON DELETE CASCADE,
    session_id uuid NOT NULL REFERENCES anonymous_sessions ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (ride_id, session_id)
);

-- Live linking looks up a route's rides around the moment its leader starts (decision 72), and the GPX export and the
-- end of a live ride find a ride by its track.
CREATE INDEX rides_route_start_idx ON rides (route_id, start_time);
CREATE INDEX rides_track_idx ON rides (track_id) WHERE track_id IS NOT NULL;
