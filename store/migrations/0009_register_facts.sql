-- 0009: whether the participant register names each participant once,
-- kept by the store so that evaluate reads it instead of counting the
-- distinct pseudonyms of the whole register before every evaluation.
--
-- register_writes holds one row (the source_id of the file, if any) for
-- every committed transaction that changed the participants table (a load
-- of a register file, a list that filled the register, a re-ingested file
-- whose rows were replaced). It only grows, so its number of rows names
-- one state of the register.
-- register_facts holds what the register was in such a state: each row is
-- written by one statement after the change committed, its count of
-- register_writes and its uniqueness read from the same snapshot. A fact
-- whose count is not the current one is out of date and not used (the
-- evaluation then counts). A later migration that changes which rows the
-- participants table holds must add a row to register_writes.

CREATE TABLE register_writes (
    source_id INTEGER
);

CREATE TABLE register_facts (
    writes   BIGINT NOT NULL,
    "unique" BOOLEAN NOT NULL
);

INSERT INTO register_facts (writes, "unique")
SELECT 0, count(*) = count(DISTINCT participant) FROM participants;
