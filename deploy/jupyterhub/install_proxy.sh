#!/bin/sh
# Install configurable-http-proxy (JupyterHub's proxy, from the npm registry) into
# deploy/jupyterhub/.proxy, next to this script: nothing is installed globally.
# jupyterhub_config.py finds it there. Needs node >= 18 and npm.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
VERSION=${CHP_VERSION:-5}
command -v npm >/dev/null 2>&1 || { echo "npm not found: install Node.js (e.g. apt-get install nodejs npm)" >&2; exit 1; }
npm install --prefix "$HERE/.proxy" --no-audit --no-fund --loglevel=error "configurable-http-proxy@$VERSION"
"$HERE/.proxy/node_modules/.bin/configurable-http-proxy" --version
