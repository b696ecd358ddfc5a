-- 0001: case tables and the municipalities they cover.
-- Migrations are numbered and never edited once shipped; a change is a new file.

CREATE TABLE case_table (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    -- lower-cased, trimmed name: two tables may not share it
    name_key              TEXT NOT NULL UNIQUE,
    kind                  TEXT NOT NULL,
    legal_basis_kind      TEXT NOT NULL,
    legal_basis_reference TEXT NOT NULL,
    legal_basis_date      TEXT NOT NULL,
    legal_basis_expiry    TEXT,
    finality              TEXT NOT NULL,
    created_at            TEXT NOT NULL
) STRICT;

CREATE TABLE table_municipality (
    table_id  TEXT NOT NULL REFERENCES case_table(id) ON DELETE CASCADE,
    nis_code  TEXT NOT NULL,
    name      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (table_id, nis_code)
) STRICT;

CREATE INDEX table_municipality_by_nis ON table_municipality(nis_code);
