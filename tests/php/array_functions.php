<?php
$a = [3, 1, 4, 1, 5, 9, 2, 6];
print_r(array_slice($a, 2, 3));
print_r(array_unique($a));
print_r(array_reverse($a));
print_r(array_count_values($a));
print_r(array_chunk([1, 2, 3, 4, 5], 2));
print_r(array_combine(['a', 'b'], [1, 2]));
print_r(array_flip(['a' => 1, 'b' => 2]));
print_r(array_fill(0, 3, 'x'));
print_r(range(1, 10, 3));
print_r(range('a', 'e'));
print_r(array_diff([1, 2, 3, 4], [2, 4]));
print_r(array_intersect([1, 2, 3, 4], [2, 4, 5]));
print_r(array_column([['id' => 1, 'n' => 'a'], ['id' => 2, 'n' => 'b']], 'n', 'id'));
echo array_search(4, $a), " ", array_sum($a), " ", array_product([2, 3]), "\n";
var_dump(array_key_first(['x' => 1, 'y' => 2]), array_key_last([1, 2, 3]), array_is_list([1, 2]));
$s = [1, 2, 3, 4, 5]; $removed = array_splice($s, 1, 2, ['a', 'b', 'c']); print_r($s); print_r($removed);
