<?php
function greet($name) { return "Hi $name"; }
echo greet();
