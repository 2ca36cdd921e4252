-- Email subscriptions to digests of upcoming rides (issue 9, decisions 80–84).
--
-- A subscription is pending until the link in its confirmation mail is followed (double opt-in), then active until it is
-- unsubscribed. The address is stored in the accounts' normal form (trimmed, lower-cased). Region and tag filters are
-- arrays of ids: empty means "any"; an id whose region or tag is later deleted simply matches nothing, so a filter never
-- widens by itself (a join table with ON DELETE CASCADE would turn "Berlin only" into "everywhere").
CREATE TABLE subscriptions (
    id              uuid PRIMARY KEY,
    email           text NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    frequency       text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
    region_ids      uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(region_ids) <= 20),
    tag_ids         uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(tag_ids) <= 20),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'unsubscribed')),
    confirmed_at    timestamptz,
    unsubscribed_at timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX subscriptions_active_idx ON subscriptions (id) WHERE status = 'active';
CREATE INDEX subscriptions_pending_idx ON subscriptions (created_at) WHERE status = 'pending';

-- The secrets that reach a subscription: 128 random bits, base64url, stored only as SHA-256 (as leader keys are). A
-- 'manage' token is returned by POST /subscribe and put in every digest's links (a new one per digest, since a hash
-- cannot be mailed again); a 'confirm' token is only ever in the confirmation mail, so whoever asks for a subscription
-- cannot confirm it for someone else's mailbox.
CREATE TABLE subscription_tokens (
    token_hash      bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    purpose         text NOT NULL CHECK (purpose IN ('manage', 'confirm')),
    created_at      timestamptz NOT NULL
);
CREATE INDEX subscription_tokens_subscription_idx ON subscription_tokens (subscription_id);

-- Confirmation mails sent per address (SHA-256 of the normal form, so that erasing a subscription erases the address),
-- for the per-address daily limit: nobody can mail-bomb a stranger through the subscribe form.
CREATE TABLE subscription_confirmation_mails (
    email_hash bytea NOT NULL CHECK (length(email_hash) = 32),
    sent_at    timestamptz NOT NULL
);
CREATE INDEX subscription_confirmation_mails_idx ON subscription_confirmation_mails (email_hash, sent_at);

-- One row per subscription and digest period (its UTC start date): the primary key is what makes "at most one digest per
-- subscriber per period" hold even when the job runs twice or on two frontends. A run claims the row ('sending') before
-- it sends and marks it 'sent' after; 'empty' records a period with no matching rides (no mail); 'failed' a send that
-- threw. attempts bounds re-sends of a claim whose outcome is unknown (decision 83).
CREATE TABLE digest_deliveries (
    subscription_id uuid NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    period_start    date NOT NULL,
    status          text NOT NULL CHECK (status IN ('sending', 'sent', 'empty', 'failed')),
    attempts        integer NOT NULL CHECK (attempts >= 1),
    ride_count      integer NOT NULL DEFAULT 0,
    claimed_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    PRIMARY KEY (subscription_id, period_start)
);
