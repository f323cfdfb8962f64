mkdir -p d; echo k > d/a; echo k > d/b; grep -rh k d
