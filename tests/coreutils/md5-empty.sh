md5sum < /dev/null
