<?php
foreach (['memory_limit', 'upload_max_filesize', 'post_max_size', 'max_execution_time', 'display_errors', 'display_startup_errors', 'log_errors', 'short_open_tag', 'precision', 'serialize_precision', 'default_charset', 'allow_url_fopen', 'max_input_time', 'output_buffering', 'register_argc_argv', 'html_errors', 'implicit_flush', 'variables_order', 'request_order', 'zend.assertions', 'error_log', 'error_reporting', 'session.name', 'session.gc_maxlifetime', 'session.gc_divisor', 'file_uploads', 'max_file_uploads', 'expose_php', 'nope.nothing'] as $k) {
    echo $k, ' = ', var_export(ini_get($k), true), "\n";
}
var_dump(ini_set('memory_limit', '256M'), ini_get('memory_limit'));
var_dump(ini_set('nope.nothing', '1'));
ini_restore('memory_limit');
var_dump(ini_get('memory_limit'));
var_dump(error_reporting(), error_reporting(E_ALL & ~E_WARNING), error_reporting());
echo $undefined_var, "after\n";
error_reporting(E_ALL);
echo $undefined_var2, "after2\n";
var_dump(E_ALL, E_DEPRECATED, E_USER_DEPRECATED, INFO_MODULES, INFO_ALL);
