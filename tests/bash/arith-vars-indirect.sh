a=b; b=7; echo $(( a + 1 )); unset z; echo $(( z + 1 ))
