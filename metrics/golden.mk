# golden.mk: the golden values package metrics is tested against, made with R.
# Included by the main Makefile; run from the repository root.
#
#   make golden   installs Debian's r-base-core when Rscript is missing, then
#                 rewrites testdata/stats/*.csv from testdata/stats/golden.R.

.PHONY: golden
golden:
	@command -v Rscript >/dev/null 2>&1 || { \
		echo "golden: Rscript not found, installing r-base-core"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y r-base-core; \
	}
	Rscript testdata/stats/golden.R
