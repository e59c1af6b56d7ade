-- 0007: survey answers stored one row per answered questionnaire.
--
-- A wide survey line used to become one responses row per item: seven to
-- eleven stored rows for a line, which every load paid for and every
-- scoring query grouped back together. Now a line is one answers row: its
-- participant, event, date and wave once, the form (the ordered list of
-- items the line answers) and its values in that order. values[i] answers
-- forms.items[i]; a NULL element is an item left unanswered. A long-form
-- file's line is one answer to a one-item form, and a collected answer is
-- one row of its instruments' form.
--
-- forms holds each distinct ordered item list once, under an id that a
-- load looks up or adds in its own transaction; ids come from a sequence,
-- which never gives one number twice, even to two loads at once. A form is never removed:
-- it is a few bytes, and a later load of a corrected file finds it again.
--
-- responses becomes a view with exactly its old columns and rows, so every
-- reader (the exports, the quality report, the collection's counts) sees
-- what it saw before.
--
-- An existing store's responses rows are carried over: the rows of one line
-- (source, line, participant, event, date and wave) become one answers row.
-- The order of the columns a line came from was never recorded, so the
-- carried-over forms list their items in item order.

CREATE SEQUENCE forms_id_seq START 1;

CREATE TABLE forms (
    id    INTEGER NOT NULL,
    items VARCHAR[] NOT NULL
);

CREATE TABLE answers (
    participant VARCHAR NOT NULL,
    event       VARCHAR,
    "date"      DATE,
    wave        VARCHAR NOT NULL,
    form        INTEGER NOT NULL,
    "values"    DOUBLE[] NOT NULL,
    source_id   INTEGER NOT NULL,
    line        INTEGER NOT NULL
);

CREATE TEMPORARY TABLE answers_0007 AS
SELECT participant, event, "date", wave, source_id, line,
       list(item ORDER BY item, value NULLS LAST) AS items,
       list(value ORDER BY item, value NULLS LAST) AS "values"
FROM responses
GROUP BY participant, event, "date", wave, source_id, line;

INSERT INTO forms (id, items)
SELECT nextval('forms_id_seq'), items
FROM (SELECT DISTINCT items FROM answers_0007);

INSERT INTO answers (participant, event, "date", wave, form, "values", source_id, line)
SELECT a.participant, a.event, a."date", a.wave, f.id, a."values", a.source_id, a.line
FROM answers_0007 a
JOIN forms f ON f.items = a.items
ORDER BY a.source_id, a.line;

DROP TABLE answers_0007;

DROP TABLE responses;

-- The two lists are unnested side by side: the i-th item with the i-th value.
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
