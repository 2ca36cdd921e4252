-- Cluster membership, in the spirit of Orleans' ADO.NET clustering (OrleansMembershipTable/OrleansMembershipVersionTable):
-- one row per silo, each status change guarded by the row's version (an ETag) and bumping the cluster's table version, so
-- every node can tell cheaply whether its view is current. Heartbeat ages are computed from the database clock only.
-- Several clusters (for example parallel test clusters) can share one database: everything is keyed by cluster_id.
CREATE TABLE silos (
    cluster_id       text NOT NULL,
    silo_id          text NOT NULL,
    queue            text NOT NULL,
    host             text NOT NULL,
    process_id       integer NOT NULL,
    status           text NOT NULL CHECK (status IN ('joining', 'active', 'shuttingDown', 'dead')),
    started_at       timestamptz NOT NULL DEFAULT now(),
    last_heartbeat   timestamptz NOT NULL DEFAULT now(),
    activation_count integer NOT NULL DEFAULT 0,
    declared_dead_by text,
    version          bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (cluster_id, silo_id)
);

CREATE TABLE membership_version (
    cluster_id text PRIMARY KEY,
    version    bigint NOT NULL
);
