-- Which table a received meeting or case document belongs to, when it arrived before its row in
-- the register (the `meeting` and `case_file` rows say it otherwise). A document belongs to exactly
-- one table: a file of another table that names it is set aside. Also which table brought a shared
-- partner (`organisation:<id>`): only that table updates it.
CREATE TABLE sync_doc_owner (
    doc_id   TEXT PRIMARY KEY,
    table_id TEXT NOT NULL
) STRICT;
