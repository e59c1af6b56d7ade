-- 0011: the register's two counts of the data-quality report, kept with
-- the rest of what register_facts holds of the register (0010), so that
-- evaluate reads them instead of reading the whole register before every
-- evaluation. Neither depends on the as-of date.
--
-- possible_duplicates is the number of pseudonyms that look like one
-- person entered twice, among the rows of the register's own files
-- (sources of kind participants): a pseudonym on more than one of those
-- rows, or different pseudonyms sharing every attribute (gender, birth
-- year, target group, cohort and start date, all filled in).
-- incomplete is the number of registered people without gender (or with
-- gender unknown) or without target group, from the register or any list.
-- Both are what the data-quality report counts of the same snapshot
-- (store/registerquality.go, whose queries count them when no fact does).
--
-- The set of the register's own files changes only with the register: a
-- load of kind participants is recorded as a change (register_writes) even
-- when it writes no row, and a file re-ingested as another kind has its
-- rows taken out of the participants table.
--
-- The facts written before this migration keep NULL, which reads as no
-- fact of the counts (the evaluation then counts them). Right after the
-- migration has committed, Open writes a fact of the current state with
-- them (registerQualityMigrated, store/registerquality.go), from the same
-- queries as a load that changes the register, so that a migrated store
-- evaluates without counting from its first evaluation on.

ALTER TABLE register_facts ADD COLUMN possible_duplicates BIGINT;
ALTER TABLE register_facts ADD COLUMN incomplete BIGINT;
