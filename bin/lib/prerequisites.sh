#!/usr/bin/env bash
# Installs and starts what the platform needs from the machine, on a fresh Debian machine:
#   - a JDK 17 (the Maven wrapper brings Maven itself),
#   - PostgreSQL from Debian's packages, running on 127.0.0.1:5432 with local trust authentication,
#   - docker-compose (only to check that docker-compose.yml parses; no Docker engine is needed),
#   - Debian's chromium and chromium-driver for the console's browser test, and Node.js with npm for the
#     OpenAPI lint (both skipped by bin/start).
# Safe to run again: each step does nothing when its part is already there.
set -euo pipefail

need_packages=()
command -v javac >/dev/null 2>&1 || need_packages+=(openjdk-17-jdk-headless)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
# Node.js and npm lint the OpenAPI documents (bin/lint-openapi); the machines here bring Node.js 20
[ "${ESIM_SKIP_BROWSER:-}" = 1 ] || command -v node >/dev/null 2>&1 || need_packages+=(nodejs npm)
[ "${ESIM_SKIP_COMPOSE:-}" = 1 ] || command -v docker-compose >/dev/null 2>&1 || need_packages+=(docker-compose)
if [ "${ESIM_SKIP_BROWSER:-}" != 1 ]; then
  [ -x /usr/bin/chromium ] || need_packages+=(chromium)
  [ -x /usr/bin/chromedriver ] || need_packages+=(chromium-driver)
fi

if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${need_packages[*]} (run as root, or install them)" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${need_packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

pg_answers() { (echo > /dev/tcp/127.0.0.1/5432) >/dev/null 2>&1; }

# PostgreSQL: the machine's own cluster. When nothing can be started here (no root), the tests and
# the start command fall back to a private server from the same binaries (see LocalPostgres).
if ! pg_answers && [ -z "${ESIM_PG_HOST:-}" ] && [ "$(id -u)" -eq 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    pg_createcluster "$version" main >/dev/null
  fi
  echo "Starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 50); do pg_answers && break; sleep 0.2; done
fi

# Local connections over TCP with trust, as the tests and the demo expect (user postgres, no password).
if pg_answers && [ "$(id -u)" -eq 0 ] && command -v psql >/dev/null 2>&1; then
  if ! psql -h 127.0.0.1 -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    echo "PostgreSQL on 127.0.0.1:5432 refuses user postgres without a password: set ESIM_PG_USER/ESIM_PG_PASSWORD" >&2
  fi
fi
