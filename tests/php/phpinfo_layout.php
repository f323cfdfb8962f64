<?php
phpinfo(INFO_LICENSE);
echo "--\n";
ob_start();
phpinfo(INFO_GENERAL | INFO_CONFIGURATION);
$text = ob_get_clean();
// The layout around the build's own lines: headings, rules, blank lines.
$start = strpos($text, "Copyright (c) Zend Technologies");
echo substr($text, $start, strpos($text, "Directive =>") - $start + 40), "\n";
foreach (['memory_limit', 'display_errors', 'short_open_tag', 'max_execution_time', 'html_errors', 'log_errors', 'error_reporting', 'post_max_size'] as $k) {
    preg_match('/^' . $k . ' => .*$/m', $text, $m);
    echo $m[0] ?? "$k missing", "\n";
}
echo "--\n";
ob_start();
phpinfo(INFO_MODULES);
$mods = ob_get_clean();
echo substr($mods, 0, strpos($mods, "PHP Version")), "\n";
ob_start();
phpinfo(INFO_ENVIRONMENT | INFO_LICENSE);
$env = ob_get_clean();
echo substr($env, 0, 40), "|", substr($env, strpos($env, "\nPHP License"), 30), "\n";
