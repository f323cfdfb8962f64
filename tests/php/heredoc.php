<?php
$user = ['name' => 'Ann', 'age' => 30];
echo <<<EOT
Name: {$user['name']}
Age: $user[age]
  indented "quotes" \t tab
EOT;
echo "\n";
echo <<<'NOW'
raw $user \n
NOW;
echo "\n";
$x = <<<TXT
    a
      b
    TXT;
var_dump($x);
