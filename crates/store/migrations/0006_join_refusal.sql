-- 0006: a join that the chair's device refused (expired or used code) says so.
ALTER TABLE sync_join ADD COLUMN refused TEXT;
