# compare.R writes the golden values of the two-sample methods of package
# stats: the attrition test and the comparison with another group
# (statistics.md, "Who dropped out, and compared with whom"). One CSV per
# method next to this script, every number printed with sprintf("%.17g").
#
# Run from the repository root with `make golden` (or
# `Rscript testdata/stats/compare.R`).
#
#   welch.csv      t.test(x, y, conf.level = conf)   (Welch, two-sided)
#   proptest2.csv  prop.test(c(k, kc), c(n, nc), conf.level = conf, correct = FALSE)

set.seed(20261129)

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(script) else "testdata/stats"

num <- function(x) if (is.null(x) || length(x) == 0) "NA" else sprintf("%.17g", x)
vec <- function(x) paste(sprintf("%.17g", x), collapse = ";")
attempt <- function(expr) {
  warnings <- character()
  value <- withCallingHandlers(
    tryCatch(list(value = expr, error = ""),
             error = function(e) list(value = NULL, error = conditionMessage(e))),
    warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  value$warning <- paste(unique(warnings), collapse = " | ")
  value
}
rows <- list()
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)
flush <- function(name) {
  out <- do.call(rbind, rows)
  write.csv(out, file.path(outdir, name), row.names = FALSE)
  cat(sprintf("%-22s %4d cases\n", name, nrow(out)))
  rows <<- list()
}

# ---------------------------------------------------------------------------
# welch.csv: Welch's two-sample t test, the difference mean(x) - mean(y) with
# its interval at conf and the two-sided p-value.
wcase <- function(name, x, y, conf) {
  r <- attempt(t.test(x, y, conf.level = conf))
  v <- r$value
  add(case = name, x = vec(x), y = vec(y), conf = num(conf),
      mean_x = num(mean(x)), mean_y = num(mean(y)),
      difference = num(if (is.null(v)) NULL else unname(v$estimate[1] - v$estimate[2])),
      statistic = num(v$statistic), df = num(v$parameter), p_value = num(v$p.value),
      diff_low = num(v$conf.int[1]), diff_high = num(v$conf.int[2]),
      error = r$error, warning = r$warning)
}
confs <- c(0.90, 0.95, 0.99)
i <- 0
for (n in c(2, 3, 5, 8, 12, 20, 30, 50, 200)) {
  for (m in c(2, 7, 40)) {
    i <- i + 1
    x <- round(rnorm(n, mean = 22, sd = 4), 2)
    y <- round(rnorm(m, mean = 20, sd = 6), 2)
    wcase(sprintf("normal/n=%d/m=%d", n, m), x, y, confs[i %% 3 + 1])
  }
}
# SWEMWBS metric scores (7-35) and a custom 1-5 instrument's sums.
swemwbs <- c(7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
             16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
             24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00)
wcase("swemwbs/0.95", sample(swemwbs, 25, TRUE), sample(swemwbs[1:20], 9, TRUE), 0.95)
wcase("swemwbs/0.90", sample(swemwbs, 25, TRUE), sample(swemwbs[1:20], 9, TRUE), 0.90)
wcase("custom-items/0.95", sample(3:15, 30, TRUE), sample(3:12, 6, TRUE), 0.95)
wcase("custom-items/0.90", sample(3:15, 30, TRUE), sample(3:12, 6, TRUE), 0.90)
wcase("equal-means", c(1, 2, 3, 4, 5), c(2, 3, 4), 0.95)
wcase("large-offset", 1e6 + c(0.1, 0.4, 0.2, 0.35), 1e6 + c(0.15, 0.3, 0.05), 0.95)
wcase("x-constant", c(4, 4, 4, 4), c(1, 2, 3), 0.95)
wcase("both-constant", c(4, 4, 4), c(2, 2, 2), 0.95)
wcase("x-n=1", c(3), c(1, 2, 3), 0.95)
wcase("y-n=1", c(1, 2, 3), c(3), 0.95)
flush("welch.csv")

# ---------------------------------------------------------------------------
# proptest2.csv: two proportions without continuity correction. The interval
# is for k/n - kc/nc; the p-value is the two-sided chi-squared test.
pcase <- function(name, k, n, kc, nc, conf) {
  r <- attempt(prop.test(c(k, kc), c(n, nc), conf.level = conf, correct = FALSE))
  v <- r$value
  add(case = name, k = k, n = n, kc = kc, nc = nc, conf = num(conf),
      difference = num(k / n - kc / nc), statistic = num(v$statistic),
      p_value = num(v$p.value), diff_low = num(v$conf.int[1]), diff_high = num(v$conf.int[2]),
      error = r$error, warning = r$warning)
}
for (n in c(5, 8, 12, 30, 60, 250, 2000)) {
  for (nc in c(5, 20, 80)) {
    i <- i + 1
    k <- rbinom(1, n, 0.6)
    kc <- rbinom(1, nc, 0.4)
    pcase(sprintf("binom/n=%d/nc=%d", n, nc), k, n, kc, nc, confs[i %% 3 + 1])
  }
}
pcase("comparison-no-successes/0.95", 12, 20, 0, 15, 0.95)
pcase("comparison-no-successes/0.90", 12, 20, 0, 15, 0.90)
pcase("comparison-all-successes", 12, 20, 15, 15, 0.95)
pcase("both-all", 20, 20, 15, 15, 0.95)
pcase("both-none", 0, 20, 0, 15, 0.95)
pcase("equal", 10, 20, 5, 10, 0.95)
pcase("at-min-n", 6, 10, 3, 10, 0.95)
pcase("at-min-cell", 3, 5, 1, 5, 0.90)
pcase("widest", 1, 1, 0, 1, 0.99)
flush("proptest2.csv")
