-- 0001: the tables of the store.
--
-- One table per kind of data file (see data-files.md), an ingest log
-- (sources) and the rows that ingest refused (rejects). Every data row knows
-- its source file (source_id → sources.id, where the file's path and SHA-256
-- are kept) and its line in that file. Participant values are pseudonyms:
-- personal data never enters the store, and rejects never hold the raw row.
--
-- The store keeps no foreign keys: a reload deletes and re-appends a source's
-- rows in one transaction, and DuckDB would check every appended row against
-- an index for nothing the loader does not already guarantee.

CREATE SEQUENCE sources_id_seq START 1;

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY DEFAULT nextval('sources_id_seq'),
    path          VARCHAR UNIQUE NOT NULL,
    kind          VARCHAR NOT NULL,
    hash          VARCHAR NOT NULL,
    ingested_at   TIMESTAMP NOT NULL,
    rows_read     BIGINT,
    rows_loaded   BIGINT,
    rows_rejected BIGINT
);

CREATE TABLE participants (
    participant  VARCHAR NOT NULL,
    target_group VARCHAR,
    gender       VARCHAR,
    birth_year   INTEGER,
    cohort       VARCHAR,
    start_date   DATE,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL
);

CREATE TABLE attendance (
    participant  VARCHAR NOT NULL,
    event        VARCHAR NOT NULL,
    event_kind   VARCHAR NOT NULL,
    "date"       DATE NOT NULL,
    role         VARCHAR,
    new_contacts INTEGER,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL
);

-- Long form: one row per participant, wave and item. Wide files are melted
-- by ingest. A NULL value is an item left unanswered.
CREATE TABLE responses (
    participant VARCHAR NOT NULL,
    event       VARCHAR,
    "date"      DATE,
    wave        VARCHAR NOT NULL,
    item        VARCHAR NOT NULL,
    value       DOUBLE,
    source_id   INTEGER NOT NULL,
    line        INTEGER NOT NULL
);

CREATE TABLE jobmarket (
    participant VARCHAR NOT NULL,
    event       VARCHAR NOT NULL,
    "date"      DATE NOT NULL,
    employer    VARCHAR,
    interview   BOOLEAN,
    offer       BOOLEAN,
    hired       BOOLEAN,
    source_id   INTEGER NOT NULL,
    line        INTEGER NOT NULL
);

CREATE TABLE followups (
    participant  VARCHAR NOT NULL,
    "date"       DATE NOT NULL,
    months_after INTEGER,
    status       VARCHAR NOT NULL,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL
);

CREATE TABLE costs (
    "date"    DATE,
    activity  VARCHAR,
    partner   VARCHAR,
    category  VARCHAR,
    hours     DOUBLE,
    rate      DOUBLE,
    amount    DOUBLE,
    kind      VARCHAR NOT NULL,
    source_id INTEGER NOT NULL,
    line      INTEGER NOT NULL
);

-- A NULL value is a suppressed or missing figure, never zero.
CREATE TABLE kpi (
    kpi          VARCHAR NOT NULL,
    municipality VARCHAR NOT NULL,
    period       INTEGER NOT NULL,
    gender       VARCHAR,
    value        DOUBLE,
    source_id    INTEGER NOT NULL,
    line         INTEGER NOT NULL
);

-- What was refused and why, never the row itself (it may hold personal data).
-- line and "column" are NULL for a reason that concerns the whole file.
CREATE TABLE rejects (
    source_id INTEGER NOT NULL,
    line      INTEGER,
    "column"  VARCHAR,
    reason    VARCHAR NOT NULL
);
