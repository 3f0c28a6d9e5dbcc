#!/usr/bin/env bash
# Runs every fuzz target for SECONDS_PER_TARGET seconds each (default 600), two at a time,
# starting from the committed seed corpus and freshly written cookies. New inputs go to
# fuzz/corpus-out/, crashes to fuzz/artifacts/.
# Needs the nightly toolchain and cargo-fuzz: `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${SECONDS_PER_TARGET:-600}"
cargo +nightly fuzz build
# Fresh genuine cookies: the committed ones have long expired, and an expired cookie never
# reaches the payload decoder.
cargo +nightly run --release --bin seeds -- corpus-out/seeds
# The oracle of the signed and sealed targets: only these values may verify.
export TYPED_COOKIES_FUZZ_GENUINE="$PWD/corpus-out/seeds/genuine.txt"
run() {
  mkdir -p "corpus-out/$1"
  cargo +nightly fuzz run "$1" "corpus-out/$1" "corpus/$1" "corpus-out/seeds/$1" -- \
    -max_total_time="$seconds" -print_final_stats=1 > "corpus-out/$1.log" 2>&1
  echo "$1: $(grep -E 'stat::number_of_executed_units' "corpus-out/$1.log")"
}
run header & run read_plain & wait
run read_signed & run read_sealed & wait
run read_flask & run read_django & wait
run read_rails & wait
