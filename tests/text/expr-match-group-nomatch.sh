expr abc : 'x\(.*\)'; echo rc=$?
