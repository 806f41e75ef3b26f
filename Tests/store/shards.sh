#!/usr/bin/env bash
# Four shards of one experiment as separate processes into one PostgreSQL; one shard is killed
# mid-way and resumed. Checks that the store then holds every block and every run exactly once,
# and that the report equals a single-process run's (into SQLite).
#
#   bash Tests/store/shards.sh PATH_TO_PARLEY POSTGRES_URL
set -euo pipefail
parley="$1"
url="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND…
    local description="$1"; shift
    if "$@"; then echo "ok    $description"; passed=$((passed + 1)); else echo "FAIL  $description"; failed=$((failed + 1)); fi
}

cat > "$work/experiment.yaml" <<YAML
parley-experiment: 1
name: shard test
scenario: prisoners-dilemma
seed: 11
runs: 3000
block_size: 100
arms: { actor: row, policies: [tit_for_tat, generous_tit_for_tat] }
sweep:
  grid: { implementation_noise: [0.01, 0.05] }
keep: runs
YAML
blocks_expected=60                 # 2 points × 3000 / 100
runs_expected=$((2 * 2 * 3000 * 4))  # points × arms × runs × metrics (prisoners-dilemma has 4)

# Four shards at once; shard 2 is killed once it has stored some of its blocks.
pids=()
for shard in 1 2 3 4; do
    "$parley" sweep "$work/experiment.yaml" --store "$url" --shard "$shard/4" --threads 1 --quiet > "$work/shard$shard.out" 2>&1 &
    pids+=($!)
done
experiment=""
for _ in $(seq 1 200); do
    experiment="$(psql "$url" -Atc "select id from experiments where name = 'shard test' limit 1" 2>/dev/null || true)"
    stored=0
    if [ -n "$experiment" ]; then
        stored="$(psql "$url" -Atc "select count(*) from blocks where experiment = '$experiment' and ((point * 30 + block) % 4) = 1")"
    fi
    if [ "$stored" -ge 2 ]; then break; fi
    sleep 0.05
done
kill -9 "${pids[1]}" 2>/dev/null || true
{ wait "${pids[1]}" || true; } 2>/dev/null
for index in 0 2 3; do wait "${pids[$index]}"; done
killed_stored="$(psql "$url" -Atc "select count(*) from blocks where experiment = '$experiment' and ((point * 30 + block) % 4) = 1")"
check "the killed shard had stored some but not all of its 15 blocks ($killed_stored)" test "$killed_stored" -ge 1 -a "$killed_stored" -lt 15

"$parley" sweep "$work/experiment.yaml" --store "$url" --shard 2/4 --resume --threads 1 --quiet > "$work/resume.out"
check "the resumed shard ran only the missing blocks" grep -q "$((15 - killed_stored)) blocks run, $killed_stored already stored" "$work/resume.out"

blocks="$(psql "$url" -Atc "select count(*) from blocks where experiment = '$experiment'")"
distinct="$(psql "$url" -Atc "select count(distinct (point, block)) from blocks where experiment = '$experiment'")"
runs="$(psql "$url" -Atc "select count(*) from runs where experiment = '$experiment'")"
distinct_runs="$(psql "$url" -Atc "select count(distinct (point, arm, run, metric)) from runs where experiment = '$experiment'")"
check "every block stored exactly once ($blocks of $blocks_expected)" test "$blocks" -eq "$blocks_expected" -a "$distinct" -eq "$blocks_expected"
check "every run stored exactly once ($runs rows of $runs_expected)" test "$runs" -eq "$runs_expected" -a "$distinct_runs" -eq "$runs_expected"

"$parley" sweep "$work/experiment.yaml" --store "$work/single.sqlite" --threads 2 --quiet > /dev/null
"$parley" report --store "$url" --experiment "$experiment" --format csv > "$work/sharded.csv"
"$parley" report --store "$work/single.sqlite" --experiment "$experiment" --format csv > "$work/single.csv"
check "sharded and single-process reports are identical" cmp -s "$work/sharded.csv" "$work/single.csv"
check "the report has every point, arm and metric" test "$(wc -l < "$work/single.csv")" -eq $((1 + 2 * 2 * 4))

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
