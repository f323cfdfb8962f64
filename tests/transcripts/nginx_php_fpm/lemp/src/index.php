<?php
$name = $_GET['name'] ?? 'world';
echo "Hello, " . htmlspecialchars($name) . " from PHP " . PHP_VERSION . "\n";
echo "Served by " . $_SERVER['SERVER_SOFTWARE'] . " for " . $_SERVER['REQUEST_URI'] . "\n";
echo "APP_ENV=" . getenv('APP_ENV') . "\n";
