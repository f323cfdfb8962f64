<?php
interface Shape { public function area(): float; }
abstract class Base implements Shape {
    abstract public function name(): string;
    public function describe() { return sprintf("%s with area %.2f", $this->name(), $this->area()); }
}
class Circle extends Base {
    public function __construct(private float $r) {}
    public function area(): float { return M_PI * $this->r ** 2; }
    public function name(): string { return "Circle"; }
}
class Rect extends Base {
    public function __construct(private float $w, private float $h) {}
    public function area(): float { return $this->w * $this->h; }
    public function name(): string { return "Rect"; }
}
foreach ([new Circle(1), new Rect(2, 3)] as $s) { echo $s->describe(), "\n"; }
var_dump(new Circle(2) instanceof Shape);
try { new Base(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
