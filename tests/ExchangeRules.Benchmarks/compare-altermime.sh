#!/usr/bin/env bash
# Runs alterMIME (Debian `altermime`) and ExchangeRules on the same messages with the same disclaimer job
# (plain + HTML), times both and checks both outputs for correctness. Prints a Markdown report (also
# written to OUT/report.md) for docs/performance.md.
#
#   tests/ExchangeRules.Benchmarks/compare-altermime.sh [OUT_DIR] [ITERATIONS]
#
# OUT_DIR defaults to a new temporary folder; ITERATIONS (default 20) is how often each message is
# processed for the timings. Needs: dotnet, altermime (apt-get install altermime).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$(mktemp -d -t altermime-compare.XXXXXX)}"
iterations="${2:-20}"
command -v altermime >/dev/null || { echo "altermime is not installed (apt-get install altermime)" >&2; exit 2; }

dotnet build "$here/ExchangeRules.Benchmarks.csproj" -c Release -nologo -v quiet >&2
bench="$here/bin/Release/net10.0/ExchangeRules.Benchmarks"
mkdir -p "$out/altermime" "$out/exchangerules"
"$bench" fixtures "$out" >&2

report="$out/report.md"
{
  echo "## alterMIME vs ExchangeRules: time per message"
  echo
  echo "Disclaimer job: plain-text disclaimer into text/plain parts, HTML disclaimer into text/html parts;"
  echo "$iterations runs per message. alterMIME is timed per process run (\`--input=-\`, stdin to stdout), as"
  echo "a content filter runs it; ExchangeRules in process (warm), as the transport agent runs it."
  echo
  echo "| message | size | alterMIME wall ms/msg | alterMIME CPU ms/msg |"
  echo "|---|---:|---:|---:|"
} > "$report"

TIMEFORMAT='%R %U %S'
for message in "$out"/messages/*.eml; do
  name="$(basename "$message")"
  size="$(stat -c %s "$message")"
  timing="$( { time (
    for _ in $(seq "$iterations"); do
      altermime --input=- --disclaimer="$out/disclaimer.txt" --disclaimer-html="$out/disclaimer.html" \
        < "$message" > "$out/altermime/$name"
    done
  ) ; } 2>&1 )"
  read -r real user sys <<< "$timing"
  awk -v n="$name" -v s="$size" -v r="$real" -v u="$user" -v y="$sys" -v i="$iterations" \
    'BEGIN { printf "| %s | %d | %.2f | %.2f |\n", n, s, r * 1000 / i, (u + y) * 1000 / i }' >> "$report"
done

{
  echo
  "$bench" stamp "$out/messages" "$out/exchangerules" "$iterations"
  echo
  echo "## Correctness: alterMIME"
  echo
  "$bench" verify "$out/messages" "$out/altermime"
  echo
  echo "## Correctness: ExchangeRules"
  echo
  "$bench" verify "$out/messages" "$out/exchangerules"
} >> "$report"

cat "$report"
echo >&2
echo "outputs in $out (altermime/, exchangerules/), report in $report" >&2
