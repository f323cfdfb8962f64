<?php
echo "before\n";
throw new Exception("boom <now>");
