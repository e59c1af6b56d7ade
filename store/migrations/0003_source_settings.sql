-- 0003: how each source was read, beside what it held.
--
-- sources.settings is a fingerprint of the source entry (kind, event, wave,
-- columns: map, sheet, date_format, the command line's overrides): ingest
-- skips a file only when its content and its settings are both those
-- recorded, so that a corrected columns: map reads the file again. It is a
-- hash and never holds anything secret. Sources loaded before this
-- migration have NULL, which ingest treats as changed: each such file is
-- read once more and its settings recorded.

ALTER TABLE sources ADD COLUMN settings VARCHAR;

-- The view lists its columns by name, so it is made again to show settings.
CREATE OR REPLACE VIEW source_summary AS
SELECT s.id AS source_id,
       s.path,
       s.kind,
       s.hash,
       s.settings,
       s.ingested_at,
       s.rows_read,
       s.rows_loaded,
       s.rows_rejected,
       (SELECT count(*) FROM rejects r WHERE r.source_id = s.id) AS rejects_kept
FROM sources s;
