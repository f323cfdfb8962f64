<?php
$data = ['name' => 'Ann', 'age' => 30, 'tags' => ['php', 'docker'], 'active' => true, 'score' => 9.5, 'none' => null, 'url' => 'http://x/y', 'u' => "é"];
echo json_encode($data), "\n";
echo json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
echo json_encode([1, 2, 3]), json_encode([]), json_encode(new stdClass), json_encode([1 => 'a', 2 => 'b']), json_encode("a\"b\n"), json_encode(1.0), json_encode(0.1 + 0.2), "\n";
$obj = json_decode('{"a":1,"b":{"c":[1,2,{"d":"e"}]},"f":1.5,"g":null}');
var_dump($obj->a, $obj->b->c[2]->d);
$arr = json_decode('{"a":1,"b":[true,false]}', true);
var_dump($arr);
var_dump(json_decode('not json'), json_last_error(), json_last_error_msg());
echo json_encode(['empty' => [], 'obj' => ['k' => []]], JSON_PRETTY_PRINT), "\n";
