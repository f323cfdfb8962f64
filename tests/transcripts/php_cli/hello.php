<?php
$greeting = $argv[1] ?? "World";
printf("Hello, %s! (%d args)\n", $greeting, $argc);
$langs = ['php' => 1995, 'docker' => 2013];
foreach ($langs as $name => $year) {
    echo str_pad(ucfirst($name), 8), $year, PHP_EOL;
}
