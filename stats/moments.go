package stats

// Mean returns the arithmetic mean as R's mean() computes it: the sum
// divided by n, refined by the mean of the residuals, which recovers most of
// the digits lost when the values share a large offset.
func Mean(x []float64) float64 {
	n := float64(len(x))
	var sum float64
	for _, v := range x {
		sum += v
	}
	mean := sum / n
	var residual float64
	for _, v := range x {
		residual += v - mean
	}
	return mean + residual/n
}

// Variance returns the sample variance of x about its mean, with the
// denominator n − 1 (R's var()).
func Variance(x []float64, mean float64) float64 {
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return ss / float64(len(x)-1)
}
