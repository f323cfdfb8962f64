<?php
$input = '<script>alert("x & y\'s")</script>';
echo htmlspecialchars($input), "\n";
echo htmlspecialchars($input, ENT_NOQUOTES), "\n";
echo strip_tags("<b>bold</b> <i>it</i>"), "\n";
echo html_entity_decode("&lt;p&gt; &amp; &quot;"), "\n";
echo urlencode("a b&c=d/é"), " ", rawurlencode("a b"), " ", urldecode("a%20b+c"), "\n";
echo http_build_query(['q' => 'php docker', 'page' => 2]), "\n";
echo base64_encode("Hello"), " ", base64_decode("SGVsbG8="), " ", md5("hello"), " ", sha1("abc"), "\n";
echo hash('sha256', 'abc'), " ", bin2hex("ab"), " ", dechex(255), " ", hexdec("ff"), " ", decbin(10), "\n";
