echo 'abcabc' | sed -E 's/((a)(b)c)+/[\1|\2|\3]/'
