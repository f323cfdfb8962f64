echo one # a trailing comment
echo two; # comment ; echo not-run
# a whole-line comment
echo "three # not a comment"
echo four#notacomment
