<?php
var_dump(sqrt(16), pow(2, 8), pow(2.0, 0.5), pi(), fmod(10, 3), exp(1), log(M_PI), log10(1000), log(8, 2));
var_dump(round(1.955, 2), round(-2.5), round(1234.5678, -2), floor(-1.5), abs(-3.2), max([1, "5", 3.5]), min(2, "10"));
var_dump(PHP_INT_MAX, PHP_INT_SIZE, is_nan(NAN), is_infinite(INF), 10 ** 20, 0.1 * 3, 1e3, (int)"1e3");
var_dump(array_sum([1, 2.5, "3"]), 7 <=> 7.0, 10 % 3 === 1);
