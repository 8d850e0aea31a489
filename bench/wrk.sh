# Sourced by the bench scripts: wrk once (measure), medians, and an A/B row against the peer (run) into "$results".
# wrk once: prints "req/s p50 p99" (latencies in ms).
measure() { # connections, then wrk arguments
  local c=$1; shift
  wrk -t2 -c"$c" -d"${seconds}s" --latency "$@" 2>/dev/null | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.1f %.1f\n", rps, p50, p99 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

results="$work/results"
: >"$results"
run() { # name, connections, tactus wrk args ||| peer wrk args (peer part optional)
  local name=$1 c=$2; shift 2
  local tactus=() peer_args=() side=tactus
  for a in "$@"; do if [ "$a" = "|||" ]; then side=peer; elif [ $side = tactus ]; then tactus+=("$a"); else peer_args+=("$a"); fi; done
  local t_rps=() t_p99=() p_rps=() p_p99=()
  # Warm-up (JIT tiers, caches, connection pools) before anything is counted.
  measure "$c" "${tactus[@]}" >/dev/null
  if [ ${#peer_args[@]} -gt 0 ]; then measure "$c" "${peer_args[@]}" >/dev/null; fi
  for _ in $(seq "$rounds"); do
    read -r r _ p <<<"$(measure "$c" "${tactus[@]}")"; t_rps+=("$r"); t_p99+=("$p")
    if [ ${#peer_args[@]} -gt 0 ]; then read -r r _ p <<<"$(measure "$c" "${peer_args[@]}")"; p_rps+=("$r"); p_p99+=("$p"); fi
  done
  local tr tp pr="-" pp="-" ratio="-"
  tr=$(printf '%s\n' "${t_rps[@]}" | median); tp=$(printf '%s\n' "${t_p99[@]}" | median)
  if [ ${#p_rps[@]} -gt 0 ]; then
    pr=$(printf '%s\n' "${p_rps[@]}" | median); pp=$(printf '%s\n' "${p_p99[@]}" | median)
    ratio=$(awk -v a="$tr" -v b="$pr" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
  fi
  printf '| %s | %s | %s | %s ms | %s | %s ms | %s |\n' "$name" "$c" "$tr" "$tp" "$pr" "$pp" "$ratio" | tee -a "$results"
}

