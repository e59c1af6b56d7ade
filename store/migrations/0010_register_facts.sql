-- 0010: whether the participant register names each participant once,
-- kept by the store so that evaluate reads it instead of counting the
-- distinct pseudonyms of the whole register before every evaluation.
--
-- register_writes holds one row (the source_id of the file, if any) for
-- every committed transaction that changed the participants table (a load
-- of a register file, a list that filled the register, a re-ingested file
-- whose rows were replaced). It only grows, so its number of rows names
-- one state of the register.
-- register_facts holds what the register was in such a state: each row is
-- written after the change committed, in a transaction of its own, its
-- count of register_writes and the rest read from the same snapshot:
-- whether the register names each participant once, and if not,
-- first_duplicate, the first as-of date by which the rows that started
-- by then (or have no start date) name someone twice (for each person
-- registered more than once, the second earliest of their start dates,
-- a missing one counting as earliest; the earliest of those). A fact
-- whose count is not the current one is out of date and not used (the
-- evaluation then counts). A later migration that changes which rows the
-- participants table holds must add a row to register_writes.

CREATE TABLE register_writes (
    source_id INTEGER
);

CREATE TABLE register_facts (
    writes          BIGINT NOT NULL,
    "unique"        BOOLEAN NOT NULL,
    first_duplicate DATE
);

INSERT INTO register_facts (writes, "unique", first_duplicate)
SELECT 0, count(*) = 0, min(second) FROM (
    SELECT min(coalesce(start_date, '-infinity'::DATE), 2)[2] AS second
    FROM participants GROUP BY participant HAVING count(*) > 1);
