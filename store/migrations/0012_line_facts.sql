-- 0012: whether each file's survey answers and follow-ups name a person
-- once, kept by the store so that evaluate takes each respondent's line
-- of a wave (and each person's follow-up after so many months) as it is,
-- instead of grouping a million lines by person to find the latest.
--
-- answer_facts holds one row for each source, form and wave that has
-- lines in answers: how many (lines), and whether no participant has two
-- of them (once). followup_facts holds the same of followups, for each
-- source and number of months after (NULL for a follow-up without one).
-- A row describes the lines its source holds now: every writer keeps it
-- in the same transaction as the lines (store/linefacts.go), a re-ingest
-- deletes the rows of its source with its lines. The evaluation trusts the
-- rows only when their lines add up to the table's rows, so that lines
-- written without a fact make it group as before.

CREATE TABLE answer_facts (
    source_id INTEGER NOT NULL,
    form      INTEGER NOT NULL,
    wave      VARCHAR NOT NULL,
    lines     BIGINT NOT NULL,
    once      BOOLEAN NOT NULL
);

CREATE TABLE followup_facts (
    source_id    INTEGER NOT NULL,
    months_after INTEGER,
    lines        BIGINT NOT NULL,
    once         BOOLEAN NOT NULL
);

INSERT INTO answer_facts (source_id, form, wave, lines, once)
SELECT source_id, form, wave, count(*), count(*) = count(DISTINCT participant)
FROM answers GROUP BY source_id, form, wave;

INSERT INTO followup_facts (source_id, months_after, lines, once)
SELECT source_id, months_after, count(*), count(*) = count(DISTINCT participant)
FROM followups GROUP BY source_id, months_after;
