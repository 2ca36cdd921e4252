-- The Bike Train catalog (issue 9): route → scheduled ride → live ride → track.
--
-- "Ride" now means one thing: a route on a date (a scheduled ride, `rides`). What a leader broadcasts and records is
-- its track (`ride_tracks`, formerly `rides`, with its points in `ride_track_points`); a scheduled ride links to the
-- track recorded for it.
ALTER TABLE rides RENAME TO ride_tracks;
ALTER TABLE ride_tracks RENAME CONSTRAINT rides_pkey TO ride_tracks_pkey;
ALTER TABLE ride_tracks RENAME CONSTRAINT rides_route_id_fkey TO ride_tracks_route_id_fkey;
ALTER INDEX rides_route_id_idx RENAME TO ride_tracks_route_id_idx;
ALTER TABLE ride_track_points RENAME COLUMN ride_id TO track_id;
ALTER TABLE ride_track_points RENAME CONSTRAINT ride_track_points_ride_id_fkey TO ride_track_points_track_id_fkey;

-- Regions: where rides happen, with the IANA time zone their local times are in and a centre (and optional bounding
-- box) for the map, in degrees (WGS 84).
CREATE TABLE regions (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    slug        text NOT NULL UNIQUE,
    time_zone   text NOT NULL,
    center_lat  double precision NOT NULL CHECK (center_lat BETWEEN -90 AND 90),
    center_lng  double precision NOT NULL CHECK (center_lng BETWEEN -180 AND 180),
    bbox_south  double precision CHECK (bbox_south BETWEEN -90 AND 90),
    bbox_west   double precision CHECK (bbox_west BETWEEN -180 AND 180),
    bbox_north  double precision CHECK (bbox_north BETWEEN -90 AND 90),
    bbox_east   double precision CHECK (bbox_east BETWEEN -180 AND 180),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tags (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    slug        text NOT NULL UNIQUE,
    is_active   boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Routes join the catalog. Routes made before it have no region (and so no scheduled rides until one is set); they
-- were public already, so they start approved, while new ones start pending unless staff made them.
ALTER TABLE routes
    ADD COLUMN region_id           uuid REFERENCES regions (id),
    ADD COLUMN neighborhood        text,
    ADD COLUMN creator_id          uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN is_recurring        boolean NOT NULL DEFAULT false,
    ADD COLUMN recurrence_rule     text,
    ADD COLUMN recurrence_end_date date,
    ADD COLUMN status              text NOT NULL DEFAULT 'approved'
        CHECK (status IN ('pending', 'approved', 'rejected', 'archived')),
    ADD COLUMN review_reason       text,
    ADD COLUMN reviewed_by         uuid REFERENCES users (id) ON DELETE SET NULL,
    ADD COLUMN reviewed_at         timestamptz,
    ADD COLUMN updated_at          timestamptz NOT NULL DEFAULT now();
ALTER TABLE routes ALTER COLUMN status SET DEFAULT 'pending';
CREATE INDEX routes_region_status_idx ON routes (region_id, status);
CREATE INDEX routes_creator_idx ON routes (creator_id) WHERE creator_id IS NOT NULL;

CREATE TABLE route_tags (
    route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    tag_id   uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (route_id, tag_id)
);
CREATE INDEX route_tags_tag_idx ON route_tags (tag_id);

-- Scheduled rides: a route on a local date in its region's zone. start_time/end_time are UTC instants computed from
-- that date, the route's departure time and its duration; one ride per route and date.
CREATE TABLE rides (
    id            uuid PRIMARY KEY,
    route_id      uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    local_date    date NOT NULL,
    start_time    timestamptz NOT NULL,
    end_time      timestamptz NOT NULL CHECK (end_time >= start_time),
    status        text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'live', 'completed', 'cancelled')),
    cancel_reason text,
    cancelled_at  timestamptz,
    track_id      uuid REFERENCES ride_tracks (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (route_id, local_date)
);
CREATE INDEX rides_upcoming_idx ON rides (start_time) WHERE status IN ('scheduled', 'live');

-- Anonymous riders' sessions (and live-chat listener sessions): a random id, optionally found again by a hash of the
-- client's fingerprint; sliding expiry, cleaned up by the background job.
CREATE TABLE anonymous_sessions (
    id               uuid PRIMARY KEY,
    fingerprint_hash bytea UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now(),
    last_seen_at     timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL
);
CREATE INDEX anonymous_sessions_expiry_idx ON anonymous_sessions (expires_at);

-- A few examples so a fresh install has something to browse; staff edit or remove them.
INSERT INTO regions (id, name, slug, time_zone, center_lat, center_lng, bbox_south, bbox_west, bbox_north, bbox_east) VALUES
    ('0192f0a0-0000-7000-8000-000000000001', 'Berlin', 'berlin', 'Europe/Berlin', 52.5200, 13.4050, 52.3383, 13.0884, 52.6755, 13.7611),
    ('0192f0a0-0000-7000-8000-000000000002', 'Portland', 'portland', 'America/Los_Angeles', 45.5152, -122.6784, 45.4325, -122.8367, 45.6528, -122.4720),
    ('0192f0a0-0000-7000-8000-000000000003', 'Melbourne', 'melbourne', 'Australia/Melbourne', -37.8136, 144.9631, -37.8750, 144.8800, -37.7300, 145.0500),
    ('0192f0a0-0000-7000-8000-000000000004', 'Jakarta', 'jakarta', 'Asia/Jakarta', -6.2088, 106.8456, -6.3700, 106.6900, -6.0800, 106.9800);

INSERT INTO tags (id, name, slug) VALUES
    ('0192f0a0-0000-7000-8000-000000000101', 'School run', 'school-run'),
    ('0192f0a0-0000-7000-8000-000000000102', 'Commute', 'commute'),
    ('0192f0a0-0000-7000-8000-000000000103', 'Family friendly', 'family-friendly'),
    ('0192f0a0-0000-7000-8000-000000000104', 'Beginners', 'beginners'),
    ('0192f0a0-0000-7000-8000-000000000105', 'Night ride', 'night-ride');
