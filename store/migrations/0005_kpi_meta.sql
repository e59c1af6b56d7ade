-- 0005: Kolada's metadata of its key figures (kind kpi_meta): the title
-- and unit the reports show a key figure by (memo.md).

CREATE TABLE kpi_meta (
    kpi       VARCHAR NOT NULL,
    title     VARCHAR NOT NULL,
    unit      VARCHAR,
    source_id INTEGER NOT NULL,
    line      INTEGER NOT NULL
);
