<?php
$csv = "name,age\nann,30\nbob,25";
foreach (explode("\n", $csv) as $i => $line) {
    [$name, $age] = explode(",", $line);
    echo str_pad($name, 6), "|", str_pad($age, 4, " ", STR_PAD_LEFT), "\n";
}
echo ucwords(str_replace('_', ' ', 'hello_big_world')), "\n";
echo strtoupper(substr("docker", 0, 1)) . substr("docker", 1), "\n";
echo str_word_count("The quick brown fox"), " ", strlen(trim("  x  ")), " ", strlen("héllo"), "\n";
echo implode(",", str_split("abcdef", 4)), " ", strrev(strval(12345)), " ", substr_count("a-b-c", "-"), "\n";
echo sprintf("%'.10d|%-10s|%s", 42, "left", true), "\n";
echo nl2br("line1\nline2"), "\n";
echo addslashes("O'Reilly \"q\""), "\n";
echo strcasecmp("HELLO", "hello"), strncmp("abcd", "abef", 2), "\n";
