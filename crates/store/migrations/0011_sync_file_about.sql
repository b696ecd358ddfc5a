-- 0011: what each archived change file is about (its document, and for a key grant the device it is
-- sealed to; postcard bytes), so that live sync hands a file only to devices that may read it. NULL:
-- the file did not verify, and is handed to nobody.
ALTER TABLE sync_file ADD COLUMN about BLOB;
