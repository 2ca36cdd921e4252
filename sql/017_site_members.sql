-- Membership, testimonials and the staff queues of the station's site (issue 10, decisions 102–105).
--
-- The station's partnership tiers, so that GET /api/v1/membership/info answers something on a fresh install; staff edit
-- or remove them afterwards (registrations keep the slug they chose, as text). Fixed ids so that re-seeding a copied
-- database never duplicates them.
INSERT INTO membership_tiers (id, slug, name, description, benefits, position) VALUES
    ('01900000-0000-7000-8000-000000000101', 'sahabat', 'Sahabat',
     'A friend of the station: a listener who supports it personally.',
     '["The monthly newsletter", "Birthday greetings on air", "Invitations to listener gatherings"]', 1),
    ('01900000-0000-7000-8000-000000000102', 'mitra', 'Mitra',
     'A partner church or organisation that works with the station.',
     '["Announcements of your events on air", "A page about your ministry on the site", "Joint programmes with the station"]', 2),
    ('01900000-0000-7000-8000-000000000103', 'donatur', 'Donatur',
     'A sponsor who funds the station''s broadcasts.',
     '["Thanks on air during sponsored programmes", "A yearly report on how the gifts were used", "Your name on the supporters'' page"]', 3)
ON CONFLICT DO NOTHING;

-- The staff queues list newest first (decision 105): prayer requests had no index on their time, song requests only a
-- partial one on pending requests (what the studio grain reloads).
CREATE INDEX prayer_requests_requested_idx ON prayer_requests (requested_at DESC);
CREATE INDEX song_requests_requested_idx ON song_requests (requested_at DESC);
CREATE INDEX song_requests_status_requested_idx ON song_requests (status, requested_at DESC);
