awk 'BEGIN { x = 0; i = 1 / x; n = x / x; s = i ""; t = -i ""; print i, -i, s + 1, t + 0, ("nan" + 0), ("-nan" + 0), ("+inf" + 0), ("infinity" * 0) }'
echo "inf nan 5" | awk '{ print ($1 > 1), $1 + 0, $2 + 0, ($3 > 10) }'
