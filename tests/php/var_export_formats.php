<?php
var_export([1, 'a' => ['b' => true, 'c' => null], 2 => 1.5, 3 => "it's"]);
echo "\n";
var_export(1.0); echo "\n";
var_export("x\\y"); echo "\n";
var_export(false); echo "\n";
$o = new stdClass; $o->a = 1; var_export($o); echo "\n";
echo var_export([], true), "\n";
