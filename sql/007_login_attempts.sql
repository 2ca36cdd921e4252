-- Login attempts are counted before the password is checked (so that parallel guesses are counted one after another,
-- not all let through before the first failure is written), and the row of an attempt whose password was right is
-- deleted again: hence an id per row.
ALTER TABLE login_failures ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;

-- Addresses an account has logged in from successfully. They are exempt from the per-account delay, so attackers
-- elsewhere can slow an account down but never keep its owner out (OWASP Authentication Cheat Sheet).
CREATE TABLE login_known_addresses (
    email           text NOT NULL,
    ip              text NOT NULL,
    last_success_at timestamptz NOT NULL,
    PRIMARY KEY (email, ip)
);
