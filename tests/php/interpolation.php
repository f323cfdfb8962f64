<?php
$name = "World"; $a = ['k' => 'v', 3 => 'three']; $o = new stdClass; $o->p = 'prop';
echo "Hello $name!\n";
echo "arr: $a[k] {$a['k']} $a[3]\n";
echo "obj: $o->p {$o->p}\n";
echo "braces: {$name}s\n";
echo "escapes: \t|\\|\$x|\x41|\101|\u{263A}\n";
