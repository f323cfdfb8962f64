<?php
trait Greets { public function hello() { return "Hello from " . static::class; } }
class A { use Greets; }
class B extends A {}
echo (new A)->hello(), "\n", (new B)->hello(), "\n";
class Counter {
    private static $n = 0;
    public static function next() { return ++self::$n; }
}
Counter::next(); echo Counter::next(), "\n";
class Config {
    private array $data = [];
    public function __get($k) { return $this->data[$k] ?? "unset:$k"; }
    public function __set($k, $v) { $this->data[$k] = $v; }
}
$c = new Config; echo $c->missing, "\n";
