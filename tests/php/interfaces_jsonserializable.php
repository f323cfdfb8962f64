<?php
class Pub { public $a = 1; protected $b = 2; private $c = 3; }
$pub = new Pub;
var_dump($pub);
print_r($pub); echo "\n";
var_dump(get_object_vars($pub));
class User implements JsonSerializable {
    public function __construct(private string $name, private string $pw) {}
    public function jsonSerialize(): mixed { return ['name' => $this->name]; }
}
echo json_encode([new User("ann", "secret")]), "\n";
echo json_encode($pub), "\n";
