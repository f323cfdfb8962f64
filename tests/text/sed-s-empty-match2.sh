echo baaac | sed 's/a*/x/g'
