status: 0
--- stdout
30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58  z
--- stderr
