package metrics

import (
	"fmt"
	"slices"
	"strings"
)

// Everything the evaluation knows of one person is computed in one pass:
// the first date a count of distinct participants saw each person, the
// latest row of a proportion, the latest score of every respondent in each
// wave, the events and funnel steps of participation and the answered items
// of the response rates. Each of these used to be a group-by of its own over
// the rows of one table, each followed by a join with the register; at a
// million people the same pseudonyms were hashed seven times and the
// register joined six. Measured on the generator's 1,000,000-participant
// project (DuckDB latency and CPU, alternating, median of 3): the one pass
// and its one join take 1.31 s and 2.57 s of CPU against 2.05 s and 3.86 s
// for the five group-bys of the measure statement and participation's own
// pass.
//
// The pass reads each table once, as a branch: every branch selects the
// participant and the columns its users ask for (an expression on the
// table's row), and the branches are united by name, so that a column one
// branch lacks is NULL in its rows. One group-by over participant then
// takes every aggregate: a measure's rows are its branch's rows that meet
// its conditions, so the conditions go inside the aggregated expressions
// (an aggregate skips NULL) rather than into a WHERE that would take the
// rows from the others. Whether a person has any row of a measure is a bit
// of a flag word, one bit_or for 64 measures. The register is joined once,
// on the people, into pp (the people of the pass), which every measure
// then reads.
type personPass struct {
	branches []*passBranch
	// aggregates are the pass's aggregates, "expr AS name", by name in
	// byAggregate.
	aggregates  []string
	byAggregate map[string]string
	// words are the columns that several branches add to, each the bit_or
	// of the rows' bits.
	words []string
	flags int
	// byFlag holds the flags of branches' conditions, by branch and
	// condition.
	byFlag map[string]string
	// columns counts the branch columns named so far, for unique names.
	columns int
	// register lists the register's columns pp carries, as p_<column>;
	// unregistered asks for p_unregistered, true for a person the
	// participants table does not name at all.
	register     []string
	unregistered bool
}

// passBranch is one table's rows in the pass: the table (or a relation
// before pp) under its alias, with its joins; inner columns, computed once
// per row in a subquery so that the branch's columns can test and read
// them without computing them again; and the branch's columns.
type passBranch struct {
	name, table, alias string
	joins              []string
	inner              []string
	byInner            map[string]string
	columns            []string
	byColumn           map[string]string
	// words holds the expressions this branch ORs into each word column.
	words map[string][]string
}

// branch returns the pass's branch of the given name, adding it over the
// table under alias when it is new.
func (p *personPass) branch(name, table, alias string) *passBranch {
	for _, br := range p.branches {
		if br.name == name {
			return br
		}
	}
	br := &passBranch{name: name, table: table, alias: alias, byInner: map[string]string{}, byColumn: map[string]string{}, words: map[string][]string{}}
	p.branches = append(p.branches, br)
	return br
}

// join adds a join to the branch's relation, once.
func (br *passBranch) join(join string) {
	if join != "" && !slices.Contains(br.joins, join) {
		br.joins = append(br.joins, join)
	}
}

// inner returns the branch's alias and the name of an inner column with
// the value of expr (on the table's row), named name when it is not "",
// adding it unless the branch has it already.
func (p *personPass) inner(br *passBranch, expr, name string) string {
	// A named column is that name's, whatever its expression; two may
	// have the same one.
	key := expr
	if name != "" {
		key = "\x00" + name
	}
	if have, ok := br.byInner[key]; ok {
		return br.alias + "." + have
	}
	if name == "" {
		p.columns++
		name = fmt.Sprintf("i%d", p.columns)
	}
	br.byInner[key] = name
	br.inner = append(br.inner, expr+" AS "+name)
	return br.alias + "." + name
}

// condition returns an inner column that is true for the rows meeting
// condition, so that the several columns that test it test one value.
func (p *personPass) condition(br *passBranch, condition string) string {
	if condition == "TRUE" {
		return condition
	}
	return p.inner(br, condition, "")
}

// from is the branch's relation: the table with its joins, and its inner
// columns in a subquery over them.
func (br *passBranch) from() string {
	from := br.table + " " + br.alias + strings.Join(br.joins, "")
	if len(br.inner) == 0 {
		return from
	}
	return "(SELECT " + br.alias + ".*, " + strings.Join(br.inner, ", ") + " FROM " + from + ") " + br.alias
}

// column returns the name of a column of the branch's rows with the value
// of expr, adding it unless the branch has it already.
func (p *personPass) column(br *passBranch, expr string) string {
	if name, ok := br.byColumn[expr]; ok {
		return name
	}
	p.columns++
	name := fmt.Sprintf("c%d", p.columns)
	br.byColumn[expr] = name
	br.columns = append(br.columns, expr+" AS "+name)
	return name
}

// aggregate returns the name under which pp carries the aggregate expr (of
// the branches' columns), adding it unless the pass has it already.
func (p *personPass) aggregate(expr string) string {
	if p.byAggregate == nil {
		p.byAggregate = map[string]string{}
	}
	if name, ok := p.byAggregate[expr]; ok {
		return name
	}
	name := fmt.Sprintf("x%d", len(p.aggregates))
	p.byAggregate[expr] = name
	p.aggregates = append(p.aggregates, expr+" AS "+name)
	return name
}

// or adds to the word column word, in the branch's rows, the bits of expr
// (a UBIGINT); pp carries the bit_or of the word under its own name.
func (p *personPass) or(br *passBranch, word, expr string) {
	if !slices.Contains(p.words, word) {
		p.words = append(p.words, word)
		p.aggregates = append(p.aggregates, "bit_or("+word+") AS "+word)
	}
	br.words[word] = append(br.words[word], expr)
}

// newFlag returns a new flag of the pass: a bit that branches set with
// setFlag.
func (p *personPass) newFlag() int {
	p.flags++
	return p.flags - 1
}

// setFlag sets the flag in the rows of the branch that meet condition.
func (p *personPass) setFlag(br *passBranch, flag int, condition string) {
	p.or(br, flagWord(flag), fmt.Sprintf("CASE WHEN %s THEN CAST(%d AS UBIGINT) ELSE CAST(0 AS UBIGINT) END", condition, uint64(1)<<(flag%64)))
}

// flag returns the condition on pp that a person has a row of the branch
// meeting condition: the flag set there.
func (p *personPass) flag(br *passBranch, condition string) string {
	key := br.name + "\x00" + condition
	if has, ok := p.byFlag[key]; ok {
		return has
	}
	f := p.newFlag()
	p.setFlag(br, f, p.condition(br, condition))
	if p.byFlag == nil {
		p.byFlag = map[string]string{}
	}
	p.byFlag[key] = hasFlag(f)
	return p.byFlag[key]
}

// flagWord is the word column that holds a flag.
func flagWord(flag int) string { return fmt.Sprintf("h%d", flag/64) }

// hasFlag is the condition on pp that a person's flag is set.
func hasFlag(flag int) string {
	return fmt.Sprintf("(%s & CAST(%d AS UBIGINT)) <> 0", flagWord(flag), uint64(1)<<(flag%64))
}

// person asks pp to carry a register column, as p_<column>.
func (p *personPass) person(column string) string {
	if !slices.Contains(p.register, column) {
		p.register = append(p.register, column)
	}
	return "p_" + column
}

// empty reports whether nothing asks for the pass.
func (p *personPass) empty() bool { return p == nil || len(p.aggregates) == 0 }

// ctes returns the common table expressions of pp: the pass's aggregates per
// participant, with the register's columns. The people CTE (peopleCTE) must
// come before it; dated is the condition on a participants row p that the
// person had joined by the as-of date, and unique whether the participants
// table names each participant once, so that pp can join the table itself
// and tell the people it does not name at all.
func (p *personPass) ctes(unique bool, dated string) []string {
	var union []string
	for _, br := range p.branches {
		list := []string{br.alias + ".participant AS participant"}
		list = append(list, br.columns...)
		for _, word := range p.words {
			if exprs := br.words[word]; len(exprs) > 0 {
				list = append(list, "("+strings.Join(exprs, " | ")+") AS "+word)
			}
		}
		union = append(union, "SELECT "+strings.Join(list, ", ")+" FROM "+br.from())
	}
	grouped := "SELECT participant, " + strings.Join(p.aggregates, ", ") + " FROM (" + strings.Join(union, " UNION ALL BY NAME ") + ") GROUP BY participant"
	if len(p.register) == 0 && !p.unregistered {
		return []string{"pp AS MATERIALIZED (" + grouped + ")"}
	}
	columns := []string{"x.*"}
	from := " FROM pp_grouped x LEFT JOIN "
	if unique {
		// The table itself, with what it says of those who joined after
		// the as-of date left out, as the people relation leaves them.
		for _, c := range p.register {
			columns = append(columns, "CASE WHEN "+dated+" THEN p."+sqlIdent(c)+" END AS p_"+c)
		}
		if p.unregistered {
			columns = append(columns, "p.participant IS NULL AS p_unregistered")
		}
		from += "participants p"
	} else {
		for _, c := range p.register {
			columns = append(columns, "p."+sqlIdent(c)+" AS p_"+c)
		}
		if p.unregistered {
			columns = append(columns, "x.participant NOT IN (SELECT participant FROM participants) AS p_unregistered")
		}
		from += "people p"
	}
	// The people grouped first, and then joined: DuckDB joins a
	// materialized relation faster than the group-by's own output.
	return []string{"pp_grouped AS MATERIALIZED (" + grouped + ")",
		"pp AS MATERIALIZED (SELECT " + strings.Join(columns, ", ") + from + " ON p.participant = x.participant)"}
}

// passCTEs returns the common table expressions of the evaluation's pass
// over the people, after the people relation (peopleCTE).
func (e *evaluator) passCTEs(p *personPass) []string {
	return p.ctes(e.registerUnique, "(p.start_date IS NULL OR p.start_date <= "+sqlDate(e.asOf)+")")
}

// fromPeople returns a SELECT of the people of pp that condition selects,
// with columns, a column per dimension from the register ("unknown" where
// it does not say) and only the participants of the target group when one
// is given: what withPeople does for a relation of its own.
func (e *evaluator) fromPeople(p *personPass, columns, condition, targetGroup string, dims []string) string {
	list := "participant, " + columns
	for _, dim := range dims {
		list += ", coalesce(" + p.person(dim) + ", 'unknown') AS " + dimensionColumn(dim)
	}
	if targetGroup != "" {
		condition += " AND " + p.person("target_group") + " = " + sqlString(targetGroup)
	}
	return "SELECT " + list + " FROM pp WHERE " + condition
}
