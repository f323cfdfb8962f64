printf '123\n' > f; rev f
