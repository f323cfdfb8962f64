expr abc : 'b'; echo rc=$?; expr abc : '.*b'
