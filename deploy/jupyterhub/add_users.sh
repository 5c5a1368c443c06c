#!/bin/sh
# Create a Linux account for every name in a users file (one name per line, '#' comments),
# for the hub's default 'local' spawner, where each participant's server runs as their own user.
# Accounts get no password: people log in to the hub with the room's shared password only.
#   sudo deploy/jupyterhub/add_users.sh users.txt
set -eu
[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo): it creates Linux accounts" >&2; exit 1; }
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 USERS_FILE" >&2; exit 2; }
sed 's/#.*//' "$1" | tr -d ' \t\r' | grep -v '^$' | while read -r name; do
    if id "$name" >/dev/null 2>&1; then
        echo "exists:  $name"
    else
        useradd --create-home --shell /usr/sbin/nologin "$name" && echo "created: $name"
    fi
done
