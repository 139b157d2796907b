# Generates the metafor reference fixtures for evidoc's evidence engine.
#
#   Rscript tests/reference/make_fixtures.R > tests/reference/metafor_fixtures.json
#
# Needs Debian's r-base-core and r-cran-metafor (scripts/setup --bench). The
# output is committed, so CI needs no R. Each case holds the study table as CSV
# text (exactly what evidoc reads), the options, and what metafor computes:
# rma.uni / rma.mh / rma.peto, predict(), confint() (Q-profile), regtest(),
# trimfill() and leave1out(). A part metafor cannot compute is null (and
# evidoc's test then checks nothing for it).
suppressMessages(library(metafor))
suppressMessages(library(jsonlite))

cases <- list()

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x[1])) NULL else unname(as.numeric(x))

csv_text <- function(df) {
  con <- textConnection("out", "w", local = TRUE)
  write.csv(df, con, row.names = FALSE, quote = TRUE)
  close(con)
  paste0(paste(out, collapse = "\n"), "\n")
}

safe <- function(expr) tryCatch(suppressWarnings(expr), error = function(e) NULL)

describe <- function(res, is_re) {
  out <- list(k = res$k, estimate = num(res$beta[1]), se = num(res$se[1]), statistic = num(res$zval[1]),
              pval = num(res$pval[1]), ci_lb = num(res$ci.lb[1]), ci_ub = num(res$ci.ub[1]),
              tau2 = num(res$tau2), i2 = num(res$I2), h2 = num(res$H2), q = num(res$QE), q_pval = num(res$QEp))
  out$yi <- num(res$yi)
  out$vi <- num(res$vi)
  out$weights <- num(weights(res))
  if (is_re) {
    p <- safe(predict(res))
    if (!is.null(p)) { out$pi_lb <- num(p$pi.lb); out$pi_ub <- num(p$pi.ub) }
    ci <- safe(confint(res))
    if (!is.null(ci)) {
      out$tau2_ci <- num(ci$random["tau^2", c("ci.lb", "ci.ub")])
      out$i2_ci <- num(ci$random["I^2(%)", c("ci.lb", "ci.ub")])
    }
  }
  out
}

add_case <- function(name, df, measure, method, test = "z", level = 95, add = 0.5, to = "only0",
                     drop00 = NULL) {
  args <- list(data = df, measure = measure, level = level, add = add, to = to)
  if (measure == "GEN") args <- list(data = df, measure = "GEN", level = level)
  cols <- names(df)
  pass <- function(nm) if (nm %in% cols) args[[nm]] <<- df[[nm]]
  for (nm in c("ai", "bi", "ci", "di", "n1i", "n2i", "m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i", "yi", "vi", "sei"))
    pass(nm)
  args$data <- NULL
  args$slab <- df$study
  res <- NULL
  if (method == "MH") {
    a <- args; a$level <- level
    if (!is.null(drop00)) a$drop00 <- drop00
    res <- safe(do.call(rma.mh, a))
  } else if (method == "PETO") {
    a <- args; a$measure <- NULL
    if (!is.null(drop00)) a$drop00 <- drop00
    res <- safe(do.call(rma.peto, a))
  } else {
    a <- args; a$method <- method; a$test <- test
    if (!is.null(drop00)) a$drop00 <- drop00
    res <- safe(do.call(rma.uni, a))
  }
  case <- list(name = name, csv = csv_text(df), measure = measure, method = method, test = test,
               level = level, add = add, to = to, drop00 = isTRUE(drop00))
  if (is.null(res)) {
    case$expect <- NULL
    case$metafor_error <- TRUE
  } else {
    is_re <- !(method %in% c("EE", "MH", "PETO"))
    e <- describe(res, is_re)
    if (res$k >= 3 && !(method %in% c("MH", "PETO"))) {
      rt <- safe(regtest(res))
      if (!is.null(rt)) e$egger <- list(statistic = num(rt$zval), pval = num(rt$pval))
      tf <- safe(trimfill(res))
      if (!is.null(tf)) e$trimfill <- list(k0 = tf$k0, side = tf$side, estimate = num(tf$beta[1]),
                                           ci_lb = num(tf$ci.lb[1]), ci_ub = num(tf$ci.ub[1]))
    }
    if (res$k >= 2) {
      l1 <- safe(leave1out(res))
      if (!is.null(l1)) {
        e$leave1out <- list(estimate = num(l1$estimate), ci_lb = num(l1$ci.lb), ci_ub = num(l1$ci.ub))
        if (!(method %in% c("MH", "PETO"))) { e$leave1out$tau2 <- num(l1$tau2); e$leave1out$i2 <- num(l1$I2) }
        else e$leave1out$i2 <- num(l1$I2)
      }
    }
    case$expect <- e
  }
  cases[[length(cases) + 1]] <<- case
}

re_methods <- c("DL", "REML", "ML", "PM", "HS", "SJ", "HE", "EB")
iv_methods <- c("EE", re_methods)

# --- metafor's own data sets ---
bcg <- with(dat.bcg, data.frame(study = paste(author, year), ai = tpos, bi = tneg, ci = cpos, di = cneg))
for (m in c("RR", "OR", "RD")) {
  for (meth in iv_methods) for (t in c("z", "knha")) add_case(paste("bcg", m, meth, t), bcg, m, meth, t)
  add_case(paste("bcg", m, "MH"), bcg, m, "MH")
}
add_case("bcg PETO", bcg, "OR", "PETO")
add_case("bcg RR REML level 90", bcg, "RR", "REML", "z", level = 90)

normand <- with(dat.normand1999, data.frame(study = source, m1i, sd1i, n1i, m2i, sd2i, n2i))
for (m in c("MD", "SMD", "ROM"))
  for (meth in iv_methods) for (t in c("z", "knha")) add_case(paste("normand", m, meth, t), normand, m, meth, t)

hack <- with(dat.hackshaw1998, data.frame(study = paste(author, year), yi, vi))
for (meth in iv_methods) for (t in c("z", "knha")) add_case(paste("hackshaw GEN", meth, t), hack, "GEN", meth, t)

collins <- with(dat.collins1985a, data.frame(study = paste(trial, id), ai = b.xti, n1i = nti, ci = b.xci, n2i = nci))
collins <- collins[complete.cases(collins), ]
for (meth in c("EE", "DL", "REML", "PM")) add_case(paste("collins OR", meth), collins, "OR", meth)
add_case("collins OR MH", collins, "OR", "MH")
add_case("collins PETO", collins, "OR", "PETO")

# Sparse tables with zero cells and double zeros (Yusuf 1985, table 9).
yusuf <- subset(dat.yusuf1985, table == "9" & !is.na(ai) & !is.na(ci))
yusuf <- with(yusuf, data.frame(study = trial, ai, n1i, ci, n2i))
for (m in c("OR", "RR", "RD")) {
  add_case(paste("yusuf9", m, "REML"), yusuf, m, "REML")
  add_case(paste("yusuf9", m, "EE drop00"), yusuf, m, "EE", drop00 = TRUE)
  add_case(paste("yusuf9", m, "MH"), yusuf, m, "MH")
  add_case(paste("yusuf9", m, "DL to all"), yusuf, m, "DL", to = "all")
  add_case(paste("yusuf9", m, "DL if0all add 0.25"), yusuf, m, "DL", add = 0.25, to = "if0all")
}
add_case("yusuf9 PETO", yusuf, "OR", "PETO")

# Zero cells and a double-zero study, hand-made.
zeros <- data.frame(study = c("A", "B", "C", "D", "E"), ai = c(0, 3, 5, 0, 12), bi = c(20, 17, 45, 30, 38),
                    ci = c(2, 6, 9, 0, 15), di = c(18, 14, 41, 30, 35))
for (m in c("OR", "RR", "RD")) {
  for (meth in c("EE", "DL", "REML")) add_case(paste("zeros", m, meth), zeros, m, meth)
  add_case(paste("zeros", m, "MH"), zeros, m, "MH")
  add_case(paste("zeros", m, "REML drop00"), zeros, m, "REML", drop00 = TRUE)
}
add_case("zeros PETO", zeros, "OR", "PETO")

# --- seeded random generic data: k = 1, 2, tau2 = 0, extreme heterogeneity ---
set.seed(20261129)
gen <- function(k, tau2, mu = 0.3) {
  vi <- round(runif(k, 0.01, 0.3), 6)
  yi <- round(rnorm(k, mu, sqrt(vi + tau2)), 6)
  data.frame(study = paste0("S", seq_len(k)), yi = yi, vi = vi)
}
sets <- list(k1 = gen(1, 0.1), k2 = gen(2, 0.1), k3 = gen(3, 0.05), k10 = gen(10, 0.1), k30 = gen(30, 0.2),
             homog = data.frame(study = paste0("H", 1:6), yi = c(0.21, 0.2, 0.19, 0.205, 0.2, 0.195),
                                vi = c(0.04, 0.05, 0.03, 0.06, 0.04, 0.05)),
             extreme = gen(12, 25), equal_vi = data.frame(study = paste0("E", 1:5), yi = c(-1, 0.5, 2, 0.1, 1.4),
                                                           vi = rep(0.1, 5)))
for (nm in names(sets)) for (meth in iv_methods) for (t in c("z", "knha"))
  add_case(paste("random", nm, meth, t), sets[[nm]], "GEN", meth, t)
for (i in 1:20) {
  d <- gen(sample(3:30, 1), runif(1, 0, 0.5))
  for (meth in c("REML", "DL", "PM")) add_case(paste("random batch", i, meth), d, "GEN", meth, "z")
}
# sei instead of vi
sei_set <- data.frame(study = paste0("T", 1:4), yi = c(0.1, 0.4, -0.2, 0.3), sei = c(0.2, 0.25, 0.3, 0.15))
add_case("random sei REML", sei_set, "GEN", "REML", "z")

# --- subgroups (--by): each level pooled separately, then the test for
# subgroup differences as rma(estimates, sei = ses, method = "EE") ---
add_subgroup_case <- function(name, df, measure, method, by) {
  groups <- split(df, factor(df[[by]], levels = unique(df[[by]])))
  fits <- lapply(groups, function(g) {
    if (measure == "GEN") rma(yi, vi, data = g, method = method)
    else rma(measure = measure, ai = ai, bi = bi, ci = ci, di = di, data = g, method = method)
  })
  est <- sapply(fits, function(f) f$beta[1]); se <- sapply(fits, function(f) f$se)
  between <- rma(est, sei = se, method = "EE")
  cases[[length(cases) + 1]] <<- list(
    name = name, csv = csv_text(df), measure = measure, method = method, test = "z", level = 95, add = 0.5,
    to = "only0", drop00 = FALSE, by = by,
    expect_subgroups = list(q = num(between$QE), df = length(fits) - 1, pval = num(between$QEp),
                            groups = unname(names(fits)), estimate = num(est), se = num(se),
                            tau2 = num(sapply(fits, function(f) f$tau2))))
}
bcg_alloc <- with(dat.bcg, data.frame(study = paste(author, year), alloc = as.character(alloc), ai = tpos,
                                      bi = tneg, ci = cpos, di = cneg))
for (meth in c("REML", "DL", "EE")) add_subgroup_case(paste("bcg RR by alloc", meth), bcg_alloc, "RR", meth, "alloc")
hack_design <- with(dat.hackshaw1998, data.frame(study = paste(author, year), design = as.character(design), yi, vi))
names(hack_design)[2] <- "type"  # a `design` column would mean crossover/paired to evidoc
for (meth in c("REML", "PM")) add_subgroup_case(paste("hackshaw by type", meth), hack_design, "GEN", meth, "type")

cat(toJSON(cases, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = FALSE))
cat("\n")
