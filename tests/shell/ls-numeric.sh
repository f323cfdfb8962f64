mkdir d; touch d/f; chown 1234:5678 d/f; set -- $(ls -n d); echo "$3 $5 $6"; set -- $(ls -ln d); echo "$5 $6"
