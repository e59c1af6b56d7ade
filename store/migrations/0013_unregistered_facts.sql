-- 0013: how many lines of each file name someone missing from the
-- participant register, kept by the store so that evaluate knows when
-- everyone seen in the data is registered, and need not group every
-- person's lines with the follow-ups' and look each one up in the
-- register to count those who are not.
--
-- unregistered_facts holds, for a source with lines in attendance,
-- answers, jobmarket or followups, how many lines it has there (lines)
-- and how many of them name a participant that the register, in the
-- state named by writes (the number of rows of register_writes, 0010),
-- does not hold (unregistered). A fact of another state of the register
-- is out of date and not used. Every writer of those tables keeps the
-- facts of the sources it changes, in the same transaction
-- (store/unregistered.go); every change of the register is followed by
-- the facts of every source in its new state. The evaluation trusts the
-- facts of the current state only when their lines add up to the four
-- tables' rows.

CREATE TABLE unregistered_facts (
    source_id    INTEGER NOT NULL,
    writes       BIGINT NOT NULL,
    lines        BIGINT NOT NULL,
    unregistered BIGINT NOT NULL
);

INSERT INTO unregistered_facts (source_id, writes, lines, unregistered)
SELECT source_id, (SELECT count(*) FROM register_writes), count(*),
       count(*) FILTER (WHERE participant NOT IN (SELECT participant FROM participants))
FROM (SELECT source_id, participant FROM attendance
      UNION ALL SELECT source_id, participant FROM answers
      UNION ALL SELECT source_id, participant FROM jobmarket
      UNION ALL SELECT source_id, participant FROM followups)
GROUP BY source_id;
