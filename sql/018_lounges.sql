-- The lounge platform (issue 11): sign-in sessions with rotating refresh tokens, lounge roles and privacy, invite links
-- and join requests, a marketplace of listings per lounge and the transactions that buy them, and system messages.

-- One row per signed-in device. Refresh tokens are random and stored only as SHA-256 hashes; every token a session was
-- ever given stays here, so that presenting one already rotated is recognised as reuse (token theft) and ends the session.
CREATE TABLE sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_label   text NOT NULL,
    created_at     timestamptz NOT NULL,
    last_used_at   timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text CHECK (revoked_reason IN ('logout', 'signed_out', 'reuse_detected', 'admin', 'deactivated'))
);
CREATE INDEX sessions_user_idx ON sessions (user_id, created_at DESC);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE session_refresh_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    rotated_at timestamptz
);
CREATE INDEX session_refresh_tokens_session_idx ON session_refresh_tokens (session_id);

-- Lounges stay rows of chat_rooms (kind 'lounge'); who may do what is in lounge_members. A deleted lounge keeps its row
-- and history for staff and disappears for members.
ALTER TABLE chat_rooms
    ADD COLUMN visibility text NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'private')),
    ADD COLUMN deleted_at timestamptz;

CREATE TABLE lounge_members (
    room        text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('owner', 'moderator', 'member')),
    joined_at   timestamptz NOT NULL,
    muted_until timestamptz,
    PRIMARY KEY (room, user_id)
);
CREATE UNIQUE INDEX lounge_members_one_owner_idx ON lounge_members (room) WHERE role = 'owner';
CREATE INDEX lounge_members_user_idx ON lounge_members (user_id);
-- Lounges made before roles existed: their creator owns them.
INSERT INTO lounge_members (room, user_id, role, joined_at)
SELECT room, created_by, 'owner', created_at FROM chat_rooms WHERE kind = 'lounge' AND created_by IS NOT NULL;

CREATE TABLE lounge_invites (
    id         uuid PRIMARY KEY,
    room       text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    max_uses   integer CHECK (max_uses > 0),
    uses       integer NOT NULL DEFAULT 0,
    revoked_at timestamptz
);
CREATE INDEX lounge_invites_room_idx ON lounge_invites (room, created_at DESC);
CREATE INDEX lounge_invites_expires_idx ON lounge_invites (expires_at);

CREATE TABLE lounge_join_requests (
    room         text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    message      text,
    requested_at timestamptz NOT NULL,
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    decided_at   timestamptz,
    PRIMARY KEY (room, user_id)
);

-- Moderation of members (mute, unmute, remove) and of the lounge itself is logged beside moderation of messages.
ALTER TABLE chat_moderation_log
    ALTER COLUMN message_id DROP NOT NULL,
    ADD COLUMN target_user_id text,
    ADD COLUMN until timestamptz;

-- Messages the platform writes itself (a new listing, a sale): shown in the room's order like any other message.
ALTER TABLE chat_messages ADD COLUMN kind text NOT NULL DEFAULT 'user' CHECK (kind IN ('user', 'system'));

-- Prices are exact: an integer amount in the currency's minor unit (ISO 4217 exponent), never a floating-point number.
CREATE TABLE listings (
    id          uuid PRIMARY KEY,
    room        text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    seller_id   uuid NOT NULL REFERENCES users (id),
    kind        text NOT NULL CHECK (kind IN ('item', 'service')),
    title       text NOT NULL,
    description text,
    price_minor bigint NOT NULL CHECK (price_minor BETWEEN 0 AND 100000000000000),
    currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    image_id    uuid REFERENCES gallery_items (id) ON DELETE SET NULL,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reserved', 'sold', 'withdrawn')),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX listings_room_idx ON listings (room, created_at DESC, id DESC);
CREATE INDEX listings_seller_idx ON listings (seller_id, created_at DESC);

CREATE TABLE transactions (
    id              uuid PRIMARY KEY,
    listing_id      uuid NOT NULL REFERENCES listings (id),
    room            text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    buyer_id        uuid NOT NULL REFERENCES users (id),
    seller_id       uuid NOT NULL REFERENCES users (id),
    amount_minor    bigint NOT NULL CHECK (amount_minor >= 0),
    currency        text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'cancelled')),
    idempotency_key text NOT NULL,
    created_at      timestamptz NOT NULL,
    completed_at    timestamptz,
    cancelled_at    timestamptz,
    cancelled_by    uuid REFERENCES users (id),
    cancel_reason   text CHECK (cancel_reason IN ('buyer', 'seller', 'expired')),
    UNIQUE (buyer_id, idempotency_key)
);
-- A listing sells once: at most one transaction that is pending or completed, whatever the race.
CREATE UNIQUE INDEX transactions_one_live_per_listing_idx ON transactions (listing_id) WHERE status IN ('pending', 'completed');
CREATE INDEX transactions_buyer_idx ON transactions (buyer_id, created_at DESC);
CREATE INDEX transactions_seller_idx ON transactions (seller_id, created_at DESC);
CREATE INDEX transactions_pending_idx ON transactions (created_at) WHERE status = 'pending';
