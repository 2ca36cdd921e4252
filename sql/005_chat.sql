-- Accounts, chat rooms and their messages, moderation, the studio's song requests and prayer requests.

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text NOT NULL,
    name          text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('admin', 'editor', 'penyiar', 'member')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));

-- Logged-out tokens (by JWT id) until they would have expired anyway; every frontend checks here.
CREATE TABLE revoked_tokens (
    jti        text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

-- Failed logins, counted per client IP and per email over a sliding window.
CREATE TABLE login_failures (
    ip           text NOT NULL,
    email        text NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, attempted_at);
CREATE INDEX login_failures_email_idx ON login_failures (lower(email), attempted_at);

-- A room is 'lounge/{id}' or 'radio/{name}'.
CREATE TABLE chat_rooms (
    room              text PRIMARY KEY,
    kind              text NOT NULL CHECK (kind IN ('lounge', 'radio')),
    name              text NOT NULL,
    description       text,
    created_by        uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    slow_mode_seconds integer NOT NULL DEFAULT 0 CHECK (slow_mode_seconds BETWEEN 0 AND 3600),
    banned_terms      text[] NOT NULL DEFAULT '{}'
);
INSERT INTO chat_rooms (room, kind, name, description)
VALUES ('radio/live', 'radio', 'Live chat', 'The station''s live room: listeners, moderators and the on-air DJs.');

CREATE TABLE chat_messages (
    id          uuid PRIMARY KEY,
    room        text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    seq         bigint NOT NULL,
    sender_id   text NOT NULL,
    sender_name text NOT NULL,
    text        text NOT NULL,
    sent_at     timestamptz NOT NULL,
    moderation  text CHECK (moderation IN ('hide', 'delete', 'flag'))
);
CREATE UNIQUE INDEX chat_messages_room_seq_idx ON chat_messages (room, seq);

CREATE TABLE chat_moderation_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id   uuid NOT NULL,
    room         text NOT NULL,
    action       text NOT NULL,
    reason       text,
    moderator_id text NOT NULL,
    moderated_at timestamptz NOT NULL
);
CREATE INDEX chat_moderation_log_room_idx ON chat_moderation_log (room, moderated_at DESC);

CREATE TABLE song_requests (
    id             uuid PRIMARY KEY,
    title          text NOT NULL,
    artist         text,
    requester_name text NOT NULL,
    message        text,
    session_id     text,
    status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reason         text,
    decided_by     text,
    requested_at   timestamptz NOT NULL,
    decided_at     timestamptz
);
CREATE INDEX song_requests_pending_idx ON song_requests (requested_at) WHERE status = 'pending';

CREATE TABLE prayer_requests (
    id           uuid PRIMARY KEY,
    name         text,
    request      text NOT NULL,
    contact      text,
    requested_at timestamptz NOT NULL DEFAULT now()
);
