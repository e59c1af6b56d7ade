package stats

import (
	"fmt"
	"math"
)

// Prediction is the least-squares line of a value on time and its
// prediction at one point in time.
type Prediction struct {
	// N is the number of points the line was fitted to.
	N int
	// Intercept and Slope are the coefficients of y = Intercept + Slope·t.
	Intercept, Slope float64
	// Fit is the predicted value at the point.
	Fit float64
	// Interval is the prediction interval for a new observation at the point.
	Interval Interval
}

// PredictOLS fits y on t by ordinary least squares and predicts y at the
// time at with its two-sided prediction interval at confidence level conf, as
// R's predict(lm(y ~ t), data.frame(t = at), interval = "prediction",
// level = conf). The spec's forecast passes time in days and the deadline as
// at. When the points lie exactly on a line the interval is the single point
// Fit, as in R.
//
// It fails with ErrTooFew for fewer than three points (R returns NaN bounds
// for two), with ErrConstant when every t is the same (R drops the slope and
// warns of a rank-deficient fit), and with ErrDomain for slices of different
// lengths, NaN or infinite values, or conf outside (0, 1).
func PredictOLS(t, y []float64, at, conf float64) (Prediction, error) {
	if err := checkConf(conf); err != nil {
		return Prediction{}, err
	}
	if len(t) != len(y) {
		return Prediction{}, fmt.Errorf("%w: %d times but %d values", ErrDomain, len(t), len(y))
	}
	if err := checkFinite(t); err != nil {
		return Prediction{}, err
	}
	if err := checkFinite(y); err != nil {
		return Prediction{}, err
	}
	if err := checkFinite([]float64{at}); err != nil {
		return Prediction{}, err
	}
	if len(t) < 3 {
		return Prediction{}, fmt.Errorf("%w: a prediction interval needs at least 3 points, got %d", ErrTooFew, len(t))
	}
	n := float64(len(t))
	tMean, yMean := Mean(t), Mean(y)
	// Centring first keeps the digits when t is a date in days (~20000)
	// and the spread is a few months.
	var sxx, sxy float64
	for i := range t {
		sxx += (t[i] - tMean) * (t[i] - tMean)
		sxy += (t[i] - tMean) * (y[i] - yMean)
	}
	if sxx == 0 {
		return Prediction{}, fmt.Errorf("%w: every point has the same time %v", ErrConstant, t[0])
	}
	slope := sxy / sxx
	var rss float64
	for i := range t {
		residual := (y[i] - yMean) - slope*(t[i]-tMean)
		rss += residual * residual
	}
	df := n - 2
	residualVariance := rss / df
	fitVariance := residualVariance * (1/n + (at-tMean)*(at-tMean)/sxx)
	fit := yMean + slope*(at-tMean)
	// R adds the lower quantile to both sides; -q·… is the same half-width.
	halfWidth := -studentQuantile((1-conf)/2, df) * math.Sqrt(fitVariance+residualVariance)
	return Prediction{
		N:         len(t),
		Intercept: yMean - slope*tMean,
		Slope:     slope,
		Fit:       fit,
		Interval:  Interval{Low: fit - halfWidth, High: fit + halfWidth},
	}, nil
}
