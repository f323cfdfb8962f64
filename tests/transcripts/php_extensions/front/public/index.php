<?php
echo "route: " . $_SERVER["REQUEST_URI"] . " via " . $_SERVER["SCRIPT_NAME"] . "\n";
