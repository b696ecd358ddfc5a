-- 0008: what went wrong at the last automatic sync of a table, to show it (cleared when one succeeds).
ALTER TABLE sync_table ADD COLUMN last_error TEXT;
