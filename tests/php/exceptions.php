<?php
function divide($a, $b) {
    if ($b == 0) throw new InvalidArgumentException("Division by zero!", 42);
    return $a / $b;
}
try {
    echo divide(10, 2), "\n";
    echo divide(1, 0), "\n";
} catch (InvalidArgumentException $e) {
    echo "Caught: ", $e->getMessage(), " code ", $e->getCode(), " line ", $e->getLine(), "\n";
} finally {
    echo "finally\n";
}
class MyException extends Exception {}
try { throw new MyException("custom"); } catch (RuntimeException | MyException $e) { echo get_class($e), "\n"; }
try { intdiv(1, 0); } catch (DivisionByZeroError $e) { echo $e->getMessage(), "\n"; }
try { echo 1 % 0; } catch (\Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
try { undefined_fn(); } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { try { throw new Exception("inner"); } catch (Exception $e) { throw new RuntimeException("outer", 0, $e); } }
catch (Exception $e) { echo $e->getMessage(), " <- ", $e->getPrevious()->getMessage(), "\n"; }
function f() { try { return "try"; } finally { echo "cleanup "; } }
echo f(), "\n";
