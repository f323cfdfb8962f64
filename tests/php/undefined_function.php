<?php
echo "start\n";
foo();
