#!/usr/bin/env bash
# Runs every test of Mnemo against real servers, installing what a fresh machine lacks:
# redis-server (Debian package) and the Firestore emulator (google-cloud-cli-firestore-emulator).
# The tests start and stop the servers themselves on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

EMULATOR_JAR=/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -f "$EMULATOR_JAR" ] || dpkg -s google-cloud-cli-firestore-emulator >/dev/null 2>&1 \
  || missing+=(google-cloud-cli-firestore-emulator)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# The server tests expect these binaries; say so plainly if they are still missing.
command -v redis-server >/dev/null 2>&1 || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }

exec mvn -B -ntp verify "$@"
