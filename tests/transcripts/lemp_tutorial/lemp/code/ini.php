<?php
echo ini_get('memory_limit'), " ", ini_get('upload_max_filesize'), " ", var_export(ini_get('display_errors'), true), " ", var_export(ini_get('no_such_thing'), true), "\n";
echo ini_set('memory_limit', '256M'), " -> ", ini_get('memory_limit'), "\n";
echo php_sapi_name(), " ", PHP_VERSION, "\n";
