#!/usr/bin/env bash
# Remakes the screenshots of the review page shown in README.md: the report of the four
# seed articles (corpus/000-003), open at Ealing Central and Acton, on a wide screen and
# on a phone. Needs Debian's chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release -q
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/newsfacts extract corpus/00[0-3]_*.txt -q -o "$work/seeds.jsonl" --html "$work/seeds.html"
shot() {
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
        --user-data-dir="$work/profile" --window-size="$2" --screenshot="$1" \
        "file://$work/seeds.html#a3" 2>/dev/null
}
shot docs/report.png 1280,900
shot docs/report-phone.png 390,844
