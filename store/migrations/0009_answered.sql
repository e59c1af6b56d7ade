-- 0009: each answers row keeps the set of the items it answered.
--
-- answered is a bit mask of the line's answered (non-NULL) values: bit k-1
-- for the k-th item of its form, as a UBIGINT. Quality and participation
-- ask of every line which items it answered; read out of the values list,
-- one list element per item, that took 0.36-0.48 s of CPU at 1,256,889
-- lines of 11 items, and 0.015 s from the mask (a narrower integer type
-- reads no faster: it is cast to UBIGINT for the bits of 64 items). A
-- line of a form of more than 64 items has no room in 64 bits: its mask is
-- NULL, and readers read its values list as before.
--
-- The mask is internal: the responses view, the exports and the dumps
-- list the columns they show and do not show it. Every writer of answers
-- fills it (store/answers.go answeredMask, readAnswersCSV, SaveAnswer);
-- here it is computed for the rows an existing store already holds.

ALTER TABLE answers ADD COLUMN answered UBIGINT;

UPDATE answers SET answered = CASE WHEN len("values") <= 64 THEN
    coalesce(CAST(list_sum(list_transform("values",
        lambda v, i: CASE WHEN v IS NULL THEN 0 ELSE CAST(1 AS UBIGINT) << (i - 1) END)) AS UBIGINT), 0)
END;
