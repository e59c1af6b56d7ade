# The peer that `make bench` measures impact against: R with read.csv and
# base stats, reading the generated project's data files as they are and
# computing the same headline figures as `impact evaluate` (counts of
# distinct participants, the mean of new contacts with its t interval, the
# job-market funnel, the SWEMWBS paired change with its paired t and
# Wilcoxon tests, the job-belief mean, the follow-up proportions with
# Clopper-Pearson intervals, the participation by events attended).
#
#   Rscript testdata/bench/evaluate.R PROJECT_DIR
#
# It prints one line per figure; the figures are for reading beside
# impact's, the time is what the benchmark compares.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) > 0) args[1] else "."
data <- function(name) file.path(dir, "data", name)
sv <- function(name, sep, enc) read.csv(data(name), sep = sep, fileEncoding = enc, check.names = FALSE,
                                       stringsAsFactors = FALSE, strip.white = TRUE)
out <- function(what, x) cat(sprintf("%-28s %s\n", what, paste(format(x, digits = 10), collapse = " ")))

register <- sv("deltagare.csv", ";", "latin1")
ids <- register[[1]]
out("participants", length(unique(ids)))

# Attendance: three lists, each in its own dialect.
a1 <- sv("natverkstraff-1-december.csv", ",", "UTF-8")
a2 <- sv("natverkstraff-2-februari.csv", ";", "UTF-8-BOM")
a3 <- read.delim(data("natverkstraff-3-maj.csv"), stringsAsFactors = FALSE)
meet <- data.frame(p = c(a1[[1]], a2[[1]], a3[[1]]), event = rep(1:3, c(nrow(a1), nrow(a2), nrow(a3))),
                   contacts = c(a1[[2]], a2[[3]], a3[[2]]))
out("meetup_participants", length(unique(meet$p)))
mf <- ids[register[[2]] == "medfoljande"]
out("medfoljande_reached", length(unique(meet$p[meet$p %in% mf])))
contacts <- meet$contacts[!is.na(meet$contacts)]
tt <- t.test(contacts)
out("new_contacts_mean", c(mean(contacts), tt$conf.int, length(contacts)))

# The job market.
jm <- sv("jobbmarknad-april.csv", ";", "UTF-8-BOM")
yes <- function(x) tolower(x) %in% c("ja", "yes", "true", "1")
out("employers_at_market", length(unique(jm[[2]][jm[[2]] != ""])))
out("job_interviews", length(unique(jm[[1]][yes(jm[[3]])])))
out("hire_rate", sum(yes(jm[[5]])) / sum(yes(jm[[3]])))

# SWEMWBS: the Forms export before (answers as words), the other file after.
metric <- c(7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59,
            19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00)
often <- c("Aldrig" = 1, "Sällan" = 2, "Ibland" = 3, "Ofta" = 4, "Hela tiden" = 5)
belief <- c("Stämmer inte alls" = 1, "Stämmer dåligt" = 2, "Stämmer delvis" = 3, "Stämmer ganska bra" = 4, "Stämmer helt" = 5)
pre <- sv("effektmatning-1-januari.csv", ",", "UTF-8")
pre <- pre[grepl("^BD-", pre[[6]]), ]
raw <- rowSums(sapply(pre[7:13], function(x) often[x]))
score <- function(raw) ifelse(!is.na(raw) & raw >= 7 & raw <= 35, metric[pmax(1, pmin(29, raw - 6))], NA)
before <- data.frame(p = pre[[6]], pre = score(raw))
post <- sv("effektmatning-2-september.csv", ",", "UTF-8")
after <- data.frame(p = post[[1]], post = score(rowSums(post[3:9])))
both <- merge(before[!duplicated(before$p, fromLast = TRUE), ], after[!duplicated(after$p, fromLast = TRUE), ])
both <- both[!is.na(both$pre) & !is.na(both$post), ]
d <- both$post - both$pre
pt <- t.test(both$post, both$pre, paired = TRUE)
out("wellbeing_change", c(mean(d), pt$conf.int, length(d), pt$p.value))
out("wellbeing_change wilcoxon", wilcox.test(both$post, both$pre, paired = TRUE, exact = FALSE)$p.value)
out("wellbeing pairs (distinct)", nrow(unique(both[c("pre", "post")])))

# Job belief after, jt3 reverse-coded.
jt <- post[10:13]
jt[[3]] <- 6 - jt[[3]]
jmean <- rowMeans(jt)
jmean <- jmean[!is.na(jmean)]
jtt <- t.test(jmean)
out("jobbtro_post", c(mean(jmean), jtt$conf.int, length(jmean)))

# Follow-ups: work or study at 6 months; the followers in work at 3.
f3 <- sv("uppfoljning-3-manader.csv", ",", "UTF-8")
f6 <- sv("uppfoljning-6-manader.csv", ";", "UTF-8-BOM")
ok6 <- f6[[4]] %in% c("arbete", "studier", "employed", "studying")
b6 <- binom.test(sum(ok6), length(ok6))
out("work_or_study_6m", c(mean(ok6), b6$conf.int, length(ok6)))
f3m <- f3[f3$participant %in% mf, ]
ok3 <- f3m$status %in% c("employed", "studying", "internship")
b3 <- binom.test(sum(ok3), length(ok3))
out("medfoljande_work_3m", c(mean(ok3), b3$conf.int, length(ok3)))

# Participation: people by the number of events they came to.
seen <- unique(rbind(data.frame(p = meet$p, e = paste0("m", meet$event)),
                     data.frame(p = before$p, e = "i1"), data.frame(p = after$p, e = "i2"),
                     data.frame(p = jm[[1]], e = "j")))
out("people by events", table(table(seen$p)))
