#!/bin/sh
# Give every name in a users file (one name per line, '#' comments) its own Linux account and
# password for the workshop hub, in the course group the hub lets in.
#   sudo deploy/jupyterhub/add_users.sh users.txt                  # participants
#   sudo deploy/jupyterhub/add_users.sh --facilitators staff.txt   # facilitators (dashboard, poll-reset)
# New accounts get a private home (0700), no shell login (/usr/sbin/nologin), and a random password,
# written with the name to USERS_FILE.passwords (0600) for you to hand out. An existing account
# (uid >= 1000) is only added to the group, its password unchanged; a system account is refused.
# Settings (same variables as jupyterhub_config.py): COURSE_HUB_GROUP (course-participants),
# COURSE_HUB_FACILITATOR_GROUP (course-facilitators), COURSE_HUB_MIN_UID (1000),
# COURSE_HUB_HOME_BASE (where homes go; default useradd's, /home).
set -eu
umask 077
[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo): it creates Linux accounts" >&2; exit 1; }
GROUP=${COURSE_HUB_GROUP:-course-participants}
if [ "${1:-}" = "--facilitators" ]; then GROUP=${COURSE_HUB_FACILITATOR_GROUP:-course-facilitators}; shift; fi
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 [--facilitators] USERS_FILE" >&2; exit 2; }
MIN_UID=${COURSE_HUB_MIN_UID:-1000}
BASE=${COURSE_HUB_HOME_BASE:+--base-dir $COURSE_HUB_HOME_BASE}
PASSWORDS="$1.passwords"
getent group "$GROUP" >/dev/null || groupadd "$GROUP"
: >>"$PASSWORDS" && chmod 600 "$PASSWORDS"
sed 's/#.*//' "$1" | tr -d ' \t\r' | grep -v '^$' | while read -r name; do
    if ! printf '%s\n' "$name" | grep -Eq '^[a-z][a-z0-9_-]{0,31}$'; then
        echo "refused: $name (a user name is lower-case letters, digits, '-' or '_')" >&2
    elif id "$name" >/dev/null 2>&1; then
        if [ "$(id -u "$name")" -lt "$MIN_UID" ]; then
            echo "refused: $name is a system account (uid $(id -u "$name") < $MIN_UID)" >&2
        else
            usermod -a -G "$GROUP" "$name" && echo "exists:  $name (added to $GROUP)"
        fi
    else
        # shellcheck disable=SC2086
        useradd --create-home $BASE -K HOME_MODE=0700 --shell /usr/sbin/nologin -G "$GROUP" "$name"
        chmod 700 "$(getent passwd "$name" | cut -d: -f6)"
        password=$(head -c 15 /dev/urandom | base64 | tr '+/' 'xy')
        printf '%s:%s\n' "$name" "$password" | chpasswd
        printf '%s %s\n' "$name" "$password" >>"$PASSWORDS"
        echo "created: $name (password in $PASSWORDS)"
    fi
done
