package dashboards

import (
	"net/http"
	"slices"

	"github.com/joiningforces/impact"
)

// costsPage is what the costs page shows beside the evaluation.
type costsPage struct {
	PerOutcome []outcomeCost
}

// outcomeCost is the cost of one success of an indicator.
type outcomeCost struct {
	ID, Name string
	Amount   *float64
}

// handleCosts shows cost and value: budget against actual, cost per
// participant and per outcome, the SROI with its interval, and the
// tornado of its assumptions.
func (s *Server) handleCosts(w http.ResponseWriter, r *http.Request) {
	p, err := s.pageFor(w, r, "costs", "costs.title")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var data costsPage
	if c := p.Eval.Costs; c != nil {
		// In the order of the goal board, not of a map.
		for _, res := range p.Eval.Indicators {
			if amount, ok := c.PerOutcome[res.ID]; ok {
				data.PerOutcome = append(data.PerOutcome, outcomeCost{ID: res.ID, Name: res.Name, Amount: amount})
			}
		}
	}
	p.Data = data
	s.render(w, r, http.StatusOK, "costs.html", p)
}

// PartnerName names a partner by the project file, or shows the id.
func (p *page) PartnerName(id string) string {
	if partner, ok := p.Project.Partner(id); ok && partner.Name != "" {
		return partner.Name
	}
	return id
}

// Category names a cost category.
func (p *page) Category(category string) string {
	if slices.Contains(impact.CostCategories, category) {
		return p.T("category." + category)
	}
	return category
}

// RatioValue writes an SROI from the sensitivity table.
func (p *page) RatioValue(x float64) string { return p.Ratio(&x) }
