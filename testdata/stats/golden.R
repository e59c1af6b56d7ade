# golden.R writes the golden values that package stats is tested against:
# one CSV per method, next to this script, every number printed with
# sprintf("%.17g") so that it reads back as the same double.
#
# Run from the repository root with `make golden` (or
# `Rscript testdata/stats/golden.R`). The output depends only on R and on the
# seed below; the R version is written to r-version.txt.
#
# Columns: `case` names the case; inputs come next; vectors are joined with
# ";"; `error` holds R's error message when R refused the input (the Go side
# must refuse it too) and `warning` any warning R gave.

set.seed(20240611)

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(script) else "testdata/stats"

num <- function(x) if (is.null(x)) "NA" else sprintf("%.17g", x)
vec <- function(x) paste(sprintf("%.17g", x), collapse = ";")

# attempt evaluates expr and returns its value, R's error message and any
# warnings, so that edge cases are recorded rather than stop the script.
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
# proportion.csv: Wilson and Clopper-Pearson intervals.
#   prop.test(k, n, conf.level = conf, correct = FALSE)$conf.int
#   binom.test(k, n, conf.level = conf)$conf.int
for (n in c(1, 2, 3, 5, 10, 30, 100, 1000, 1e6)) {
  for (k in unique(c(0, 1, floor(n / 3), n - 1, n))) {
    if (k < 0 || k > n) next
    for (conf in c(0.90, 0.95, 0.99)) {
      w <- attempt(prop.test(k, n, conf.level = conf, correct = FALSE)$conf.int)
      cp <- attempt(binom.test(k, n, conf.level = conf)$conf.int)
      add(case = sprintf("k=%g/n=%g/conf=%g", k, n, conf), k = num(k), n = num(n),
          conf = num(conf), wilson_low = num(w$value[1]), wilson_high = num(w$value[2]),
          cp_low = num(cp$value[1]), cp_high = num(cp$value[2]),
          error = paste0(w$error, cp$error))
    }
  }
}
for (conf in c(0.5, 0.8, 0.999)) {
  w <- attempt(prop.test(7, 19, conf.level = conf, correct = FALSE)$conf.int)
  cp <- attempt(binom.test(7, 19, conf.level = conf)$conf.int)
  add(case = sprintf("k=7/n=19/conf=%g", conf), k = "7", n = "19", conf = num(conf),
      wilson_low = num(w$value[1]), wilson_high = num(w$value[2]),
      cp_low = num(cp$value[1]), cp_high = num(cp$value[2]), error = "")
}
w <- attempt(prop.test(0, 0, correct = FALSE)$conf.int)
cp <- attempt(binom.test(0, 0)$conf.int)
add(case = "k=0/n=0", k = "0", n = "0", conf = "0.95", wilson_low = "NA", wilson_high = "NA",
    cp_low = "NA", cp_high = "NA", error = paste(w$error, cp$error, sep = " / "))
flush("proportion.csv")

# ---------------------------------------------------------------------------
# binomtest.csv: exact binomial test against p0.
#   binom.test(k, n, p = p0, alternative = alternative)$p.value
binom_cases <- list(
  c(0, 1, 0.5), c(1, 1, 0.5), c(0, 2, 0.3), c(2, 2, 0.3), c(1, 2, 0.5),
  c(3, 10, 0.3), c(7, 10, 0.5), c(10, 10, 0.9), c(0, 10, 0.01),
  c(12, 30, 0.5), c(25, 30, 0.6), c(30, 30, 0.99),
  c(60, 100, 0.5), c(45, 100, 0.5), c(50, 100, 0.5), c(1, 100, 0.2),
  c(990, 1000, 0.5), c(1000, 1000, 0.5), c(0, 1000, 0.5), c(700, 1000, 0.68),
  c(5, 20, 0), c(0, 20, 0), c(20, 20, 1), c(19, 20, 1),
  c(333, 1000, 1 / 3), c(3, 7, 0.8), c(500000, 1e6, 0.4995), c(17, 40, 0.25))
for (bc in binom_cases) {
  for (alt in c("greater", "less", "two.sided")) {
    r <- attempt(binom.test(bc[1], bc[2], p = bc[3], alternative = alt)$p.value)
    add(case = sprintf("k=%g/n=%g/p0=%g/%s", bc[1], bc[2], bc[3], alt), k = num(bc[1]),
        n = num(bc[2]), p0 = num(bc[3]), alternative = alt, p_value = num(r$value),
        error = r$error)
  }
}
flush("binomtest.csv")

# ---------------------------------------------------------------------------
# beta.csv: posterior probability that the target is met, Beta(1,1) prior.
#   increase (greater): 1 - pbeta(target, k+1, n-k+1), computed as the upper
#   tail pbeta(..., lower.tail = FALSE) so that tiny values keep their digits;
#   decrease (less):    pbeta(target, k+1, n-k+1).
beta_cases <- list(
  c(0, 0, 0.3), c(0, 1, 0.5), c(1, 1, 0.5), c(1, 2, 0.5), c(3, 10, 0.25),
  c(7, 10, 0.6), c(10, 10, 0.9), c(0, 10, 0.1), c(25, 30, 0.7), c(45, 100, 0.5),
  c(80, 100, 0.7), c(0, 1000, 0.5), c(1000, 1000, 0.5), c(300, 1000, 0.3),
  c(5, 20, 0), c(5, 20, 1), c(1, 3, 0.999), c(2, 3, 0.001), c(499, 1000, 0.5),
  c(123, 456, 0.27))
for (bc in beta_cases) {
  k <- bc[1]; n <- bc[2]; target <- bc[3]
  add(case = sprintf("k=%g/n=%g/target=%g/greater", k, n, target), k = num(k), n = num(n),
      target = num(target), alternative = "greater",
      prob = num(pbeta(target, k + 1, n - k + 1, lower.tail = FALSE)))
  add(case = sprintf("k=%g/n=%g/target=%g/less", k, n, target), k = num(k), n = num(n),
      target = num(target), alternative = "less",
      prob = num(pbeta(target, k + 1, n - k + 1)))
}
flush("beta.csv")

# ---------------------------------------------------------------------------
# ttest.csv: one-sample t test, t interval, prob_target_met and Cohen's d.
# The paired form is the same test on d = post - pre; paired.csv checks it.
#   t.test(x, mu = mu, alternative = alternative)   -> statistic, df, p_value
#   t.test(x, conf.level = conf)$conf.int           -> ci_low, ci_high
#   pt((mean(x) - mu) / se, n - 1) (greater), pt((mu - mean(x)) / se, n - 1) (less)
#   mean(x) / sd(x)                                 -> effect
tcase <- function(name, x, mu, alt, conf) {
  r <- attempt(t.test(x, mu = mu, alternative = alt))
  ci <- attempt(t.test(x, conf.level = conf)$conf.int)
  se <- sd(x) / sqrt(length(x))
  prob <- switch(alt, greater = pt((mean(x) - mu) / se, length(x) - 1),
                 less = pt((mu - mean(x)) / se, length(x) - 1), NA)
  add(case = name, x = vec(x), mu = num(mu), alternative = alt, conf = num(conf),
      estimate = num(mean(x)), statistic = num(r$value$statistic),
      df = num(r$value$parameter), p_value = num(r$value$p.value),
      ci_low = num(ci$value[1]), ci_high = num(ci$value[2]),
      prob = num(prob), effect = num(mean(x) / sd(x)),
      error = r$error, warning = r$warning)
}
alts <- c("greater", "less", "two.sided")
confs <- c(0.90, 0.95, 0.99)
i <- 0
for (n in c(2, 3, 5, 8, 12, 20, 30, 50, 100, 1000)) {
  x <- round(rnorm(n, mean = 14, sd = 3), 2)
  for (mu in c(13, 15)) {
    i <- i + 1
    tcase(sprintf("normal/n=%d/mu=%g/%s", n, mu, alts[i %% 3 + 1]), x, mu,
          alts[i %% 3 + 1], confs[i %% 3 + 1])
  }
}
x <- rnorm(100, mean = 5, sd = 1)
for (alt in alts) tcase(sprintf("tiny-p/%s", alt), x, 0, alt, 0.95)
x <- rnorm(40, mean = 0.3, sd = 0.8)
for (alt in alts) tcase(sprintf("small-effect/%s", alt), x, 0.3, alt, 0.99)
tcase("mean-equals-mu", c(1, 2, 3, 4, 5), 3, "greater", 0.95)
tcase("large-offset", 1e6 + c(0.1, 0.4, 0.2, 0.35, 0.15, 0.3), 1e6 + 0.2, "greater", 0.95)
tcase("likert-swemwbs", c(21.54, 23.21, 19.98, 25.03, 17.43, 22.35, 24.11, 20.73, 26.02),
      20, "greater", 0.95)
tcase("negative", c(-3.2, -1.5, -2.8, -0.9, -2.2, -1.1, -4.0), -1, "less", 0.9)
tcase("constant-nonzero", c(4, 4, 4, 4), 3, "greater", 0.95)
tcase("constant-zero", c(0, 0, 0), 1, "greater", 0.95)
tcase("n=1", c(3.5), 3, "greater", 0.95)
flush("ttest.csv")

# ---------------------------------------------------------------------------
# paired.csv: the paired forms, from post and pre.
#   t.test(post, pre, paired = TRUE, conf.level = conf)$conf.int -> ci_low, ci_high
#   t.test(post - pre, mu = target, alternative = alternative)$p.value -> p_value
#   t.test(post, pre, paired = TRUE)$p.value                   -> p_zero
#   mean(d) / sd(d)                                            -> effect
pcase <- function(name, post, pre, target, alt, conf) {
  d <- post - pre
  r <- attempt(t.test(d, mu = target, alternative = alt)$p.value)
  ci <- attempt(t.test(post, pre, paired = TRUE, conf.level = conf)$conf.int)
  z <- attempt(t.test(post, pre, paired = TRUE)$p.value)
  add(case = name, post = vec(post), pre = vec(pre), target = num(target), alternative = alt,
      conf = num(conf), estimate = num(mean(d)), p_value = num(r$value),
      ci_low = num(ci$value[1]), ci_high = num(ci$value[2]), p_zero = num(z$value),
      effect = num(mean(d) / sd(d)), error = paste0(r$error, ci$error, z$error),
      warning = paste0(r$warning, ci$warning, z$warning))
}
i <- 0
for (n in c(2, 3, 5, 6, 10, 15, 25, 40, 60, 200)) {
  pre <- sample(14:70, n, replace = TRUE) / 2
  post <- pre + round(rnorm(n, mean = 1.5, sd = 3), 1)
  for (target in c(0, 2)) {
    i <- i + 1
    pcase(sprintf("pairs/n=%d/target=%g/%s", n, target, alts[i %% 3 + 1]), post, pre,
          target, alts[i %% 3 + 1], confs[i %% 3 + 1])
  }
}
pre <- runif(80, 10, 20)
post <- pre + 3 + rnorm(80, sd = 0.5)
for (alt in alts) pcase(sprintf("strong-change/%s", alt), post, pre, 0, alt, 0.95)
pcase("constant-change", c(5, 6, 7, 8), c(4, 5, 6, 7), 0.5, "greater", 0.95)
pcase("no-change", c(5, 6, 7), c(5, 6, 7), 0, "greater", 0.95)
pcase("n=1", c(5), c(3), 0, "greater", 0.95)
pcase("two-pairs", c(12, 15), c(10, 14), 1, "greater", 0.9)
pcase("decrease", c(3.1, 2.2, 4.0, 1.8, 2.5, 3.3), c(4.0, 3.1, 4.2, 3.5, 2.9, 4.4), -0.5,
      "less", 0.99)
pcase("swemwbs-change", c(23.21, 25.03, 21.54, 26.02, 19.98, 24.11, 22.35, 27.03),
      c(20.73, 22.35, 21.54, 23.21, 19.25, 21.54, 20.73, 24.11), 1, "greater", 0.95)
pcase("minus-zero-target", c(10, 11, 9.5, 12, 10.5), c(10.2, 10.1, 9.9, 11.1, 10.0), 0,
      "two.sided", 0.95)
flush("paired.csv")

# ---------------------------------------------------------------------------
# signedrank.csv: Wilcoxon signed-rank test on pairs, R's defaults.
#   wilcox.test(post, pre, paired = TRUE, alternative = alternative)
wcase <- function(name, post, pre, alt = "two.sided") {
  r <- attempt(wilcox.test(post, pre, paired = TRUE, alternative = alt))
  add(case = name, post = vec(post), pre = vec(pre), alternative = alt,
      statistic = num(r$value$statistic), p_value = num(r$value$p.value),
      exact = if (is.null(r$value)) "NA" else as.character(grepl("exact", r$value$method)),
      error = r$error, warning = r$warning)
}
for (n in c(1, 2, 3, 4, 5, 7, 10, 15, 20, 30, 49)) {
  pre <- runif(n, 0, 10)
  post <- pre + rnorm(n, mean = 0.8, sd = 2)
  wcase(sprintf("exact/n=%d", n), post, pre)
}
pre <- runif(12, 0, 10)
post <- pre + rnorm(12, mean = 1, sd = 2)
for (alt in c("greater", "less")) wcase(sprintf("exact/n=12/%s", alt), post, pre, alt)
wcase("exact/all-positive/n=30", (1:30) + 0.5, rep(0, 30))
wcase("exact/all-negative/n=25", rep(0, 25), (1:25) / 7)
wcase("exact/all-positive/n=8/greater", (1:8) / 3, rep(0, 8), "greater")
for (n in c(50, 51, 100, 300)) {
  pre <- runif(n, 0, 10)
  post <- pre + rnorm(n, mean = 0.3, sd = 2)
  wcase(sprintf("normal/n=%d", n), post, pre)
}
wcase("normal/n=60/greater", (1:60) / 10 - 1, rep(0, 60), "greater")
wcase("normal/n=60/less", (1:60) / 10 - 1, rep(0, 60), "less")
wcase("normal/all-positive/n=200", (1:200) / 4, rep(0, 200))
ties <- function(n) sample(-3:5, n, replace = TRUE)
for (n in c(4, 8, 12, 20, 35, 60)) {
  pre <- sample(10:30, n, replace = TRUE)
  wcase(sprintf("ties-and-zeros/n=%d", n), pre + ties(n), pre)
}
wcase("ties/no-zeros", c(2, 3, 4, 1, 5, 3), c(1, 1, 2, 0, 2, 2))
wcase("ties/no-zeros/greater", c(2, 3, 4, 1, 5, 3), c(1, 1, 2, 0, 2, 2), "greater")
wcase("zeros/no-ties", c(1, 2, 3, 4, 5.5, 7), c(1, 1.2, 3, 2.5, 2, 7))
wcase("zeros/no-ties/less", c(1, 2, 3, 4, 5.5, 7), c(1, 1.2, 3, 2.5, 2, 7), "less")
wcase("constant-change", c(5, 6, 7, 8, 9), c(4, 5, 6, 7, 8))
wcase("one-non-zero", c(5, 6, 7), c(5, 6, 6))
wcase("all-zero", c(5, 6, 7), c(5, 6, 7))
wcase("n=1", c(4), c(3))
wcase("float-differences", c(0.3, 0.5, 0.9, 1.2), c(0.1, 0.2, 0.6, 1))
flush("signedrank.csv")

# ---------------------------------------------------------------------------
# holm.csv: p.adjust(p, "holm"); NA entries are skipped and kept as NA.
hcase <- function(name, p) add(case = name, p = vec(p), adjusted = vec(p.adjust(p, "holm")))
hcase("single", 0.03)
hcase("single-NA", NA)
hcase("empty-after-NA", c(NA, NA))
hcase("two", c(0.01, 0.04))
hcase("ties", c(0.02, 0.02, 0.02, 0.5))
hcase("zero-and-one", c(0, 1, 0.5, 0.001))
hcase("capped-at-one", c(0.4, 0.6, 0.9))
hcase("tiny", c(1e-300, 2e-200, 3e-12, 0.04))
hcase("with-NA", c(0.01, NA, 0.04, 0.03, NA))
hcase("monotone-fix", c(0.001, 0.0011, 0.2, 0.0105))
for (n in c(3, 5, 8, 13, 21)) {
  for (rep in 1:4) {
    p <- signif(runif(n)^3, 6)
    if (rep == 3) p[sample(n, 1)] <- NA
    if (rep == 4) p <- p / 1000
    hcase(sprintf("random/n=%d/%d", n, rep), p)
  }
}
flush("holm.csv")

# ---------------------------------------------------------------------------
# ols.csv: predict(lm(y ~ t), data.frame(t = at), interval = "prediction", level = conf)
ocase <- function(name, t, y, at, conf) {
  r <- attempt({
    fit <- lm(y ~ t)
    list(coef = coef(fit),
         pred = predict(fit, data.frame(t = at), interval = "prediction", level = conf))
  })
  add(case = name, t = vec(t), y = vec(y), at = num(at), conf = num(conf),
      intercept = num(r$value$coef[1]), slope = num(r$value$coef[2]),
      fit = num(r$value$pred[1, "fit"]), lwr = num(r$value$pred[1, "lwr"]),
      upr = num(r$value$pred[1, "upr"]), error = r$error, warning = r$warning)
}
i <- 0
for (n in c(3, 4, 5, 6, 8, 12, 24, 36)) {
  t <- sort(19000 + sample(0:720, n))
  y <- 40 + 0.05 * (t - 19000) + rnorm(n, sd = 3)
  for (ahead in c(30, 365)) {
    i <- i + 1
    ocase(sprintf("days/n=%d/ahead=%d/conf=%g", n, ahead, confs[i %% 3 + 1]), t, y,
          max(t) + ahead, confs[i %% 3 + 1])
  }
}
for (conf in confs) {
  t <- 0:11
  y <- 200 - 3 * t + rnorm(12, sd = 5)
  ocase(sprintf("months/decreasing/conf=%g", conf), t, y, 18, conf)
}
ocase("cumulative-counts", c(19000, 19031, 19059, 19090, 19120),
      c(12, 30, 41, 66, 80), 19358, 0.95)
ocase("at-the-mean", c(1, 2, 3, 4, 5), c(2.1, 3.9, 6.2, 7.8, 10.1), 3, 0.95)
ocase("inside-the-range", c(1, 2, 3, 4, 5), c(2.1, 3.9, 6.2, 7.8, 10.1), 1.5, 0.9)
ocase("far-extrapolation", c(1, 2, 3, 4, 5), c(2.1, 3.9, 6.2, 7.8, 10.1), 500, 0.99)
ocase("perfect-fit", c(1, 2, 3, 4), c(3, 5, 7, 9), 10, 0.95)
ocase("unsorted", c(5, 1, 4, 2, 3), c(10.1, 2.1, 7.8, 3.9, 6.2), 8, 0.95)
ocase("quarters/conf=0.99", c(0, 91, 182, 273, 365, 456), c(0.41, 0.44, 0.43, 0.49, 0.52, 0.55),
      730, 0.99)
ocase("negative-slope-days", 19500 + c(0, 30, 61, 91, 122, 152, 183),
      c(310, 296, 301, 280, 271, 265, 250), 19500 + 400, 0.9)
ocase("ties-in-t", c(1, 1, 2, 2, 3, 3), c(5.2, 4.8, 6.1, 6.5, 7.4, 7.0), 6, 0.95)
ocase("n=2", c(1, 2), c(3, 5), 4, 0.95)
ocase("constant-t", c(7, 7, 7, 7), c(1, 2, 3, 4), 9, 0.95)
flush("ols.csv")

# ---------------------------------------------------------------------------
# quantile.csv: quantile(x, prob, type = 7)
qcase <- function(name, x, prob) add(case = name, x = vec(x), prob = num(prob),
                                      value = num(unname(quantile(x, prob, type = 7))))
probs <- c(0, 0.05, 0.25, 0.5, 0.75, 0.95, 1)
for (p in probs) qcase(sprintf("n=1/p=%g", p), 42, p)
for (p in probs) qcase(sprintf("n=2/p=%g", p), c(3, -1), p)
x <- round(rexp(10, 0.2), 1)
x[3] <- x[7]
for (p in probs) qcase(sprintf("ties/n=10/p=%g", p), x, p)
x <- rnorm(1001, mean = 1.3, sd = 0.4)
for (p in c(probs, 0.001, 0.999, 1 / 3)) qcase(sprintf("n=1001/p=%g", p), x, p)
x <- rlnorm(10000, 0.2, 0.5)
for (p in c(0.05, 0.5, 0.95)) qcase(sprintf("sroi-like/n=10000/p=%g", p), x, p)
flush("quantile.csv")

# ---------------------------------------------------------------------------
# triangular.csv: the quantile of triangular(low, mid, high) at u, found
# without its closed-form inverse: uniroot on the distribution function.
ptri <- function(x, a, c, b) {
  if (x <= a) return(0)
  if (x >= b) return(1)
  if (x <= c) (x - a)^2 / ((b - a) * (c - a)) else 1 - (b - x)^2 / ((b - a) * (b - c))
}
tri_cases <- list(c(0, 0.5, 1), c(0.1, 0.2, 0.4), c(100, 250, 600), c(0, 0, 1),
                  c(0, 1, 1), c(-2, 3, 5), c(0.05, 0.1, 0.3), c(1000, 1200, 1250))
for (tc in tri_cases) {
  a <- tc[1]; c <- tc[2]; b <- tc[3]
  for (u in c(0, 0.001, 0.05, 0.3, (c - a) / (b - a), 0.5, 0.8, 0.95, 0.999, 1)) {
    q <- if (u == 0) a else if (u == 1) b else
      uniroot(function(x) ptri(x, a, c, b) - u, c(a, b), tol = 1e-15 * max(abs(c(a, b))),
              maxiter = 5000)$root
    add(case = sprintf("tri(%g,%g,%g)/u=%g", a, c, b, u), low = num(a), mid = num(c),
        high = num(b), u = num(u), quantile = num(q))
  }
}
flush("triangular.csv")

# ---------------------------------------------------------------------------
# powerprop.csv: minimum detectable change of a proportion at 80 % power.
# One-sided z test at level 1 - conf from p0 on n answers; the power at
# p1 = p0 + delta (greater) or p0 - delta (less) is
#   pnorm((delta * sqrt(n) - qnorm(conf) * sqrt(p0 (1 - p0))) / sqrt(p1 (1 - p1)))
# and the MDC is the delta at which it reaches 0.8 (Inf when even p1 = 1 or 0
# does not reach it).
mdc_prop <- function(p0, n, conf, alt) {
  room <- if (alt == "greater") 1 - p0 else p0
  power <- function(d) {
    p1 <- if (alt == "greater") p0 + d else p0 - d
    pnorm((d * sqrt(n) - qnorm(conf) * sqrt(p0 * (1 - p0))) / sqrt(p1 * (1 - p1)))
  }
  if (room <= 0 || power(room) < 0.8) return(Inf)
  lower <- if (p0 == 0 || p0 == 1) 1e-15 else 0
  uniroot(function(d) power(d) - 0.8, c(lower, room), tol = 1e-15, maxiter = 5000)$root
}
for (p0 in c(0, 0.05, 0.3, 0.5, 0.8, 0.97, 1)) {
  for (n in c(1, 5, 20, 100, 2000)) {
    for (alt in c("greater", "less")) {
      conf <- confs[(n + round(100 * p0)) %% 3 + 1]
      add(case = sprintf("p0=%g/n=%d/conf=%g/%s", p0, n, conf, alt), p0 = num(p0), n = num(n),
          conf = num(conf), alternative = alt, delta = num(mdc_prop(p0, n, conf, alt)))
    }
  }
}
flush("powerprop.csv")

# ---------------------------------------------------------------------------
# powert.csv: minimum detectable mean or paired change at 80 % power,
#   power.t.test(n = n, sd = sd, sig.level = 1 - conf, power = 0.8,
#                type = type, alternative = "one.sided", tol = 1e-13)$delta
# R's default tol (.Machine$double.eps^0.25, about 1.2e-4 absolute) is too
# loose for a golden value; `delta_default_tol` records what it gives.
powercase <- function(n, sd, conf, type) {
  r <- attempt(power.t.test(n = n, sd = sd, sig.level = 1 - conf, power = 0.8, type = type,
                            alternative = "one.sided", tol = 1e-13)$delta)
  d <- attempt(power.t.test(n = n, sd = sd, sig.level = 1 - conf, power = 0.8, type = type,
                            alternative = "one.sided")$delta)
  add(case = sprintf("n=%g/sd=%g/conf=%g/%s", n, sd, conf, type), n = num(n), sd = num(sd),
      conf = num(conf), type = type, delta = num(r$value), delta_default_tol = num(d$value),
      error = r$error, warning = r$warning)
}
for (n in c(2, 3, 4, 5, 8, 10, 20, 30, 50, 100, 400, 5000)) {
  for (conf in confs) powercase(n, c(1, 3.2, 0.15)[n %% 3 + 1], conf, c("one.sample", "paired")[n %% 2 + 1])
}
# n = 2 near conf 0.989 puts the root near noncentrality 37.6-38.6, where R
# switches to a normal approximation of the noncentral t.
for (conf in c(0.8, 0.975, 0.98, 0.985, 0.9885, 0.9888, 0.9889, 0.989)) {
  powercase(2, 1, conf, "paired")
}
powercase(500000, 2, 0.95, "one.sample")
powercase(1, 1, 0.95, "one.sample")
powercase(10, 0, 0.95, "paired")
flush("powert.csv")

writeLines(R.version.string, file.path(outdir, "r-version.txt"))
