mkdir -p d1 d2/sub; touch f1 d1/a d2/b
ls d2 f1 d1
echo ---
ls -d d2 d1 f1
echo ---
ls nope d1; echo "status $?"
