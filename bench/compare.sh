#!/usr/bin/env bash
# margin against its peers on one huge article, in one run:
#   (a) time to first frame, margin vs less, in the same 200x60 tmux pane;
#   (b) `margin --annotations` vs `grep -ciE 'role|wangwang|circle|sesame|alipay'`;
#   (c) peak RSS of margin (--annotations, and interactive after loading) vs the file size.
# Prints medians and ratios. Uses bash, tmux, less, grep, GNU time; installs nothing.
#
# Usage: bench/compare.sh [FILE]      (default: the bundled article repeated to ~100 MB)
# Env:   RUNS (default 5), SIZE_MB (default 100), SETTLE (seconds after load, default 3),
#        MARGIN (a margin binary to measure instead of building this tree's)
set -euo pipefail

RUNS=${RUNS:-5}
SIZE_MB=${SIZE_MB:-100}
SETTLE=${SETTLE:-3}
COLS=200
ROWS=60
PATTERN='role|wangwang|circle|sesame|alipay'
# Text of the article's first screen that both readers show.
KNOWN='March 9, 2017'

cd "$(dirname "$0")/.."
root=$(pwd)

missing=()
for tool in tmux less grep cargo; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
GNU_TIME=/usr/bin/time
if ! "$GNU_TIME" -f %M true >/dev/null 2>&1; then
    missing+=("GNU time (/usr/bin/time)")
fi
if ((${#missing[@]})); then
    echo "compare.sh: missing: ${missing[*]}" >&2
    echo "  on Debian/Ubuntu: apt-get install -y tmux less grep time" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/margin-compare.XXXXXX")
socket="margin-compare-$$"
cleanup() {
    tmux -L "$socket" kill-server >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# margin must not touch the user's bookmarks or rules.
export XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" LESSHISTFILE=- LESS=

if [[ -n "${MARGIN:-}" ]]; then
    margin=$(realpath "$MARGIN")
else
    echo "building margin (cargo build --release)…" >&2
    cargo build --release --quiet
    margin="$root/target/release/margin"
fi

file=${1:-}
if [[ -z "$file" ]]; then
    file="$work/article-${SIZE_MB}MB.txt"
    target=$((SIZE_MB * 1000 * 1000))
    # Double a chunk of copies until the file is big enough: a few appends, not thousands.
    { cat assets/article.txt; printf '\n\n'; } >"$work/chunk"
    while (($(stat -c %s "$work/chunk") < 1000000)); do
        cat "$work/chunk" "$work/chunk" >"$work/chunk2" && mv "$work/chunk2" "$work/chunk"
    done
    : >"$file"
    while (($(stat -c %s "$file") < target)); do cat "$work/chunk" >>"$file"; done
fi
[[ -r "$file" ]] || { echo "compare.sh: cannot read '$file'" >&2; exit 2; }
size=$(stat -L -c %s "$file")
cat "$file" >/dev/null # page cache warm for everyone

now_ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b>0) printf "%.2f", a/b; else print "n/a"}'; }
ms() { awk -v ns="$1" 'BEGIN {printf "%.1f", ns/1e6}'; }

# A session that keeps the tmux server up, so no run pays for starting it.
tmux -L "$socket" new-session -d -s keeper -x "$COLS" -y "$ROWS" "sleep 100000"

# Runs a command in a fresh detached session of the pane size and waits
# until $KNOWN shows; prints the nanoseconds it took (or fails after 20 s).
first_frame_ns() {
    local name="ff$RANDOM$RANDOM" start deadline
    start=$(now_ns)
    deadline=$((start + 20 * 1000000000))
    tmux -L "$socket" new-session -d -s "$name" -x "$COLS" -y "$ROWS" "$@"
    while :; do
        if tmux -L "$socket" capture-pane -p -t "$name" 2>/dev/null | grep -qF "$KNOWN"; then
            echo $(($(now_ns) - start))
            break
        fi
        if (($(now_ns) > deadline)); then
            echo "compare.sh: '$*' showed no '$KNOWN' within 20 s" >&2
            tmux -L "$socket" kill-session -t "$name" >/dev/null 2>&1 || true
            return 1
        fi
        sleep 0.002
    done
    tmux -L "$socket" kill-session -t "$name" >/dev/null 2>&1 || true
}

echo "first frame: $RUNS runs each, alternating…" >&2
: >"$work/ff.margin"
: >"$work/ff.less"
for ((i = 0; i < RUNS; i++)); do
    first_frame_ns "$margin" "$file" >>"$work/ff.margin"
    first_frame_ns less "$file" >>"$work/ff.less"
done

# Wall time (ns) and peak RSS (KB) of one command. Output goes to a file:
# GNU grep stops at the first match when its output is /dev/null.
timed() {
    local start end
    start=$(now_ns)
    "$GNU_TIME" -f %M -o "$work/rss" "$@" >"$work/out"
    end=$(now_ns)
    echo "$((end - start)) $(tail -n 1 "$work/rss")"
}

echo "annotations vs grep: $RUNS runs each, alternating…" >&2
: >"$work/ann"
: >"$work/grep"
for ((i = 0; i < RUNS; i++)); do
    timed "$margin" --annotations "$file" >>"$work/ann"
    timed grep -ciE "$PATTERN" "$file" >>"$work/grep"
done

echo "interactive peak RSS: open, wait for loading to end, q…" >&2
interactive_rss() {
    local name="rss$RANDOM" deadline last="" same=0 screen
    rm -f "$work/rss.i"
    tmux -L "$socket" new-session -d -s "$name" -x "$COLS" -y "$ROWS" \
        "$GNU_TIME" -f %M -o "$work/rss.i" "$margin" "$file"
    deadline=$(($(now_ns) + 120 * 1000000000))
    # Loaded: no "loading" in the status bar and the paragraph count
    # (¶n/TOTAL) unchanged for 1 s.
    while (($(now_ns) < deadline)); do
        screen=$(tmux -L "$socket" capture-pane -p -t "$name" 2>/dev/null || true)
        total=$(grep -o '¶[0-9]*/[0-9]*' <<<"$screen" | tail -n 1 || true)
        if [[ -n "$total" && "$screen" != *loading* && "$total" == "$last" ]]; then
            ((++same >= 10)) && break
        else
            same=0
        fi
        last=$total
        sleep 0.1
    done
    sleep "$SETTLE" # detection of the whole text runs after loading
    tmux -L "$socket" send-keys -t "$name" q
    for _ in $(seq 100); do
        [[ -s "$work/rss.i" ]] && break
        sleep 0.1
    done
    tmux -L "$socket" kill-session -t "$name" >/dev/null 2>&1 || true
    tail -n 1 "$work/rss.i" 2>/dev/null || echo 0
}
rss_interactive=$(interactive_rss)

ff_margin=$(median <"$work/ff.margin")
ff_less=$(median <"$work/ff.less")
ann_ns=$(cut -d' ' -f1 "$work/ann" | median)
grep_ns=$(cut -d' ' -f1 "$work/grep" | median)
ann_rss=$(cut -d' ' -f2 "$work/ann" | sort -n | tail -n 1)
grep_rss=$(cut -d' ' -f2 "$work/grep" | sort -n | tail -n 1)
file_kb=$((size / 1024))

echo
echo "margin $(git describe --always --dirty 2>/dev/null || echo '?') · $(basename "$file") $((size / 1000000)) MB · ${COLS}x${ROWS} · medians of $RUNS · $(nproc) cores · $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-34s %12s %12s %8s %s\n' "measure" "margin" "peer" "ratio" "goal"
printf '%-34s %9s ms %9s ms %8s %s\n' "first frame (tmux, vs less)" "$(ms "$ff_margin")" "$(ms "$ff_less")" "$(ratio "$ff_margin" "$ff_less")" "≤ 2.0"
printf '%-34s %9s ms %9s ms %8s %s\n' "--annotations (vs grep -ciE)" "$(ms "$ann_ns")" "$(ms "$grep_ns")" "$(ratio "$ann_ns" "$grep_ns")" "≤ 1.5"
printf '%-34s %9s MB %9s MB %8s %s\n' "peak RSS --annotations (vs file)" "$((ann_rss / 1024))" "$((file_kb / 1024))" "$(ratio "$ann_rss" "$file_kb")" "≤ 1.5"
printf '%-34s %9s MB %9s MB %8s %s\n' "peak RSS interactive (vs file)" "$((rss_interactive / 1024))" "$((file_kb / 1024))" "$(ratio "$rss_interactive" "$file_kb")" "≤ 1.5"
printf '%-34s %9s MB\n' "peak RSS grep" "$((grep_rss / 1024))"
echo "raw first-frame ms, margin: $(tr '\n' ' ' <"$work/ff.margin" | awk '{for(i=1;i<=NF;i++) printf "%.0f ", $i/1e6}')"
echo "raw first-frame ms, less:   $(tr '\n' ' ' <"$work/ff.less" | awk '{for(i=1;i<=NF;i++) printf "%.0f ", $i/1e6}')"
