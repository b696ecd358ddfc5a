-- The answer to a join, kept until the person on the joining device confirmed the chair's
-- fingerprint: nothing of it is trusted before (anyone who heard the code could have written it).
ALTER TABLE sync_join ADD COLUMN welcome BLOB;
