mkdir -p a/b/c
cd a/b
echo ${PWD##*/}
cd c && echo in-c
cd /nonexistent
echo $?
cd
[ "$PWD" = "$HOME" ] && echo home
cd - >/dev/null; echo ${PWD##*/}
