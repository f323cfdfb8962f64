<?php
ob_start();
echo "captured";
$c = ob_get_clean();
echo strtoupper($c), "\n";
ob_start();
echo "flushed at end\n";
