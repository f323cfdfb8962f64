status: 0
--- stdout
child sees []
child sees [bar]
inline [inline]
after []
FOO=bar
--- stderr
