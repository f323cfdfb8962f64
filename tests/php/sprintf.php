<?php
printf("%s is %d years old\n", "Ann", 30);
printf("[%5s] [%-5s] [%05d] [%.2f] [%10.3f] [%x] [%X] [%o] [%b] [%c] [%%] [%+d]\n", "ab", "ab", 42, 3.14159, 2.5, 255, 255, 8, 5, 65, 7);
echo sprintf("%08.2f|%'*10s|%u|%e", 3.14159, "pad", 3, 12345.678), "\n";
echo sprintf('%2$s %1$s', "world", "hello"), "\n";
echo number_format(1234567.891), " ", number_format(1234567.891, 2), " ", number_format(1234.5, 2, ',', '.'), " ", number_format(0.5), "\n";
$n = printf("abc\n"); echo $n, "\n";
