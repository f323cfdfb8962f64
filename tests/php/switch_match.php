<?php
function day($d) {
    switch ($d) {
        case 1:
        case 7:
            return "weekend";
        case "3":
            echo "(mid) ";
        default:
            return "weekday";
    }
}
echo day(1), " ", day(3), " ", day(4), "\n";
$status = 404;
echo match ($status) {
    200, 201 => "ok",
    404 => "not found",
    default => "other",
}, "\n";
$x = 5;
echo match (true) { $x < 3 => "small", $x < 10 => "medium", default => "large" }, "\n";
try { echo match ($x) { 1 => 'a' }; } catch (\UnhandledMatchError $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
