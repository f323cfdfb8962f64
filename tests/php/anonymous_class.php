<?php
$logger = new class {
    private array $lines = [];
    public function log($m) { $this->lines[] = $m; return $this; }
    public function dump() { return implode("; ", $this->lines); }
};
echo $logger->log("a")->log("b")->dump(), "\n";
$compose = fn(callable ...$fs) => fn($x) => array_reduce($fs, fn($acc, $f) => $f($acc), $x);
echo $compose('trim', 'strrev', 'strtoupper')("  abc "), "\n";
$obj = new ArrayObject();
echo is_object($obj) ? "object\n" : "no\n";
