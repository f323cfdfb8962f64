<?php
echo "Hello, World!\n";
print "print works\n";
echo 'single $quoted\n', "\n";
echo 1, 2.5, true, null, false, "\n";
