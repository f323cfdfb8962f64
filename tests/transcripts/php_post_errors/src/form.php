<?php
echo "Method: {$_SERVER['REQUEST_METHOD']}\n";
echo "Name: " . ($_POST['name'] ?? 'none') . "\n";
echo "Request: " . ($_REQUEST['name'] ?? 'none') . ", " . ($_REQUEST['page'] ?? '-') . "\n";
echo "Type: " . ($_SERVER['CONTENT_TYPE'] ?? '-') . "\n";
