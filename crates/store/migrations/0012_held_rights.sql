-- A change held until the changes it depends on arrive is judged then, field by field, with the rights
-- its author had when it arrived (JSON of `Rights`) and reported under its file's name if refused.
-- Rows held before this migration have neither: they were accepted by the document-level check of
-- their time and are applied as before.
ALTER TABLE sync_held ADD COLUMN rights TEXT;
ALTER TABLE sync_held ADD COLUMN name TEXT;
