head -c 2000 /dev/zero > big; touch small; find . -size +1k; find . -size -1
