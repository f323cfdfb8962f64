set -u
echo start
echo "$UNDEFINED_THING"
echo never
