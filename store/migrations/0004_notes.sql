-- 0004: what ingest noted about each file (exports.md).
--
-- A note is something ingest did with a file that a person should see
-- although the file was read: a summary row not loaded, a header matched to
-- an item by its text, a survey tool's column dropped, a register conflict.
-- The data-quality report lists them as FILE:LINE: what. A note never holds
-- a raw participant id. A reload replaces the source's notes with its rows.

CREATE TABLE notes (
    source_id INTEGER NOT NULL,
    line      INTEGER,
    note      VARCHAR NOT NULL
);
