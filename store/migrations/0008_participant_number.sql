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
-- responses is bound again when it is read, and so shows the converted
-- answers' numbers (TestMigrateParticipantsToNumbers checks its type).

ALTER TABLE participants ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE attendance ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE answers ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE jobmarket ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE followups ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
ALTER TABLE collect_answers ALTER COLUMN participant TYPE UBIGINT USING ('0x' || participant)::UBIGINT;
