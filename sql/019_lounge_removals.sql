-- A member that a lounge's moderators removed stays out: entering a public lounge does not make them a member again.
-- An invite link or the owner's approval lets them back in, and deletes the row.
CREATE TABLE lounge_removals (
    room       text NOT NULL REFERENCES chat_rooms (room) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    removed_by uuid REFERENCES users (id) ON DELETE SET NULL,
    removed_at timestamptz NOT NULL,
    PRIMARY KEY (room, user_id)
);
