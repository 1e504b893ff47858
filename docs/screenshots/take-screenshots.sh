#!/usr/bin/env bash
# Takes the screenshots in this folder with Debian's chromium (headless, through Playwright for .NET): the HTML report
# of a written 14-day history and the dashboard of a test host with a 2-day history. Run from anywhere: docs/screenshots/take-screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export MODELMONITORING_SCREENSHOTS="$root/docs/screenshots"
export MODELMONITORING_CHROMIUM="${MODELMONITORING_CHROMIUM:-/usr/bin/chromium}"
dotnet test "$root/tests/ModelMonitoring.Browser.Tests" -c Release --filter "FullyQualifiedName~ScreenshotTests|FullyQualifiedName~Dashboard_IsRenderedToAPicture"
ls -l "$MODELMONITORING_SCREENSHOTS"/*.png
