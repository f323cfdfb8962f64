echo '!!!' | base64 -d; echo status=$?
