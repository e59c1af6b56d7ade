# make.R writes the golden figures of `impact evaluate` for the hand-made
# projects in this folder: for each case, expected.csv with one row per
# figure (subject, field, value, tol), every number printed with
# sprintf("%.17g") so that it reads back as the same double. "NA" is a
# figure that must be null.
#
# Run from the repository root with `Rscript testdata/evaluate/make.R`
# (R 4.2, base R only; the R version is written to r-version.txt). This script is the
# oracle: it reads the same CSV files the Go test loads into the store and
# computes every figure its own way, with R's own statistics (prop.test,
# binom.test, t.test, wilcox.test, pbeta, pt, lm/predict, p.adjust), from the
# definitions of the spec (statistics.md, project-file.md):
#
#   - rows dated after the as-of date are left out; undated costs are kept;
#   - the register: participants who started on or before the as-of date
#     (or have no start date), the last line winning for a repeated id;
#   - a proportion uses each participant's latest row (by date, then line);
#   - an instrument's response is one line of a wide file, or the answers of
#     one participant, wave and date of a long file; it has a score when
#     each item is there once and answered; the latest response in a wave
#     (by date, then line) gives the participant's score there;
#   - groups under min_cell are suppressed, and when exactly one is, the
#     next smallest too.

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- if (length(script) == 1) dirname(script) else "testdata/evaluate"

writeLines(R.version.string, file.path(root, "r-version.txt"))

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "NA" else sprintf("%.17g", x)

rows <- NULL
# out records one expected figure of a subject (see cmd/impact/evaluate_test.go).
out <- function(subject, field, value, tol = 1e-9) {
  text <- if (is.null(value) || length(value) == 0) "NA"
          else if (is.logical(value)) (if (is.na(value)) "NA" else if (value) "TRUE" else "FALSE")
          else if (is.character(value)) value
          else num(value)
  rows <<- rbind(rows, data.frame(subject = subject, field = field, value = text,
                                  tol = sprintf("%g", tol), stringsAsFactors = FALSE))
}
flush <- function(case) {
  write.csv(rows, file.path(root, case, "expected.csv"), row.names = FALSE)
  cat(sprintf("%-12s %4d figures\n", case, nrow(rows)))
  rows <<- NULL
}

# read returns a case's table with its CSV line numbers (the header is line 1).
read <- function(case, table) {
  f <- file.path(root, case, "data", paste0(table, ".csv"))
  if (!file.exists(f)) return(NULL)
  d <- read.csv(f, stringsAsFactors = FALSE, na.strings = "", colClasses = "character")
  d$line <- seq_len(nrow(d)) + 1
  for (col in intersect(c("date", "start_date"), names(d))) d[[col]] <- as.Date(d[[col]])
  for (col in intersect(c("value", "new_contacts", "months_after", "hours", "rate", "amount"), names(d))) d[[col]] <- as.numeric(d[[col]])
  for (col in intersect(c("interview", "offer", "hired"), names(d))) d[[col]] <- d[[col]] == "true"
  d
}

# C-locale order, as Go sorts strings.
csort <- function(x) sort(unique(x), method = "radix")

# people is the register at the as-of date.
people <- function(p, asof) {
  if (is.null(p)) return(data.frame(participant = character(), target_group = character(), gender = character(), cohort = character()))
  p <- p[is.na(p$start_date) | p$start_date <= asof, ]
  p <- p[order(p$line), ]
  p[!duplicated(p$participant, fromLast = TRUE), ]
}
attribute <- function(pp, ids, dim) {
  v <- pp[[dim]][match(ids, pp$participant)]
  v[is.na(v)] <- "unknown"
  v
}
in_group <- function(pp, ids, tg) {
  v <- pp$target_group[match(ids, pp$participant)]
  !is.na(v) & v == tg
}

# suppress returns which groups of one dimension are hidden.
suppress <- function(n, min_cell) {
  hidden <- n > 0 & n < min_cell
  if (sum(hidden) == 1) {
    candidates <- which(!hidden & n > 0)
    if (length(candidates) > 0) hidden[candidates[which.min(n[candidates])]] <- TRUE
  }
  hidden
}

reaches <- function(x, target, direction) if (direction == "increase") x >= target else x <= target

census_status <- function(has_rows, estimate, target, direction) {
  if (is.null(target)) return("no_target")
  if (!has_rows || is.na(estimate)) return("no_data")
  if (reaches(estimate, target, direction)) "met" else "not_met"
}

# sampled_status judges on the interval; without one (no spread), by the
# estimate alone.
sampled_status <- function(n, estimate, low, high, target, direction, min_n) {
  if (is.null(target)) return("no_target")
  if (n == 0) return("no_data")
  if (n < min_n) return("insufficient_data")
  s <- if (direction == "increase") 1 else -1
  if (!is.na(low) && !is.na(high)) {
    lo <- min(s * low, s * high); hi <- max(s * low, s * high)
    if (lo >= s * target) return("met")
    if (hi < s * target) return("not_met")
  }
  if (s * estimate >= s * target) "likely_met" else "likely_not_met"
}

# forecast fits the points and predicts at the deadline; a deadline on or
# before the as-of date has passed and gets no forecast (memo.md).
forecast <- function(id, dates, values, deadline, conf, target, direction, asof) {
  if (length(dates) < 3 || as.Date(deadline) <= asof) {
    out(id, "forecast", NULL)
    return(invisible())
  }
  t <- as.numeric(dates)
  fit <- lm(values ~ t)
  p <- predict(fit, data.frame(t = as.numeric(as.Date(deadline))), interval = "prediction", level = conf)
  f <- paste0(id, "/forecast")
  out(f, "at", deadline)
  out(f, "value", p[1])
  out(f, "pi_low", p[2])
  out(f, "pi_high", p[3])
  out(f, "on_track", !is.null(target) && reaches(p[1], target, direction))
  out(f, "points", length(dates))
}

series <- function(id, labels, dates, values, n = NULL) {
  for (i in seq_along(labels)) {
    s <- paste0(id, "/series/", labels[i])
    out(s, "date", format(dates[i]))
    out(s, "value", values[i])
    if (!is.null(n)) out(s, "n", n[i])
  }
}

# cumulative returns, at each date, how many keys were first seen on or
# before it.
cumulative <- function(keys, dates, at) {
  first <- tapply(dates, keys, min)
  sapply(at, function(a) sum(first <= as.numeric(a)))
}

month_end <- function(d) {
  first <- as.Date(format(d, "%Y-%m-01"))
  as.Date(sapply(first, function(f) seq(f, by = "month", length.out = 2)[2] - 1), origin = "1970-01-01")
}
quarter_end <- function(d) {
  m <- as.integer(format(d, "%m"))
  first <- as.Date(sprintf("%s-%02d-01", format(d, "%Y"), (m - 1) %/% 3 * 3 + 1))
  as.Date(sapply(first, function(f) seq(f, by = "3 months", length.out = 2)[2] - 1), origin = "1970-01-01")
}
quarter_label <- function(d) sprintf("%s-Q%d", format(d, "%Y"), (as.integer(format(d, "%m")) - 1) %/% 3 + 1)

# count_result writes a census count: total, status, groups.
count_groups <- function(id, dims, keys, ids, pp, min_cell) {
  for (dim in dims) {
    g <- attribute(pp, ids, dim)
    names <- csort(g)
    n <- sapply(names, function(x) length(unique(keys[g == x])))
    hidden <- suppress(n, min_cell)
    for (i in seq_along(names)) {
      s <- paste0(id, "/", dim, "/", names[i])
      out(s, "suppressed", hidden[i])
      out(s, "n", if (hidden[i]) NULL else n[i])
      out(s, "estimate", if (hidden[i]) NULL else n[i])
    }
  }
}

# ---------------------------------------------------------------------------
# count
local({
  case <- "count"
  asof <- as.Date("2025-06-30")
  conf <- 0.9
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  att <- read(case, "attendance")
  att <- att[att$date <= asof, ]
  jm <- read(case, "jobmarket")

  # meetup_people: distinct participants at meetups, per event.
  m <- att[att$event_kind == "meetup", ]
  total <- length(unique(m$participant))
  out("meetup_people", "estimate", total)
  out("meetup_people", "n", total)
  out("meetup_people", "status", census_status(total > 0, total, 15, "increase"))
  out("meetup_people", "ci_low", NULL)
  out("meetup_people", "p_value", NULL)
  out("meetup_people", "due", TRUE)
  count_groups("meetup_people", c("gender", "target_group"), m$participant, m$participant, pp, 2)
  events <- aggregate(date ~ event, data = m, FUN = min)
  events <- events[order(events$date, events$event), ]
  values <- cumulative(m$participant, m$date, events$date)
  series("meetup_people", events$event, events$date, values)
  forecast("meetup_people", events$date, values, "2025-06-30", conf, 15, "increase", asof)

  # spring_rows: rows in a date range.
  s <- m[m$date >= as.Date("2025-03-01") & m$date <= as.Date("2025-04-30"), ]
  out("spring_rows", "estimate", nrow(s))
  out("spring_rows", "status", census_status(nrow(s) > 0, nrow(s), 10, "decrease"))
  out("spring_rows", "forecast", NULL)

  # young_monthly: distinct young participants at any event, per month.
  y <- att[in_group(pp, att$participant, "young"), ]
  total <- length(unique(y$participant))
  out("young_monthly", "estimate", total)
  out("young_monthly", "target_group", "young")
  out("young_monthly", "status", census_status(total > 0, total, 8, "increase"))
  out("young_monthly", "due", FALSE)
  months <- csort(format(y$date, "%Y-%m"))
  ends <- pmin(month_end(as.Date(paste0(months, "-01"))), asof)
  values <- cumulative(y$participant, y$date, ends)
  series("young_monthly", months, ends, values)
  forecast("young_monthly", ends, values, "2025-08-31", conf, 8, "increase", asof)

  # employers: distinct employers, by the gender of who met them.
  e <- jm[!is.na(jm$employer), ]
  out("employers", "estimate", length(unique(e$employer)))
  out("employers", "status", census_status(nrow(e) > 0, length(unique(e$employer)), 3, "increase"))
  count_groups("employers", "gender", e$employer, e$participant, pp, 2)

  out("gala_people", "estimate", 0)
  out("gala_people", "n", 0)
  out("gala_people", "status", "no_data")
  out("all_rows", "estimate", nrow(att))
  out("all_rows", "status", "no_target")
  out("all_rows", "target", NULL)
  out("all_rows", "deadline", NULL)
  out("all_rows", "due", FALSE)
  flush(case)
})

# ---------------------------------------------------------------------------
# Sampled measures.

# latest keeps each participant's latest row: by date, then line.
latest <- function(d) {
  d <- d[order(d$participant, d$date, d$line), ]
  d[!duplicated(d$participant, fromLast = TRUE), ]
}

quiet <- function(expr) suppressWarnings(expr)

# proportion writes the figures of k successes of n and returns its p-value.
proportion <- function(id, ok, ids, pp, target, direction, conf, min_n, dims = NULL, min_cell = 5) {
  n <- length(ok)
  k <- sum(ok)
  out(id, "n", n)
  out(id, "successes", k)
  out(id, "ci_method", "wilson")
  p <- NA
  if (n > 0) {
    w <- quiet(prop.test(k, n, conf.level = conf, correct = FALSE)$conf.int)
    cp <- binom.test(k, n, conf.level = conf)$conf.int
    out(id, "estimate", k / n)
    out(id, "ci_low", w[1])
    out(id, "ci_high", w[2])
    out(id, "ci_exact_low", cp[1])
    out(id, "ci_exact_high", cp[2])
  } else {
    out(id, "estimate", NULL)
    out(id, "ci_low", NULL)
  }
  alternative <- if (direction == "increase") "greater" else "less"
  if (n >= min_n && !is.null(target)) {
    p <- binom.test(k, n, p = target, alternative = alternative)$p.value
    prob <- if (direction == "increase") 1 - pbeta(target, k + 1, n - k + 1) else pbeta(target, k + 1, n - k + 1)
    out(id, "p_value", p)
    out(id, "prob_target_met", prob)
  } else {
    out(id, "p_value", NULL)
    out(id, "prob_target_met", NULL)
  }
  low <- if (n > 0) w[1] else NA
  high <- if (n > 0) w[2] else NA
  out(id, "status", sampled_status(n, if (n > 0) k / n else NA, low, high, target, direction, min_n))
  for (dim in dims) {
    g <- attribute(pp, ids, dim)
    names <- csort(g)
    gn <- sapply(names, function(x) sum(g == x))
    hidden <- suppress(gn, min_cell)
    for (i in seq_along(names)) {
      s <- paste0(id, "/", dim, "/", names[i])
      out(s, "suppressed", hidden[i])
      if (hidden[i]) {
        out(s, "n", NULL)
        out(s, "estimate", NULL)
        out(s, "ci_low", NULL)
        next
      }
      gk <- sum(ok[g == names[i]])
      ci <- quiet(prop.test(gk, gn[i], conf.level = conf, correct = FALSE)$conf.int)
      out(s, "n", gn[i])
      out(s, "estimate", gk / gn[i])
      out(s, "ci_low", ci[1])
      out(s, "ci_high", ci[2])
    }
  }
  p
}

# holm writes p_adjusted for every indicator: Holm over those with a p-value.
holm <- function(p) {
  have <- !is.na(p)
  adjusted <- rep(NA, length(p))
  adjusted[have] <- p.adjust(p[have], "holm")
  for (i in seq_along(p)) out(names(p)[i], "p_adjusted", adjusted[i])
}

# ---------------------------------------------------------------------------
# proportion
local({
  case <- "proportion"
  asof <- as.Date("2025-09-30")
  conf <- 0.95
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  fu <- read(case, "followups")
  fu <- fu[fu$date <= asof, ]
  six <- fu[fu$months_after == 6, ]
  three <- fu[fu$months_after == 3, ]

  p <- c()
  d <- latest(six[in_group(pp, six$participant, "young"), ])
  p["work6"] <- proportion("work6", d$status %in% c("employed", "studying"), d$participant, pp, 0.4, "increase", conf, 5, "gender", 3)
  out("work6", "baseline", 0.25)
  out("work6", "target_group", "young")
  out("work6", "due", TRUE)

  d <- latest(six)
  p["inactive6"] <- proportion("inactive6", d$status == "inactive", d$participant, pp, 0.3, "decrease", conf, 5)
  out("inactive6", "due", FALSE)

  d <- latest(three[in_group(pp, three$participant, "accomp"), ])
  p["few"] <- proportion("few", d$status == "employed", d$participant, pp, 0.5, "increase", conf, 5)

  d <- latest(three)
  success <- c("employed", "studying", "internship")
  p["monthly3"] <- proportion("monthly3", d$status %in% success, d$participant, pp, 0.5, "increase", conf, 5)
  three$month <- format(three$date, "%Y-%m")
  months <- csort(three$month)
  values <- c(); n <- c()
  for (m in months) {
    dm <- latest(three[three$month == m, ])
    values <- c(values, mean(dm$status %in% success))
    n <- c(n, nrow(dm))
  }
  ends <- pmin(month_end(as.Date(paste0(months, "-01"))), asof)
  series("monthly3", months, ends, values, n)
  forecast("monthly3", ends, values, "2025-12-31", conf, 0.5, "increase", asof)
  holm(p)
  flush(case)
})

# ---------------------------------------------------------------------------
# Instrument scores.

swemwbs_metric <- c(7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36,
                    16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21,
                    24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00)

# melt turns a wide responses table (one column per item) into long form,
# every answer keeping its row's line.
melt <- function(resp) {
  if ("item" %in% names(resp)) {
    resp$value <- as.numeric(resp$value)
    return(resp)
  }
  fixed <- c("participant", "event", "date", "wave", "line")
  items <- setdiff(names(resp), fixed)
  do.call(rbind, lapply(items, function(item)
    data.frame(resp[, fixed], item = item, value = as.numeric(resp[[item]]), stringsAsFactors = FALSE)))
}

# responses scores each response to an instrument: a line that holds each
# item once is one response; the answers of other lines are put together by
# participant, wave and date.
responses <- function(resp, asof, items, reverse = character(), min = 1, max = 5, score = "sum") {
  r <- resp[(is.na(resp$date) | resp$date <= asof) & resp$item %in% items, ]
  whole <- sapply(split(r$item, r$line), function(x) length(x) == length(items) && !anyDuplicated(x))
  r$key <- ifelse(whole[as.character(r$line)], paste("line", r$line), paste(r$participant, r$wave, r$date))
  do.call(rbind, lapply(split(r, r$key), function(x) {
    v <- ifelse(x$item %in% reverse, min + max - x$value, x$value)
    complete <- nrow(x) == length(items) && !anyDuplicated(x$item) && all(!is.na(v))
    s <- NA
    if (complete) {
      total <- sum(v)
      s <- switch(score, sum = total, mean = total / length(items),
                  swemwbs = if (total == round(total) && total >= 7 && total <= 35) swemwbs_metric[total - 6] else NA)
    }
    data.frame(participant = x$participant[1], wave = x$wave[1], date = max(x$date), line = max(x$line),
               score = s, stringsAsFactors = FALSE)
  }))
}

# scores returns each participant's score from the latest response (of the
# wave, or of any wave): undated responses oldest, then by date and line;
# a latest response without a score gives none.
scores <- function(rs, wave = NULL) {
  if (!is.null(wave)) rs <- rs[rs$wave == wave, ]
  rs <- rs[order(rs$participant, !is.na(rs$date), rs$date, rs$line), ]
  rs <- rs[!duplicated(rs$participant, fromLast = TRUE), ]
  rs[!is.na(rs$score), ]
}

tryNA <- function(expr) tryCatch(expr, error = function(e) NA)

# mean_figures writes the figures of a mean (or a paired change, given the
# differences) and returns its p-value.
mean_figures <- function(id, x, target, direction, conf, min_n, method = "t") {
  n <- length(x)
  out(id, "n", n)
  out(id, "ci_method", method)
  out(id, "estimate", if (n > 0) mean(x) else NULL)
  out(id, "sd", if (n >= 2) sd(x) else NULL)
  ci <- if (n >= 2) tryNA(t.test(x, conf.level = conf)$conf.int) else NA
  out(id, "ci_low", ci[1])
  out(id, "ci_high", if (length(ci) == 2) ci[2] else NA)
  p <- NA
  alternative <- if (direction == "increase") "greater" else "less"
  if (n >= min_n && !is.null(target)) {
    p <- tryNA(t.test(x, mu = target, alternative = alternative)$p.value)
    se <- sd(x) / sqrt(n)
    prob <- if (is.na(p)) NA else if (direction == "increase") pt((mean(x) - target) / se, n - 1) else pt((target - mean(x)) / se, n - 1)
    out(id, "p_value", p)
    out(id, "prob_target_met", prob)
  } else {
    out(id, "p_value", NULL)
    out(id, "prob_target_met", NULL)
  }
  out(id, "status", sampled_status(n, if (n > 0) mean(x) else NA, ci[1], if (length(ci) == 2) ci[2] else NA, target, direction, min_n))
  p
}

mean_groups <- function(id, x, ids, pp, dims, conf, min_cell) {
  for (dim in dims) {
    g <- attribute(pp, ids, dim)
    names <- csort(g)
    gn <- sapply(names, function(v) sum(g == v))
    hidden <- suppress(gn, min_cell)
    for (i in seq_along(names)) {
      s <- paste0(id, "/", dim, "/", names[i])
      out(s, "suppressed", hidden[i])
      if (hidden[i]) {
        out(s, "n", NULL)
        out(s, "estimate", NULL)
        next
      }
      xg <- x[g == names[i]]
      ci <- if (length(xg) >= 2) tryNA(t.test(xg, conf.level = conf)$conf.int) else NA
      out(s, "n", length(xg))
      out(s, "estimate", mean(xg))
      out(s, "ci_low", ci[1])
      out(s, "ci_high", if (length(ci) == 2) ci[2] else NA)
    }
  }
}

# ---------------------------------------------------------------------------
# mean
local({
  case <- "mean"
  asof <- as.Date("2025-10-31")
  conf <- 0.9
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  resp <- melt(read(case, "responses"))
  att <- read(case, "attendance")
  att <- att[att$date <= asof, ]
  p <- c()

  belief <- responses(resp, asof, c("jt1", "jt2", "jt3"), reverse = "jt3", min = 1, max = 5, score = "mean")
  post <- scores(belief, "post")
  p["belief_post"] <- mean_figures("belief_post", post$score, 3.5, "increase", conf, 5)
  mean_groups("belief_post", post$score, post$participant, pp, "gender", conf, 2)
  out("belief_post", "baseline", 3)

  tally <- scores(responses(resp, asof, c("a1", "a2"), min = 0, max = 10, score = "sum"), "pre")
  p["tally_pre"] <- mean_figures("tally_pre", tally$score, 10, "decrease", conf, 5)

  any <- scores(belief)
  p["belief_latest"] <- mean_figures("belief_latest", any$score, 3, "increase", conf, 5)

  at_d2 <- scores(responses(resp[resp$event == "d2", ], asof, c("jt1", "jt2", "jt3"), reverse = "jt3", min = 1, max = 5, score = "mean"), "post")
  p["belief_d2"] <- mean_figures("belief_d2", at_d2$score, 3.5, "increase", conf, 5)
  short <- scores(responses(resp, asof, c("jt1", "jt2"), score = "sum"), "pre")
  p["short_pre"] <- mean_figures("short_pre", short$score, 5, "increase", conf, 5)

  m <- att[att$event_kind == "meetup" & !is.na(att$new_contacts), ]
  p["contacts"] <- mean_figures("contacts", m$new_contacts, 3, "increase", conf, 5)
  events <- aggregate(date ~ event, data = m, FUN = min)
  events <- events[order(events$date, events$event), ]
  values <- sapply(events$event, function(e) mean(m$new_contacts[m$event == e]))
  n <- sapply(events$event, function(e) sum(m$event == e))
  series("contacts", events$event, events$date, values, n)
  forecast("contacts", events$date, values, "2025-08-31", conf, 3, "increase", asof)

  one <- att$new_contacts[att$event == "m9"]
  p["one_row"] <- mean_figures("one_row", one, 3, "increase", conf, 5)
  holm(p)
  flush(case)
})

# paired writes the figures of a paired change and returns its p-value.
paired <- function(id, rs, pp, target, direction, conf, min_n, tg = NULL, dims = NULL, min_cell = 5) {
  pre <- scores(rs, "pre")
  post <- scores(rs, "post")
  if (!is.null(tg)) {
    pre <- pre[in_group(pp, pre$participant, tg), ]
    post <- post[in_group(pp, post$participant, tg), ]
  }
  both <- merge(pre, post, by = "participant", suffixes = c(".pre", ".post"))
  d <- both$score.post - both$score.pre
  out(id, "n_pre", nrow(pre))
  out(id, "n_post", nrow(post))
  out(id, "attrition", if (nrow(pre) > 0) 1 - nrow(both) / nrow(pre) else NULL)
  p <- mean_figures(id, d, target, direction, conf, min_n, method = "paired_t")
  out(id, "effect_size", if (length(d) >= 2 && sd(d) > 0) mean(d) / sd(d) else NULL)
  if (length(d) >= min_n) {
    out(id, "p_value_zero", tryNA(t.test(both$score.post, both$score.pre, paired = TRUE)$p.value))
    out(id, "wilcoxon_p", tryNA(quiet(wilcox.test(both$score.post, both$score.pre, paired = TRUE)$p.value)))
  } else {
    out(id, "p_value_zero", NULL)
    out(id, "wilcoxon_p", NULL)
  }
  mean_groups(id, d, both$participant, pp, dims, conf, min_cell)
  p
}

# ---------------------------------------------------------------------------
# paired
local({
  case <- "paired"
  asof <- as.Date("2025-10-31")
  conf <- 0.95
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  resp <- melt(read(case, "responses"))
  sw <- responses(resp, asof, paste0("swemwbs_", 1:7), score = "swemwbs")
  calm <- responses(resp, asof, c("c1", "c2", "c3"), reverse = "c2", min = 1, max = 4, score = "sum")
  p <- c()
  p["wellbeing"] <- paired("wellbeing", sw, pp, 1.5, "increase", conf, 5, dims = c("gender", "target_group"), min_cell = 3)
  p["calm_change"] <- paired("calm_change", calm, pp, 1, "increase", conf, 5)
  p["calm_in_2025"] <- paired("calm_in_2025", calm, pp, 1, "increase", conf, 5)
  p["wellbeing_young"] <- paired("wellbeing_young", sw, pp, 0, "increase", conf, 5, tg = "young")
  out("wellbeing_young", "due", FALSE)
  holm(p)
  flush(case)
})

# ---------------------------------------------------------------------------
# ratio
local({
  case <- "ratio"
  asof <- as.Date("2025-06-30")
  conf <- 0.95
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  jm <- read(case, "jobmarket")
  jm <- jm[jm$date <= asof, ]
  interviews <- jm[jm$interview, ]
  hired <- jm[jm$hired, ]
  out("interviews", "estimate", nrow(interviews))
  out("interviews", "status", census_status(TRUE, nrow(interviews), 8, "increase"))

  out("hire_rate", "estimate", nrow(hired) / nrow(interviews))
  out("hire_rate", "n", nrow(interviews))
  out("hire_rate", "ci_low", NULL)
  out("hire_rate", "p_value", NULL)
  out("hire_rate", "status", census_status(TRUE, nrow(hired) / nrow(interviews), 0.3, "increase"))
  out("hire_rate", "baseline", 0.15)
  g_num <- attribute(pp, hired$participant, "gender")
  g_den <- attribute(pp, interviews$participant, "gender")
  names <- csort(c(g_num, g_den))
  n <- sapply(names, function(x) sum(g_den == x))
  hidden <- suppress(n, 2)
  for (i in seq_along(names)) {
    s <- paste0("hire_rate/gender/", names[i])
    out(s, "suppressed", hidden[i])
    out(s, "n", if (hidden[i]) NULL else n[i])
    out(s, "estimate", if (hidden[i] || n[i] == 0) NULL else sum(g_num == names[i]) / n[i])
  }
  events <- aggregate(date ~ event, data = rbind(interviews, hired), FUN = min)
  events <- events[order(events$date, events$event), ]
  values <- sapply(events$date, function(d) sum(hired$date <= d) / sum(interviews$date <= d))
  series("hire_rate", events$event, events$date, values)
  forecast("hire_rate", events$date, values, "2025-08-31", conf, 0.3, "increase", asof)

  out("zero_den", "estimate", NULL)
  out("zero_den", "n", 0)
  out("zero_den", "status", "no_data")
  out("zero_den", "direction", "increase")

  young <- in_group(pp, jm$participant, "young")
  k <- sum(jm$hired & young)
  n <- sum(jm$interview & young)
  out("young_rate", "estimate", k / n)
  out("young_rate", "n", n)
  out("young_rate", "status", census_status(TRUE, k / n, 0.2, "increase"))
  flush(case)
})

# ---------------------------------------------------------------------------
# Costs and value.

# qtriangle is the quantile function of the triangular distribution.
qtriangle <- function(u, low, mid, high) {
  if (high == low) return(rep(low, length(u)))
  ifelse(u < (mid - low) / (high - low),
         low + sqrt(u * (high - low) * (mid - low)),
         high - sqrt((1 - u) * (high - low) * (high - mid)))
}

# pv is the spec's present value of s outcomes.
pv <- function(s, value, deadweight, attribution, displacement, drop_off, years, rate) {
  t <- seq_len(years)
  sum(s * value * (1 - deadweight) * (1 - attribution) * (1 - displacement) * (1 - drop_off)^(t - 1) / (1 + rate)^t)
}

parameters <- c("value_per_outcome", "deadweight", "attribution", "displacement", "drop_off")

# sroi writes the value summary of proxies (each a list with s, years and
# a low/mid/high triple per parameter) against cost.
sroi <- function(proxies, rate, cost, draws = 1e6) {
  at <- function(px, pick) pv(px$s, pick(px$value_per_outcome), pick(px$deadweight), pick(px$attribution),
                              pick(px$displacement), pick(px$drop_off), px$years, rate)
  mid <- function(r) r[2]
  total <- sum(sapply(proxies, at, pick = mid))
  out("value", "present_value", total)
  out("value", "sroi_mid", total / cost)
  s <- sapply(proxies, function(px) px$s)
  one <- sapply(proxies, function(px) { px$s <- 1; at(px, mid) })
  weights <- if (sum(s) > 0) s / sum(s) else rep(1 / length(s), length(s))
  out("value", "break_even_outcomes", cost / sum(weights * one))
  for (i in seq_along(proxies)) {
    for (p in parameters) {
      swing <- function(end) {
        changed <- proxies
        changed[[i]][[p]] <- rep(changed[[i]][[p]][end], 3)
        sum(sapply(changed, at, pick = mid)) / cost
      }
      sub <- paste0("value/sensitivity/", names(proxies)[i], ".", p)
      out(sub, "low", swing(1))
      out(sub, "high", swing(3))
    }
  }
  # The Monte Carlo with R's own generator: only its distribution can be
  # compared, so to 3 % (the engine makes 10,000 draws, this script 10^6).
  set.seed(2582)
  values <- rep(0, draws)
  for (px in proxies) {
    draw <- lapply(parameters, function(p) qtriangle(runif(draws), px[[p]][1], px[[p]][2], px[[p]][3]))
    t <- seq_len(px$years)
    factor <- sapply(draw[[5]], function(d) sum((1 - d)^(t - 1) / (1 + rate)^t))
    values <- values + px$s * draw[[1]] * (1 - draw[[2]]) * (1 - draw[[3]]) * (1 - draw[[4]]) * factor
  }
  q <- quantile(values / cost, c(0.5, 0.05, 0.95), type = 7)
  out("value", "sroi_median", q[1], 0.03)
  out("value", "sroi_p05", q[2], 0.03)
  out("value", "sroi_p95", q[3], 0.03)
  out("value", "prob_sroi_above_1", mean(values / cost > 1), 0.03)
  out("value", "draws", 10000)
}

# costs_of returns the costs at the as-of date, with the project file's
# costs given as a data frame of the same columns.
costs_of <- function(case, asof, extra) {
  k <- read(case, "costs")
  k$amount <- ifelse(is.na(k$amount), k$hours * k$rate, k$amount)
  k <- rbind(k[, c("date", "activity", "partner", "category", "amount", "kind")], extra)
  k[is.na(k$date) | k$date <= asof, ]
}

# ---------------------------------------------------------------------------
# costs
local({
  case <- "costs"
  asof <- as.Date("2025-09-30")
  out("evaluation", "as_of", format(asof))
  k <- costs_of(case, asof, data.frame(
    date = as.Date(c("2025-05-30", "2024-12-01", NA)), activity = c("a1", "a2", "a2"), partner = c("se", "pa", "pa"),
    category = c("staff", "other", "other"), amount = c(10 * 450, 15000, 700), kind = c("actual", "budget", "actual")))
  actual <- k[k$kind == "actual", ]
  total <- sum(actual$amount)
  out("costs", "currency", "SEK")
  out("costs", "basis", "actual")
  out("costs", "total", total)
  out("costs", "actual", total)
  out("costs", "budget", sum(k$amount[k$kind == "budget"]))
  for (key in unique(paste(k$activity, k$partner, k$category, sep = "/"))) {
    line <- k[paste(k$activity, k$partner, k$category, sep = "/") == key, ]
    out(paste0("costs/lines/", key), "budget", sum(line$amount[line$kind == "budget"]))
    out(paste0("costs/lines/", key), "actual", sum(line$amount[line$kind == "actual"]))
  }
  att <- read(case, "attendance")
  att <- att[att$date <= asof, ]
  people <- length(unique(att$participant))
  out("costs", "participants", people)
  out("costs", "per_participant", total / people)

  fu <- read(case, "followups")
  jobs <- sum(latest(fu[fu$date <= asof, ])$status == "employed")
  out("jobs", "successes", jobs)
  out("cost_per_job", "estimate", total / jobs)
  out("cost_per_job", "n", jobs)
  out("cost_per_job", "ci_low", NULL)
  out("cost_per_job", "status", census_status(TRUE, total / jobs, 10000, "decrease"))

  meetup <- att[att$event_kind == "meetup", ]
  a1 <- actual[actual$activity == "a1", ]
  out("cost_per_person", "estimate", sum(a1$amount) / length(unique(meetup$participant)))
  out("cost_per_person", "n", length(unique(meetup$participant)))
  out("cost_per_person", "status", census_status(TRUE, sum(a1$amount) / length(unique(meetup$participant)), 3000, "decrease"))
  dated <- a1[!is.na(a1$date), ]
  days <- c(meetup$date, dated$date)
  labels <- csort(quarter_label(days))
  ends <- pmin(sort(unique(quarter_end(days))), asof)
  values <- sapply(ends, function(e) sum(dated$amount[dated$date <= e]) / cumulative(meetup$participant, meetup$date, e))
  series("cost_per_person", labels, ends, values)
  forecast("cost_per_person", ends, values, "2025-12-31", 0.95, 3000, "decrease", asof)

  out("costs/per_outcome", "jobs", total / jobs)
  out("costs/per_outcome", "meetup_people", total / length(unique(meetup$participant)))
  proxies <- list(
    jobs = list(s = jobs, years = 3, value_per_outcome = c(50000, 80000, 120000), deadweight = c(0.2, 0.3, 0.45),
                attribution = c(0.5, 0.5, 0.5), displacement = c(0, 0.05, 0.1), drop_off = c(0.25, 0.25, 0.25)),
    meetup_people = list(s = length(unique(meetup$participant)), years = 1, value_per_outcome = c(1000, 1000, 1000),
                         deadweight = c(0.5, 0.5, 0.5), attribution = c(0.3, 0.4, 0.6), displacement = c(0, 0, 0),
                         drop_off = c(0, 0, 0)))
  sroi(proxies, 0.035, total)
  flush(case)
})

# ---------------------------------------------------------------------------
# suppression
local({
  case <- "suppression"
  asof <- as.Date("2025-09-30")
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  fu <- latest(read(case, "followups"))
  p <- c()
  p["share"] <- proportion("share", fu$status %in% c("employed", "studying"), fu$participant, pp, 0.5, "increase", 0.95, 5,
                           c("gender", "cohort", "target_group"), 5)
  out("people", "estimate", nrow(fu))
  count_groups("people", c("gender", "target_group"), fu$participant, fu$participant, pp, 5)
  e <- fu[fu$status == "employed", ]
  out("employed_people", "estimate", nrow(e))
  count_groups("employed_people", "gender", e$participant, e$participant, pp, 5)
  holm(p)
  flush(case)
})

# ---------------------------------------------------------------------------
# asof
local({
  case <- "asof"
  asof <- as.Date("2025-03-31")
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  att <- read(case, "attendance")
  all_att <- att
  att <- att[att$date <= asof, ]
  m <- att[att$event_kind == "meetup", ]
  total <- length(unique(m$participant))
  out("meetup_people", "estimate", total)
  out("meetup_people", "due", TRUE)
  out("meetup_people", "status", census_status(TRUE, total, 8, "increase"))
  count_groups("meetup_people", "gender", m$participant, m$participant, pp, 2)
  events <- aggregate(date ~ event, data = m, FUN = min)
  events <- events[order(events$date, events$event), ]
  series("meetup_people", events$event, events$date, cumulative(m$participant, m$date, events$date))
  forecast("meetup_people", events$date, NULL, "2025-03-31", 0.95, 8, "increase", asof)

  y <- m[in_group(pp, m$participant, "young"), ]
  out("young_people", "estimate", length(unique(y$participant)))
  out("young_people", "due", FALSE)

  fu <- read(case, "followups")
  d <- latest(fu[fu$date <= asof, ])
  p <- c()
  p["working"] <- proportion("working", d$status == "employed", d$participant, pp, 0.5, "increase", 0.95, 3)

  # Answers without a date take their event's date from any table.
  resp <- melt(read(case, "responses"))
  dated <- rbind(all_att[, c("event", "date")], resp[!is.na(resp$date), c("event", "date")])
  event_date <- tapply(dated$date, dated$event, min)
  fill <- is.na(resp$date) & resp$event %in% names(event_date)
  resp$date[fill] <- as.Date(event_date[resp$event[fill]], origin = "1970-01-01")
  tally <- scores(responses(resp, asof, c("t1", "t2"), min = 0, max = 5, score = "sum"), "single")
  p["tally"] <- mean_figures("tally", tally$score, 5, "increase", 0.95, 3)

  k <- costs_of(case, asof, NULL)
  budget <- sum(k$amount[k$kind == "budget"])
  out("costs", "basis", "budget")
  out("costs", "total", budget)
  out("costs", "actual", 0)
  out("costs", "budget", budget)
  out("costs", "participants", length(unique(att$participant)))
  out("cost_per_person", "estimate", budget / total)
  out("cost_per_person", "status", census_status(TRUE, budget / total, 5000, "decrease"))
  holm(p)
  flush(case)
})

# ---------------------------------------------------------------------------
# degenerate
local({
  case <- "degenerate"
  asof <- as.Date("2025-12-31")
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  resp <- melt(read(case, "responses"))
  att <- read(case, "attendance")
  p <- c()
  rs <- responses(resp, asof, c("x1", "x2"), score = "sum")
  p["constant_change"] <- paired("constant_change", rs, pp, 1, "increase", 0.95, 5)
  p["constant_column"] <- mean_figures("constant_column", att$new_contacts[att$event == "m1"], 4, "increase", 0.95, 5)
  p["single_value"] <- mean_figures("single_value", att$new_contacts[att$event == "m2"], 4, "increase", 0.95, 5)
  p["nobody_answered"] <- mean_figures("nobody_answered", numeric(), 4, "increase", 0.95, 5)
  out("nothing_counted", "estimate", 0)
  out("nothing_counted", "status", "no_data")
  p["nobody_followed"] <- proportion("nobody_followed", logical(), character(), pp, 0.5, "increase", 0.95, 5)
  out("zero_by_zero", "estimate", NULL)
  out("zero_by_zero", "status", "no_data")
  out("cost_per_nothing", "estimate", NULL)
  out("cost_per_nothing", "n", 0)
  out("cost_per_nothing", "status", "no_data")
  m1 <- att[att$event == "m1", ]
  p["all_met"] <- proportion("all_met", m1$event_kind == "meetup", m1$participant, pp, 1, "increase", 0.95, 5)
  out("evaluation", "costs", NULL)
  out("value", "present_value", pv(nrow(m1), 200, 0.1, 0.2, 0, 0.5, 2, 0.035))
  out("value", "sroi_mid", NULL)
  out("value", "sroi_median", NULL)
  out("value", "break_even_outcomes", NULL)
  out("value", "draws", 0)
  holm(p)
  flush(case)
})

# ---------------------------------------------------------------------------
# compare, compare-90: who dropped out, and compared with whom
# (statistics.md). The comparison people leave the indicator's own figures;
# the comparison's figures use the indicator's method; the difference is
# the indicator's people minus the comparison, by prop.test(correct = FALSE)
# or Welch's t.test; under min_cell the comparison is suppressed, under
# min_n its p-value and difference interval are null.

# comparison writes the figures of a comparison group: y are its values (0/1
# for a proportion, scores or changes otherwise), x the indicator's own.
comparison <- function(id, kind, x, y, conf, min_n, min_cell, design = "observational", cohort = NULL, tg = NULL) {
  s <- paste0(id, "/comparison")
  out(s, "design", design)
  if (!is.null(cohort)) out(s, "cohort", cohort)
  if (!is.null(tg)) out(s, "target_group", tg)
  n <- length(y)
  hidden <- n < min_cell
  out(s, "suppressed", hidden)
  if (hidden) {
    for (f in c("n", "estimate", "ci_low", "ci_high", "difference", "diff_low", "diff_high", "p_value")) out(s, f, NULL)
    return(invisible())
  }
  out(s, "n", n)
  out(s, "estimate", mean(y))
  out(s, "difference", mean(x) - mean(y))
  tested <- n >= min_n && length(x) >= min_n
  if (kind == "proportion") {
    ci <- quiet(prop.test(sum(y), n, conf.level = conf, correct = FALSE)$conf.int)
    r <- if (tested) quiet(prop.test(c(sum(x), sum(y)), c(length(x), n), conf.level = conf, correct = FALSE)) else NULL
  } else {
    ci <- tryNA(t.test(y, conf.level = conf)$conf.int)
    r <- if (tested) tryNA(t.test(x, y, conf.level = conf)) else NULL
  }
  out(s, "ci_low", ci[1])
  out(s, "ci_high", if (length(ci) == 2) ci[2] else NA)
  out(s, "diff_low", if (is.list(r)) r$conf.int[1] else NULL)
  out(s, "diff_high", if (is.list(r)) r$conf.int[2] else NULL)
  p <- if (is.list(r)) r$p.value else NULL
  out(s, "p_value", if (is.null(p) || is.nan(p)) NULL else p)
}

# attrition writes the attrition test of a paired change: Welch's
# t.test(pre_both, pre_only), null when either has fewer than min_n.
attrition <- function(id, rs, conf, min_n) {
  pre <- scores(rs, "pre")
  post <- scores(rs, "post")
  both <- pre$score[pre$participant %in% post$participant]
  only <- pre$score[!(pre$participant %in% post$participant)]
  s <- paste0(id, "/attrition_test")
  if (length(both) < min_n || length(only) < min_n) {
    out(s, "n_both", NULL)
    return(invisible())
  }
  r <- t.test(both, only, conf.level = conf)
  out(s, "n_both", length(both))
  out(s, "n_only", length(only))
  out(s, "mean_both", mean(both))
  out(s, "mean_only", mean(only))
  out(s, "difference", mean(both) - mean(only))
  out(s, "diff_low", r$conf.int[1])
  out(s, "diff_high", r$conf.int[2])
  out(s, "p_value", r$p.value)
}

# changes returns the paired changes (post - pre) of the people in ids.
changes <- function(rs, ids) {
  pre <- scores(rs, "pre")
  post <- scores(rs, "post")
  both <- merge(pre[pre$participant %in% ids, ], post[post$participant %in% ids, ], by = "participant", suffixes = c(".pre", ".post"))
  both$score.post - both$score.pre
}

for (case in c("compare", "compare-90")) local({
  asof <- as.Date("2025-10-31")
  conf <- if (case == "compare") 0.95 else 0.90
  min_n <- 6
  min_cell <- 5
  out("evaluation", "as_of", format(asof))
  pp <- people(read(case, "participants"), asof)
  cohort_of <- function(ids) pp$cohort[match(ids, pp$participant)]
  tg_of <- function(ids) pp$target_group[match(ids, pp$participant)]
  fu <- read(case, "followups")
  fu <- latest(fu[fu$date <= asof & fu$months_after == 6, ])
  ok <- fu$status %in% c("employed", "studying")
  p <- c()
  for (cmp in list(list("work_ctrl", cohort = "ctrl"), list("work_others", tg = "others"),
                   list("work_tiny", cohort = "tiny"), list("work_mid", cohort = "mid"),
                   list("work_six", cohort = "six"))) {
    id <- cmp[[1]]
    theirs <- if (!is.null(cmp$cohort)) cohort_of(fu$participant) == cmp$cohort else tg_of(fu$participant) == cmp$tg
    p[id] <- proportion(id, ok[!theirs], fu$participant[!theirs], pp, 0.4, "increase", conf, min_n)
    comparison(id, "proportion", as.numeric(ok[!theirs]), as.numeric(ok[theirs]), conf, min_n, min_cell,
               cohort = cmp$cohort, tg = cmp$tg)
  }
  resp <- melt(read(case, "responses"))
  sw <- responses(resp, asof, paste0("swemwbs_", 1:7), score = "swemwbs")
  calm <- responses(resp, asof, c("c1", "c2", "c3"), reverse = "c2", min = 1, max = 4, score = "sum")
  ctrl <- pp$participant[pp$cohort == "ctrl"]
  others <- pp$participant[pp$cohort != "ctrl"]

  post <- scores(calm, "post")
  x <- post$score[post$participant %in% others]
  p["calm_post"] <- mean_figures("calm_post", x, 8, "increase", conf, min_n)
  comparison("calm_post", "mean", x, post$score[post$participant %in% ctrl], conf, min_n, min_cell, cohort = "ctrl")

  own <- sw[sw$participant %in% others, ]
  p["wellbeing"] <- paired("wellbeing", own, pp, 1, "increase", conf, min_n)
  attrition("wellbeing", own, conf, min_n)
  comparison("wellbeing", "paired_change", changes(sw, others), changes(sw, ctrl), conf, min_n, min_cell,
             design = "randomised", cohort = "ctrl")

  p["calm_change"] <- paired("calm_change", calm, pp, 0.5, "increase", conf, min_n)
  attrition("calm_change", calm, conf, min_n)
  out("calm_change/comparison", "n", NULL)
  holm(p)
  flush(case)
})
