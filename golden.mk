# golden.mk: the reference values the tests compare against, made with R.
# Included by the Makefile; run from the repository root.
#
#   make golden   installs Debian's r-base-core when Rscript is missing, then
#                 rewrites every golden file from the R script that makes it:
#                 testdata/stats (the statistics of package stats; compare.R the two-sample tests),
#                 testdata/evaluate (impact evaluate on hand-made projects),
#                 testdata/smart (A003 of the SMART lint, power.t.test).

.PHONY: golden
golden:
	@command -v Rscript >/dev/null 2>&1 || { \
		echo "golden: Rscript not found, installing r-base-core"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y r-base-core; \
	}
	Rscript testdata/stats/golden.R
	Rscript testdata/stats/compare.R
	Rscript testdata/evaluate/make.R
	Rscript testdata/smart/a003.R
