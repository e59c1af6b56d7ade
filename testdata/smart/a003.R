# a003.R: golden values for the A003 rule of the SMART lint ("too few people
# to see the change asked for"), written to testdata/smart/a003.csv.
#
# Run from the repository root:  Rscript testdata/smart/a003.R
#
# Each case is one goal: its measure (mean, paired_change or proportion), the
# n it is judged at, the standard deviation behind a mean or paired change and
# where that comes from, the project's confidence, the baseline and the
# direction. `delta` is the minimum detectable change at 80 % power, which
# smart/a003_test.go drives through the lint: the lint must find the same
# number (to 1e-6) and warn exactly when the change asked for is smaller.
#
# sd_source says where the lint takes the standard deviation from:
#   data     the SD of the values (or differences) in the data, with n the
#            current n of the data
#   swemwbs  no data: a quarter of the range of SWEMWBS's metric score 7-35 = 7,
#            with n = expected_n
#   mean5    no data: a quarter of the range of a mean of 1-5 items = 1
#   sum4x5   no data: a quarter of the range of a sum of four 1-5 items = 4
#   (none)   a proportion, which needs no SD
#
# Means and paired changes:
#   power.t.test(n, sd, sig.level = 1 - conf, power = 0.8, type = type,
#                alternative = "one.sided", tol = 1e-13)$delta
# (R's default tol, about 1.2e-4, is too loose for a golden value).
#
# Proportions: R has no one-sample power function, so the normal
# approximation of the spec is solved with uniroot: a one-sided z test at
# level 1 - conf from p0 on n answers has at p1 = p0 + delta (increase) or
# p0 - delta (decrease) the power
#   pnorm((delta sqrt(n) - qnorm(conf) sqrt(p0 (1 - p0))) / sqrt(p1 (1 - p1)))
# and delta is where it reaches 0.8.

outdir <- file.path("testdata", "smart")
rows <- list()
num <- function(x) sprintf("%.17g", x)
add <- function(...) rows[[length(rows) + 1]] <<- data.frame(..., stringsAsFactors = FALSE)

t_delta <- function(n, sd, conf, type) {
  power.t.test(n = n, sd = sd, sig.level = 1 - conf, power = 0.8, type = type,
               alternative = "one.sided", tol = 1e-13)$delta
}

prop_delta <- function(p0, n, conf, direction) {
  room <- if (direction == "increase") 1 - p0 else p0
  power <- function(d) {
    p1 <- if (direction == "increase") p0 + d else p0 - d
    pnorm((d * sqrt(n) - qnorm(conf) * sqrt(p0 * (1 - p0))) / sqrt(p1 * (1 - p1)))
  }
  if (power(room) < 0.8) return(Inf)
  uniroot(function(d) power(d) - 0.8, c(0, room), tol = 1e-15, maxiter = 5000)$root
}

confs <- c(0.9, 0.95, 0.99)
directions <- c("increase", "decrease")

# Means and paired changes with the SD of the data, at the current n.
sds <- c(0.8, 2.5, 4.2, 11)
i <- 0
for (type in c("one.sample", "paired")) {
  for (n in c(5, 12, 30, 60, 150)) {
    for (conf in confs) {
      i <- i + 1
      sd <- sds[i %% length(sds) + 1]
      direction <- directions[i %% 2 + 1]
      kind <- if (type == "one.sample") "mean" else "paired_change"
      baseline <- if (kind == "mean") 50 else 0
      add(case = sprintf("%s/data/n=%d/sd=%g/conf=%g/%s", kind, n, sd, conf, direction),
          kind = kind, sd_source = "data", n = num(n), sd = num(sd), conf = num(conf),
          baseline = num(baseline), direction = direction, delta = num(t_delta(n, sd, conf, type)))
    }
  }
}

# Means and paired changes before any data: the SD from the instrument's
# scale, at expected_n.
scales <- list(swemwbs = list(sd = 7, baseline = 21), mean5 = list(sd = 1, baseline = 3),
               sum4x5 = list(sd = 4, baseline = 12))
for (source in names(scales)) {
  for (type in c("one.sample", "paired")) {
    for (n in c(20, 60, 200)) {
      for (conf in c(0.9, 0.95)) {
        i <- i + 1
        sd <- scales[[source]]$sd
        kind <- if (type == "one.sample") "mean" else "paired_change"
        baseline <- if (kind == "mean") scales[[source]]$baseline else 0
        direction <- directions[i %% 2 + 1]
        add(case = sprintf("%s/%s/n=%d/conf=%g/%s", kind, source, n, conf, direction),
            kind = kind, sd_source = source, n = num(n), sd = num(sd), conf = num(conf),
            baseline = num(baseline), direction = direction, delta = num(t_delta(n, sd, conf, type)))
      }
    }
  }
}

# Proportions, from the baseline in the goal's direction. Cases whose
# target would leave 0..1 are left out: the lint reports those as M003.
for (p0 in c(0.1, 0.25, 0.5, 0.8)) {
  for (n in c(10, 40, 150, 600)) {
    for (direction in directions) {
      i <- i + 1
      conf <- confs[i %% 3 + 1]
      delta <- prop_delta(p0, n, conf, direction)
      room <- if (direction == "increase") 1 - p0 else p0
      if (!is.finite(delta) || delta * 1.001 > room) next
      add(case = sprintf("proportion/p0=%g/n=%d/conf=%g/%s", p0, n, conf, direction),
          kind = "proportion", sd_source = "", n = num(n), sd = "", conf = num(conf),
          baseline = num(p0), direction = direction, delta = num(delta))
    }
  }
}

out <- do.call(rbind, rows)
write.csv(out, file.path(outdir, "a003.csv"), row.names = FALSE)
writeLines(R.version.string, file.path(outdir, "r-version.txt"))
