-- 0008: the participant pseudonym stored as its 64 bits.
--
-- A pseudonym is the first 16 hex characters of an HMAC-SHA256
-- (data-files.md): 64 bits. Held as a 16-character VARCHAR, every join
-- and group-by of the evaluation hashed and compared strings; held as a
-- UBIGINT (the first 8 bytes of the HMAC, big-endian) they compare one
-- machine word, and the store is smaller. The meaning does not change:
-- everything a person or another tool reads (exports, reports, the
-- dashboards, notes) shows the pseudonym as its 16 lowercase hex
-- characters, printf('%016x', participant), whose order is the number's.
--
-- An existing store's pseudonyms are converted in place. The view
-- responses is made again as 0007 made it: the catalogue keeps a view's
-- column types from when it was made.

DROP VIEW responses;

ALTER TABLE participants ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE attendance ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE answers ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE jobmarket ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE followups ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE collect_answers ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;

CREATE VIEW responses AS
SELECT a.participant,
       a.event,
       a."date",
       a.wave,
       unnest(f.items) AS item,
       unnest(a."values") AS value,
       a.source_id,
       a.line
FROM answers a
JOIN forms f ON f.id = a.form;
