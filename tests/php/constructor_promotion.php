<?php
class Point {
    public function __construct(public int $x = 0, public int $y = 0, private string $label = "p") {}
    public function __toString(): string { return "($this->x, $this->y)"; }
    public function label() { return $this->label; }
}
$p = new Point(1, 2);
echo $p, " ", $p->label(), "\n";
var_dump($p);
print_r($p); echo "\n";
$q = clone $p; $q->x = 9; echo $p->x, $q->x, "\n";
echo json_encode($p), "\n";
