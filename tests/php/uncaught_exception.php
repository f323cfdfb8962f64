<?php
echo "before\n";
function fail($x) { throw new RuntimeException("Something broke"); }
fail(1);
echo "after\n";
