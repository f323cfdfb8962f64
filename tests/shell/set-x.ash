status: 0
--- stdout
done
--- stderr
+ a=1
+ echo 'a is 1'
+ echo 'done'
