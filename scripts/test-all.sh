#!/usr/bin/env bash
# The whole test suite, as the README's test command runs it: lint, types, unit tests, database
# tests on PGlite (and on PostgreSQL when TEST_DATABASE_URL is set), process-mining parity tests,
# and browser journeys in Debian's Chromium. Prints one closing line "total: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

results=.test-results
rm -rf "$results" && mkdir -p "$results"
failed_steps=()

step() {
  local name=$1
  shift
  echo
  echo "=== $name ==="
  if ! "$@"; then failed_steps+=("$name"); fi
}

vitest_step() {
  local name=$1
  shift
  step "$name" npx vitest run "$@" --reporter=default --reporter=json --outputFile="$results/$name.json"
}

# Debian packages the tests drive for real: Chromium (browser tests), Dovecot (IMAP server for the
# intake tests), Tesseract with Danish (OCR of scanned attachments). Never a downloaded browser build.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-dejavu-core)
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-dan)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian packages for the tests: ${need[*]}"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null || echo "could not install: ${need[*]}"
  else
    echo "Missing Debian packages (the tests that need them will fail): sudo apt-get install ${need[*]}"
  fi
fi

step lint npm run --silent lint
step typecheck npm run --silent typecheck
vitest_step unit --project unit
# The database tier twice: on the embedded PGlite, then on PostgreSQL if one is configured.
step db-pglite env -u TEST_DATABASE_URL npx vitest run --project db --reporter=default --reporter=json --outputFile="$results/db-pglite.json"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  vitest_step db-postgres --project db
else
  echo "TEST_DATABASE_URL is not set: the database suite ran on PGlite only (set it to run it on PostgreSQL too)."
fi
vitest_step parity --project parity --passWithNoTests
step build-web npm run --silent build:web
vitest_step e2e --project e2e

node scripts/summarize-tests.mjs "$results"
summary_rc=$?
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "Failed steps: ${failed_steps[*]}"
  exit 1
fi
exit $summary_rc
