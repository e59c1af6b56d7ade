package metrics

import (
	"context"
	"fmt"

	"github.com/joiningforces/impact"
	"github.com/joiningforces/impact/store"
)

// Ages counts the participants in the register at asOf with a known birth
// year, and those of them under 18 at the start of the project period
// (memo.md: the child-rights paragraph of the memo). Age is the period's
// start year minus the birth year, as a birth year alone allows. The
// small-cell rule holds: a count under minCell is suppressed (nil), and so
// is the number under 18 when the number 18 or over is, since the two add up
// to the known. A project without a period start or without birth years has
// no Ages (nil). Each person counts once, with the birth year the register
// gives them (registerPick), however many lists name them.
func Ages(ctx context.Context, db *store.DB, p *impact.Project, asOf impact.Date, minCell int) (*impact.Ages, error) {
	if p.Info.Period.Start.IsZero() {
		return nil, nil
	}
	unique, err := registerUnique(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("ages: %w", err)
	}
	return ages(ctx, db, p, asOf, minCell, unique)
}

// ages is Ages knowing whether the register names each participant once;
// then each row is a person with their own birth year.
func ages(ctx context.Context, db *store.DB, p *impact.Project, asOf impact.Date, minCell int, unique bool) (*impact.Ages, error) {
	start := p.Info.Period.Start
	if start.IsZero() {
		return nil, nil
	}
	people := `(SELECT participant, ` + registerPick("birth_year") + ` FROM ` + registerRows("start_date IS NULL OR start_date <= ?") + ` GROUP BY participant)`
	if unique {
		people = `(SELECT birth_year FROM participants WHERE start_date IS NULL OR start_date <= ?)`
	}
	var known, under int
	err := db.QueryRow(ctx, `SELECT count(*) FILTER (WHERE birth_year IS NOT NULL),
    count(*) FILTER (WHERE birth_year IS NOT NULL AND ? - birth_year < 18)
FROM `+people, start.Year(), asOfLimit(asOf)).Scan(&known, &under)
	if err != nil {
		return nil, fmt.Errorf("ages: read the birth years: %w", err)
	}
	if known == 0 {
		return nil, nil
	}
	a := &impact.Ages{}
	if known >= minCell {
		a.Known = impact.Int(known)
		shown := SuppressCounts([]int{under, known - under}, minCell)
		if shown[0] != nil && shown[1] != nil || under == 0 {
			a.Under18 = impact.Int(under)
		}
	}
	return a, nil
}
