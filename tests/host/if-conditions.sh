if [ -d /tmp ]; then echo dir; else echo nodir; fi
if echo abc | grep -q b; then
  echo found
fi
x=5
if [ "$x" -gt 3 ] && [ "$x" -lt 10 ]; then echo between; fi
[ -f /nonexistent ] || echo missing
