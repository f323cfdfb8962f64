a=""; [ -z "$a" ] && echo empty; [ -n "x" ] && echo nonempty; [ "a" != "b" ] && echo differ
