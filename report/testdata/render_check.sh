#!/bin/sh
# Renders the HTML report of the bundled sample month in headless Chromium and checks that
# the screenshot is not blank. Run from anywhere inside the module:
#
#   sh report/testdata/render_check.sh [screenshot.png]
#
# Needs Debian's chromium (apt-get install -y chromium). The report must render without any
# network access, so the browser runs with networking features off.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shot=${1:-$work/report.png}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "render_check: chromium not found (apt-get install -y chromium)" >&2
	exit 2
fi

(cd "$root" && go run ./report/internal/sample/render -o "$work/report.html")

# The report must not reach out: no http(s) URL in any src or href.
if grep -Eiq '(src|href)="?https?:' "$work/report.html"; then
	echo "render_check: report refers to an external URL" >&2
	exit 1
fi

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$work/profile" --hide-scrollbars \
	--screenshot="$shot" --window-size=1280,4000 "file://$work/report.html" \
	>"$work/chromium.log" 2>&1 || {
	cat "$work/chromium.log" >&2
	exit 1
}

# A blank white 1280x4000 PNG compresses to a few kilobytes; the report, with text, tables
# and six pictures, is well over a hundred.
size=$(wc -c <"$shot")
if [ "$size" -lt 100000 ]; then
	echo "render_check: screenshot $shot is only $size bytes: the page looks empty" >&2
	exit 1
fi
echo "render_check: ok, screenshot $shot ($size bytes)"
