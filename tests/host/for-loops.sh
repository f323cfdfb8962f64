for i in 1 2 3; do echo "item $i"; done
for i in a b
do
  echo "$i!"
done
for f in x y z; do echo $f; done | sort -r
