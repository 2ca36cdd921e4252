-- The radio station's site (issue 10): articles and categories, gallery, pages, programmes and their weekly slots,
-- announcements, membership tiers and registrations, testimonials. Prayer and song requests exist since 005.
-- Every text column holds what the validators accepted (no control characters); HTML columns hold sanitised HTML only.

CREATE TABLE categories (
    id          uuid PRIMARY KEY,
    name        text NOT NULL,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE articles (
    id             uuid PRIMARY KEY,
    slug           text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    title          text NOT NULL,
    -- Given by the author (at most 500 characters) or generated from content_text.
    excerpt        text NOT NULL,
    -- Sanitised HTML (the allow-list in src/Site/Html); never the author's raw input.
    content        text NOT NULL,
    -- The text of the sanitised content (tags removed): what full-text search and generated excerpts read.
    content_text   text NOT NULL,
    status         text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    category_id    uuid REFERENCES categories (id) ON DELETE RESTRICT,
    author_id      uuid NOT NULL REFERENCES users (id),
    -- An http(s) URL or a gallery item's image URL.
    featured_image text,
    -- Set on the first publish and kept after (unpublishing does not clear it).
    published_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX articles_listing_idx ON articles (status, published_at DESC);
CREATE INDEX articles_category_idx ON articles (category_id);
CREATE INDEX articles_author_idx ON articles (author_id);

-- Full-text search: a generated, weighted tsvector (title A, excerpt B, content C) with a GIN index, in PostgreSQL's
-- indonesian configuration (the station writes in Indonesian; Snowball's stemmer ships with PostgreSQL since 12) or
-- 'simple' where the server lacks it. The search queries read the same choice from site_settings.
DO $$
DECLARE
    config text := CASE WHEN EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'indonesian') THEN 'indonesian' ELSE 'simple' END;
BEGIN
    EXECUTE format(
        'ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ('
        || 'setweight(to_tsvector(%1$L::regconfig, title), ''A'') || '
        || 'setweight(to_tsvector(%1$L::regconfig, excerpt), ''B'') || '
        || 'setweight(to_tsvector(%1$L::regconfig, content_text), ''C'')) STORED', config);
    CREATE TABLE site_settings (key text PRIMARY KEY, value text NOT NULL);
    INSERT INTO site_settings (key, value) VALUES ('text_search_config', config);
END $$;
CREATE INDEX articles_search_idx ON articles USING gin (search);

CREATE TABLE gallery_items (
    id             uuid PRIMARY KEY,
    title          text NOT NULL,
    description    text,
    -- Decided from the file's magic bytes, never from its name or declared type.
    media_type     text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
    -- Generated names under the uploads directory (Site:UploadsPath); never the client's file name.
    file_name      text NOT NULL UNIQUE,
    thumbnail_name text NOT NULL UNIQUE,
    width          integer NOT NULL CHECK (width > 0),
    height         integer NOT NULL CHECK (height > 0),
    byte_size      integer NOT NULL CHECK (byte_size > 0),
    uploaded_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gallery_items_created_idx ON gallery_items (created_at DESC);

CREATE TABLE pages (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    title      text NOT NULL,
    -- Sanitised HTML, as articles.content.
    content    text NOT NULL,
    updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE programs (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    -- The host: an account with role penyiar, or a free-text name (a guest host), not both.
    host_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    host_name    text,
    type         text NOT NULL,
    description  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (host_user_id IS NULL OR host_name IS NULL)
);

-- A weekly slot in the station's time zone (Site:TimeZone, default Asia/Jakarta): ISO day of week (1 = Monday) and local
-- start and end times. An end at or before the start ends on the next day (a slot across midnight).
CREATE TABLE program_slots (
    id          uuid PRIMARY KEY,
    program_id  uuid NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_time  time NOT NULL,
    end_time    time NOT NULL,
    CHECK (start_time <> end_time)
);
CREATE INDEX program_slots_day_idx ON program_slots (day_of_week, start_time);

CREATE TABLE announcements (
    id            uuid PRIMARY KEY,
    text          text NOT NULL,
    link          text,
    visible_from  timestamptz NOT NULL,
    visible_until timestamptz,
    created_by    uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (visible_until IS NULL OR visible_until > visible_from)
);
CREATE INDEX announcements_visible_idx ON announcements (visible_from, visible_until);

-- Membership (partnership) tiers shown by GET /api/v1/membership/info; staff edit them.
CREATE TABLE membership_tiers (
    id          uuid PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
    name        text NOT NULL,
    description text,
    -- A JSON array of strings, one per benefit.
    benefits    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(benefits) = 'array'),
    position    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE membership_registrations (
    id               uuid PRIMARY KEY,
    name             text NOT NULL,
    email            text NOT NULL,
    phone            text,
    -- A tier's slug at the time of registering (kept if the tier is later renamed or removed).
    partnership_type text NOT NULL,
    message          text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX membership_registrations_created_idx ON membership_registrations (created_at DESC);

CREATE TABLE testimonials (
    id         uuid PRIMARY KEY,
    name       text NOT NULL,
    text       text NOT NULL,
    location   text,
    status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz,
    decided_by uuid REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX testimonials_status_idx ON testimonials (status, created_at DESC);
