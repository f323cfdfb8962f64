X=$(echo hello)
echo "X is $X"
echo "upper: $(echo abc | tr a-z A-Z)"
N=`echo 42`
echo $((N + 1))
echo "$(echo one; echo two)"
echo $(echo one; echo two)
