echo abc | awk -v FS= '{print NF, $2}'
