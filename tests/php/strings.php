<?php
$s = "  Hello World  ";
var_dump(strlen($s), trim($s), ltrim($s), rtrim($s), strtoupper($s), strtolower($s));
var_dump(ucfirst("hello"), ucwords("hello big world"), lcfirst("Hello"), strrev("abc"), str_repeat("ab", 3));
var_dump(str_replace("World", "PHP", "Hello World"), str_replace(['a', 'b'], ['1', '2'], "aabbc"));
var_dump(substr("abcdef", 1, 3), substr("abcdef", -2), substr("abc", 5), strpos("hello", "l"), strpos("hello", "z"), strrpos("hello", "l"));
var_dump(explode(",", "a,b,,c"), implode(" | ", [1, 2, 3]), str_split("abcde", 2));
var_dump(str_pad("5", 3, "0", STR_PAD_LEFT), str_pad("x", 5, "-", STR_PAD_BOTH), str_contains("haystack", "st"), str_starts_with("abc", "ab"), str_ends_with("abc", "bc"));
var_dump(wordwrap("The quick brown fox", 10, "\n"), nl2br("a\nb"), strcmp("a", "b"), substr_count("hello hello", "ll"), ucfirst(strtolower("WORLD")));
var_dump(trim("xxhixx", "x"), strstr("user@example.com", "@"), strstr("user@example.com", "@", true), chr(65), ord("a"));
