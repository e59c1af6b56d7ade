package store

import "slices"

// Kinds lists the kinds of data file in a stable order (the order of
// data-files.md). Each kind is stored in the table of the same name.
var Kinds = []string{"participants", "attendance", "responses", "jobmarket", "followups", "costs", "kpi", "kpi_meta"}

// Tables maps each kind to the ordered columns that ingest supplies for one
// row of that kind: the order in which (*Load).Append takes its values. The
// tables have two more columns, source_id and line, that the Load fills in.
var Tables = map[string][]string{
	"participants": {"participant", "target_group", "gender", "birth_year", "cohort", "start_date"},
	"attendance":   {"participant", "event", "event_kind", "date", "role", "new_contacts"},
	"responses":    {"participant", "event", "date", "wave", "item", "value"},
	"jobmarket":    {"participant", "event", "date", "employer", "interview", "offer", "hired"},
	"followups":    {"participant", "date", "months_after", "status"},
	"costs":        {"date", "activity", "partner", "category", "hours", "rate", "amount", "kind"},
	"kpi":          {"kpi", "municipality", "period", "gender", "value"},
	"kpi_meta":     {"kpi", "title", "unit"},
}

// columnTypes holds the DuckDB type of every column in Tables. A test checks
// it, and Tables, against the schema the migrations build.
var columnTypes = map[string]string{
	"participant": "UBIGINT", "target_group": "VARCHAR", "gender": "VARCHAR",
	"birth_year": "INTEGER", "cohort": "VARCHAR", "start_date": "DATE",
	"event": "VARCHAR", "event_kind": "VARCHAR", "date": "DATE", "role": "VARCHAR",
	"new_contacts": "INTEGER", "wave": "VARCHAR", "item": "VARCHAR", "value": "DOUBLE",
	"employer": "VARCHAR", "interview": "BOOLEAN", "offer": "BOOLEAN", "hired": "BOOLEAN",
	"months_after": "INTEGER", "status": "VARCHAR", "activity": "VARCHAR",
	"partner": "VARCHAR", "category": "VARCHAR", "hours": "DOUBLE", "rate": "DOUBLE",
	"amount": "DOUBLE", "kind": "VARCHAR", "kpi": "VARCHAR", "municipality": "VARCHAR",
	"period": "INTEGER",
	"title":  "VARCHAR", "unit": "VARCHAR",
}

// ColumnType returns the DuckDB type of a column of a kind's table
// (VARCHAR, INTEGER, DOUBLE, DATE, BOOLEAN or UBIGINT), or "" when the kind
// has no such column. Ingest uses it to convert a cell before Append: INTEGER
// takes any Go integer, DOUBLE any Go number, DATE a time.Time, BOOLEAN a
// bool and VARCHAR a string; the participant (UBIGINT, participant.go) takes
// the pseudonym's 16 hex characters or its uint64; nil is NULL everywhere.
func ColumnType(kind, column string) string {
	if !slices.Contains(Tables[kind], column) {
		return ""
	}
	return columnTypes[column]
}

// IsKind reports whether kind names one of the data tables in Kinds.
func IsKind(kind string) bool { return slices.Contains(Kinds, kind) }

// storedTables lists every table whose content DumpTables, TableCounts and
// Export cover, in their stable order: the ingest log, the data tables and
// the rejects. The schema_version table is the store's own bookkeeping and
// is left out.
func storedTables() []string {
	names := []string{"sources"}
	names = append(names, Kinds...)
	return append(names, "rejects")
}
