<?php
var_dump(preg_match('/(\d+)-(\d+)/', 'tel 555-1234 x', $m));
print_r($m);
echo preg_replace('/\s+/', ' ', "a   b \t\n c"), "\n";
echo preg_replace('/(\w+)@(\w+)\.com/', '$2 at ${1}', 'joe@site.com'), "\n";
print_r(preg_split('/[\s,]+/', "a, b  c,d"));
echo preg_match_all('/o/', 'foo boo', $all), "\n";
print_r($all);
var_dump(preg_match('/^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$/i', 'User@Example.COM'));
echo preg_replace_callback('/\d+/', fn($m) => $m[0] * 2, 'a1 b22 c3'), "\n";
echo preg_quote("Hello.World?"), "\n";
print_r(preg_grep('/^a/', ['apple', 'banana', 'avocado']));
