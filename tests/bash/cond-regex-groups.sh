v="release-1.22.3-rc1"
if [[ $v =~ ^release-([0-9]+)\.([0-9]+)\.([0-9]+)(-(rc[0-9]+))?$ ]]; then
  echo "${#BASH_REMATCH[@]} all=${BASH_REMATCH[0]} major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[3]} pre=${BASH_REMATCH[5]}"
fi
[[ "v2" =~ ^v([0-9])(x)?$ ]] && echo "groups: ${BASH_REMATCH[1]} [${BASH_REMATCH[2]}]"
[[ "key = value" =~ ^([a-z]+)[[:space:]]*=[[:space:]]*(.*)$ ]] && echo "${BASH_REMATCH[1]}|${BASH_REMATCH[2]}"
[[ "abcd" =~ (a|ab)(c|bcd) ]] && echo "${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
[[ "no" =~ x(y) ]] || echo "no match: ${#BASH_REMATCH[@]}"
re='^[0-9]+$'; [[ 42 =~ $re ]] && echo number
