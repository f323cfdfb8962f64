<?php
echo "a\n";
echo 1 / 0;
