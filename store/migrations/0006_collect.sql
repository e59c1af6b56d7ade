-- 0006: answers collected by impact serve on an impact-measurement day
-- (collect.md).
--
-- A collection is one event's form: its wave, its instruments and the token
-- of its link. Its answers are stored in responses like an ingested file's
-- rows, under a source of its own named collect:EVENT, so that provenance,
-- the ingest log and the data hash treat them alike. collect_answers keeps
-- one row per answer received: its idempotency key (so that an answer sent
-- twice from a phone is stored once), the pseudonym, the time it was sent
-- and whether it replaced an earlier answer. Never a raw participant id.

CREATE TABLE collections (
    event       VARCHAR PRIMARY KEY,
    token       VARCHAR UNIQUE NOT NULL,
    wave        VARCHAR NOT NULL,
    instruments VARCHAR NOT NULL,
    event_name  VARCHAR,
    event_kind  VARCHAR NOT NULL,
    "date"      DATE NOT NULL,
    opened_at   TIMESTAMP NOT NULL,
    closed_at   TIMESTAMP,
    source_id   INTEGER NOT NULL
);

CREATE TABLE collect_answers (
    "key"        VARCHAR PRIMARY KEY,
    event        VARCHAR NOT NULL,
    participant  VARCHAR NOT NULL,
    wave         VARCHAR NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    replaced     BOOLEAN NOT NULL,
    registered   BOOLEAN NOT NULL,
    source_id    INTEGER NOT NULL
);
