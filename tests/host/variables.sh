NAME=world
echo "hello $NAME"
echo "hello ${NAME}!"
echo "${UNSET:-default}"
echo "${#NAME}"
export GREETING=hi
sh -c 'echo "child sees $GREETING"'
unset NAME
echo "after unset: [$NAME]"
