echo 'Error ERROR error' | grep -io error | sort | uniq -c
