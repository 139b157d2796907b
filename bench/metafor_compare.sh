#!/usr/bin/env bash
# evidoc vs R's metafor on the same 2,000 random meta-analyses, in one run.
#
#   EVIDOC=build/release/src/cli/evidoc bench/metafor_compare.sh [N]
#
# 1. R (seeded) writes N random meta-analyses (k from 3 to 30, generic yi/vi)
#    to one CSV with an `analysis` column.
# 2. The whole evidoc job is timed, process start included:
#    `evidoc analyse data.csv --each analysis --method REML --format json`
#    (wall clock of the process, median of 11 runs, read by bash around the
#    command; evidoc uses every core, as by default).
# 3. metafor's fitting loop alone is timed in R: rma(yi, vi, method = "REML")
#    for each analysis (median of 3 runs; reading the data is not counted).
# 4. Every estimate, se and tau2 must agree (1e-8 absolute or 1e-6 relative),
#    then the ratio is printed. Needs Rscript with metafor and jsonlite.
set -euo pipefail

N=${1:-2000}
EVIDOC=${EVIDOC:-build/release/src/cli/evidoc}
if [[ ! -x "$EVIDOC" ]]; then
  echo "metafor_compare: no evidoc binary at $EVIDOC (set EVIDOC=...)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

Rscript -e '
  args <- commandArgs(TRUE); n <- as.integer(args[1]); out <- args[2]
  set.seed(2026)
  rows <- vector("list", n)
  for (i in seq_len(n)) {
    k <- sample(3:30, 1); tau2 <- runif(1, 0, 0.3)
    vi <- signif(runif(k, 0.005, 0.5), 6)
    yi <- signif(rnorm(k, rnorm(1, 0, 0.5), sqrt(vi + tau2)), 6)
    rows[[i]] <- data.frame(analysis = sprintf("a%04d", i), study = paste0("s", seq_len(k)), yi = yi, vi = vi)
  }
  write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = FALSE)
' "$N" "$work/data.csv"

# evidoc runs the analyses on every core (its default, --threads = nproc).
# The clock is read by bash itself ($EPOCHREALTIME) just before the fork and
# just after the wait, so the figure is the evidoc process alone, start and
# exit included. (Until 2026-11-29 it was read by two `date` processes around
# `/usr/bin/time evidoc`: their start and exit, three extra processes, were
# counted as evidoc's; see bench/README.md.) CPU time is evidoc's user + sys
# from bash's `times` (getrusage of the children, printed to the ms), taken
# before and after each run without a subshell.
export LC_ALL=C  # EPOCHREALTIME with a '.'
us() { local t=${1/./}; echo $((10#$t)); }  # "1764428400.123456" -> microseconds
child_cpu_us() {  # user + sys of all waited-for children so far, in us
  local u s m sec t
  times > "$work/times.txt"
  { read -r _ _; read -r u s; } < "$work/times.txt"
  cpu=0
  for t in "$u" "$s"; do
    m=${t%%m*}; sec=${t#*m}; sec=${sec%s}
    cpu=$(( cpu + m * 60000000 + 10#${sec/./} * 1000 ))
  done
}
load_before=$(cat /proc/loadavg)
times=()
cpus=()
for run in $(seq 1 11); do
  child_cpu_us; cpu_before=$cpu
  start=$EPOCHREALTIME
  "$EVIDOC" analyse "$work/data.csv" --each analysis --method REML --format json > "$work/evidoc.jsonl"
  end=$EPOCHREALTIME
  child_cpu_us
  times+=($(( $(us "$end") - $(us "$start") )))
  cpus+=($(( cpu - cpu_before )))
done
evidoc_us=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)
evidoc_cpu_us=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 6p)

Rscript -e '
  suppressMessages({ library(metafor); library(jsonlite) })
  args <- commandArgs(TRUE); dat <- read.csv(args[1]); evidoc_us <- as.numeric(args[3])
  groups <- split(dat, factor(dat$analysis, levels = unique(dat$analysis)))
  # metafor stops with an error on some data (Fisher scoring not converging);
  # those fits count as NULL and are reported, not compared.
  fit_all <- function() lapply(groups, function(g) tryCatch(rma(g$yi, g$vi, method = "REML"), error = function(e) NULL))
  reps <- sapply(1:3, function(i) { t <- system.time(fits <<- fit_all()); c(t[["elapsed"]], t[["user.self"]] + t[["sys.self"]]) })
  metafor_s <- median(reps[1, ]); metafor_cpu_s <- median(reps[2, ]); evidoc_cpu_us <- as.numeric(args[4])
  ev <- lapply(readLines(args[2]), fromJSON)
  stopifnot(length(ev) == length(fits))
  close <- function(a, b) abs(a - b) <= 1e-8 | abs(a - b) <= 1e-6 * abs(b)
  bad <- 0; failed <- 0
  for (i in seq_along(fits)) {
    f <- fits[[i]]; e <- ev[[i]]
    if (is.null(f)) { failed <- failed + 1; next }
    ok <- e$analysis == names(fits)[i] && close(e$estimate, f$beta[1]) && close(e$se, f$se) && close(e$tau2, f$tau2)
    if (!ok) { bad <- bad + 1; if (bad <= 5) cat("mismatch in", names(fits)[i], "\n") }
  }
  cat(sprintf("analyses: %d (k from 3 to 30, REML), rows: %d, cores: %s\n", length(fits), nrow(dat),
              parallel::detectCores()))
  cat(sprintf("estimates agree: %d of %d that metafor could fit (metafor failed on %d; evidoc fitted all %d)\n",
              length(fits) - bad - failed, length(fits) - failed, failed, length(ev)))
  cat(sprintf("evidoc analyse --each (whole process, median of 11): %.1f ms\n", evidoc_us / 1000))
  cat(sprintf("metafor rma() fitting loop (median of 3):          %.1f ms\n", metafor_s * 1000))
  cat(sprintf("ratio (wall clock): %.0fx\n", metafor_s * 1e6 / evidoc_us))
  cat(sprintf("CPU time: evidoc %.1f ms (median of 11), metafor %.0f ms; ratio %.0fx\n", evidoc_cpu_us / 1000,
              metafor_cpu_s * 1000, metafor_cpu_s * 1e6 / max(evidoc_cpu_us, 1)))
  cat(sprintf("load average before the evidoc runs: %s; after the metafor runs: %s\n", args[5],
              paste(readLines("/proc/loadavg"), collapse = "")))
  if (bad > 0) quit(status = 1)
' "$work/data.csv" "$work/evidoc.jsonl" "$evidoc_us" "$evidoc_cpu_us" "$load_before"
