#!/usr/bin/env bash
# What the end-to-end tests need besides npm packages, installed once per machine: Redis
# (queue mode) from Debian's packages, and the real n8n versions, cached outside the clone.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
	if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
		echo "Installing redis-server from Debian's packages (queue-mode test)" >&2
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
	else
		echo "redis-server is missing: install it (sudo apt-get install -y redis-server) and run again" >&2
		exit 1
	fi
fi

# Minutes on a cold cache (both n8n versions), instant once cached.
bash scripts/install-n8n.sh >/dev/null
