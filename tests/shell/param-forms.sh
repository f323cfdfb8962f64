x=hello.tar.gz
echo "${x%.*} ${x%%.*} ${x#*.} ${x##*.} ${#x}"
echo "${unset_var:-default} ${unset_var-dash} ${empty:=set}" "$empty"
y=
echo "[${y:-d}] [${y-d}] [${y:+alt}] [${x:+alt}]"
: ${z:=assigned}; echo "$z"
echo "${nope:?is required}"
echo never
