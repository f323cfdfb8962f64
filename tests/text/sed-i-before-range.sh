seq 1 3 | sed '2,3i >>'
