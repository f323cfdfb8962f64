awk 'BEGIN {x="3x"; print -x, +x, !x, !0, !""}'
