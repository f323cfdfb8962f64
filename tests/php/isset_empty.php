<?php
$a = ['x' => null, 'y' => 0, 'z' => 'v'];
var_dump(isset($a['x']), isset($a['y']), isset($a['q']), isset($a['z'], $a['y']), isset($nope), isset($a['z']['k']));
var_dump(empty($a['x']), empty($a['y']), empty($a['z']), empty($nope), empty("0"), empty([]), empty("a"));
$v = $a['q'] ?? 'default'; echo $v, "\n";
$u = null; $u ??= 'set'; echo $u, "\n";
echo $nope ?? 'fallback', "\n";
unset($a['z']); var_dump(count($a));
$o = new stdClass; $o->p = 1; var_dump(isset($o->p), isset($o->q), $o?->p);
$null = null; var_dump($null?->foo);
