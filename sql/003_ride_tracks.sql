-- One row per ride led on a route, and every position the leader sent, appended in batches while the ride runs.
CREATE TABLE rides (
    id          uuid PRIMARY KEY,
    route_id    uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
    access_code char(6) NOT NULL,
    started_at  timestamptz NOT NULL,
    ended_at    timestamptz,
    end_reason  text,
    point_count integer NOT NULL DEFAULT 0
);
CREATE INDEX rides_route_id_idx ON rides (route_id, started_at DESC);

CREATE TABLE ride_track_points (
    ride_id     uuid NOT NULL REFERENCES rides (id) ON DELETE CASCADE,
    seq         bigint NOT NULL,
    lat         double precision NOT NULL,
    lng         double precision NOT NULL,
    accuracy_m  double precision,
    heading_deg double precision,
    speed_mps   double precision,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (ride_id, seq)
);
