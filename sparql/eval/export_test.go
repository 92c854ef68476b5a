package eval

// LinearPlans returns opts with every group ordered by the near-linear
// greedy order, which otherwise only groups of more than greedyMaxSteps
// steps get: the answers must not depend on the order.
func LinearPlans(opts Options) Options {
	opts.linearPlans = true
	return opts
}
