package impact

// Column is one canonical column of a data kind.
type Column struct {
	Name     string
	Type     ColumnType
	Required bool
}

// ColumnType is how a column's values are parsed and stored.
type ColumnType int

// Column types.
const (
	TypeText ColumnType = iota
	TypeInt
	TypeNumber
	TypeDate
	TypeBool
	TypeGender
	TypeStatus
	TypeWave
	TypeCategory
	TypeCostKind
	TypeParticipant
)

// DataKind is one kind of data file and the canonical columns of its table.
type DataKind struct {
	Name    string
	Columns []Column
}

// Column returns the kind's column with the given canonical name.
func (k DataKind) Column(name string) (Column, bool) {
	for _, c := range k.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// ColumnNames returns the kind's canonical column names in order.
func (k DataKind) ColumnNames() []string {
	names := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		names[i] = c.Name
	}
	return names
}

// DataKinds lists every kind of data file with its canonical columns, as
// data-files.md fixes them. Responses list only their fixed columns: the
// item columns depend on the project's instruments, and responses are kept
// in long form (item, value).
var DataKinds = []DataKind{
	{Name: "participants", Columns: []Column{
		{"participant", TypeParticipant, true}, {"target_group", TypeText, false}, {"gender", TypeGender, false},
		{"birth_year", TypeInt, false}, {"cohort", TypeText, false}, {"start_date", TypeDate, false},
	}},
	{Name: "attendance", Columns: []Column{
		{"participant", TypeParticipant, true}, {"event", TypeText, true}, {"event_kind", TypeText, true},
		{"date", TypeDate, true}, {"role", TypeText, false}, {"new_contacts", TypeInt, false},
	}},
	{Name: "responses", Columns: []Column{
		{"participant", TypeParticipant, true}, {"event", TypeText, false}, {"date", TypeDate, false},
		{"wave", TypeWave, true}, {"item", TypeText, false}, {"value", TypeNumber, false},
	}},
	{Name: "jobmarket", Columns: []Column{
		{"participant", TypeParticipant, true}, {"event", TypeText, true}, {"date", TypeDate, true},
		{"employer", TypeText, false}, {"interview", TypeBool, false}, {"offer", TypeBool, false}, {"hired", TypeBool, false},
	}},
	{Name: "followups", Columns: []Column{
		{"participant", TypeParticipant, true}, {"date", TypeDate, true}, {"months_after", TypeInt, false},
		{"status", TypeStatus, true},
	}},
	{Name: "costs", Columns: []Column{
		{"date", TypeDate, false}, {"activity", TypeText, false}, {"partner", TypeText, false},
		{"category", TypeCategory, false}, {"hours", TypeNumber, false}, {"rate", TypeNumber, false},
		{"amount", TypeNumber, false}, {"kind", TypeCostKind, true},
	}},
	{Name: "kpi", Columns: []Column{
		{"kpi", TypeText, true}, {"municipality", TypeText, true}, {"period", TypeInt, true},
		{"gender", TypeText, false}, {"value", TypeNumber, false},
	}},
	// Kolada's metadata of its key figures (/v3/kpi/{id}): their titles and
	// units, for the reports (memo.md).
	{Name: "kpi_meta", Columns: []Column{
		{"kpi", TypeText, true}, {"title", TypeText, true}, {"unit", TypeText, false},
	}},
}

// LookupKind returns the data kind with the given name.
func LookupKind(name string) (DataKind, bool) {
	for _, k := range DataKinds {
		if k.Name == name {
			return k, true
		}
	}
	return DataKind{}, false
}

// KindNames returns the names of every data kind.
func KindNames() []string {
	names := make([]string, len(DataKinds))
	for i, k := range DataKinds {
		names[i] = k.Name
	}
	return names
}

// FollowupStatuses lists the statuses of a follow-up.
var FollowupStatuses = []string{"employed", "studying", "internship", "job_seeking", "inactive", "other", "unknown"}

// Genders lists the stored values of gender.
var Genders = []string{"female", "male", "other", "unknown"}
