-- Example routes in the seeded regions (issue 9), approved and recurring, so that a fresh install lists upcoming rides as
-- soon as the recurrence expansion job runs. Waypoints are real places along each ride; departure times are local to the
-- region. Staff edit, archive or replace them like any route.
--
-- Their access codes are fixed (anyone may follow these rides). Their leader keys are unknown to everybody: the stored
-- hash is SHA-256 of a random UUID (gen_random_uuid(), PostgreSQL's strong random source) that is never kept, so no
-- one can lead these rides; staff may still edit or archive them (they manage every route).
INSERT INTO routes (id, name, description, access_code, leader_key_hash, waypoints, departure_time, estimated_duration_minutes,
                    region_id, neighborhood, is_recurring, recurrence_rule, status)
VALUES
    ('0192f0a0-0000-7000-8000-000000000201', 'Kreuzberg school run', 'From Görlitzer Park to the schools around Moritzplatz, every school day.',
     'KREUZBERG7', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
     '[{"lat":52.4966,"lng":13.4378,"name":"Görlitzer Park"},{"lat":52.4985,"lng":13.4290,"name":"Wiener Straße"},{"lat":52.5020,"lng":13.4182,"name":"Oranienplatz"},{"lat":52.5035,"lng":13.4107,"name":"Moritzplatz"}]',
     '07:30', 25, '0192f0a0-0000-7000-8000-000000000001', 'Kreuzberg', true, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'approved'),
    ('0192f0a0-0000-7000-8000-000000000202', 'Pankow to Mitte commute', 'Schönhauser Allee into town, every morning.',
     'PANKWDAY24', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
     '[{"lat":52.5693,"lng":13.4023,"name":"Garbaty-Platz"},{"lat":52.5495,"lng":13.4137,"name":"Schönhauser Allee Arcaden"},{"lat":52.5296,"lng":13.4014,"name":"Rosenthaler Platz"},{"lat":52.5225,"lng":13.4024,"name":"Hackescher Markt"}]',
     '08:00', 30, '0192f0a0-0000-7000-8000-000000000001', 'Pankow', true, 'FREQ=DAILY', 'approved'),
    ('0192f0a0-0000-7000-8000-000000000203', 'Waterfront family loop', 'Both banks of the Willamette, Hawthorne Bridge to Steel Bridge, at an easy pace.',
     'PDXSAT2345', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
     '[{"lat":45.5152,"lng":-122.6731,"name":"Salmon Street Springs"},{"lat":45.5131,"lng":-122.6700,"name":"Hawthorne Bridge"},{"lat":45.5170,"lng":-122.6660,"name":"Eastbank Esplanade"},{"lat":45.5274,"lng":-122.6692,"name":"Steel Bridge"},{"lat":45.5220,"lng":-122.6720,"name":"Tom McCall Waterfront Park"}]',
     '09:30', 60, '0192f0a0-0000-7000-8000-000000000002', 'Downtown', true, 'FREQ=WEEKLY;BYDAY=SA', 'approved'),
    ('0192f0a0-0000-7000-8000-000000000204', 'Yarra trail Sunday ride', 'Federation Square along the Main Yarra Trail to Richmond, every other Sunday.',
     'MELBSUN234', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
     '[{"lat":-37.8180,"lng":144.9691,"name":"Federation Square"},{"lat":-37.8183,"lng":144.9747,"name":"Birrarung Marr"},{"lat":-37.8210,"lng":144.9830,"name":"MCG"},{"lat":-37.8250,"lng":144.9960,"name":"Richmond"}]',
     '08:00', 90, '0192f0a0-0000-7000-8000-000000000003', 'Southbank', true, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', 'approved'),
    ('0192f0a0-0000-7000-8000-000000000205', 'Car Free Day Sudirman–Thamrin', 'Monas to Senayan on car-free Sunday morning.',
     'JKTCFD2345', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
     '[{"lat":-6.1754,"lng":106.8272,"name":"Monas"},{"lat":-6.1950,"lng":106.8230,"name":"Bundaran HI"},{"lat":-6.2010,"lng":106.8220,"name":"Dukuh Atas"},{"lat":-6.2260,"lng":106.8020,"name":"Gelora Bung Karno"}]',
     '06:00', 120, '0192f0a0-0000-7000-8000-000000000004', 'Menteng', true, 'FREQ=WEEKLY;BYDAY=SU', 'approved');

INSERT INTO route_tags (route_id, tag_id) VALUES
    ('0192f0a0-0000-7000-8000-000000000201', '0192f0a0-0000-7000-8000-000000000101'),
    ('0192f0a0-0000-7000-8000-000000000201', '0192f0a0-0000-7000-8000-000000000103'),
    ('0192f0a0-0000-7000-8000-000000000202', '0192f0a0-0000-7000-8000-000000000102'),
    ('0192f0a0-0000-7000-8000-000000000203', '0192f0a0-0000-7000-8000-000000000103'),
    ('0192f0a0-0000-7000-8000-000000000203', '0192f0a0-0000-7000-8000-000000000104'),
    ('0192f0a0-0000-7000-8000-000000000204', '0192f0a0-0000-7000-8000-000000000104'),
    ('0192f0a0-0000-7000-8000-000000000205', '0192f0a0-0000-7000-8000-000000000103');
