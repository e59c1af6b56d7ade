# The peer that `make bench` measures impact against: R with read.csv and
# base stats, reading the generated project's data files as they are and
# computing the same figures as `impact evaluate --json` under the same rules
# (data-files.md, exports.md, statistics.md):
#   - an id is trimmed, case-folded and stripped of spaces, dashes,
#     underscores and dots before it is compared ("bd-0000126" and
#     "BD-0000126" are one person); empty rows and rows of totals ("Summa")
#     are no people;
#   - the register (deltagare.csv) gives each person's target group and
#     cohort, its last line winning; a measure for a target group counts
#     only registered people of that group;
#   - a person's answer in a wave, or follow-up, is the latest by date, then
#     by file and line; a score needs every item of its instrument answered;
#     reverse-coded items count as min + max - value;
#   - a measure with a comparison cohort leaves that cohort's people out.
# The as-of date is today, as `impact evaluate` without --as-of. Costs,
# which impact divides by these counts, are left out.
#
#   Rscript testdata/bench/evaluate.R PROJECT_DIR
#
# It prints one line per figure (estimate, interval, n where there is one),
# to compare with impact's: scripts/bench.sh times it.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
asof <- Sys.Date()
data <- function(name) file.path(dir, "data", name)
sv <- function(name, sep, enc) read.csv(data(name), sep = sep, fileEncoding = enc, check.names = FALSE,
                                       stringsAsFactors = FALSE, strip.white = TRUE, colClasses = "character")
out <- function(what, x) cat(sprintf("%-28s %s\n", what, paste(format(x, digits = 10), collapse = " ")))

fold <- function(x) chartr("åäöÅÄÖ", "aaoAAO", tolower(trimws(x)))
norm <- function(x) gsub("[[:space:]._-]", "", fold(x))
totals <- c("summa", "totalt", "total", "sum", "antal", "medel", "medelvarde", "genomsnitt", "average",
            "count", "totals")
# person: the rows that are people, not blank rows or rows of totals.
person <- function(raw) { n <- norm(raw); n != "" & !(sub(":$", "", n) %in% totals) }
num <- function(x) as.numeric(ifelse(trimws(x) == "", NA, x))
# latest: for each person, the index of their latest row by (date, order).
latest <- function(p, date, order) {
  o <- order(p, date, order)
  o[!duplicated(p[o], fromLast = TRUE)]
}

# The register: the last line of each person, those who had started by the as-of date.
reg <- sv("deltagare.csv", ";", "latin1")
reg <- reg[person(reg[[1]]), ]
reg$p <- norm(reg[[1]])
reg <- reg[!duplicated(reg$p, fromLast = TRUE), ]
start <- as.Date(ifelse(reg[[6]] == "", NA, reg[[6]]))
reg <- reg[is.na(start) | start <= asof, ]
out("participants", nrow(reg))
group <- function(p) reg[[2]][match(p, reg$p)]
cohort <- function(p) reg[[5]][match(p, reg$p)]
of <- function(p, g) { x <- group(p); !is.na(x) & x == g }

# Attendance at the meetups: three lists, each in its own dialect.
a1 <- sv("natverkstraff-1-december.csv", ",", "UTF-8")
a2 <- sv("natverkstraff-2-februari.csv", ";", "UTF-8-BOM")
a3 <- read.delim(data("natverkstraff-3-maj.csv"), stringsAsFactors = FALSE, colClasses = "character")
meet <- data.frame(raw = c(a1[[1]], a2[[1]], a3[[1]]), event = rep(1:3, c(nrow(a1), nrow(a2), nrow(a3))),
                   contacts = num(c(a1[[2]], a2[[3]], a3[[2]])))
meet <- meet[person(meet$raw), ]
meet$p <- norm(meet$raw)
out("meetup_participants", length(unique(meet$p)))
out("medfoljande_reached", length(unique(meet$p[of(meet$p, "medfoljande")])))
contacts <- meet$contacts[!is.na(meet$contacts)]
tt <- t.test(contacts)
out("new_contacts_mean", c(mean(contacts), tt$conf.int, length(contacts)))

# The job market.
jm <- sv("jobbmarknad-april.csv", ";", "UTF-8-BOM")
jm <- jm[person(jm[[1]]), ]
jm$p <- norm(jm[[1]])
yes <- function(x) fold(x) %in% c("ja", "j", "yes", "y", "true", "1", "x")
out("employers_at_market", length(unique(jm[[2]][jm[[2]] != ""])))
out("job_interviews", length(unique(jm$p[yes(jm[[3]]) & of(jm$p, "unga_vuxna")])))
out("hire_rate", sum(yes(jm[[5]])) / sum(yes(jm[[3]])))

# SWEMWBS: the Forms export before (answers as words, the event's date for
# every row), the other file after (a date of its own on each row).
metric <- c(7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
            19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00)
often <- c("Aldrig" = 1, "Sällan" = 2, "Ibland" = 3, "Ofta" = 4, "Hela tiden" = 5)
swemwbs <- function(items) {
  raw <- rowSums(items)
  ifelse(!is.na(raw) & raw >= 7 & raw <= 35, metric[pmax(1, pmin(29, raw - 6))], NA)
}
pre <- sv("effektmatning-1-januari.csv", ",", "UTF-8")
pre <- pre[person(pre[[6]]), ]
pre$p <- norm(pre[[6]])
pre <- pre[latest(pre$p, rep(0, nrow(pre)), seq_len(nrow(pre))), ]
before <- data.frame(p = pre$p, pre = swemwbs(sapply(pre[7:13], function(x) often[x])))
post <- sv("effektmatning-2-september.csv", ",", "UTF-8")
post <- post[person(post[[1]]), ]
post$p <- norm(post[[1]])
postDate <- as.Date(post[[2]])
post <- post[is.na(postDate) | postDate <= asof, ]
post <- post[latest(post$p, as.Date(post[[2]]), seq_len(nrow(post))), ]
after <- data.frame(p = post$p, post = swemwbs(sapply(post[3:9], num)))
both <- merge(before, after)
both <- both[!is.na(both$pre) & !is.na(both$post), ]
d <- both$post - both$pre
pt <- t.test(both$post, both$pre, paired = TRUE)
out("wellbeing_change", c(mean(d), pt$conf.int, length(d), pt$p.value))
out("wellbeing_change wilcoxon", wilcox.test(both$post, both$pre, paired = TRUE, exact = FALSE)$p.value)
out("wellbeing pairs (distinct)", nrow(unique(both[c("pre", "post")])))

# Job belief after (unga_vuxna), jt3 reverse-coded on the 1 to 5 scale.
jt <- sapply(post[10:13], num)
jt[, 3] <- 1 + 5 - jt[, 3]
jmean <- rowMeans(jt)[of(post$p, "unga_vuxna")]
jmean <- jmean[!is.na(jmean)]
jtt <- t.test(jmean)
out("jobbtro_post", c(mean(jmean), jtt$conf.int, length(jmean)))

# Follow-ups: each person's latest follow-up at 6 (or 3) months, the status
# words as ingest reads them.
status <- c("arbete" = "employed", "anstalld" = "employed", "i arbete" = "employed", "jobb" = "employed",
            "har jobb" = "employed", "arbetar" = "employed", "jobbar" = "employed", "har arbete" = "employed",
            "employed" = "employed", "work" = "employed", "job" = "employed",
            "studier" = "studying", "studerar" = "studying", "studie" = "studying", "studies" = "studying",
            "student" = "studying", "utbildning" = "studying", "studying" = "studying",
            "praktik" = "internship", "internship" = "internship", "praktikant" = "internship")
f3 <- sv("uppfoljning-3-manader.csv", ",", "UTF-8")
f6 <- sv("uppfoljning-6-manader.csv", ";", "UTF-8-BOM")
fu <- data.frame(raw = c(f3[[1]], f6[[1]]), date = as.Date(c(f3[[2]], f6[[2]])), months = num(c(f3[[3]], f6[[3]])),
                 status = unname(status[fold(c(f3[[4]], f6[[4]]))]), order = seq_len(nrow(f3) + nrow(f6)))
fu <- fu[person(fu$raw) & (is.na(fu$date) | fu$date <= asof), ]
fu$p <- norm(fu$raw)
share <- function(months, g, success, leave = NULL) {
  f <- fu[!is.na(fu$months) & fu$months == months, ]
  f <- f[latest(f$p, f$date, f$order), ]
  f <- f[of(f$p, g), ]
  if (!is.null(leave)) f <- f[is.na(cohort(f$p)) | cohort(f$p) != leave, ]
  ok <- !is.na(f$status) & f$status %in% success
  # impact's interval of a proportion is Wilson's score interval.
  w <- prop.test(sum(ok), length(ok), correct = FALSE)
  c(mean(ok), w$conf.int, length(ok))
}
out("work_or_study_6m", share(6, "unga_vuxna", c("employed", "studying"), leave = "Jämförelse 2025"))
out("medfoljande_work_3m", share(3, "medfoljande", c("employed", "studying", "internship")))

# Participation: people by the number of events they came to.
seen <- unique(rbind(data.frame(p = meet$p, e = paste0("m", meet$event)),
                     data.frame(p = before$p, e = "i1"), data.frame(p = after$p, e = "i2"),
                     data.frame(p = jm$p, e = "j")))
out("people by events", table(table(seen$p)))
