<?php
class Animal {
    protected string $name;
    public static int $count = 0;
    const KINGDOM = 'Animalia';
    public function __construct(string $name) { $this->name = $name; self::$count++; }
    public function speak(): string { return "{$this->name} makes a sound"; }
    public function getName() { return $this->name; }
    public static function create($n) { return new static($n); }
}
class Dog extends Animal {
    public function speak(): string { return "{$this->name} barks"; }
    public function parentSpeak() { return parent::speak(); }
}
$a = new Animal("Generic"); $d = new Dog("Rex");
echo $a->speak(), "\n", $d->speak(), "\n", $d->parentSpeak(), "\n";
echo Animal::$count, " ", Animal::KINGDOM, " ", Dog::KINGDOM, "\n";
var_dump($d instanceof Animal, $a instanceof Dog);
echo get_class(Dog::create("Fido")), " ", Animal::$count, "\n";
echo $d::class, " ", Dog::class, "\n";
