echo 'b' | sed -E 's/(a)?b/[\1]/'
