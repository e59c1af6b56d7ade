-- 0014: the counts of the data-quality report's missing values, kept by
-- the store for each file so that the report adds them up instead of
-- scanning every table at every evaluation.
--
-- missing_facts holds, for a source and a kind of row it wrote (the
-- register's rows a list filled in are kind participants of the list's
-- source), the source's rows in the kind's table (lines) and what the
-- report counts of them (counts): the rows as it shows them (a survey
-- line stands for one row per item of its form) and the NULLs of each
-- column of the kind, in the order of store.Tables. A file's rows are
-- appended and deleted together and never changed in place, and so are
-- its counts: every writer keeps them in the same transaction
-- (store/missing.go), a re-ingest deletes them with its rows. The report
-- trusts a kind's counts only when their lines add up to its table's
-- rows. The counts of the files already stored are written after the
-- migration, by Go, which builds the same queries as the report.

CREATE TABLE missing_facts (
    source_id INTEGER NOT NULL,
    kind      VARCHAR NOT NULL,
    lines     BIGINT NOT NULL,
    counts    BIGINT[] NOT NULL
);
