#!/usr/bin/env bash
# Builds the libFuzzer targets of Tests/Fuzz and runs each for a while (`make fuzz` runs this).
#
#   bash Tests/Fuzz/run.sh                 all three targets: pickle idx gzip
#   bash Tests/Fuzz/run.sh pickle          one of them
#   FUZZ_SECONDS=300 bash Tests/Fuzz/run.sh
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_OUT (binaries, corpora, logs and
# crashes; default /tmp/fuzz), FUZZ_ARGS (more libFuzzer flags), SWIFTC (default swiftc),
# FUZZ_DETECT_LEAKS=0 (stop treating a leak as a failure, e.g. to look past a known one).
#
# Everything is compiled with swiftc straight into $FUZZ_OUT/build, never into .build, so it
# runs beside `swift build`. FromScratch (which NumPyPickle.swift and MNIST.swift import) is
# built as a plain module; Datasets, the module under test, with -sanitize=fuzzer,address;
# each Fuzz*.swift imports Datasets and calls its public API, as a library user does.
# Exits non-zero if any target crashed, trapped, leaked, ran out of memory or timed out; the
# input is then in $FUZZ_OUT/crashes/ (replay: $FUZZ_OUT/fuzz-<target> <file>).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/Tests/Fuzz"
OUT=${FUZZ_OUT:-/tmp/fuzz}
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
SWIFTC=${SWIFTC:-swiftc}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(pickle idx gzip)

BUILD="$OUT/build"
mkdir -p "$BUILD/modules" "$OUT/crashes" "$OUT/logs"
SRC="$ROOT/Sources"
INCLUDES=(-I "$BUILD/modules" -I "$SRC/CZlib" -I "$SRC/COpenBLAS")
# The linker warns "Cannot export local symbol '__asan_...'" for every ASan global: harmless.
quiet() { grep -v "Cannot export local symbol" || true; }

build() {
    echo "== building into $BUILD"
    "$SWIFTC" -parse-as-library -module-name FromScratch -O -g -wmo -c \
        -emit-module -emit-module-path "$BUILD/modules/FromScratch.swiftmodule" \
        -I "$SRC/COpenBLAS" $(find "$SRC/FromScratch" -name "*.swift") -o "$BUILD/FromScratch.o" || return 1
    "$SWIFTC" -parse-as-library -module-name Datasets -O -g -wmo -c -sanitize=fuzzer,address \
        -emit-module -emit-module-path "$BUILD/modules/Datasets.swiftmodule" \
        "${INCLUDES[@]}" $(ls "$SRC"/Datasets/*.swift | grep -v /Checksum.swift) "$HERE/ChecksumStub.swift" \
        -o "$BUILD/Datasets.o" || return 1
    local target
    for target in "${TARGETS[@]}"; do
        local file
        case $target in
            pickle) file=FuzzPickle.swift ;;
            idx) file=FuzzIDX.swift ;;
            gzip) file=FuzzGzip.swift ;;
            *) echo "unknown target '$target' (pickle, idx, gzip)" >&2; return 1 ;;
        esac
        { "$SWIFTC" -parse-as-library -O -g -sanitize=fuzzer,address "${INCLUDES[@]}" "$HERE/$file" \
            "$BUILD/Datasets.o" "$BUILD/FromScratch.o" -lz -lopenblas -o "$OUT/fuzz-$target" 2>&1; } | quiet
        [ -x "$OUT/fuzz-$target" ] && [ "$OUT/fuzz-$target" -nt "$BUILD/Datasets.o" ] || return 1
    done
}

build || { echo "error: the fuzz targets did not build" >&2; exit 2; }

# Let ASan and libFuzzer report a crash: Swift's own backtracer would catch the signal first.
export SWIFT_BACKTRACE=enable=no
leak_flags=()
if [ "${FUZZ_DETECT_LEAKS:-1}" = 0 ]; then
    # Both: libFuzzer's check after each new input, and LeakSanitizer's at exit.
    leak_flags=(-detect_leaks=0)
    export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(dirname "$(command -v "$SWIFTC")")/llvm-symbolizer}
# The pickle seeds include a REDUCE of os.system that would create this file if anything ran it.
MARKER=/tmp/fuzz-pickle-ran-code
rm -f "$MARKER"

status=0
summary=()
for target in "${TARGETS[@]}"; do
    corpus="$OUT/corpus/$target"
    mkdir -p "$corpus"
    dict=()
    [ -f "$HERE/$target.dict" ] && dict=(-dict="$HERE/$target.dict")
    log="$OUT/logs/$target.log"
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (log: $log)"
    stamp="$OUT/logs/$target.started"
    touch "$stamp"
    # The first corpus folder collects what libFuzzer finds; the committed seeds stay as they are.
    "$OUT/fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$OUT/crashes/$target-" "${dict[@]}" "${leak_flags[@]}" ${FUZZ_ARGS:-} \
        "$corpus" "$HERE/seeds/$target" > "$log" 2>&1
    code=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    # With -fork=N there are no final stats: take the last status line's count and speed.
    [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    [ -n "$speed" ] || speed=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | sed 's/exec\/s: //')
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
    corpus_size=$(find "$corpus" -type f | wc -l)
    # Artifacts written during this run count too (with -fork=N -ignore_crashes=1 libFuzzer exits 0).
    crashes=$(find "$OUT/crashes" -maxdepth 1 -type f -name "$target-*" -newer "$stamp" | wc -l)
    if [ $code -ne 0 ] || [ "$crashes" -gt 0 ]; then
        status=1
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
        [ -n "$crash" ] || crash=$(find "$OUT/crashes" -maxdepth 1 -type f -name "$target-*" -newer "$stamp" | head -1)
        echo "!! $target failed (libFuzzer exit $code); input: ${crash:-see $log}"
        # The error, and the first frames in the code under test (the full stack is in the log).
        grep -E "ERROR: |Fatal error" "$log" | head -2
        grep -E "^ +#[0-9]+ 0x.* in .*/(Sources/Datasets|Tests/Fuzz)/" "$log" | head -4
        summary+=("$target: FAILED after ${runs:-?} runs, ${speed:-?} exec/s, ${cov:-?}, corpus $corpus_size; $crashes new artifact(s), e.g. ${crash:-?}")
    else
        summary+=("$target: ${runs:-?} runs, ${speed:-?} exec/s, ${cov:-?}, corpus $corpus_size, no crash")
    fi
done

if [ -e "$MARKER" ]; then
    echo "!! $MARKER exists: a pickle ran code" >&2
    status=1
fi
echo "== summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${summary[@]}"
exit $status
