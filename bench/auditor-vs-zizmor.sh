#!/usr/bin/env bash
# Times the tokenwarden-audit CLI against zizmor --offline on the same workflows: one generated repository
# (17 workflows, 2 composite actions) and a generated corpus of 1,005 workflows in 111 repositories.
# Prints a side-by-side table; asserts nothing. .ci/run does not run it.
#
# Usage: bench/auditor-vs-zizmor.sh [RUNS [LARGE]]   RUNS: timed runs per command after one warm-up (default
# 10); LARGE: also time a corpus of at least that many workflows (for example 10000).
# Needs: JDK 21+ (JAVA_HOME or java on the PATH), python3 with venv (zizmor is installed from PyPI into
# bench/target/zizmor-venv when missing). Uses hyperfine when installed (apt-get install hyperfine),
# otherwise a loop timed with date +%s%N.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${1:-10}
large=${2:-}
zizmor_version=1.32.0
work=bench/target/auditor
venv=bench/target/zizmor-venv
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cli=workflow-auditor/bin/tokenwarden-audit

jar=$(ls workflow-auditor-engine/target/workflow-auditor-engine-*-cli.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "building the CLI jar (./mvnw -pl workflow-auditor-engine -am package -DskipTests)"
  ./mvnw -B -q package -pl workflow-auditor-engine -am -DskipTests
  jar=$(ls workflow-auditor-engine/target/workflow-auditor-engine-*-cli.jar | head -n 1)
fi

# The generator uses only the JDK, so the source launcher runs it without building the bench module.
generator=bench/src/main/java/dev/tokenwarden/bench/WorkflowCorpus.java
if [ ! -d "$work/corpus" ] || [ "$generator" -nt "$work/corpus" ]; then
  "$java" "$generator" "$work"
fi
declare -A paths=([repository]="$work/repository" [corpus]="$work/corpus")
inputs=(repository corpus)
if [ -n "$large" ]; then
  if [ ! -d "$work-large/corpus" ] || [ "$generator" -nt "$work-large/corpus" ] \
      || [ "$(cat "$work-large/size" 2>/dev/null)" != "$large" ]; then
    "$java" "$generator" "$work-large" "$large"
    echo "$large" > "$work-large/size"
  fi
  paths[large]="$work-large/corpus"
  inputs+=(large)
fi

zizmor="$venv/bin/zizmor"
if [ ! -x "$zizmor" ] || [ "$("$zizmor" --version)" != "zizmor $zizmor_version" ]; then
  echo "installing zizmor $zizmor_version into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "zizmor==$zizmor_version"
fi

count() {
  find "$1" -type f \( -name '*.yml' -o -name '*.yaml' \) | wc -l | tr -d ' '
}

echo "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg) at start"
echo "java: $("$java" -version 2>&1 | head -n 1); $("$zizmor" --version); CLI jar: $jar"
echo "sanity run (not timed): what each tool reports for the same files"
for input in "${inputs[@]}"; do
  summary=$("$cli" scan "${paths[$input]}" 2>&1 | tail -n 1 || true)
  zsummary=$("$zizmor" --offline --no-progress "${paths[$input]}" 2>/dev/null | tail -n 1 || true)
  echo "  $input ($(count "${paths[$input]}") files): tokenwarden-audit: $summary"
  echo "  $input: zizmor: $zsummary"
done

results=bench/target/auditor-times.tsv
: > "$results"

# time_command LABEL INPUT COMMAND...: best and median wall seconds (CPU seconds too under hyperfine).
time_command() {
  local label=$1 input=$2 files
  files=$(count "${paths[$input]}")
  shift 2
  if command -v hyperfine > /dev/null; then
    local json=bench/target/hyperfine.json
    hyperfine --style none --warmup 1 --runs "$runs" --ignore-failure --export-json "$json" \
      "$(printf '%q ' "$@")" > /dev/null 2>> bench/target/hyperfine.log
    python3 - "$json" "$label" "$input" "$files" >> "$results" <<'PY'
import json, statistics, sys
result = json.load(open(sys.argv[1]))["results"][0]
times = sorted(result["times"])
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], "%.3f" % times[0], "%.3f" % statistics.median(times),
                 "%.3f" % (result["user"] + result["system"])]))
PY
  else
    local times=() start end
    "$@" > /dev/null 2>&1 || true
    for _ in $(seq "$runs"); do
      start=$(date +%s%N)
      "$@" > /dev/null 2>&1 || true
      end=$(date +%s%N)
      times+=("$(( (end - start) / 1000000 ))")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v input="$input" -v files="$files" \
      '{ t[NR] = $1 } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
         printf "%s\t%s\t%s\t%.3f\t%.3f\t-\n", label, input, files, t[1] / 1000, m / 1000 }' >> "$results"
  fi
}

for input in "${inputs[@]}"; do
  time_command "tokenwarden-audit" "$input" "$cli" scan "${paths[$input]}"
  time_command "java -jar (no start-up flags)" "$input" "$java" -jar "$jar" scan "${paths[$input]}"
  time_command "zizmor --offline" "$input" "$zizmor" --offline --no-progress "${paths[$input]}"
done

echo
echo "wall seconds over $runs runs after one warm-up (hyperfine: $(command -v hyperfine > /dev/null && echo yes || echo no));"
echo "CPU = mean user+system seconds per run; ratio = zizmor's best / this command's best (above 1: faster than zizmor)"
python3 - "$results" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
zizmor = {r[1]: float(r[3]) for r in rows if r[0].startswith("zizmor")}
print("%-30s %-11s %6s %9s %9s %7s %10s %7s" % ("command", "input", "files", "best s", "median s", "CPU s", "files/s", "ratio"))
for label, name, files, best, median, cpu in rows:
    print("%-30s %-11s %6s %9s %9s %7s %10.0f %7.2f" % (label, name, files, best, median, cpu, int(files) / float(best),
                                                          zizmor[name] / float(best)))
PY
echo "load average $(cut -d ' ' -f 1-3 /proc/loadavg) at end"
