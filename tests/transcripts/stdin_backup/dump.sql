CREATE TABLE pets (id serial PRIMARY KEY, name text);
INSERT INTO pets (name) VALUES ('rex'), ('tom');
