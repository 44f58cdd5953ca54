-- Demo accounts so a newcomer sees data at once; ids are referenced by the orders demo data.
INSERT INTO users (id, email, name, role, created_at) VALUES
    ('user-1', 'ada@example.com',     'Ada Lovelace',    'CUSTOMER', '2026-01-05 09:00:00.000'),
    ('user-2', 'grace@example.com',   'Grace Hopper',    'CUSTOMER', '2026-01-06 10:30:00.000'),
    ('user-3', 'alan@example.com',    'Alan Turing',     'CUSTOMER', '2026-01-07 11:15:00.000'),
    ('user-4', 'barbara@example.com', 'Barbara Liskov',  'CUSTOMER', '2026-01-08 14:45:00.000'),
    ('user-5', 'admin@example.com',   'Store Admin',     'ADMIN',    '2026-01-01 08:00:00.000');
