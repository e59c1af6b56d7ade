-- 0002: views for the data-quality report and the provenance of every row.
--
-- No secondary indexes: DuckDB's zone maps already prune scans by source_id
-- (rows of one source are appended together), and an ART index would slow
-- every bulk append for point look-ups the engine never makes.

-- The ingest log with what the store holds for each source: the counts that
-- ingest reported next to the rejects actually kept.
CREATE VIEW source_summary AS
SELECT s.id AS source_id,
       s.path,
       s.kind,
       s.hash,
       s.ingested_at,
       s.rows_read,
       s.rows_loaded,
       s.rows_rejected,
       (SELECT count(*) FROM rejects r WHERE r.source_id = s.id) AS rejects_kept
FROM sources s;

-- Every rejected row with the file it came from, ready to be shown as
-- path:line:column: reason.
CREATE VIEW rejected_rows AS
SELECT s.path,
       s.kind,
       s.hash,
       r.line,
       r."column",
       r.reason,
       r.source_id
FROM rejects r
JOIN sources s ON s.id = r.source_id;
