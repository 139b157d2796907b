#!/usr/bin/env bash
# evidoc serve vs nginx on the same built page, alternating, on 127.0.0.1.
#
#   bench/serve_compare.sh [EVIDOC_BINARY] [ROUNDS] [SECONDS]
#
# Builds the bundled content with `evidoc build`, starts `evidoc serve` on
# the same content and Debian's nginx on the built folder (temp config,
# 127.0.0.1 only, stopped by its PID), then runs wrk against one page on each,
# alternating, ROUNDS times; then search latency (p99) on evidoc at 50
# connections: the same query over and over (after the first, answered from
# the snapshot's cache of recent searches, docs/api.md) and a different query
# each request (bench/search_queries.lua: 780 queries, more than the cache
# holds, so every one is searched). Prints each round, the medians and
# evidoc/nginx, and each side's p99. Needs nginx and wrk (scripts/setup
# --bench). Goal: evidoc >= 0.9x nginx req/s, search p99 < 10 ms, zero errors.
set -euo pipefail
cd "$(dirname "$0")/.."

EVIDOC=${1:-build/release/src/cli/evidoc}
ROUNDS=${2:-5}
SECONDS_PER_RUN=${3:-10}
CONNECTIONS=${CONNECTIONS:-50}
THREADS=${THREADS:-2}
PAGE=${PAGE:-/leg-cramps/}
SEARCH=${SEARCH:-/api/v1/search?q=calf+cramp+at+night}
EVIDOC_PORT=${EVIDOC_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "serve_compare: $tool is missing (scripts/setup --bench)" >&2; exit 2; }
done
[[ -x $EVIDOC ]] || { echo "serve_compare: no evidoc binary at $EVIDOC (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }

WORK=$(mktemp -d /tmp/evidoc-serve-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
EVIDOC_PID=""
NGINX_PID=""
cleanup() {
  [[ -n $EVIDOC_PID ]] && kill "$EVIDOC_PID" 2>/dev/null && wait "$EVIDOC_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$EVIDOC" build content -o "$WORK/public"
chmod -R a+rX "$WORK/public"

"$EVIDOC" serve content --host 127.0.0.1 --port "$EVIDOC_PORT" --no-access-log \
  --db "sqlite:$WORK/bench.db" >"$WORK/evidoc.url" 2>"$WORK/evidoc.log" &
EVIDOC_PID=$!

# nginx as a static server tuned the usual way: sendfile, keep-alive, no
# access log, one worker per core, open-file cache.
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 100000;
  keepalive_timeout 30s;
  open_file_cache max=1000 inactive=60s;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  fastcgi_temp_path $WORK/nginx-fastcgi;
  uwsgi_temp_path $WORK/nginx-uwsgi;
  scgi_temp_path $WORK/nginx-scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/public;
    index index.html;
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!

# Wait (bounded) until both answer the page.
for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$EVIDOC_PORT$PAGE" >/dev/null && curl -sf "http://127.0.0.1:$NGINX_PORT$PAGE" >/dev/null; then break; fi
  sleep 0.2
done
cmp <(curl -s "http://127.0.0.1:$EVIDOC_PORT$PAGE") <(curl -s "http://127.0.0.1:$NGINX_PORT$PAGE") \
  || { echo "serve_compare: the two servers answer different bytes for $PAGE" >&2; exit 1; }

# wrk output → "req_per_s errors p99_ms"; extra arguments go to wrk (-s script).
run_wrk() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${@:2}" "$1")
  local rps errors p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  errors=$(awk '/Socket errors:/ {gsub(",",""); s=$4+$6+$8+$10} /Non-2xx or 3xx responses:/ {n=$5} END {print s+n+0}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub("us","",v); v=v/1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v=v*1000}; print v}' <<<"$out")
  echo "$rps $errors $p99"
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

echo "page $PAGE: $ROUNDS rounds of ${SECONDS_PER_RUN}s, $CONNECTIONS connections, $THREADS wrk threads, alternating"
printf '%-6s %14s %8s %8s %14s %8s %8s\n' round evidoc_req/s errors p99_ms nginx_req/s errors p99_ms
: >"$WORK/e" ; : >"$WORK/n"
total_errors=0
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 )); then
    read -r e_rps e_err e_p99 < <(run_wrk "http://127.0.0.1:$EVIDOC_PORT$PAGE")
    read -r n_rps n_err n_p99 < <(run_wrk "http://127.0.0.1:$NGINX_PORT$PAGE")
  else
    read -r n_rps n_err n_p99 < <(run_wrk "http://127.0.0.1:$NGINX_PORT$PAGE")
    read -r e_rps e_err e_p99 < <(run_wrk "http://127.0.0.1:$EVIDOC_PORT$PAGE")
  fi
  echo "$e_rps" >>"$WORK/e"; echo "$n_rps" >>"$WORK/n"
  total_errors=$((total_errors + e_err))
  printf '%-6s %14s %8s %8s %14s %8s %8s\n' "$r" "$e_rps" "$e_err" "$e_p99" "$n_rps" "$n_err" "$n_p99"
done
e_med=$(median <"$WORK/e"); n_med=$(median <"$WORK/n")
ratio=$(awk -v e="$e_med" -v n="$n_med" 'BEGIN {printf "%.2f", e/n}')
echo "median: evidoc $e_med req/s, nginx $n_med req/s, evidoc/nginx = ${ratio}x (goal >= 0.9)"

# search_round NAME URL [wrk args]: ROUNDS runs, each printed, then the p99 median.
search_rounds() {
  local name=$1 url=$2
  shift 2
  echo "search, $name, on evidoc, $CONNECTIONS connections:"
  : >"$WORK/s"
  for r in $(seq 1 "$ROUNDS"); do
    read -r s_rps s_err s_p99 < <(run_wrk "$url" "$@")
    echo "$s_p99" >>"$WORK/s"
    total_errors=$((total_errors + s_err))
    printf '  round %s: %s req/s, p99 %s ms, errors %s\n' "$r" "$s_rps" "$s_p99" "$s_err"
  done
  echo "  p99 median: $(median <"$WORK/s") ms (goal < 10 ms)"
}
search_rounds "the same query ($SEARCH)" "http://127.0.0.1:$EVIDOC_PORT$SEARCH"
search_rounds "a different query each request (bench/search_queries.lua)" \
  "http://127.0.0.1:$EVIDOC_PORT" -s bench/search_queries.lua
echo "evidoc errors in all runs: $total_errors (goal 0)"
