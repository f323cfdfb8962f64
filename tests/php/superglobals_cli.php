<?php
var_dump(PHP_SAPI === 'cli' || php_sapi_name() === 'cli');
var_dump($argc, count($argv) >= 1, is_array($_GET), $_GET, $_POST, isset($_SERVER['REQUEST_TIME']));
var_dump(PHP_EOL, PHP_INT_MAX, M_PI, PHP_OS, DIRECTORY_SEPARATOR, E_ALL);
var_dump(getenv('DEFINITELY_NOT_SET'));
