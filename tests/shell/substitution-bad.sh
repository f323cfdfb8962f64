a=x
echo ${a^^}
