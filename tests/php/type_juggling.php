<?php
var_dump((int)"12abc", (int)"abc", (float)"3.14xyz", (bool)"0", (bool)"", (bool)"0.0", (string)false, (int)3.99, (int)-3.99, (array)"x");
var_dump(intval("0x1A", 16), intval("012"), intval("42", 8), floatval("1e3"), boolval([]), strval(3.0));
var_dump(gettype(1), gettype(1.0), gettype("s"), gettype(null), gettype([]), gettype(new stdClass), gettype(true));
var_dump(is_numeric("12"), is_numeric("12.5e3"), is_numeric("abc"), is_numeric(" 12"), is_numeric("12 "), is_int("1"), is_string("1"));
var_dump("10" + 5, "3.5" * 2, 10 . "", 7 . '' . 3);
settype($v, "integer"); var_dump($v);
