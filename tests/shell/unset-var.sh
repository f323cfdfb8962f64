echo "[$NOPE]"; set -u; echo "$NOPE"; echo after
